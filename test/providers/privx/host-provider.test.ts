import { after, before, beforeEach, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { SCIM_HOST_SCHEMA, type PrivxScimHost } from "../../../bench/emulators/privx";
import { UNKNOWN } from "../../../lib/provider/diff";
import { canonicalHost } from "../../../providers/privx/host-format";
import { changedHostAttributes, type PrivxHostInputs, type PrivxHostOutputs } from "../../../providers/privx/host";
import { privxProviders, requestsTo, startProviderRun, type ProviderRun } from "./provider-harness";

const provider = privxProviders.hosts;
const privxScimUserProvider = privxProviders.users;

// Values from seed 001's Host attribute table.
const SEED_HOST_KEY =
  "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBPr3ouRuMvGtOO13TvNVi/3k4JTvYQWITiChnWGgTs0ER2nOv0JMk+wkQzn1ZoMlnAkd2z8C/aHyP70x7XAedVo=";

function webDev1(overrides: Partial<PrivxHostInputs> = {}): PrivxHostInputs {
  return {
    externalId: "ff558e65-cc83-5edb-6de7-c8cf6e2c8098",
    commonName: "Web server dev-1",
    contactAddress: "targethost.test.internal",
    description: "This server will be obsolete in future.",
    userMessage: "Web server, RHEL 8.",
    tags: ["test tag", "env=prod", "cluster=123"],
    accessGroupId: null,
    sshHostPublicKeys: [SEED_HOST_KEY],
    tofu: true,
    auditEnabled: true,
    services: [
      { service: "VNC", port: 5900 },
      { service: "SSH", port: 22 },
      { service: "RDP", port: 3389 },
    ],
    directoryRoles: ["directoryrole2", "developers", "directoryrole1"],
    sharedAccounts: [{ account: "root", roles: ["adminrole2", "adminrole1"] }],
    organization: "ACME Inc.",
    organizationalUnit: "Human Resources",
    zone: "us-east-1a",
    hostType: "Linux RHEL8",
    classification: "prod",
    ...overrides,
  };
}

function consoleHost(id: string, attributes: Omit<PrivxScimHost, "schemas" | "id" | "meta">): PrivxScimHost {
  return {
    schemas: [SCIM_HOST_SCHEMA],
    id,
    ...attributes,
    meta: { resourceType: "Host", created: "2024-01-01T00:00:00Z", lastModified: "2024-01-01T00:00:00Z" },
  } as PrivxScimHost;
}

async function apply(inputs: PrivxHostInputs): Promise<{ id: string; inputs: PrivxHostInputs; outs: PrivxHostOutputs }> {
  const checked = await provider.check(inputs, inputs);
  assert.deepEqual(checked.failures, []);
  const created = await provider.create(checked.inputs);
  return { id: created.id, inputs: checked.inputs, outs: created.outs };
}

describe("privx:Host provider: check", () => {
  test("valid inputs come back in canonical form", async () => {
    const checked = await provider.check(webDev1(), webDev1());
    assert.deepEqual(checked.failures, []);
    assert.deepEqual(checked.inputs, canonicalHost(webDev1()));
    assert.deepEqual(
      checked.inputs?.services.map((s) => s.service),
      ["RDP", "SSH", "VNC"],
    );
  });

  test("a system role and a bad port fail with the property path at fault", async () => {
    const bad = webDev1({ services: [{ service: "SSH", port: 70000 }], sharedAccounts: [{ account: "root", roles: ["privx-admin"] }] });
    const checked = await provider.check(bad, bad);
    assert.deepEqual(checked.failures?.map((f) => f.property).sort(), ["services[0].port", "sharedAccounts[0].roles[0]"]);
  });

  test("values not known during preview are neither validated nor rewritten", async () => {
    const preview = { ...webDev1(), contactAddress: UNKNOWN, tags: UNKNOWN } as unknown as PrivxHostInputs;
    const checked = await provider.check(preview, preview);
    assert.deepEqual(checked.failures, []);
    assert.equal(checked.inputs?.tags, UNKNOWN);
    assert.equal(checked.inputs?.contactAddress, UNKNOWN);
    assert.deepEqual(checked.inputs?.directoryRoles, ["developers", "directoryrole1", "directoryrole2"]);
  });
});

describe("privx:Host provider against the PrivX emulator", () => {
  let run: ProviderRun;
  before(async () => (run = await startProviderRun({ auth: "token", emulator: { maxCount: 20 } })));
  after(() => run.close());
  beforeEach(async () => {
    run.emulator.state.hosts.clear();
    run.emulator.requests.length = 0;
    await run.newProcess();
  });

  test("create: PrivX holds the host in its packed format, and no diff remains", async () => {
    const { id, inputs, outs } = await apply(webDev1());
    const stored = run.emulator.state.hosts.get(id)!;
    assert.equal(stored.services, "RDP:3389,SSH:22,VNC:5900");
    assert.equal(stored.principals, "developers:directoryrole1:directoryrole2:root=adminrole1,adminrole2");
    assert.equal(stored.tags, "cluster=123,env=prod,test tag");
    assert.equal(stored.SSHHostPublicKeys, SEED_HOST_KEY);
    assert.equal(stored.accessGroupId, undefined);
    assert.deepEqual(outs, { ...inputs, scimId: id });
    assert.equal((await provider.diff(id, outs, inputs)).changes, false);
  });

  test("create adopts the host with the same externalId instead of adding a second one", async () => {
    run.emulator.state.hosts.set("pre-1", consoleHost("pre-1", { externalId: webDev1().externalId, commonName: "old name", contactAddress: "10.0.0.1" }));
    const { id, outs } = await apply(webDev1());
    assert.equal(id, "pre-1");
    assert.equal(run.emulator.state.hosts.size, 1);
    assert.equal(requestsTo(run.emulator, "POST", run.emulator.hostsUrl), 0);
    assert.equal(run.emulator.state.hosts.get("pre-1")?.commonName, "Web server dev-1");
    assert.equal(outs.contactAddress, "targethost.test.internal");
  });

  test("a host with another externalId but the same commonName and address is taken over in place (relinkPolicy relink), not duplicated", async () => {
    run.emulator.state.hosts.set(
      "by-hand",
      consoleHost("by-hand", { externalId: "entered-years-ago", commonName: "WEB SERVER DEV-1", contactAddress: "targethost.test.internal" }),
    );
    run.emulator.state.hosts.set("elsewhere", consoleHost("elsewhere", { externalId: "other", commonName: "Web server dev-1", contactAddress: "10.9.9.9" }));
    const { id, inputs, outs } = await apply(webDev1());
    assert.equal(id, "by-hand");
    assert.equal(run.emulator.state.hosts.size, 2, "no duplicate; a host of the same name at another address is not this one");
    assert.equal(requestsTo(run.emulator, "POST", run.emulator.hostsUrl), 0);
    assert.equal(run.emulator.state.hosts.get("by-hand")?.externalId, webDev1().externalId);
    assert.deepEqual(outs.adoptedFrom, { how: "relink", id: "by-hand", externalId: "entered-years-ago" });
    await run.newProcess();
    const read = await provider.read(id, outs);
    assert.deepEqual(read.props, outs, "a refresh reads no change");
    assert.equal((await provider.diff(id, read.props, inputs)).changes, false);
  });

  test("with relinkPolicy refuse, that host is refused naming it and the setting; nothing is written", async () => {
    run.emulator.state.hosts.set(
      "by-hand",
      consoleHost("by-hand", { externalId: "entered-years-ago", commonName: "Web server dev-1", contactAddress: "targethost.test.internal" }),
    );
    run.config.relinkPolicy = "refuse";
    try {
      await run.newProcess();
      const checked = (await provider.check(webDev1(), webDev1())).inputs;
      await assert.rejects(
        provider.create(checked),
        /PrivX host "Web server dev-1" \(targethost\.test\.internal\): already exists \(id by-hand\) with externalId "entered-years-ago".*pam-reconciler:relinkPolicy is "refuse"/,
      );
      assert.equal(run.emulator.state.hosts.size, 1);
      assert.equal(run.emulator.requests.filter((r) => ["POST", "PUT", "PATCH", "DELETE"].includes(r.method) && !r.path.endsWith("/token")).length, 0);
    } finally {
      delete run.config.relinkPolicy;
    }
  });

  test("a console edit that only reorders lists is no drift", async () => {
    const { id, inputs, outs } = await apply(webDev1());
    const stored = run.emulator.state.hosts.get(id)!;
    run.emulator.state.hosts.set(id, {
      ...stored,
      services: "VNC:5900, ssh:22,RDP:3389",
      principals: "root=adminrole2,adminrole1:directoryrole2:developers:directoryrole1",
      tags: "test tag,env=prod,cluster=123",
    });
    await run.newProcess();
    const read = await provider.read(id, outs);
    assert.deepEqual(changedHostAttributes(read.props!, inputs), []);
    assert.equal((await provider.diff(id, read.props!, inputs)).changes, false);
    // Inputs in the program's own order (as state written before check canonicalised them holds).
    assert.equal((await provider.diff(id, read.props!, webDev1({ userMessage: "Web server, RHEL 8.", accessGroupId: "" }))).changes, false);
  });

  test("refresh after a console edit returns the edit, diff names it, update restores the host", async () => {
    const { id, inputs, outs } = await apply(webDev1());
    const stored = run.emulator.state.hosts.get(id)!;
    run.emulator.state.hosts.set(id, { ...stored, services: "SSH:2222,RDP:3389,VNC:5900", auditEnabled: false, principals: "developers:root=adminrole1" });

    await run.newProcess();
    const read = await provider.read(id, outs);
    assert.equal(read.id, id);
    assert.deepEqual(read.props?.services, [
      { service: "RDP", port: 3389 },
      { service: "SSH", port: 2222 },
      { service: "VNC", port: 5900 },
    ]);
    assert.deepEqual(changedHostAttributes(read.props, inputs), ["auditEnabled", "services", "directoryRoles", "sharedAccounts"]);
    const diff = await provider.diff(id, read.props, inputs);
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);

    const updated = await provider.update(id, read.props, inputs);
    assert.deepEqual(updated.outs, { ...inputs, scimId: id });
    assert.equal(run.emulator.state.hosts.get(id)?.services, "RDP:3389,SSH:22,VNC:5900");
    assert.equal(run.emulator.state.hosts.get(id)?.auditEnabled, true);

    await run.newProcess();
    const again = await provider.read(id, updated.outs);
    assert.equal((await provider.diff(id, again.props!, inputs)).changes, false);
  });

  test("update sends the whole host: an attribute removed from the inputs is removed in PrivX", async () => {
    const { id, outs } = await apply(webDev1());
    const news = (await provider.check(webDev1(), webDev1({ zone: null, tags: [] }))).inputs;
    assert.equal((await provider.diff(id, outs, news)).changes, true);
    await provider.update(id, outs, news);
    const stored = run.emulator.state.hosts.get(id)!;
    assert.equal(stored.zone, undefined);
    assert.equal(stored.tags, undefined);
    assert.equal(stored.classification, "prod");
  });

  test("a new externalId replaces the host", async () => {
    const { id, outs } = await apply(webDev1());
    const news = (await provider.check(webDev1(), webDev1({ externalId: "another-host" }))).inputs;
    assert.deepEqual((await provider.diff(id, outs, news)).replaces, ["externalId"]);
  });

  test("delete removes the host; deleting it again finds it gone; read then returns no id", async () => {
    const { id, outs } = await apply(webDev1());
    await provider.delete(id, outs);
    assert.equal(run.emulator.state.hosts.has(id), false);

    await run.newProcess();
    await provider.delete(id, outs);
    assert.deepEqual(
      run.emulator.requests.filter((r) => r.method === "DELETE").map((r) => r.status),
      [204, 404],
    );
    assert.equal((await provider.read(id, outs)).id, undefined);
  });

  test("refreshing 230 hosts pages through the collection once instead of reading each host", async () => {
    const total = 230;
    for (let i = 0; i < total; i++) {
      const id = `host-${String(i).padStart(3, "0")}`;
      run.emulator.state.hosts.set(
        id,
        consoleHost(id, { externalId: `ext-${i}`, commonName: `web-${i}`, contactAddress: `10.0.${i >> 8}.${i & 255}`, services: "SSH:22" }),
      );
    }
    await run.newProcess();
    run.emulator.requests.length = 0;

    for (let i = 0; i < total; i++) {
      const read = await provider.read(`host-${String(i).padStart(3, "0")}`, {} as PrivxHostOutputs);
      assert.equal(read.props?.commonName, `web-${i}`);
    }
    const pages = Math.ceil(total / run.emulator.maxCount);
    const gets = run.emulator.requests.filter((r) => r.method === "GET");
    assert.equal(requestsTo(run.emulator, "GET", run.emulator.hostsUrl), pages, `one request per page of ${run.emulator.maxCount}`);
    assert.equal(gets.length, pages, "no single-host reads");
  });
});

