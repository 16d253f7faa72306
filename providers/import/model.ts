// `npm run import`: what the products hold now, matched against the directory, as mapping
// sections. This module is the pure core every product's importer shares: the directory as the
// importer sees it, group aliases, the username rule that reproduces what a product holds, the
// one group whose members are exactly a set of people, and what could not be expressed.
import type { DirectorySnapshot, DirectoryUser, ResolvedApplication, ResolvedGroup } from "../../sources/snapshot";
import { attributeValue } from "../../model/build/attribute-rule";
import type { UserAttribute } from "../../model/mapping-model";

/** Something a product holds that the mappings cannot state: the next run would change or ignore it. */
export interface Unexpressed {
  /** Target name (`pra`, `privx`, `scim`, ...) or `directory`. */
  target: string;
  /** What it is about: `group policy "Vendor Access"`, `role developers`. */
  object: string;
  detail: string;
  /**
   * `changes`: the next run would change it (listed so a reviewer expects exactly these changes);
   * `ignored`: the run leaves it alone (not managed).
   */
  effect: "changes" | "ignored";
}

export function describeUnexpressed(u: Unexpressed): string {
  return `${u.target}: ${u.object}: ${u.detail} (${u.effect === "changes" ? "the next run changes this" : "left alone, not managed"})`;
}

/** The directory as the importer reads it: every candidate group with its users, and the people the products hold. */
export interface ImportDirectory {
  users: ReadonlyMap<string, DirectoryUser>;
  groups: readonly ResolvedGroup[];
  /** Enterprise applications PRA's SCIM groups are linked to (externalId `<appId>` or `<appId>/<app role value>`). */
  applications: readonly ResolvedApplication[];
  /** Lower-cased userPrincipalName → object id. */
  byUpn: ReadonlyMap<string, string>;
}

export function importDirectoryOf(snapshot: Pick<DirectorySnapshot, "users" | "groups"> & Partial<Pick<DirectorySnapshot, "applications">>): ImportDirectory {
  const users = new Map(Object.entries(snapshot.users));
  const byUpn = new Map([...users.values()].map((u) => [u.userPrincipalName.toLowerCase(), u.id]));
  // One entry per group, whatever reference found it.
  const groups = new Map<string, ResolvedGroup>();
  for (const g of snapshot.groups) if (!groups.has(g.id.toLowerCase())) groups.set(g.id.toLowerCase(), g);
  return {
    users,
    groups: [...groups.values()].sort((a, b) => compare(a.displayName, b.displayName) || compare(a.id, b.id)),
    applications: snapshot.applications ?? [],
    byUpn,
  };
}

export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function groupById(directory: ImportDirectory, id: string): ResolvedGroup | undefined {
  return directory.groups.find((g) => g.id.toLowerCase() === id.toLowerCase());
}

/** The people an application's assignments give: all of them, or those of one app role. */
export function applicationUsers(app: ResolvedApplication, role: string | null): string[] {
  return [...new Set(app.assignments.filter((a) => role === null || a.appRoleValue === role).flatMap((a) => a.userIds))].sort();
}

/** The only group with this display name, else undefined (none, or ambiguous). */
export function groupByName(directory: ImportDirectory, name: string): ResolvedGroup | undefined {
  const found = directory.groups.filter((g) => g.displayName === name);
  return found.length === 1 ? found[0] : undefined;
}

/** The people a group gives access to: its enabled transitive members (a disabled account is kept inactive and holds nothing). */
export function enabledMembers(directory: ImportDirectory, group: ResolvedGroup): Set<string> {
  return new Set(group.userIds.filter((id) => directory.users.get(id)?.accountEnabled !== false));
}

/** The group whose enabled members are exactly `holders` (first by display name when several are), else undefined. */
export function groupHoldingExactly(directory: ImportDirectory, holders: ReadonlySet<string>): ResolvedGroup | undefined {
  if (holders.size === 0) return undefined;
  return directory.groups.find((g) => {
    const members = enabledMembers(directory, g);
    return members.size === holders.size && [...holders].every((id) => members.has(id));
  });
}

