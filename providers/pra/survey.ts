// What PRA already holds of what this run would create: users by externalId then userName, SCIM
// groups by externalId then displayName, group policies by name (the rules their creates adopt
// by), read-only, through the clients the providers use. Only objects the last run did not
// record are looked up, so a run that creates nothing reads nothing here.
import type { CommonDesiredState } from "../../model";
import { emptySurvey, type TargetSurvey } from "../../model/adoption";
import type { TargetAccess } from "../../model/removal-safety";
import type { ConfigGetter } from "../../lib/provider/provider-config";
import { adoptableScimGroup, adoptableScimUser } from "../../lib/provider/scim-user-adoption";
import { isProtectedUser, memberIdsOf } from "../../lib/provider/scim-group-members";
import type { ScimUser } from "../../lib/scim";
import { praContextFrom, type PraContext } from "./context";
import type { DesiredPra, DesiredPraGroupPolicy, DesiredPraUser } from "./desired";
import { policyGrantLabel } from "./access";
import { fromScimUser } from "./scim-user";
import { outputsOf as scimGroupOutputsOf } from "./scim-group";
import { outputsOf as groupPolicyOutputsOf, readState } from "./group-policy";
import { isGroupPolicyNamed } from "./group-policy-adoption";

/** The objects of `pra` the last run (`known`) did not record: on a first run, all of them. */
export function newPraObjects(pra: DesiredPra, known: TargetAccess | undefined) {
  const accounts = known?.accounts ?? {};
  const grants = known?.grants ?? {};
  // The record lists active accounts only: a disabled user it lacks is looked up on a first run only.
  const users = pra.users.filter((u) => !u.protected && !(u.externalId in accounts) && (!known || u.active));
  const policies = pra.groupPolicies.filter((p) => !(policyGrantLabel(p.name) in grants));
  // SCIM groups are how policies grant, not access the record lists: those of a new policy are new.
  const named = new Set(policies.flatMap((p) => p.memberGroups));
  const groups = pra.groups.filter((g) => !known || named.has(g.displayName));
  return { users, groups, policies };
}

export async function praSurvey(get: ConfigGetter, pra: DesiredPra, known: TargetAccess | undefined, common: CommonDesiredState): Promise<TargetSurvey> {
  const wanted = newPraObjects(pra, known);
  if (wanted.users.length + wanted.groups.length + wanted.policies.length === 0) return emptySurvey();
  const context = praContextFrom(get);
  const survey = emptySurvey();
  for (const user of wanted.users) {
    const found = await adoptableScimUser(context.scimUsers, user, context.relinkPolicy);
    if (!found?.id) continue;
    survey.adopted.push({ kind: "pra:ScimUser", name: user.externalId, id: found.id, before: { ...fromScimUser(found, user.onRemove) } });
    if (found.active !== false) survey.baseline.accounts[user.externalId] = found.userName;
  }
  for (const group of wanted.groups) {
    const found = await adoptableScimGroup(context.scimGroups, group);
    if (!found?.id) continue;
    survey.adopted.push({
      kind: "pra:ScimGroup",
      name: group.externalId,
      id: found.id,
      before: { ...(await scimGroupOutputsOf(context, found, common.protectedUserNames)) },
    });
  }
  if (wanted.policies.length === 0) return survey;
  const lookups = await context.lookups();
  const holders = await holdersOf(context, pra.users, common.protectedUserNames);
  for (const policy of wanted.policies) {
    const matches = await context.groupPolicies.filter(isGroupPolicyNamed(policy.name));
    if (matches.length !== 1) continue; // none: created; several: create refuses and says so
    const state = await readState(context, matches[0].id);
    if (!state) continue;
    const before = groupPolicyOutputsOf(state, Object.keys(policy.permissions), lookups, policy.unmanagedMembers);
    survey.adopted.push({ kind: "pra:GroupPolicy", name: policy.name, id: String(matches[0].id), before: { ...before } });
    survey.baseline.grants[policyGrantLabel(policy.name)] = await policyHolders(policy, before.memberGroups, before.otherMembers ?? [], holders);
  }
  return survey;
}

/** Who a SCIM group (by displayName) grants to, as the record names people: Entra object ids of desired users, else PRA's userName. */
async function holdersOf(
  context: PraContext,
  desired: readonly DesiredPraUser[],
  protectedAccounts: readonly string[],
): Promise<(group: string) => Promise<string[]>> {
  const byExternalId = new Map(desired.map((u) => [u.externalId, u]));
  const byUserName = new Map(desired.map((u) => [u.userName.toLowerCase(), u]));
  const users = await context.scimUsers.byId();
  const keyOf = (user: ScimUser): string | undefined => {
    if (isProtectedUser(user, protectedAccounts)) return undefined; // never touched, never counted
    const match = (user.externalId && byExternalId.get(user.externalId)) || byUserName.get(user.userName.toLowerCase());
    if (match?.protected) return undefined;
    return match ? match.externalId : user.userName;
  };
  return async (name) => {
    const groups = await context.scimGroups.filter((g) => g.displayName === name);
    const keys = groups
      .flatMap((g) => memberIdsOf(g))
      .flatMap((id) => {
        const user = users.get(id);
        const key = user && keyOf(user);
        return key ? [key] : [];
      });
    return [...new Set(keys)];
  };
}

/** Who an adopted policy grants to now: its member groups' people, and the members the mappings cannot state when the policy removes them. */
async function policyHolders(
  policy: DesiredPraGroupPolicy,
  memberGroups: readonly string[],
  others: readonly string[],
  holders: (group: string) => Promise<string[]>,
): Promise<string[]> {
  const keys = new Set<string>();
  for (const group of memberGroups) for (const key of await holders(group)) keys.add(key);
  if (policy.unmanagedMembers === "remove") for (const other of others) keys.add(other);
  return [...keys].sort();
}
