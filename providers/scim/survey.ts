// What a SCIM product (the generic target, PAM360, Password Safe) already holds of the users this
// run would create: by externalId, then an unlinked user with the same userName (the rule their
// create adopts by), read-only, through the providers' client. Only users the last run did not
// record are looked up. A hand-set role the run replaces is a removal the safety counts.
import { emptySurvey, type TargetSurvey } from "../../model/adoption";
import type { TargetAccess } from "../../model/removal-safety";
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { findAdoptable } from "../../lib/provider/adopt";
import { SCIM_USER_ADOPTION } from "../../lib/provider/scim-user-adoption";
import { scimContextFrom } from "./context";
import type { DesiredScim } from "./desired";
import type { ScimProduct } from "./product";
import { fromScimUser } from "./user-wire";

export function scimSurveyFor(product: ScimProduct) {
  return async function scimSurvey(get: ConfigGetter, scim: DesiredScim, known: TargetAccess | undefined): Promise<TargetSurvey> {
    const accounts = known?.accounts ?? {};
    // The record lists active accounts only: a disabled user it lacks is looked up on a first run only.
    const users = scim.users.filter((u) => !u.protected && !(u.externalId in accounts) && (!known || u.active));
    if (users.length === 0) return emptySurvey();
    const context = scimContextFrom(get, product);
    const survey = emptySurvey();
    for (const user of users) {
      const found = await findAdoptable(context.users, SCIM_USER_ADOPTION, { key: user.externalId, name: user.userName });
      if (!found?.id) continue;
      const before = fromScimUser(found, user);
      survey.adopted.push({ kind: `${product.name}:User`, name: user.externalId, id: found.id, before: { ...before } });
      if (before.active) survey.baseline.accounts[user.externalId] = before.userName;
      // A role-locked user's role is the application's: never taken away, so never counted.
      if (!user.roleLocked) for (const role of before.roles) (survey.baseline.grants[`role ${role}`] ??= []).push(user.externalId);
    }
    return survey;
  };
}
