// The SCIM target's resource types in the provider contract (test/providers/contract.ts), each
// against its own generic SCIM emulator with pages of 2: scim:User against a server without
// PATCH or filters (the fallback path), scim:Group against one with PATCH (the other path).
import type { ScimGroupInputs } from "../../../providers/scim/group";
import type { ScimUserInputs } from "../../../providers/scim/user";
import { contractEntry } from "../contract";
import { scimProviders, startProviderRun, user } from "./harness";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

const roleValues = (stored: Record<string, unknown> | undefined) =>
  stored === undefined ? undefined : ((stored.roles as { value: string }[] | undefined) ?? []).map((r) => r.value).sort();

export const scimUserContract = contractEntry("scim:User", async () => {
  const run = await startProviderRun({ emulator: { maxCount: 2, patch: false, filter: false } });
  const { users } = run.emulator.state;
  const desired: ScimUserInputs = user({ onRemove: "delete", roles: ["Developer"] });
  return {
    provider: scimProviders.users,
    newProcess: () => run.newProcess(),
    close: () => run.close(),
    desired,
    changed: { ...desired, roles: ["Administrator"] },
    held: (id) => roleValues(users.get(id)),
    expected: (inputs) => [...inputs.roles].sort(),
    count: () => users.size,
    editByHand(id) {
      users.set(id, { ...users.get(id)!, roles: [{ value: "granted-in-the-console" }] });
    },
    removeByHand(id) {
      users.delete(id);
    },
    async makeByHand() {
      const id = "console-user-1";
      users.set(id, { schemas: [USER], id, userName: desired.userName, displayName: "Alice (console)", active: true });
      return id;
    },
  };
});

export const scimGroupContract = contractEntry("scim:Group", async () => {
  const run = await startProviderRun({ emulator: { maxCount: 2, patch: true } });
  const { users, groups } = run.emulator.state;
  for (const [id, userName, externalId] of [["u-alice", "alice@contoso.com", "entra-alice"], ["u-bob", "bob@contoso.com", "entra-bob"]]) {
    users.set(id, { schemas: [USER], id, userName, externalId, active: true });
  }
  const desired: ScimGroupInputs = { externalId: "g-admins", displayName: "App Admins", members: { "alice@contoso.com": "entra-alice" }, protectedAccounts: [] };
  const memberIds = (id: string) => (groups.has(id) ? ((groups.get(id)!.members as { value: string }[]) ?? []).map((m) => m.value).sort() : undefined);
  const idsOf = (inputs: ScimGroupInputs) => Object.values(inputs.members).map((entraId) => [...users.values()].find((u) => u.externalId === entraId)!.id).sort();
  return {
    provider: scimProviders.groups,
    newProcess: () => run.newProcess(),
    close: () => run.close(),
    desired,
    changed: { ...desired, members: { "alice@contoso.com": "entra-alice", "bob@contoso.com": "entra-bob" } },
    held: memberIds,
    expected: idsOf,
    count: () => groups.size,
    editByHand(id) {
      groups.set(id, { ...groups.get(id)!, members: [] });
    },
    removeByHand(id) {
      groups.delete(id);
    },
    async makeByHand() {
      const id = "console-group-1";
      groups.set(id, { schemas: [GROUP], id, displayName: desired.displayName, members: [] });
      return id;
    },
  };
});
