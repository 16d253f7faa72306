// BeyondTrust Privileged Remote Access as a target: SCIM users and groups through PRA's SCIM
// API, group policies through its Configuration API.
import type { TargetModelPart } from "../../model/target-kit";
import { batchLabel, type Target } from "../target";
import { praAccess } from "./access";
import { praPreflight } from "./preflight";
import { PRA_SECRET_KEYS } from "./settings";
import { praSurvey } from "./survey";
import { praGrantKinds, praGrants } from "./grants";
import { declarePra } from "./declare";
import { praScimUserDiff } from "./scim-user";
import type { DesiredPra } from "./desired";
import { buildPra } from "./desired-state";
import { praGroupPolicyFields, praLimits } from "./facts";
import { directGroupPrefix } from "./direct-groups";
import { mergePraSections, praSectionSchema, readPraSection, type PraMappings, type PraSection } from "./mappings";

export const praModelPart: TargetModelPart<PraSection, PraMappings, DesiredPra> = {
  name: "pra",
  schema: praSectionSchema,
  scimGroupNameLimit: praLimits.scimGroupName,
  readSection: readPraSection,
  merge: mergePraSections,
  memberSources: (pra) => pra.groupPolicies.flatMap((p) => p.members),
  attributeRules: (pra) => [pra.userName],
  build: buildPra,
  nameFields: ["groupPolicies[*].jumpGroups[*].name", "groupPolicies[*].jumpGroups[*].jumpItemRole", "groupPolicies[*].jumpGroups[*].jumpPolicy"],
  grantKinds: praGrantKinds,
  // Every PRA permission may be named (a rule about one no policy sets yet still guards); SCIM group names depend on the aliases: not listed.
  grantNames: (pra) => ({
    groupPolicy: pra.groupPolicies.map((p) => p.name),
    permission: Object.keys(praGroupPolicyFields),
    jumpGroup: pra.groupPolicies.flatMap((p) => p.jumpGroups.map((j) => j.jumpGroup)),
  }),
  grantRules: (pra) =>
    pra.groupPolicies.map((p) => ({
      kind: "group policy",
      name: p.name,
      key: `pra:groupPolicy:${p.name}`,
      members: p.members,
      maxGrantDays: p.maxGrantDays,
      maxGrantDaysAt: p.maxGrantDaysAt,
      at: p.at,
      heldIn: { resource: "GroupPolicy", name: p.name, field: "memberGroups", memberResource: "ScimGroup", directPrefix: directGroupPrefix(p.name) },
    })),
  grantsOf: praGrants,
};

export const praTarget: Target<typeof praModelPart> = {
  title: "PRA",
  model: praModelPart,
  preflight: praPreflight,
  secrets: [...PRA_SECRET_KEYS],
  survey: praSurvey,
  access: praAccess,
  declare: declarePra,
  batches: { ScimUsers: batchLabel("ScimUser", praScimUserDiff) },
  resources: {
    ScimUser: { objectType: "SCIM user", nameFields: ["userName", "displayName"], report: { kind: "account" } },
    ScimGroup: { objectType: "SCIM group", nameFields: ["displayName"], memberMaps: ["members"], report: { kind: "scimGroup" } },
    GroupPolicy: { objectType: "group policy", nameFields: ["name"], report: { kind: "groupPolicy" } },
  },
};
