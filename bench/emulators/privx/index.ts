export { startPrivxEmulator, EMULATED_SYSTEM_ROLES, type PrivxEmulator, type PrivxEmulatorOptions, type PrivxEmulatorState } from "./emulator";
export { PRIVX_AUTH_KINDS, type PrivxAuthKind } from "./auth";
export { SCIM_USER_SCHEMA, type PrivxScimUser, type PrivxScimUserAttributes } from "./user-resource";
export { SCIM_HOST_SCHEMA, type PrivxScimHost, type PrivxScimHostAttributes } from "./host-resource";
export { SCIM_ERROR_SCHEMA, SCIM_CONTENT_TYPE } from "./scim-error";
export { LIST_RESPONSE_SCHEMA } from "./scim-list";
