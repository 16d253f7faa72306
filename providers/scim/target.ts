// A SCIM product as a target: users with a role from group mappings (precedence, default role,
// role lock, disabled users kept inactive), and optionally groups. One implementation; `scim`
// (any SCIM 2.0 application), `pam360` and `passwordsafe` are instances with their own name,
// type tokens, settings, mapping section and provider process context.
import type { TargetModelPart } from "../../model/target-kit";
import { batchLabel, type Target } from "../target";
import { scimAccess } from "./access";
import { scimDeclarer, type ScimResourceClasses } from "./declare";
import { scimGrantHooks } from "./grants";
import type { DesiredScim } from "./desired";
import { scimBuilderFor } from "./desired-state";
import { scimProduct } from "./generic";
import { ScimAppGroup } from "./group";
import { scimSectionMerger, scimSectionReader, scimSectionSchemaFor, type ScimMappings, type ScimSection } from "./mappings";
import { scimPreflightFor } from "./preflight";
import { scimSurveyFor } from "./survey";
import type { ScimProduct } from "./product";
import { ScimAppUsers, scimUserDiff } from "./user";

export type ScimModelPart = TargetModelPart<ScimSection, ScimMappings, DesiredScim>;

export function scimModelPartFor(product: ScimProduct): ScimModelPart {
  const extraSettings = Object.keys(product.model?.settings ?? {});
  return {
    name: product.name,
    schema: scimSectionSchemaFor(product),
    readSection: scimSectionReader(product.name, extraSettings),
    merge: scimSectionMerger(extraSettings),
    memberSources: (scim) => [...scim.members, ...scim.roles.flatMap((r) => r.members)],
    attributeRules: (scim) => [scim.userName],
    namedAccounts: (scim) => scim.roleLock.map((l) => l.value),
    nameFields: ["roles[*].role", "defaultRole", "roleLock[*]", ...extraSettings],
    build: scimBuilderFor(product),
    ...scimGrantHooks(product.name, product.title),
  };
}

/** The target of a SCIM product whose user batches and groups are the resource classes given (each names its own provider export). */
export function scimTargetFor(product: ScimProduct, classes: ScimResourceClasses): Target<ScimModelPart> {
  return {
    title: product.title,
    model: scimModelPartFor(product),
    preflight: scimPreflightFor(product),
    secrets: product.settings.keys.secrets,
    survey: scimSurveyFor(product),
    access: scimAccess,
    declare: scimDeclarer(product.name, classes),
    batches: { Users: batchLabel("User", scimUserDiff) },
    resources: {
      User: {
        objectType: "user",
        nameFields: ["userName", "displayName"],
        report: { kind: "account", ignore: ["roles", "roleLocked", "roleAttribute"], rolesField: "roles", lockedField: "roleLocked" },
      },
      Group: { objectType: "group", nameFields: ["displayName"], memberMaps: ["members"], report: { kind: "scimGroup" } },
    },
  };
}

export const scimTarget = scimTargetFor(scimProduct, { Users: ScimAppUsers, Group: ScimAppGroup });
