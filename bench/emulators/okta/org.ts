// The Okta org an emulator serves: users with their status and profile, flat groups with their
// members, and applications with their direct user and group assignments.

export type OktaUserStatus = "STAGED" | "PROVISIONED" | "ACTIVE" | "RECOVERY" | "PASSWORD_EXPIRED" | "LOCKED_OUT" | "SUSPENDED" | "DEPROVISIONED";

export interface OktaOrgUser {
  /** 00u + 17 letters and digits. */
  id: string;
  status: OktaUserStatus;
  /** login, email, firstName, lastName and any custom attribute. */
  profile: Record<string, string | null> & { login: string };
}

export interface OktaOrgGroup {
  /** 00g + 17 letters and digits. */
  id: string;
  name: string;
  description: string | null;
  /** User ids (Okta groups hold users only: no nesting). */
  members: string[];
}

export interface OktaOrgApp {
  /** 0oa + 17 letters and digits. */
  id: string;
  label: string;
  /** Users assigned directly (scope USER). */
  users: string[];
  /** Groups assigned (their members appear in the app's users with scope GROUP). */
  groups: string[];
}

export interface OktaOrg {
  users: OktaOrgUser[];
  groups: OktaOrgGroup[];
  apps: OktaOrgApp[];
}

/** An id of Okta's shape: a 3-character type prefix and 17 characters derived from `seed`. */
export function oktaId(prefix: "00u" | "00g" | "0oa", seed: string): string {
  let body = "";
  let h = 2166136261;
  for (let i = 0; body.length < 17; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i % Math.max(1, seed.length)) ^ i, 16777619) >>> 0;
    body += "abcdefghijklmnopqrstuvwxyz0123456789"[h % 36];
  }
  return prefix + body;
}

export function cloneOrg(org: OktaOrg): OktaOrg {
  return JSON.parse(JSON.stringify(org)) as OktaOrg;
}

/** Inconsistencies that would make the emulator answer something Okta never would. */
export function orgProblems(org: OktaOrg): string[] {
  const problems: string[] = [];
  const users = new Set(org.users.map((u) => u.id));
  const groups = new Set(org.groups.map((g) => g.id));
  const logins = new Set<string>();
  for (const u of org.users) {
    if (!/^00u[0-9A-Za-z]{17}$/.test(u.id)) problems.push(`user id ${u.id} is not an Okta user id`);
    const login = u.profile.login.toLowerCase();
    if (logins.has(login)) problems.push(`login ${u.profile.login} is used twice`);
    logins.add(login);
  }
  for (const g of org.groups) {
    if (!/^00g[0-9A-Za-z]{17}$/.test(g.id)) problems.push(`group id ${g.id} is not an Okta group id`);
    for (const m of g.members) if (!users.has(m)) problems.push(`group ${g.name} has unknown member ${m}`);
  }
  for (const a of org.apps) {
    if (!/^0oa[0-9A-Za-z]{17}$/.test(a.id)) problems.push(`app id ${a.id} is not an Okta app id`);
    for (const u of a.users) if (!users.has(u)) problems.push(`app ${a.label} has unknown user ${u}`);
    for (const g of a.groups) if (!groups.has(g)) problems.push(`app ${a.label} has unknown group ${g}`);
  }
  return problems;
}
