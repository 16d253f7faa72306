// BeyondTrust Remote Support as a target: group policies through the Configuration API it
// shares with PRA, members as SAML groups. No users: RS creates them at first SAML login.
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