/** A product's account matched to a directory user: by the key the product holds (object id), else by username. */
export function directoryUserOf(
  directory: ImportDirectory,
  account: { externalId?: string | null; userName?: string | null },
  userNameRule?: UserNameRule,
): DirectoryUser | undefined {
  const byId = account.externalId
    ? (directory.users.get(account.externalId) ?? [...directory.users.values()].find((u) => u.id.toLowerCase() === account.externalId!.toLowerCase()))
    : undefined;
  if (byId) return byId;
  if (!account.userName) return undefined;
  const wanted = account.userName.toLowerCase();
  const byUpn = directory.byUpn.get(wanted);
  if (byUpn) return directory.users.get(byUpn);
  if (!userNameRule) return undefined;
  const matches = [...directory.users.values()].filter((u) => attributeValue(u, userNameRule)?.toLowerCase() === wanted);
  return matches.length === 1 ? matches[0] : undefined;
}

/** An attribute rule as the mappings write it and the builder applies it. */
export interface UserNameRule {
  attribute: UserAttribute;
  lowercase: boolean;
  stripDomain: boolean;
}

const RULE_CANDIDATES: readonly UserNameRule[] = [
  { attribute: "userPrincipalName", lowercase: false, stripDomain: false },
  { attribute: "userPrincipalName", lowercase: true, stripDomain: false },
  { attribute: "mail", lowercase: false, stripDomain: false },
  { attribute: "mail", lowercase: true, stripDomain: false },
  { attribute: "userPrincipalName", lowercase: true, stripDomain: true },
  { attribute: "userPrincipalName", lowercase: false, stripDomain: true },
  { attribute: "id", lowercase: false, stripDomain: false },
];

/**
 * The rule under which the most accounts keep the name the product holds for them (the first
 * candidate on a tie, so userPrincipalName when nothing tells otherwise), and how many it fits.
 */
export function inferUserNameRule(pairs: readonly { held: string; user: DirectoryUser }[]): { rule: UserNameRule; fits: number } {
  let best = { rule: RULE_CANDIDATES[0], fits: -1 };
  for (const rule of RULE_CANDIDATES) {
    const fits = pairs.filter((p) => attributeValue(p.user, rule) === p.held).length;
    if (fits > best.fits) best = { rule, fits };
  }
  return { rule: best.rule, fits: Math.max(best.fits, 0) };
}

/**
 * What the next run changes on accounts it will manage (in scope of the imported mappings): a
 * username the rule writes differently, an account active here but disabled in the directory
 * (deactivated), or inactive here but enabled there (activated).
 */
export function accountChanges(target: string, accounts: readonly { held: string; active: boolean; user: DirectoryUser }[], rule: UserNameRule): Unexpressed[] {
  const out: Unexpressed[] = [];
  for (const a of accounts) {
    const object = `user ${a.held}`;
    const name = attributeValue(a.user, rule);
    if (name !== null && name !== a.held) out.push({ target, object, detail: `the username rule makes it ${name}: the run renames it`, effect: "changes" });
    if (a.active && !a.user.accountEnabled)
      out.push({ target, object, detail: "disabled in the directory: the run deactivates the account", effect: "changes" });
    if (!a.active && a.user.accountEnabled)
      out.push({ target, object, detail: "inactive here but enabled in the directory: the run activates the account", effect: "changes" });
  }
  return out;
}

/** The rule as YAML: a bare attribute name when it has no options. */
export function userNameRuleYaml(rule: UserNameRule): string | Record<string, unknown> {
  if (!rule.lowercase && !rule.stripDomain) return rule.attribute;
  return { attribute: rule.attribute, ...(rule.lowercase ? { lowercase: true } : {}), ...(rule.stripDomain ? { stripDomain: true } : {}) };
}

