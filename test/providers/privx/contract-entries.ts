// The PrivX resource types' entries in the provider contract (test/providers/contract.ts), each
// against its own PrivX emulator with pages of 5.
import type { PrivxScimUser } from "../../../bench/emulators/privx";
import { SCIM_HOST_SCHEMA, SCIM_USER_SCHEMA } from "../../../bench/emulators/privx";
import type { PrivxHostInputs } from "../../../providers/privx/host";
import type { PrivxScimUserInputs } from "../../../providers/privx/scim-user";
import { contractEntry } from "../contract";
import { privxProviders, startProviderRun } from "./provider-harness";

const META = (resourceType: string, id: string) => ({
  resourceType,
  created: "2024-01-01T00:00:00Z",
  lastModified: "2024-01-01T00:00:00Z",
  location: `/${resourceType}s/${id}`,
});

export const privxScimUserContract = contractEntry("privx:ScimUser", async () => {
  const run = await startProviderRun({ emulator: { maxCount: 5 } });
  const { users } = run.emulator.state;
  const desired: PrivxScimUserInputs = {
    externalId: "sub-carol",
    userName: "carol@contoso.com",
    displayName: "Carol",
    mail: "carol@contoso.com",
    groups: ["developers"],
    entraId: "e-carol",
    active: true,
    onRemove: "delete",
    protected: false,
  };
  return {
    provider: privxProviders.users,
    newProcess: () => run.newProcess(),
    close: () => run.close(),
    desired,
    changed: { ...desired, groups: ["dba", "developers"] },
    held: (id) => (users.has(id) ? [...(users.get(id)!.groups ?? [])].sort() : undefined),
    expected: (inputs) => [...inputs.groups].sort(),
    count: () => users.size,
    editByHand(id) {
      users.set(id, { ...users.get(id)!, groups: ["granted-in-the-console"] });
    },
    removeByHand(id) {
      users.delete(id);
    },
    async makeByHand() {
      const id = "console-user-1";
      users.set(id, {
        schemas: [SCIM_USER_SCHEMA],
        id,
        userName: desired.userName,
        displayName: "Carol (console)",
        groups: [],
        meta: META("User", id),
      } satisfies PrivxScimUser);
      return id;
    },
  };
});

export const privxHostContract = contractEntry("privx:Host", async () => {
  const run = await startProviderRun({ auth: "token", emulator: { maxCount: 5 } });
  const { hosts } = run.emulator.state;
  const desired: PrivxHostInputs = {
    externalId: "host-contract-1",
    commonName: "Contract host",
    contactAddress: "contract.test.internal",
    description: null,
    userMessage: null,
    tags: ["env=test"],
    accessGroupId: null,
    sshHostPublicKeys: [],
    tofu: null,
    auditEnabled: null,
    services: [{ service: "SSH", port: 22 }],
    directoryRoles: ["developers"],
    sharedAccounts: [],
    organization: null,
    organizationalUnit: null,
    zone: null,
    hostType: null,
    classification: null,
  };
  return {
    provider: privxProviders.hosts,
    newProcess: () => run.newProcess(),
    close: () => run.close(),
    desired,
    changed: { ...desired, contactAddress: "contract-2.test.internal" },
    held: (id) => hosts.get(id)?.contactAddress,
    expected: (inputs) => inputs.contactAddress,
    count: () => hosts.size,
    editByHand(id) {
      hosts.set(id, { ...hosts.get(id)!, contactAddress: "10.9.9.9" });
    },
    removeByHand(id) {
      hosts.delete(id);
    },
    async makeByHand() {
      // Hosts are adopted by externalId only: one an earlier run made, whose state was lost.
      const id = "console-host-1";
      hosts.set(id, {
        schemas: [SCIM_HOST_SCHEMA],
        id,
        externalId: desired.externalId,
        commonName: "old name",
        contactAddress: "10.0.0.1",
        meta: META("Host", id),
      });
      return id;
    },
  };
});
