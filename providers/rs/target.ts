// BeyondTrust Remote Support as a target: group policies through the Configuration API it
// shares with PRA, members as SAML groups. No users: RS creates them at first SAML login.
import { rsGroupPolicyFields } from "./facts";
import { RS_SECRET_KEYS } from "./settings";
import type { TargetModelPart } from "../../model/target-kit";
import type { Target } from "../target";
import { rsAccess } from "./access";
import { declareRs } from "./declare";
import type { DesiredRs } from "./desired";
import { buildRs } from "./desired-state";
import { rsGrantKinds, rsGrants } from "./grants";
import { mergeRsSections, readRsSection, rsSectionSchema, type RsMappings, type RsSection } from "./mappings";
import { rsPreflight } from "./preflight";

export const rsModelPart: TargetModelPart<RsSection, RsMappings, DesiredRs> = {
  name: "rs",
  schema: rsSectionSchema,
  readSection: readRsSection,
  merge: mergeRsSections,
  memberSources: (rs) => rs.groupPolicies.flatMap((p) => p.members),
  attributeRules: () => [],
  build: buildRs,
  grantKinds: rsGrantKinds,
  // As PRA's: every RS permission may be named; SAML group names depend on the aliases: not listed.
  grantNames: (rs) => ({
    groupPolicy: rs.groupPolicies.map((p) => p.name),
    permission: Object.keys(rsGroupPolicyFields),
    jumpGroup: rs.groupPolicies.flatMap((p) => p.jumpGroups.map((j) => j.jumpGroup)),
  }),
  nameFields: ["groupPolicies[*].jumpGroups[*].name", "groupPolicies[*].jumpGroups[*].jumpItemRole"],
  grantRules: (rs) =>
    rs.groupPolicies.map((p) => ({
      kind: "group policy",
      name: p.name,
      key: `rs:groupPolicy:${p.name}`,
      members: p.members,
      maxGrantDays: p.maxGrantDays,
      maxGrantDaysAt: p.maxGrantDaysAt,
      at: p.at,
    })),
  grantsOf: rsGrants,
};

export const rsTarget: Target<typeof rsModelPart> = {
  title: "Remote Support",
  model: rsModelPart,
  preflight: rsPreflight,
  secrets: [...RS_SECRET_KEYS],
  access: rsAccess,
  declare: declareRs,
  resources: {
    GroupPolicy: { objectType: "group policy", nameFields: ["name"], report: { kind: "groupPolicy" } },
  },
};
