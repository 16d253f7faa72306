// The PRA resource types' entries in the provider contract (test/providers/contract.ts), each
// against its own PRA emulator with tiny pages so every listing pages.
import { createGroupPolicy } from "../../../bench/emulators/pra/config/group-policies";
import type { PraEmulator } from "../../../bench/emulators/pra";
import { SCHEMA } from "../../../lib/scim";
import { praScimClient } from "../../../providers/pra/client-scim";
import type { PraGroupPolicyInputs } from "../../../providers/pra/group-policy";
import type { PraScimGroupInputs } from "../../../providers/pra/scim-group";
import type { PraScimUserInputs } from "../../../providers/pra/scim-user";
import { contractEntry } from "../contract";
import { startPraProviderRun, type PraProviderRun } from "./provider-harness";

const SMALL_PAGES = { defaultPerPage: 5, scimMaxCount: 3 };

/** The product's SCIM API as an older script uses it, outside this program. */
const scimAsAnOlderTool = (pra: PraEmulator) => praScimClient({ url: pra.url, token: pra.scimToken });

function commonSubject(run: PraProviderRun) {
  return {
    newProcess: () => run.newProcess(),
    close: () => run.close(),
  };
}

export const praScimUserContract = contractEntry("pra:ScimUser", async () => {
  const run = await startPraProviderRun({ emulator: SMALL_PAGES });
  const { pra } = run;
  const userOf = (id: string) => pra.state.userByScimId(id);
  const desired: PraScimUserInputs = {
    externalId: "e-carol",
    userName: "carol@contoso.com",
    displayName: "Carol",
    givenName: "Carol",
    familyName: "Contoso",
    email: "carol@contoso.com",
    active: true,
    onRemove: "delete",
    protected: false,
  };
  return {
    ...commonSubject(run),
    provider: run.scimUser,
    desired,
    changed: { ...desired, displayName: "Carol Contoso" },
    held: (id) => userOf(id)?.scim?.displayName,
    expected: (inputs) => inputs.displayName,
    count: () => pra.state.scimUsers().length,
    editByHand(id) {
      userOf(id)!.scim!.displayName = "Renamed in the console";
      pra.state.touch();
    },
    removeByHand(id) {
      pra.state.users.delete(userOf(id)!.id);
      pra.state.touch();
    },
    async makeByHand() {
      const made = await scimAsAnOlderTool(pra)
        .resource("User")
        .create({ schemas: [SCHEMA.user], userName: desired.userName, displayName: "carol (old script)" });
      return made.id!;
    },
  };
});

export const praScimGroupContract = contractEntry("pra:ScimGroup", async () => {
  const run = await startPraProviderRun({
    emulator: {
      ...SMALL_PAGES,
      seed: {
        scimUsers: [
          { userName: "alice@contoso.com", externalId: "e-alice" },
          { userName: "bob@contoso.com", externalId: "e-bob" },
        ],
      },
    },
  });
  const { pra } = run;
  const desired: PraScimGroupInputs = {
    externalId: "g-contract",
    displayName: "PRA Contract Admins",
    members: { "alice@contoso.com": "e-alice" },
    protectedAccounts: [],
  };
  return {
    ...commonSubject(run),
    provider: run.scimGroup,
    desired,
    changed: { ...desired, members: { "alice@contoso.com": "e-alice", "bob@contoso.com": "e-bob" } },
    held(id) {
      const group = pra.state.scimGroups.get(id);
      return group?.memberIds.map((member) => pra.state.userByScimId(member)?.scim?.userName).sort();
    },
    expected: (inputs) => Object.keys(inputs.members).sort(),
    count: () => pra.state.scimGroups.size,
    editByHand(id) {
      pra.state.scimGroups.get(id)!.memberIds.length = 0;
      pra.state.touch();
    },
    removeByHand(id) {
      pra.state.scimGroups.delete(id);
      pra.state.touch();
    },
    async makeByHand() {
      const made = await scimAsAnOlderTool(pra)
        .resource("Group")
        .create({ schemas: [SCHEMA.group], displayName: desired.displayName, members: [] });
      return made.id!;
    },
  };
});

export const praGroupPolicyContract = contractEntry("pra:GroupPolicy", async () => {
  const run = await startPraProviderRun({
    emulator: { ...SMALL_PAGES, seed: { jumpGroups: [{ name: "Linux Servers" }], scimGroups: [{ displayName: "PRA Linux Admins", externalId: "g-1" }] } },
  });
  const { pra } = run;
  const policyOf = (id: string) => pra.state.groupPolicies.get(Number(id));
  const desired: PraGroupPolicyInputs = {
    name: "Contract Policy",
    permissions: { perm_access_allowed: true, perm_shell_jump: true },
    memberGroups: ["PRA Linux Admins"],
    jumpGroups: { "Linux Servers": { jumpItemRole: "Administrator", jumpPolicy: null } },
  };
  return {
    ...commonSubject(run),
    provider: run.groupPolicy,
    desired,
    changed: { ...desired, permissions: { perm_access_allowed: true, perm_shell_jump: false } },
    held(id) {
      const policy = policyOf(id);
      return policy && { perm_shell_jump: policy.wire.perm_shell_jump, members: policy.members.length, jumpGroups: policy.jumpGroups.length };
    },
    expected: (inputs) => ({
      perm_shell_jump: inputs.permissions.perm_shell_jump,
      members: inputs.memberGroups.length,
      jumpGroups: Object.keys(inputs.jumpGroups).length,
    }),
    count: () => pra.state.groupPolicies.size,
    editByHand(id) {
      const policy = policyOf(id)!;
      policy.wire.perm_shell_jump = !policy.wire.perm_shell_jump;
      policy.members.length = 0;
      pra.state.touch();
    },
    removeByHand(id) {
      pra.state.groupPolicies.delete(Number(id));
      pra.state.touch();
    },
    async makeByHand() {
      return String(createGroupPolicy(pra.state, { name: desired.name }).wire.id);
    },
  };
});
