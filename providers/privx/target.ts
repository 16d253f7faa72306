// SSH PrivX as a target: users and hosts pushed through a PrivX SCIM directory.
import type { TargetModelPart } from "../../model/target-kit";
import { batchLabel, type Target } from "../target";
import { privxAccess } from "./access";
import { privxPreflight } from "./preflight";
import { PRIVX_SECRET_KEYS } from "./settings";
import { privxSurvey } from "./survey";
import { privxGrantKinds, privxGrants } from "./grants";
import { declarePrivx } from "./declare";
import { privxHostDiff } from "./host";
import { privxScimUserDiff } from "./scim-user";
import type { DesiredPrivx } from "./desired";
import { buildPrivx } from "./desired-state";
import { mergePrivxSections, privxSectionSchema, readPrivxSection, type PrivxMappings, type PrivxSection } from "./mappings";

export const privxModelPart: TargetModelPart<PrivxSection, PrivxMappings, DesiredPrivx> = {
  name: "privx",
  schema: privxSectionSchema,
  readSection: readPrivxSection,
  merge: mergePrivxSections,
  memberSources: (privx) => privx.roles.flatMap((r) => r.members),
  attributeRules: (privx) => [privx.userName, privx.externalId],
  build: buildPrivx,
  nameFields: ["roles[*].name", "hosts[*].commonName"],
  grantKinds: privxGrantKinds,
  grantNames: (privx) => ({ role: privx.roles.map((r) => r.name), host: privx.hosts.map((h) => h.externalId) }),
  grantRules: (privx) =>
    privx.roles.map((r) => ({
      kind: "role",
      name: r.name,
      key: `privx:role:${r.name}`,
      members: r.members,
      maxGrantDays: r.maxGrantDays,
      maxGrantDaysAt: r.maxGrantDaysAt,
      at: r.at,
      heldIn: { resource: "ScimUser", field: "groups", value: r.name },
    })),
  grantsOf: privxGrants,
};

export const privxTarget: Target<typeof privxModelPart> = {
  title: "PrivX",
  model: privxModelPart,
  preflight: privxPreflight,
  secrets: [...PRIVX_SECRET_KEYS],
  survey: privxSurvey,
  access: privxAccess,
  declare: declarePrivx,
  batches: { ScimUsers: batchLabel("ScimUser", privxScimUserDiff), Hosts: batchLabel("Host", privxHostDiff) },
  resources: {
    ScimUser: { objectType: "user", nameFields: ["userName", "displayName"], report: { kind: "account", ignore: ["groups", "entraId"], rolesField: "groups" } },
    Host: { objectType: "host", nameFields: ["commonName"], report: { kind: "host", ignore: ["externalId"] } },
  },
};
