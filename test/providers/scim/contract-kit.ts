// The provider contract entries of a SCIM product's User and Group (scim, pam360, passwordsafe:
// one implementation), each against that product's emulator: how to reach the emulator's users
// and groups, and which inputs the contract manages.
import type { ScimGroupInputs } from "../../../providers/scim/group";
import type { ScimUserInputs } from "../../../providers/scim/user";
import { contractEntry, type ContractEntry } from "../contract";
import type { ProductRun } from "./product-harness";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

type Stored = Record<string, unknown> & { id: string };
export interface ScimStore {
  users: Map<string, Stored>;
  groups: Map<string, Stored>;
}

interface Harness<E> {
  providers: { users: unknown; groups: unknown };
  startProviderRun(options?: { emulator?: unknown }): Promise<ProductRun<E>>;
}

const roleValues = (stored: Record<string, unknown> | undefined) =>
  stored === undefined ? undefined : ((stored.roles as { value: string }[] | undefined) ?? []).map((r) => r.value).sort();

export function scimUserContract<E>(
  type: string,
  harness: Harness<E>,
  spec: { store(emulator: E): ScimStore; emulator?: unknown; desired: ScimUserInputs; changedRole: string; byHand?: Record<string, unknown> },
): ContractEntry {
  return contractEntry(type, async () => {
    const run = await harness.startProviderRun({ emulator: spec.emulator });
    const { users } = spec.store(run.emulator);
    const desired = spec.desired;
    return {
      provider: harness.providers.users as never,
      newProcess: () => run.newProcess(),
      close: () => run.close(),
      desired,
      changed: { ...desired, roles: [spec.changedRole] },
      held: (id: string) => roleValues(users.get(id)),
      expected: (inputs: ScimUserInputs) => [...inputs.roles].sort(),
      count: () => users.size,
      editByHand(id: string) {
        users.set(id, { ...users.get(id)!, roles: [{ value: "granted-in-the-console" }] });
      },
      removeByHand(id: string) {
        users.delete(id);
      },
      async makeByHand() {
        const id = "console-user-1";
        users.set(id, { schemas: [USER], id, userName: desired.userName, displayName: "Alice (console)", active: true, ...spec.byHand });
        return id;
      },
    };
  });
}

export function scimGroupContract<E>(
  type: string,
  harness: Harness<E>,
  spec: { store(emulator: E): ScimStore; emulator?: unknown; description?: string },
): ContractEntry {
  return contractEntry(type, async () => {
    const run = await harness.startProviderRun({ emulator: spec.emulator });
    const { users, groups } = spec.store(run.emulator);
    for (const [id, userName, externalId] of [
      ["u-alice", "alice@contoso.com", "entra-alice"],
      ["u-bob", "bob@contoso.com", "entra-bob"],
    ]) {
      users.set(id, {
        schemas: [USER],
        id,
        userName,
        externalId,
        active: true,
        name: { givenName: userName, familyName: "Test" },
        emails: [{ value: userName, primary: true }],
      });
    }
    const described = spec.description === undefined ? {} : { description: spec.description };
    const desired: ScimGroupInputs = {
      externalId: "g-admins",
      displayName: "App Admins",
      ...described,
      members: { "alice@contoso.com": "entra-alice" },
      protectedAccounts: [],
    };
    const memberIds = (id: string) => (groups.has(id) ? ((groups.get(id)!.members as { value: string }[]) ?? []).map((m) => m.value).sort() : undefined);
    const idsOf = (inputs: ScimGroupInputs) =>
      Object.values(inputs.members)
        .map((entraId) => [...users.values()].find((u) => u.externalId === entraId)!.id)
        .sort();
    return {
      provider: harness.providers.groups as never,
      newProcess: () => run.newProcess(),
      close: () => run.close(),
      desired,
      changed: { ...desired, members: { "alice@contoso.com": "entra-alice", "bob@contoso.com": "entra-bob" } },
      held: memberIds,
      expected: idsOf,
      count: () => groups.size,
      editByHand(id: string) {
        groups.set(id, { ...groups.get(id)!, members: [] });
      },
      removeByHand(id: string) {
        groups.delete(id);
      },
      async makeByHand() {
        const id = "console-group-1";
        groups.set(id, { schemas: [GROUP], id, displayName: desired.displayName, ...described, members: [] });
        return id;
      },
    };
  });
}
