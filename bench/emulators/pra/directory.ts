// Users and SCIM groups as both APIs see them: one record per user, so a SCIM user is also a
// Configuration API user of the SCIM security provider, and removing it removes it everywhere.
import { randomUUID } from "node:crypto";
import type { PraState, ScimEmail, ScimGroupQueryId, ScimGroupRecord, ScimName, ScimUserQueryId, UserRecord } from "./state";
import { praDateTime, scimDateTime } from "./wire/shape";

export interface ScimUserInput {
  userName: string;
  externalId: string | null;
  displayName: string | null;
  name: ScimName | null;
  emails: ScimEmail[];
  active: boolean;
}

export interface ScimGroupInput {
  displayName: string;
  externalId: string | null;
  /** SCIM ids of existing users. */
  memberIds: string[];
}

export function primaryEmail(emails: readonly ScimEmail[]): string | null {
  return (emails.find((e) => e.primary) ?? emails[0])?.value ?? null;
}

/** The Configuration API fields a SCIM provider keeps in sync with SCIM. */
function syncFromScim(user: UserRecord, input: ScimUserInput): void {
  user.username = input.userName;
  user.public_display_name = input.displayName ?? input.userName;
  user.email_address = primaryEmail(input.emails);
  user.enabled = input.active;
}

export function createScimUser(state: PraState, input: ScimUserInput, now: number): UserRecord {
  const provider = state.scimProvider();
  if (!provider) throw new Error("no SCIM security provider is configured");
  const user: UserRecord = {
    id: state.nextId("user"),
    security_provider_id: provider.id,
    username: "",
    public_display_name: "",
    email_address: null,
    preferred_email_language: "en-us",
    enabled: true,
    created_at: praDateTime(now),
    last_authentication: null,
    perm_admin: false,
    scim: {
      id: randomUUID(),
      externalId: input.externalId,
      userName: input.userName,
      displayName: input.displayName,
      name: input.name,
      emails: input.emails,
      created: scimDateTime(now),
      lastModified: scimDateTime(now),
    },
    provisioned: null,
  };
  syncFromScim(user, input);
  state.users.set(user.id, user);
  return user;
}

export function replaceScimUser(user: UserRecord, input: ScimUserInput, now: number): void {
  const scim = user.scim!;
  Object.assign(scim, {
    externalId: input.externalId,
    userName: input.userName,
    displayName: input.displayName,
    name: input.name,
    emails: input.emails,
    lastModified: scimDateTime(now),
  });
  syncFromScim(user, input);
}

/** The SCIM view of a user's writable attributes, for PATCH to start from. */
export function scimUserInputOf(user: UserRecord): ScimUserInput {
  const scim = user.scim!;
  return {
    userName: scim.userName,
    externalId: scim.externalId,
    displayName: scim.displayName,
    name: scim.name ? { ...scim.name } : null,
    emails: scim.emails.map((e) => ({ ...e })),
    active: user.enabled,
  };
}

export interface LocalUserInput {
  username: string;
  public_display_name: string;
  email_address?: string | null;
  preferred_email_language?: string;
  enabled?: boolean;
  two_factor_required?: boolean;
  password_expiration?: string | null;
  password_reset_next_login?: boolean;
  perm_admin?: boolean;
}

export function createLocalUser(state: PraState, input: LocalUserInput, now: number): UserRecord {
  const provider = state.localProvider();
  if (!provider) throw new Error("no local security provider is configured");
  const user: UserRecord = {
    id: state.nextId("user"),
    security_provider_id: provider.id,
    username: input.username,
    public_display_name: input.public_display_name,
    email_address: input.email_address ?? null,
    preferred_email_language: input.preferred_email_language ?? "en-us",
    enabled: input.enabled ?? true,
    created_at: praDateTime(now),
    last_authentication: null,
    perm_admin: input.perm_admin ?? false,
    local: {
      two_factor_required: input.two_factor_required ?? false,
      password_expiration: input.password_expiration ?? null,
      failed_logins: 0,
      password_reset_next_login: input.password_reset_next_login ?? false,
    },
    provisioned: null,
  };
  state.users.set(user.id, user);
  return user;
}

/** Removes a user from both APIs: SCIM group memberships and group policy memberships go too. */
export function removeUser(state: PraState, userId: number): void {
  const user = state.users.get(userId);
  if (!user) return;
  state.users.delete(userId);
  if (user.scim) {
    for (const group of state.scimGroups.values()) group.memberIds = group.memberIds.filter((id) => id !== user.scim!.id);
  }
  for (const policy of state.groupPolicies.values()) {
    policy.members = policy.members.filter((m) => !((m.kind === "user" || m.kind === "scim-user") && m.userId === userId));
  }
}

export function createScimGroup(state: PraState, input: ScimGroupInput, now: number): ScimGroupRecord {
  const group: ScimGroupRecord = {
    id: randomUUID(),
    externalId: input.externalId,
    displayName: input.displayName,
    memberIds: [...new Set(input.memberIds)],
    created: scimDateTime(now),
    lastModified: scimDateTime(now),
  };
  state.scimGroups.set(group.id, group);
  return group;
}

export function replaceScimGroup(group: ScimGroupRecord, input: ScimGroupInput, now: number): void {
  group.displayName = input.displayName;
  group.externalId = input.externalId;
  group.memberIds = [...new Set(input.memberIds)];
  group.lastModified = scimDateTime(now);
}

/** Removes a SCIM group; group policies lose it as a member. */
export function removeScimGroup(state: PraState, groupId: string): void {
  state.scimGroups.delete(groupId);
  for (const policy of state.groupPolicies.values()) {
    policy.members = policy.members.filter((m) => !(m.kind === "scim-group" && m.scimGroupId === groupId));
  }
}

/** SCIM's userName and displayName compare case-insensitively (RFC 7643 caseExact false). */
function sameText(a: string | null, b: string, caseExact: boolean): boolean {
  if (a === null) return false;
  return caseExact ? a === b : a.toLowerCase() === b.toLowerCase();
}

export function scimUserQueryValue(user: UserRecord, attribute: ScimUserQueryId): string | null {
  const scim = user.scim!;
  return attribute === "id" ? scim.id : attribute === "externalId" ? scim.externalId : scim.userName;
}

export function findScimUserByQuery(state: PraState, attribute: ScimUserQueryId, value: string): UserRecord | undefined {
  return state.scimUsers().find((u) => sameText(scimUserQueryValue(u, attribute), value, attribute !== "userName"));
}

export function scimGroupQueryValue(group: ScimGroupRecord, attribute: ScimGroupQueryId): string | null {
  return attribute === "id" ? group.id : attribute === "externalId" ? group.externalId : group.displayName;
}

export function findScimGroupByQuery(state: PraState, attribute: ScimGroupQueryId, value: string): ScimGroupRecord | undefined {
  return [...state.scimGroups.values()].find((g) => sameText(scimGroupQueryValue(g, attribute), value, attribute !== "displayName"));
}

export function findScimUserByUserName(state: PraState, userName: string): UserRecord | undefined {
  return findScimUserByQuery(state, "userName", userName);
}

export function findScimGroupByDisplayName(state: PraState, displayName: string): ScimGroupRecord | undefined {
  return findScimGroupByQuery(state, "displayName", displayName);
}
