// PrivX at scale through the offline engine: a generated inventory of more than 200 hosts
// against the emulator's default page cap (10), so every listing pages twenty-odd times.
// Assertions read the emulator's hosts and traffic, not only exit codes.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { stringify } from "yaml";
import type { PrivxScimHost } from "../../bench/emulators/privx/host-resource";
import { driftWorkflow } from "../../workflows/commands";
import { describeCall, laterPageReads, markRequests, writeCalls } from "./helpers/traffic";
import { expectExit, startScaleEnvironment, type ScaleEnvironment } from "./helpers/scale-environment";

const HOSTS = 205;
const HOSTS_PATH = /^\/scim\/v2\/Hosts$/;

const ACCESS_YAML = stringify({
  groups: { "privx-developers": { displayName: "PrivX Developers" } },
  // Retiring 10 hosts that admit two principals each is 20 removals: an intended change here.
  safety: { maxRemovals: 25 },
  privx: { userName: "userPrincipalName", roles: [{ name: "developers", members: ["privx-developers"] }] },
});

interface GeneratedHost {
  externalId: string;
  commonName: string;
  contactAddress: string;
  description: string;
  tags: string[];
  services: { service: "SSH" | "WEB"; port: number }[];
  principals: { directoryRoles: string[]; sharedAccounts?: { account: string; roles: string[] }[] };
  auditEnabled: boolean;
  classification: string;
}

function generatedHost(i: number): GeneratedHost {
  const n = String(i).padStart(4, "0");
  return {
    externalId: `scale-host-${n}`,
    commonName: `host-${n}`,
    contactAddress: i % 5 === 0 ? `host-${n}.scale.contoso.internal` : `10.${Math.floor(i / 250)}.${i % 250}.10`,
    description: `Generated host ${n}`,
    tags: [`env=${i % 3 === 0 ? "prod" : "dev"}`, `rack=r${i % 12}`],
    services:
      i % 4 === 0
        ? [
            { service: "SSH", port: 22 },
            { service: "WEB", port: 443 },
          ]
        : [{ service: "SSH", port: 22 }],
    principals:
      i % 2 === 0 ? { directoryRoles: ["developers"], sharedAccounts: [{ account: "root", roles: ["developers"] }] } : { directoryRoles: ["developers"] },
    auditEnabled: i % 7 !== 0,
    classification: i % 3 === 0 ? "prod" : "dev",
  };
}

const allHosts = Array.from({ length: HOSTS }, (_, i) => generatedHost(i + 1));
const hostsYaml = (hosts: GeneratedHost[]) => stringify({ privx: { hosts } });

const commaSet = (text: string | undefined, separator = ",") =>
  (text ?? "")
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean)
    .sort();

/** What PrivX holds for a host, lists unpacked (their order carries no meaning). */
function heldAs(host: PrivxScimHost) {
  return {
    externalId: host.externalId,
    commonName: host.commonName,
    contactAddress: host.contactAddress,
    description: host.description,
    tags: commaSet(host.tags),
    services: commaSet(host.services),
    principals: commaSet(host.principals, ":"),
    auditEnabled: host.auditEnabled,
    classification: host.classification,
  };
}

function expectedAs(host: GeneratedHost): ReturnType<typeof heldAs> {
  return {
    externalId: host.externalId,
    commonName: host.commonName,
    contactAddress: host.contactAddress,
    description: host.description,
    tags: [...host.tags].sort(),
    services: host.services.map((s) => `${s.service}:${s.port}`).sort(),
    principals: [...host.principals.directoryRoles, ...(host.principals.sharedAccounts ?? []).map((a) => `${a.account}=${a.roles.join(",")}`)].sort(),
    auditEnabled: host.auditEnabled,
    classification: host.classification,
  };
}

/** The wire record without what the server stamps on every write. */
function withoutMeta(host: PrivxScimHost): Omit<PrivxScimHost, "meta"> {
  const { meta: _meta, ...rest } = host;
  return rest;
}