/** Group aliases for the `groups:` section: one per Entra group, from its display name, unique. */
export class GroupAliases {
  private readonly byGroup = new Map<string, { alias: string; group: ResolvedGroup; scimGroupName?: string }>();
  private readonly taken = new Set<string>();

  /** The alias of a group, made on first use; `scimGroupName` records the PRA SCIM group name when it is not the display name. */
  aliasOf(group: ResolvedGroup, scimGroupName?: string): string {
    const key = group.id.toLowerCase();
    const known = this.byGroup.get(key);
    if (known) {
      if (scimGroupName && scimGroupName !== group.displayName && !known.scimGroupName) known.scimGroupName = scimGroupName;
      return known.alias;
    }
    const base = slug(group.displayName) || "group";
    let alias = base;
    for (let n = 2; this.taken.has(alias); n++) alias = `${base}-${n}`;
    this.taken.add(alias);
    this.byGroup.set(key, { alias, group, ...(scimGroupName && scimGroupName !== group.displayName ? { scimGroupName } : {}) });
    return alias;
  }

  private readonly byApp = new Map<string, { alias: string; app: ResolvedApplication; scimGroupName?: string; roles: Map<string, string | undefined> }>();

  /**
   * The member source of an application (`alias`) or one of its app roles (`alias/value`), made on
   * first use; `scimGroupName` is kept when PRA's name is not the default one.
   */
  applicationSource(app: ResolvedApplication, role: string | null, scimGroupName?: string): string {
    const key = app.appId.toLowerCase();
    let entry = this.byApp.get(key);
    if (!entry) {
      const base = slug(app.displayName) || "application";
      let alias = base;
      for (let n = 2; this.taken.has(alias); n++) alias = `${base}-${n}`;
      this.taken.add(alias);
      entry = { alias, app, roles: new Map() };
      this.byApp.set(key, entry);
    }
    if (role === null) {
      if (scimGroupName && scimGroupName !== app.displayName) entry.scimGroupName ??= scimGroupName;
      return entry.alias;
    }
    if (!entry.roles.has(role) || entry.roles.get(role) === undefined)
      entry.roles.set(role, scimGroupName && scimGroupName !== `${app.displayName} - ${role}` ? scimGroupName : undefined);
    return `${entry.alias}/${role}`;
  }

  /** The `applications:` section: each alias by appId with the app roles the mappings use. */
  applicationsSection(): Record<string, unknown> {
    const entries = [...this.byApp.values()].sort((a, b) => compare(a.alias, b.alias));
    return Object.fromEntries(
      entries.map((e) => [
        e.alias,
        {
          appId: e.app.appId,
          ...(e.scimGroupName ? { scimGroupName: e.scimGroupName } : {}),
          ...(e.roles.size
            ? { roles: Object.fromEntries([...e.roles].sort(([a], [b]) => compare(a, b)).map(([role, name]) => [role, name ? { scimGroupName: name } : {}])) }
            : {}),
        },
      ]),
    );
  }

  /** The `groups:` section: each alias by object id (renaming the group changes nothing), sorted by alias. */
  section(): Record<string, { id: string; scimGroupName?: string }> {
    const entries = [...this.byGroup.values()].sort((a, b) => compare(a.alias, b.alias));
    return Object.fromEntries(entries.map((e) => [e.alias, { id: e.group.id, ...(e.scimGroupName ? { scimGroupName: e.scimGroupName } : {}) }]));
  }

  /** Display name of each alias, for comments. */
  displayNames(): Map<string, string> {
    return new Map([
      ...[...this.byGroup.values()].map((e) => [e.alias, e.group.displayName] as const),
      ...[...this.byApp.values()].map((e) => [e.alias, e.app.displayName] as const),
    ]);
  }
}

/** "PRA Linux Admins" → "pra-linux-admins": what the alias pattern allows. */
export function slug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_.]+/g, "-")
    .replace(/^[^a-z0-9]+|-+$/g, "");
}

/** A direct grant to one person, as the mappings write it. */
export function directGrant(user: DirectoryUser): { user: string } {
  return { user: user.userPrincipalName };
}
