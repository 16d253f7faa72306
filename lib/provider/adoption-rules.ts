// Which object a product already holds is the one a resource becomes, written once and pure, so
// that what `create` does and what a preview or report says it will do cannot drift apart:
// - a SCIM account: by key (`externalId`); else by `userName` (case-insensitively, as the
//   products compare it). Found by userName with no externalId it is adopted; linked to another
//   value (the community PRA script's UPN local part, Entra's SCIM app's mailNickname, another
//   tool's id) it is re-linked in place under `relinkPolicy: relink` (the default), or refused
//   under `relinkPolicy: refuse`;
// - a SCIM group: by key; else an unlinked group with the same displayName;
// - a PrivX host: by key; else a host with the same commonName (case-insensitively) and
//   contactAddress, adopted (its externalId rewritten) or refused by the same setting.
// Protected accounts are only ever looked up by key or as unlinked (they are never written).
import type { ConfigGetter } from "./provider-config";
import { invalidSetting, ProviderError } from "./errors";

/** What to do with an object the product holds under another key: take it over, or stop. */
export type RelinkPolicy = "relink" | "refuse";

export const RELINK_POLICY_KEY = "relinkPolicy";
export const DEFAULT_RELINK_POLICY: RelinkPolicy = "relink";

/** The stack's relink policy (config `relinkPolicy`, env PAM_RECONCILER_RELINK_POLICY), default `relink`. */
export function relinkPolicyFrom(get: ConfigGetter): RelinkPolicy {
  const value = get(RELINK_POLICY_KEY)?.trim();
  if (value === undefined || value === "") return DEFAULT_RELINK_POLICY;
  if (value === "relink" || value === "refuse") return value;
  throw invalidSetting("pam-reconciler", RELINK_POLICY_KEY, `must be "relink" or "refuse", got "${value}"`);
}

/**
 * How an existing object is taken over: `key` (it carries our key already), `name` (found by its
 * natural name, with no key), `relink` (found by name, linked to `from`, re-linked to ours).
 * `refused`: it would be re-linked but the policy says refuse. `none`: create one.
 */
export type Adoption<T> =
  | { how: "none" }
  | { how: "key"; existing: T }
  | { how: "name"; existing: T }
  | { how: "relink"; existing: T; from: string }
  | { how: "refused"; existing: T; from: string };

/** What a SCIM account or group needs for matching. */
export interface HeldScimAccount {
  id?: string;
  externalId?: string | null;
  userName: string;
}

export interface WantedAccount {
  externalId: string;
  userName: string;
}

const keyOf = (value: string | null | undefined): string => (typeof value === "string" ? value : "");
export const foldUserName = (userName: string): string => userName.toLowerCase();

/**
 * The decision, from the candidates alone: `byKey`, the held account with our externalId (if
 * any); `byUserName`, the held accounts with the wanted userName (any externalId).
 */
export function decideScimAccount<T extends HeldScimAccount>(
  byKey: T | undefined,
  byUserName: readonly T[],
  wanted: WantedAccount,
  policy: RelinkPolicy,
): Adoption<T> {
  if (byKey) return { how: "key", existing: byKey };
  const named = byUserName.filter((u) => foldUserName(u.userName) === foldUserName(wanted.userName));
  const unlinked = named.find((u) => keyOf(u.externalId) === "");
  if (unlinked) return { how: "name", existing: unlinked };
  const linked = named.find((u) => keyOf(u.externalId) !== wanted.externalId);
  if (!linked) return { how: "none" };
  const from = keyOf(linked.externalId);
  return policy === "relink" ? { how: "relink", existing: linked, from } : { how: "refused", existing: linked, from };
}

/** The rule over everything the product holds (the pure form previews and reports use). */
export function matchScimAccount<T extends HeldScimAccount>(held: Iterable<T>, wanted: WantedAccount, policy: RelinkPolicy): Adoption<T> {
  let byKey: T | undefined;
  const byUserName: T[] = [];
  for (const account of held) {
    if (!byKey && keyOf(account.externalId) === wanted.externalId && wanted.externalId !== "") byKey = account;
    if (foldUserName(account.userName) === foldUserName(wanted.userName)) byUserName.push(account);
  }
  return decideScimAccount(byKey, byUserName, wanted, policy);
}

/** A SCIM group: by key, else an unlinked group with the same displayName (never re-linked). */
export function matchScimGroup<T extends { externalId?: string | null; displayName: string }>(
  held: Iterable<T>,
  wanted: { externalId: string; displayName: string },
): Adoption<T> {
  let byName: T | undefined;
  for (const group of held) {
    if (wanted.externalId !== "" && keyOf(group.externalId) === wanted.externalId) return { how: "key", existing: group };
    if (!byName && keyOf(group.externalId) === "" && group.displayName === wanted.displayName) byName = group;
  }
  return byName ? { how: "name", existing: byName } : { how: "none" };
}

/** A host as matching needs it: its key and natural identity. */
export interface HostIdentity {
  externalId: string;
  commonName: string;
  contactAddress: string;
}