describe("PrivX at scale: more than 200 hosts through a directory that pages by 10", () => {
  let env: ScaleEnvironment;
  const hostByExternalId = () => new Map([...env.privx.state.hosts.values()].map((h) => [h.externalId, h]));
  /** The hosts as the first up left them. */
  let afterFirstUp: Map<string, Omit<PrivxScimHost, "meta">>;

  before(async () => {
    env = await startScaleEnvironment("scale-privx", { mappings: { "access.yaml": ACCESS_YAML, "hosts.yaml": hostsYaml(allHosts) } });
    assert.equal(env.privx.maxCount, 10, "the emulator runs with its default page cap");
  });
  after(async () => {
    await env?.close();
  });

  test("up creates every host as written in the inventory", async () => {
    expectExit(await env.runner.run("up", env.options), 0, "up", env);
    const held = hostByExternalId();
    assert.equal(env.privx.state.hosts.size, HOSTS, "one PrivX host per inventory entry");
    for (const host of allHosts) {
      const record = held.get(host.externalId);
      assert.ok(record, `PrivX has no host ${host.externalId}`);
      assert.deepEqual(heldAs(record), expectedAs(host));
    }
    afterFirstUp = new Map([...held].map(([key, host]) => [key, withoutMeta(structuredClone(host))]));
  });

  test("preview --refresh --expect-no-changes lists every page and writes nothing", async () => {
    const traffic = markRequests(env.privx.requests);
    const preview = await env.runner.run("preview", { ...env.options, refresh: true, expectNoChanges: true, json: true });
    expectExit(preview, 0, "preview --refresh --expect-no-changes", env);
    const requests = traffic.since();
    assert.deepEqual(writeCalls(requests).map(describeCall), [], "a preview writes nothing");
    // 205 hosts at 10 a page: the listing asks for at least 20 later pages.
    assert.ok(laterPageReads(requests, HOSTS_PATH).length >= Math.ceil(HOSTS / 10) - 1, "the host listing paged");
    assert.equal(requests.filter((r) => r.method === "GET" && /^\/scim\/v2\/Hosts\/[^/]+$/.test(r.path)).length, 0, "no host read one by one");
  });

  test("console edits are found by the drift run, exactly those, and up --refresh undoes them", async () => {
    const held = hostByExternalId();
    const [moved, rdp, retagged, reordered] = ["scale-host-0017", "scale-host-0042", "scale-host-0101", "scale-host-0160"].map((id) => held.get(id)!);
    moved.contactAddress = "203.0.113.17";
    rdp.services = "SSH:22,RDP:3389";
    retagged.tags = "env=dev";
    retagged.description = "edited in the console";
    // Only the order differs from what was written: not a change.
    assert.equal(reordered.services, "SSH:22,WEB:443");
    reordered.services = "WEB:443, SSH:22";
    const edited = [moved, rdp, retagged].map((h) => h.externalId).sort();

    const driftTraffic = markRequests(env.privx.requests);
    const drift = await driftWorkflow(env.runner, env.options);
    expectExit(drift.exitCode, 7, "drift", env);
    assert.deepEqual(writeCalls(driftTraffic.since()).map(describeCall), [], "drift detection writes nothing");
    assert.ok(drift.report);
    // Resources are named by externalId; the report labels hosts by their common name.
    assert.deepEqual(drift.report.handChanges.map((c) => c.urn.split("::").pop()).sort(), edited, "the hosts edited by hand, and only those");
    assert.deepEqual(drift.report.handChanges.map((c) => c.name).sort(), [moved, rdp, retagged].map((h) => h.commonName).sort());
    assert.ok(drift.report.handChanges.every((c) => c.change === "modified" && c.objectType === "host"));
    assert.deepEqual(drift.report.directoryChanges, [], "nothing changed in the directory or the mappings");

    const upTraffic = markRequests(env.privx.requests);
    expectExit(await env.runner.run("up", { ...env.options, refresh: true }), 0, "up --refresh", env);
    assert.deepEqual(
      writeCalls(upTraffic.since()).map(describeCall).sort(),
      [moved, rdp, retagged].map((h) => `PUT /scim/v2/Hosts/${h.id}`).sort(),
      "only the edited hosts are written back",
    );
    const restored = hostByExternalId();
    for (const id of edited) assert.deepEqual(withoutMeta(restored.get(id)!), afterFirstUp.get(id), `${id} restored`);
    assert.equal(restored.size, HOSTS);
  });

  test("hosts removed from the inventory are deleted, exactly those", async () => {
    const removed = allHosts.filter((_, i) => i % 20 === 3).slice(0, 10);
    assert.equal(removed.length, 10);
    const removedIds = new Set(removed.map((h) => h.externalId));
    const idsOfRemoved = removed.map((h) => hostByExternalId().get(h.externalId)!.id);
    env.writeMapping("hosts.yaml", hostsYaml(allHosts.filter((h) => !removedIds.has(h.externalId))));

    const traffic = markRequests(env.privx.requests);
    expectExit(await env.runner.run("up", env.options), 0, "up without 10 hosts", env);

    assert.deepEqual(
      writeCalls(traffic.since()).map(describeCall).sort(),
      idsOfRemoved.map((id) => `DELETE /scim/v2/Hosts/${id}`).sort(),
      "the removed hosts are deleted and nothing else is written",
    );
    const held = hostByExternalId();
    assert.equal(held.size, HOSTS - removed.length);
    for (const id of removedIds) assert.ok(!held.has(id), `${id} deleted`);
    for (const host of allHosts.filter((h) => !removedIds.has(h.externalId))) {
      assert.deepEqual(heldAs(held.get(host.externalId)!), expectedAs(host), `${host.externalId} kept`);
    }
  });
});
