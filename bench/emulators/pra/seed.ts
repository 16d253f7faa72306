// The PRA a fresh emulator starts as: a local and a SCIM security provider, the built-in
// administrator, default jump item roles, and whatever the options' seed adds.
import { createLocalUser, createScimGroup, createScimUser, findScimUserByUserName } from "./directory";
import { createGroupPolicy } from "./config/group-policies";
import { createJumpGroup, createJumpPolicy } from "./config/catalog";
import type { PraSeed } from "./options";
import { recalculateAll } from "./provisioning";
import type { JumpItemRoleWire, PraState, SecurityProviderRecord } from "./state";
import { schemaDefaults } from "./wire/shape";

const DEFAULT_JUMP_ITEM_ROLES: PraSeed["jumpItemRoles"] = [
  // id 1 must exist: every GroupPolicy *_jump_item_role_id defaults to 1 in the spec.
  { name: "Start Sessions Only", description: "Start sessions with Jump Items.", perm_start: true },
  {
    name: "Administrator",
    description: "Full control of Jump Items.",
    perm_add: true,
    perm_assign_jump_group: true,
    perm_remove: true,
    perm_start: true,
    perm_edit_tag: true,
    perm_edit_comments: true,
    perm_edit_jump_policy: true,
    perm_edit_session_policy: true,
    perm_edit_identity: true,
    perm_edit_behavior: true,
    perm_view_jump_item_report: true,
  },
  { name: "No Access", description: "No access to Jump Items." },
];

function addProvider(state: PraState, fields: Omit<SecurityProviderRecord, "id">): SecurityProviderRecord {
  const provider = { ...fields, id: state.nextId("securityProvider") };
  state.securityProviders.set(provider.id, provider);
  return provider;
}

function seedProviders(state: PraState, seed: PraSeed): void {
  const common = { enabled: true, user_authentication: true, group_lookup: false, default_policy: 0 };
  addProvider(state, { ...common, type: "local", name: "Local", priority: 0 });
  if (seed.scimProvider !== null) {
    addProvider(state, {
      ...common,
      type: "scim",
      name: "SCIM",
      priority: 1,
      group_lookup: true,
      scim_user_query_id: seed.scimProvider?.scim_user_query_id ?? "userName",
      scim_group_query_id: seed.scimProvider?.scim_group_query_id ?? "displayName",
      unique_id_attribute_name: "externalId",
      display_name: "{displayName}",
      email: "emails[primary]",
      user_name: "userName",
    });
  }
  if (seed.samlProvider) {
    addProvider(state, {
      ...common,
      type: "saml",
      name: seed.samlProvider.name ?? "SAML",
      priority: 2,
      group_lookup: true,
      available_groups: [...seed.samlProvider.available_groups],
    });
  }
}

function byName<T>(items: Iterable<T>, name: (item: T) => string, wanted: string, what: string): T {
  const found = [...items].find((item) => name(item) === wanted);
  if (!found) throw new Error(`PRA emulator seed: unknown ${what} "${wanted}"`);
  return found;
}

export function applySeed(state: PraState, seed: PraSeed, now: number): void {
  seedProviders(state, seed);
  createLocalUser(state, { username: "admin", public_display_name: "Administrator", perm_admin: true }, now);
  for (const role of seed.jumpItemRoles ?? DEFAULT_JUMP_ITEM_ROLES!) {
    const wire = { ...schemaDefaults(state.contract, "JumpItemRole"), description: "", ...role, id: state.nextId("jumpItemRole") } as JumpItemRoleWire;
    state.jumpItemRoles.set(wire.id, wire);
  }
  for (const group of seed.jumpGroups ?? []) createJumpGroup(state, group);
  for (const policy of seed.jumpPolicies ?? []) createJumpPolicy(state, policy);
  for (const user of seed.localUsers ?? []) {
    createLocalUser(state, { ...user, public_display_name: user.public_display_name ?? user.username }, now);
  }
  for (const user of seed.scimUsers ?? []) {
    createScimUser(
      state,
      {
        userName: user.userName,
        externalId: user.externalId ?? null,
        displayName: user.displayName ?? null,
        name: user.givenName || user.familyName ? { formatted: null, givenName: user.givenName ?? null, familyName: user.familyName ?? null } : null,
        emails: user.email ? [{ value: user.email, type: "work", primary: true }] : [],
        active: user.active ?? true,
      },
      now,
    );
  }
  for (const group of seed.scimGroups ?? []) {
    const memberIds = (group.members ?? []).map((userName) => {
      const user = findScimUserByUserName(state, userName);
      if (!user) throw new Error(`PRA emulator seed: unknown SCIM user "${userName}"`);
      return user.scim!.id;
    });
    createScimGroup(state, { displayName: group.displayName, externalId: group.externalId ?? null, memberIds }, now);
  }
  for (const { memberScimGroups, memberLocalUsers, jumpGroups, ...fields } of seed.groupPolicies ?? []) {
    const policy = createGroupPolicy(state, fields);
    const scimProvider = state.scimProvider();
    for (const displayName of memberScimGroups ?? []) {
      if (!scimProvider) throw new Error("PRA emulator seed: SCIM group members need the SCIM provider");
      const group = byName(state.scimGroups.values(), (g) => g.displayName, displayName, "SCIM group");
      policy.members.push({ id: state.nextId("member"), security_provider_id: scimProvider.id, kind: "scim-group", scimGroupId: group.id });
    }
    for (const username of memberLocalUsers ?? []) {
      const user = byName(
        [...state.users.values()].filter((u) => u.security_provider_id === state.localProvider()?.id),
        (u) => u.username,
        username,
        "local user",
      );
      policy.members.push({ id: state.nextId("member"), security_provider_id: user.security_provider_id, kind: "user", userId: user.id });
    }
    for (const link of jumpGroups ?? []) {
      policy.jumpGroups.push({
        jump_group_id: byName(state.jumpGroups.values(), (g) => g.name, link.jumpGroup, "jump group").id,
        jump_item_role_id: link.jumpItemRole ? byName(state.jumpItemRoles.values(), (r) => r.name, link.jumpItemRole, "jump item role").id : 0,
        jump_policy_id: link.jumpPolicy ? byName(state.jumpPolicies.values(), (p) => p.display_name, link.jumpPolicy, "jump policy").id : 0,
      });
    }
  }
  // What the seed describes is already in effect: no API change is waiting to be provisioned.
  recalculateAll(state);
}