const sameHost = (a: HostIdentity, b: HostIdentity) =>
  a.commonName.toLowerCase() === b.commonName.toLowerCase() && a.contactAddress.toLowerCase() === b.contactAddress.toLowerCase();

/** The decision for a host, from the held host with our key (if any) and those with our name and address. */
export function decideHost<T extends HostIdentity>(
  byKey: T | undefined,
  sameNameAndAddress: readonly T[],
  wanted: HostIdentity,
  policy: RelinkPolicy,
): Adoption<T> {
  if (byKey) return { how: "key", existing: byKey };
  const match = sameNameAndAddress.find((h) => sameHost(h, wanted) && h.externalId !== wanted.externalId);
  if (!match) return { how: "none" };
  if (match.externalId === "") return { how: "name", existing: match };
  return policy === "relink" ? { how: "relink", existing: match, from: match.externalId } : { how: "refused", existing: match, from: match.externalId };
}

/** A PrivX host: by key, else one with the same commonName and contactAddress (adopted or refused by the policy). */
export function matchHost<T extends HostIdentity>(held: Iterable<T>, wanted: HostIdentity, policy: RelinkPolicy): Adoption<T> {
  let byKey: T | undefined;
  const same: T[] = [];
  for (const host of held) {
    if (!byKey && wanted.externalId !== "" && host.externalId === wanted.externalId) byKey = host;
    if (sameHost(host, wanted)) same.push(host);
  }
  return decideHost(byKey, same, wanted, policy);
}

/**
 * What a resource's outputs record about the object it took over, when it took one over: how,
 * the product's id, and the externalId the object carried before (null when it had none).
 * The access report reads it: "adopted, re-linked from externalId …".
 */
export interface AdoptedFrom {
  how: "key" | "name" | "relink" | "conflict";
  id: string;
  externalId: string | null;
}

export function adoptedFromOf(adoption: Adoption<{ id?: string | number; externalId?: string | null }>): AdoptedFrom | undefined {
  if (adoption.how === "none" || adoption.how === "refused") return undefined;
  const before = keyOf(adoption.existing.externalId);
  return { how: adoption.how, id: String(adoption.existing.id ?? ""), externalId: before === "" ? null : before };
}

/** An object the relink policy refuses to take over: what the run would have wanted, and what the product holds. */
export interface RefusedRelink {
  /** The userName, or the host's commonName (contactAddress). */
  name: string;
  id: string;
  from: string;
}

/**
 * Every desired account the policy refuses (held under another externalId), from what the
 * product holds, in one pass: the preflight's check when relinkPolicy is refuse. Protected
 * accounts are never taken over, so never refused.
 */
export function refusedAccountRelinks(held: Iterable<HeldScimAccount>, desired: readonly (WantedAccount & { protected?: boolean })[]): RefusedRelink[] {
  const byKey = new Map<string, HeldScimAccount>();
  const byUserName = new Map<string, HeldScimAccount[]>();
  for (const account of held) {
    const key = keyOf(account.externalId);
    if (key !== "" && !byKey.has(key)) byKey.set(key, account);
    const name = foldUserName(account.userName);
    byUserName.set(name, [...(byUserName.get(name) ?? []), account]);
  }
  const refused: RefusedRelink[] = [];
  for (const wanted of desired) {
    if (wanted.protected) continue;
    const match = decideScimAccount(byKey.get(wanted.externalId), byUserName.get(foldUserName(wanted.userName)) ?? [], wanted, "refuse");
    if (match.how === "refused") refused.push({ name: wanted.userName, id: String(match.existing.id ?? "?"), from: match.from });
  }
  return refused;
}

/** Every desired host the policy refuses (same commonName and contactAddress, another externalId). */
export function refusedHostRelinks(held: readonly (HostIdentity & { id?: string })[], desired: readonly HostIdentity[]): RefusedRelink[] {
  const byKey = new Map(held.filter((h) => h.externalId !== "").map((h) => [h.externalId, h]));
  const refused: RefusedRelink[] = [];
  for (const wanted of desired) {
    const match = decideHost(byKey.get(wanted.externalId), held, wanted, "refuse");
    if (match.how === "refused")
      refused.push({ name: `${wanted.commonName} (${wanted.contactAddress})`, id: String(match.existing.id ?? "?"), from: match.from });
  }
  return refused;
}

/** The preflight's error: the run would take over these objects and the policy says refuse. */
export function relinksRefusedError(target: string, what: "users" | "hosts", refused: readonly RefusedRelink[]): ProviderError {
  const shown = refused.slice(0, 20).map((r) => `${r.name} (id ${r.id}, externalId "${r.from}")`);
  const more = refused.length > 20 ? `, and ${refused.length - 20} more` : "";
  return new ProviderError({
    code: "CONFLICT",
    target,
    object: `${refused.length} ${what} held under another externalId`,
    detail: `${shown.join(", ")}${more}: pam-reconciler:${RELINK_POLICY_KEY} is "refuse", so the run would not take them over`,
    remedy: `Set pam-reconciler:${RELINK_POLICY_KEY} to "relink" to re-link them in place (migration from another tool), or remove or rename them in ${target}`,
    keys: [RELINK_POLICY_KEY],
  });
}
