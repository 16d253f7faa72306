// PRA Configuration API wire types, each with its endpoint (spec: shared/apis/pra-configuration.openapi.yaml).
export * from "./endpoint";
export * from "./fields";
export * from "./group-policy";
export * from "./group-policy-member";
export * from "./group-policy-jump-group";
export * from "./jump";
export * from "./security-provider";
export * from "./user";