describe("privx:Host and privx:ScimUser with configured collection paths", () => {
  let run: ProviderRun;
  before(async () => {
    run = await startProviderRun({
      auth: "basic",
      emulator: { scimBasePath: "/scim", usersPath: "/scim/directory-7/Users", hostsPath: "/scim/directory-7/HostObjects" },
      config: { privxScimUsersPath: "directory-7/Users", privxScimHostsPath: "/directory-7/HostObjects" },
    });
  });
  after(() => run.close());

  test("hosts go to privxScimHostsPath under privxScimUrl", async () => {
    const { id } = await apply(webDev1());
    assert.equal(run.emulator.state.hosts.get(id)?.commonName, "Web server dev-1");
    assert.equal(requestsTo(run.emulator, "POST", run.emulator.hostsUrl), 1);
  });

  test("users go to privxScimUsersPath under privxScimUrl", async () => {
    const inputs = {
      externalId: "sub-1",
      userName: "alice@contoso.com",
      displayName: "Alice",
      mail: null,
      groups: ["developers"],
      entraId: "e-1",
      active: true,
      onRemove: "delete" as const,
      protected: false,
    };
    const created = await privxScimUserProvider.create(inputs);
    assert.equal(run.emulator.state.users.get(created.id)?.userName, "alice@contoso.com");
    assert.equal(requestsTo(run.emulator, "POST", run.emulator.usersUrl), 1);
  });
});
