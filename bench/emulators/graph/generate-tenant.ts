// Large, deterministic tenants for paging tests and benchmarks: the same seed always gives the
// same ids, names and memberships.
import { demoTenant, type TenantFixture, type TenantGroup, type TenantUser } from "./tenant";

export interface GenerateTenantOptions {
  users: number;
  groups: number;
  /** Groups form chains of this many nested levels below a top-level group (0 = no nesting). */
  nestingDepth: number;
  seed: number;
  /** Devices, service principals and org contacts sprinkled into groups (default 0 each). */
  devices?: number;
  servicePrincipals?: number;
  contacts?: number;
}

/** mulberry32: a small, fast, seedable generator (deterministic across platforms). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function guidFrom(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(next() * 4)];
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * Top-level groups are "Generated Group 001", "Generated Group 00<d+2>", ...; every group below
 * one (up to `nestingDepth` levels) is a member of the one before it. Each user is a direct
 * member of one random group, and of a second one about a third of the time. About 2% of users
 * are disabled. Tenant id and app registrations are the demo tenant's, so the same client
 * settings sign in to either.
 */
export function generateTenant(options: GenerateTenantOptions): TenantFixture {
  const { users: userCount, groups: groupCount, nestingDepth, seed } = options;
  if (groupCount < 1) throw new Error("generateTenant needs at least one group");
  const next = random(seed);
  const demo = demoTenant();
  const width = Math.max(5, String(userCount).length);

  const users: TenantUser[] = Array.from({ length: userCount }, (_, i) => {
    const n = pad(i + 1, width);
    return {
      id: guidFrom(next),
      userPrincipalName: `user${n}@contoso.com`,
      mail: `user${n}@contoso.com`,
      displayName: `Generated User ${n}`,
      givenName: "Generated",
      surname: `User ${n}`,
      accountEnabled: next() >= 0.02,
      userType: "Member",
      employeeId: `G${n}`,
      onPremisesSamAccountName: `guser${n}`,
    };
  });
  const groups: TenantGroup[] = Array.from({ length: groupCount }, (_, i) => ({
    id: guidFrom(next),
    displayName: `Generated Group ${pad(i + 1, 3)}`,
    description: "Generated for paging tests and benchmarks",
    mailNickname: `generated-group-${pad(i + 1, 3)}`,
    mailEnabled: false,
    securityEnabled: true,
    members: [],
  }));
  groups.forEach((group, i) => {
    if (i % (nestingDepth + 1) !== 0) groups[i - 1].members.push(group.id);
  });
  const pickGroup = () => groups[Math.floor(next() * groups.length)];
  for (const user of users) {
    const first = pickGroup();
    first.members.push(user.id);
    if (next() < 1 / 3) {
      const second = pickGroup();
      if (second !== first) second.members.push(user.id);
    }
  }
  const devices = Array.from({ length: options.devices ?? 0 }, (_, i) => ({
    id: guidFrom(next),
    deviceId: guidFrom(next),
    displayName: `generated-device-${pad(i + 1, 4)}`,
    accountEnabled: true,
    operatingSystem: "Linux",
  }));
  const servicePrincipals = Array.from({ length: options.servicePrincipals ?? 0 }, (_, i) => ({
    id: guidFrom(next),
    appId: guidFrom(next),
    displayName: `generated-app-${pad(i + 1, 4)}`,
    servicePrincipalType: "Application",
    accountEnabled: true,
    appRoles: [],
    appRoleAssignedTo: [],
  }));
  const orgContacts = Array.from({ length: options.contacts ?? 0 }, (_, i) => ({
    id: guidFrom(next),
    displayName: `Generated Contact ${pad(i + 1, 4)}`,
    mail: `contact${pad(i + 1, 4)}@fabrikam.com`,
  }));
  for (const object of [...devices, ...servicePrincipals, ...orgContacts]) pickGroup().members.push(object.id);

  return {
    tenantId: demo.tenantId,
    displayName: demo.displayName,
    verifiedDomains: demo.verifiedDomains,
    appRegistrations: demo.appRegistrations,
    users,
    groups,
    devices,
    servicePrincipals: [...demo.servicePrincipals.filter((sp) => sp.displayName === "pam-reconciler"), ...servicePrincipals],
    orgContacts,
  };
}
