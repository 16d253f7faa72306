// What PrivX already holds of what this run would create: users by externalId then userName,
// hosts by externalId (the rules their creates adopt by), read-only, through the providers'
// client. Only objects the last run did not record are looked up.
import { emptySurvey, type TargetSurvey } from "../../model/adoption";
import type { TargetAccess } from "../../model/removal-safety";
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { adoptableScimUser } from "../../lib/provider/scim-user-adoption";
import { privxContextFrom } from "./context";
import type { DesiredPrivx } from "./desired";
import { hostGrantLabel, hostGrants } from "./access";
import { fromScimUser } from "./scim-user";
import { adoptableHost, outputsOf as hostOutputsOf } from "./host";

/** The objects of `privx` the last run (`known`) did not record: on a first run, all of them. */
export function newPrivxObjects(privx: DesiredPrivx, known: TargetAccess | undefined) {
  const accounts = known?.accounts ?? {};
  const grants = known?.grants ?? {};
  return {
    // The record lists active accounts only: a disabled user it lacks is looked up on a first run only.
    users: privx.users.filter((u) => !u.protected && !(u.entraId in accounts) && (!known || u.active)),
    hosts: privx.hosts.filter((h) => !(hostGrantLabel(h.commonName) in grants)),
  };
}

export async function privxSurvey(get: ConfigGetter, privx: DesiredPrivx, known: TargetAccess | undefined): Promise<TargetSurvey> {
  const wanted = newPrivxObjects(privx, known);
  if (wanted.users.length + wanted.hosts.length === 0) return emptySurvey();
  const context = privxContextFrom(get);
  const survey = emptySurvey();
  for (const user of wanted.users) {
    const found = await adoptableScimUser(context.users, user, context.relinkPolicy);
    if (!found?.id) continue;
    const before = fromScimUser(found, { entraId: user.entraId, active: user.active, onRemove: user.onRemove });
    survey.adopted.push({ kind: "privx:ScimUser", name: user.entraId, id: found.id, before: { ...before } });
    if (before.active) survey.baseline.accounts[user.entraId] = before.userName;
    for (const role of before.groups) (survey.baseline.grants[`role ${role}`] ??= []).push(user.entraId);
  }
  for (const host of wanted.hosts) {
    const found = await adoptableHost(context, host);
    if (!found?.id) continue;
    const before = hostOutputsOf(found);
    survey.adopted.push({ kind: "privx:Host", name: host.externalId, id: String(found.id), before: { ...before } });
    survey.baseline.grants[hostGrantLabel(host.commonName)] = hostGrants(before);
  }
  return survey;
}
