// Any SCIM 2.0 application (RFC 7643/7644) as a target: users with a role from group mappings
// (precedence, default role, role lock, disabled users kept inactive), and optionally groups.
import type { TargetModelPart } from "../../model/target-kit";
import { batchLabel, type Target } from "../target";
import { scimAccess } from "./access";
import { scimPreflight } from "./preflight";
import { declareScim } from "./declare";
import { scimUserDiff } from "./user";
import { scimGrantKinds, scimGrantRules, scimGrants } from "./grants";
import type { DesiredScim } from "./desired";
import { buildScim } from "./desired-state";
import { mergeScimSections, readScimSection, scimSectionSchema, type ScimMappings, type ScimSection } from "./mappings";

export const scimModelPart: TargetModelPart<ScimSection, ScimMappings, DesiredScim> = {
  name: "scim",
  schema: scimSectionSchema,
  readSection: readScimSection,
  merge: mergeScimSections,
  memberSources: (scim) => [...scim.members, ...scim.roles.flatMap((r) => r.members)],
  attributeRules: (scim) => [scim.userName],
  build: buildScim,
  grantKinds: scimGrantKinds,
  grantRules: scimGrantRules,
  grantsOf: scimGrants,
};

export const scimTarget: Target<typeof scimModelPart> = {
  title: "SCIM",
  model: scimModelPart,
  preflight: scimPreflight,
  access: scimAccess,
  declare: declareScim,
  batches: { Users: batchLabel("User", scimUserDiff) },
  resources: {
    User: { objectType: "user", nameFields: ["userName", "displayName"], report: { kind: "account", ignore: ["roles", "roleLocked", "roleAttribute"], rolesField: "roles", lockedField: "roleLocked" } },
    Group: { objectType: "group", nameFields: ["displayName"], memberMaps: ["members"], report: { kind: "scimGroup" } },
  },
};
