// Read-only queries over a tenant fixture, shaped the way Graph shapes them: which object an id
// names, direct and transitive members, and each object's wire form under a $select.
// Built per request from the (mutable) fixture, so a test that edits state.tenant sees it at once.
import type { GraphObjectFields, TenantFixture, TenantGroup, TenantServicePrincipal } from "./tenant";

export type DirectoryObjectKind = "user" | "group" | "device" | "servicePrincipal" | "orgContact";

export interface DirectoryEntry {
  kind: DirectoryObjectKind;
  object: GraphObjectFields;
}

export const odataTypeOf: Record<DirectoryObjectKind, string> = {
  user: "#microsoft.graph.user",
  group: "#microsoft.graph.group",
  device: "#microsoft.graph.device",
  servicePrincipal: "#microsoft.graph.servicePrincipal",
  orgContact: "#microsoft.graph.orgContact",
};

/** Properties each type has in Graph v1.0 (the ones a directory reader plausibly asks for). */
const knownProperties: Record<DirectoryObjectKind, readonly string[]> = {
  user: [
    "id",
    "accountEnabled",
    "businessPhones",
    "city",
    "companyName",
    "country",
    "createdDateTime",
    "creationType",
    "department",
    "displayName",
    "employeeHireDate",
    "employeeId",
    "employeeType",
    "externalUserState",
    "givenName",
    "identities",
    "jobTitle",
    "mail",
    "mailNickname",
    "mobilePhone",
    "officeLocation",
    "onPremisesDistinguishedName",
    "onPremisesDomainName",
    "onPremisesExtensionAttributes",
    "onPremisesImmutableId",
    "onPremisesSamAccountName",
    "onPremisesSecurityIdentifier",
    "onPremisesSyncEnabled",
    "onPremisesUserPrincipalName",
    "otherMails",
    "preferredLanguage",
    "proxyAddresses",
    "state",
    "surname",
    "usageLocation",
    "userPrincipalName",
    "userType",
  ],
  group: [
    "id",
    "classification",
    "createdDateTime",
    "description",
    "displayName",
    "groupTypes",
    "isAssignableToRole",
    "mail",
    "mailEnabled",
    "mailNickname",
    "membershipRule",
    "onPremisesSamAccountName",
    "onPremisesSyncEnabled",
    "proxyAddresses",
    "securityEnabled",
    "securityIdentifier",
    "visibility",
  ],
  device: [
    "id",
    "accountEnabled",
    "deviceId",
    "displayName",
    "isCompliant",
    "isManaged",
    "operatingSystem",
    "operatingSystemVersion",
    "trustType",
    "approximateLastSignInDateTime",
  ],
  servicePrincipal: [
    "id",
    "accountEnabled",
    "appDisplayName",
    "appId",
    "appOwnerOrganizationId",
    "appRoleAssignmentRequired",
    "appRoles",
    "displayName",
    "servicePrincipalNames",
    "servicePrincipalType",
    "tags",
  ],
  orgContact: ["id", "companyName", "department", "displayName", "givenName", "jobTitle", "mail", "mailNickname", "proxyAddresses", "surname"],
};

/** What Graph returns for a user without $select: notably not accountEnabled or employeeId. */
const defaultUserProperties = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
];

/** Fixture relations served through their own endpoints, never as properties. */
const relationProperties = new Set(["members", "appRoleAssignedTo"]);

const extensionProperty = /^extension_[0-9a-f]{32}_[A-Za-z0-9_]+$/;

export class DirectoryView {
  private readonly byId = new Map<string, DirectoryEntry>();

  constructor(readonly tenant: TenantFixture) {
    const add = (kind: DirectoryObjectKind, objects: GraphObjectFields[]) => {
      for (const object of objects) this.byId.set(object.id.toLowerCase(), { kind, object });
    };
    add("user", tenant.users);
    add("group", tenant.groups);
    add("device", tenant.devices);
    add("servicePrincipal", tenant.servicePrincipals);
    add("orgContact", tenant.orgContacts);
  }

  get(id: string): DirectoryEntry | undefined {
    return this.byId.get(id.toLowerCase());
  }

  group(id: string): TenantGroup | undefined {
    const entry = this.get(id);
    return entry?.kind === "group" ? (entry.object as TenantGroup) : undefined;
  }

  servicePrincipal(id: string): TenantServicePrincipal | undefined {
    const entry = this.get(id);
    return entry?.kind === "servicePrincipal" ? (entry.object as TenantServicePrincipal) : undefined;
  }

  directMembers(group: TenantGroup): DirectoryEntry[] {
    return group.members.map((id) => this.get(id)).filter((e): e is DirectoryEntry => e !== undefined);
  }

  /** The groups that hold the object directly or through nesting, each once. */
  transitiveMemberOf(id: string): TenantGroup[] {
    const key = id.toLowerCase();
    return this.tenant.groups.filter((g) => this.transitiveMembers(g).some((e) => e.object.id.toLowerCase() === key));
  }

  /** Every object reachable through nesting, nested groups included, each once (cycles are harmless). */
  transitiveMembers(group: TenantGroup): DirectoryEntry[] {
    const seen = new Set<string>([group.id.toLowerCase()]);
    const out: DirectoryEntry[] = [];
    const visit = (g: TenantGroup) => {
      for (const entry of this.directMembers(g)) {
        const key = entry.object.id.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(entry);
        if (entry.kind === "group") visit(entry.object as TenantGroup);
      }
    };
    visit(group);
    return out;
  }
}

/** Whether `property` may be selected on a collection of `kinds` (any one of them suffices). */
export function isSelectableProperty(property: string, kinds: readonly DirectoryObjectKind[], tenant: TenantFixture): boolean {
  if (extensionProperty.test(property)) return true;
  if (relationProperties.has(property)) return false;
  return kinds.some((kind) => kindHasProperty(kind, property, tenant));
}

function kindHasProperty(kind: DirectoryObjectKind, property: string, tenant?: TenantFixture): boolean {
  if (knownProperties[kind].includes(property)) return true;
  if (!tenant) return false;
  const objects: GraphObjectFields[] = {
    user: tenant.users,
    group: tenant.groups,
    device: tenant.devices,
    servicePrincipal: tenant.servicePrincipals,
    orgContact: tenant.orgContacts,
  }[kind];
  return objects.some((o) => Object.prototype.hasOwnProperty.call(o, property));
}

/**
 * The object as Graph serializes it. With $select, each selected property the type has is
 * present (null when unset) and others are omitted; without it, users get Graph's default
 * property set and other types everything. `withODataType` is for directoryObject collections.
 */
export function toWire(entry: DirectoryEntry, select: string[] | undefined, withODataType: boolean): Record<string, unknown> {
  const { kind, object } = entry;
  const out: Record<string, unknown> = {};
  if (withODataType) out["@odata.type"] = odataTypeOf[kind];
  const names = select ?? (kind === "user" ? defaultUserProperties : Object.keys(object).filter((p) => !relationProperties.has(p)));
  for (const name of names) {
    if (name === "id") {
      out.id = object.id;
      continue;
    }
    const has = Object.prototype.hasOwnProperty.call(object, name);
    if (!has && !kindHasProperty(kind, name) && !extensionProperty.test(name)) continue;
    if (relationProperties.has(name)) continue;
    out[name] = has ? object[name] : name === "businessPhones" ? [] : null;
  }
  if (select && !select.includes("id") && out.id === undefined) {
    // Graph always returns the key of directory objects, selected or not.
    out.id = object.id;
  }
  return out;
}
