// The tenant an emulator serves: directory objects in Graph's own wire shape (property names
// exactly as Graph returns them), plus the two relations Graph exposes as navigation
// properties (group members, app role assignments) and the app registrations allowed to sign in.
import * as fs from "node:fs";
import * as path from "node:path";
// Imported (not only read from disk) so the compiler copies the fixtures next to the output.
import demoTenantJson from "./fixtures/demo-tenant.json";
import demoTenantV2Json from "./fixtures/demo-tenant-v2.json";

/** Properties beyond the ones named here are served as-is (e.g. employeeId, extension_*). */
export interface GraphObjectFields {
  id: string;
  [property: string]: unknown;
}

export interface TenantUser extends GraphObjectFields {
  userPrincipalName: string;
  displayName: string | null;
  accountEnabled: boolean;
}

export interface TenantGroup extends GraphObjectFields {
  displayName: string;
  /** Direct member object ids (users, groups, devices, service principals, contacts). */
  members: string[];
}

export interface TenantDevice extends GraphObjectFields {
  displayName: string;
}

export interface TenantOrgContact extends GraphObjectFields {
  displayName: string;
}

export interface TenantAppRole {
  id: string;
  value: string | null;
  displayName: string;
  description?: string;
  allowedMemberTypes: string[];
  isEnabled: boolean;
  origin?: string;
}

/** An appRoleAssignment as stored; principal and resource fields are derived when served. */
export interface TenantAppRoleAssignment {
  id: string;
  principalId: string;
  /** 00000000-0000-0000-0000-000000000000 is the default access role. */
  appRoleId: string;
  createdDateTime?: string;
}

export interface TenantServicePrincipal extends GraphObjectFields {
  appId: string;
  displayName: string;
  appRoles: TenantAppRole[];
  appRoleAssignedTo: TenantAppRoleAssignment[];
}

export interface FederatedIdentityCredential {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

/** An application that may request tokens (client credentials) from this tenant. */
export interface AppRegistration {
  appId: string;
  displayName: string;
  federatedIdentityCredentials?: FederatedIdentityCredential[];
}

export interface TenantFixture {
  tenantId: string;
  displayName: string;
  verifiedDomains: string[];
  appRegistrations: AppRegistration[];
  users: TenantUser[];
  groups: TenantGroup[];
  devices: TenantDevice[];
  servicePrincipals: TenantServicePrincipal[];
  orgContacts: TenantOrgContact[];
}

export const fixturesDirectory = path.join(__dirname, "fixtures");
export const demoTenantPath = path.join(fixturesDirectory, "demo-tenant.json");
export const demoTenantV2Path = path.join(fixturesDirectory, "demo-tenant-v2.json");

/** The demo tenant (Contoso) as the shared story describes it, and its version 2. */
export const demoTenant = (): TenantFixture => cloneTenant(demoTenantJson);
export const demoTenantV2 = (): TenantFixture => cloneTenant(demoTenantV2Json);

/** A fixture from a file, checked for the mistakes that would make the emulator lie. */
export function readTenantFixture(file: string): TenantFixture {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`tenant fixture ${file} cannot be read: ${(err as Error).message}`, { cause: err });
  }
  const fixture = parsed as TenantFixture;
  const problems = tenantFixtureProblems(fixture);
  if (problems.length) throw new Error(`tenant fixture ${file} is inconsistent:\n- ${problems.join("\n- ")}`);
  return fixture;
}

/** Duplicate ids, dangling member references and assignments to unknown roles. */
export function tenantFixtureProblems(fixture: TenantFixture): string[] {
  const problems: string[] = [];
  for (const key of ["users", "groups", "devices", "servicePrincipals", "orgContacts", "appRegistrations"] as const) {
    if (!Array.isArray(fixture[key])) problems.push(`${key} must be an array`);
  }
  if (problems.length) return problems;
  const ids = new Set<string>();
  for (const object of [...fixture.users, ...fixture.groups, ...fixture.devices, ...fixture.servicePrincipals, ...fixture.orgContacts]) {
    if (ids.has(object.id)) problems.push(`object id ${object.id} is used twice`);
    ids.add(object.id);
  }
  for (const group of fixture.groups) {
    for (const member of group.members) {
      if (!ids.has(member)) problems.push(`group ${group.displayName} lists unknown member ${member}`);
    }
  }
  for (const sp of fixture.servicePrincipals) {
    const roleIds = new Set(sp.appRoles.map((r) => r.id));
    for (const assignment of sp.appRoleAssignedTo) {
      if (!ids.has(assignment.principalId)) problems.push(`${sp.displayName} is assigned to unknown principal ${assignment.principalId}`);
      if (assignment.appRoleId !== DEFAULT_ACCESS_ROLE_ID && !roleIds.has(assignment.appRoleId)) {
        problems.push(`${sp.displayName} assignment ${assignment.id} names unknown app role ${assignment.appRoleId}`);
      }
    }
  }
  return problems;
}

export const DEFAULT_ACCESS_ROLE_ID = "00000000-0000-0000-0000-000000000000";

/** A deep copy, so a test can mutate the emulator's tenant without touching the caller's. */
export function cloneTenant(fixture: TenantFixture): TenantFixture {
  return structuredClone(fixture);
}
