// What a SCIM product (the generic target, PAM360, Password Safe) already holds of the users this
// run would create: by externalId, then an unlinked user with the same userName (the rule their
// create adopts by), read-only, through the providers' client. Only users the last run did not
// record are looked up. A hand-set role the run replaces is a removal the safety counts. Pushed
// groups likewise, by externalId then an unlinked group with the same displayName.
import type { CommonDesiredState } from "../../model";
import { emptySurvey, type TargetSurvey } from "../../model/adoption";
import type { TargetAccess } from "../../model/removal-safety";
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { adoptableScimGroup, adoptableScimUser } from "../../lib/provider/scim-user-adoption";
import { scimContextFrom } from "./context";
import type { DesiredScim } from "./desired";
import type { ScimProduct } from "./product";
import { fromScimUser } from "./user-wire";
import { isProtectedUser, memberIdsOf } from "../../lib/provider/scim-group-members";
import { outputsOf as groupOutputsOf } from "./group";

export function scimSurveyFor(product: ScimProduct) {
  return async function scimSurvey(get: ConfigGetter, scim: DesiredScim, known: TargetAccess | undefined, common: CommonDesiredState): Promise<TargetSurvey> {
    const accounts = known?.accounts ?? {};
    const grants = known?.grants ?? {};
    // The record lists active accounts only: a disabled user it lacks is looked up on a first run only.
    const users = scim.users.filter((u) => !u.protected && !(u.externalId in accounts) && (!known || u.active));
    const groups = scim.groups.filter((g) => !(`group ${g.displayName}` in grants));
    if (users.length + groups.length === 0) return emptySurvey();
    const context = scimContextFrom(get, product);
    const survey = emptySurvey();
    for (const user of users) {
      const found = await adoptableScimUser(context.users, user, context.relinkPolicy);
      if (!found?.id) continue;
      const before = fromScimUser(found, user);
      survey.adopted.push({ kind: `${product.name}:User`, name: user.externalId, id: found.id, before: { ...before } });
      if (before.active) survey.baseline.accounts[user.externalId] = before.userName;
      // A role-locked user's role is the application's: never taken away, so never counted.
      if (!user.roleLocked) for (const role of before.roles) (survey.baseline.grants[`role ${role}`] ??= []).push(user.externalId);
    }
    if (groups.length === 0) return survey;
    const byExternalId = new Map(scim.users.map((u) => [u.externalId, u]));
    const byUserName = new Map(scim.users.map((u) => [u.userName.toLowerCase(), u]));
    const held = await context.users.byId();
    for (const group of groups) {
      const found = await adoptableScimGroup(context.groups, group);
      if (!found?.id) continue;
      const before = await groupOutputsOf(context, found, common.protectedUserNames, group.description !== undefined);
      survey.adopted.push({ kind: `${product.name}:Group`, name: group.externalId, id: found.id, before: { ...before } });
      // Who the group holds now, as the record names people: Entra object ids of desired users, else the product's userName.
      survey.baseline.grants[`group ${group.displayName}`] = memberIdsOf(found).flatMap((id) => {
        const user = held.get(id);
        if (!user || isProtectedUser(user, common.protectedUserNames)) return [];
        const match = (user.externalId && byExternalId.get(user.externalId)) || byUserName.get(user.userName.toLowerCase());
        if (match?.protected) return [];
        return [match ? match.externalId : user.userName];
      });
    }
    return survey;
  };
}
