import { after, before, beforeEach, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { PrivxEmulator } from "../../../../bench/emulators/privx";
import { call, clientBasic, HOST_SCHEMA, hostBody, startTrustedEmulator } from "./helpers";

describe("PrivX emulator: SCIM Hosts", () => {
  let emulator: PrivxEmulator;
  let auth: string;
  before(async () => {
    emulator = await startTrustedEmulator();
    auth = clientBasic(emulator);
  });
  beforeEach(() => emulator.state.hosts.clear());
  after(() => emulator.close());

  const create = (body: unknown) => call(emulator.hostsUrl, { method: "POST", authorization: auth, body });

  test("the seed's example host is created, read, replaced and deleted", async () => {
    const body = hostBody("ff558e65-cc83-5edb-6de7-c8cf6e2c8098", {
      commonName: "Web server dev-1",
      contactAddress: "targethost.test.internal",
      description: "This server will be obsolete in future.",
      userMessage: "Web server, RHEL 8.",
      tags: "env=prod,cluster=123,test tag",
      accessGroupId: "c3ce0d74-c528-480d-8d5e-598f705484a5",
      SSHHostPublicKeys: "ecdsa-sha2-nistp256 AAAAE2VjZHNh",
      tofu: true,
      auditEnabled: true,
      services: "SSH:22,RDP:3389,VNC:5900",
      principals: "developers:root=adminrole1,adminrole2:directoryrole1:directoryrole2",
      organization: "ACME Inc.",
      organizationalUnit: "Human Resources",
      zone: "us-east-1a",
      hostType: "Linux RHEL8",
      classification: "prod",
    });
    const created = await create(body);
    assert.equal(created.status, 201);
    assert.equal(created.headers.location, `${emulator.hostsUrl}/${created.body.id}`);
    const { id, meta, ...attributes } = created.body;
    assert.deepEqual(attributes, body, "every documented attribute is stored as sent");
    assert.equal(meta.resourceType, "Host");

    const url = `${emulator.hostsUrl}/${id}`;
    assert.deepEqual((await call(url, { authorization: auth })).body, created.body);
    const replaced = await call(url, { method: "PUT", authorization: auth, body: hostBody(body.externalId as string, { services: "SSH:2222" }) });
    assert.equal(replaced.status, 200);
    assert.equal(replaced.body.services, "SSH:2222");
    assert.equal("principals" in replaced.body, false);
    assert.equal((await call(url, { method: "DELETE", authorization: auth })).status, 204);
    assert.equal((await call(url, { authorization: auth })).status, 404);
  });

  test("externalId, commonName and contactAddress are required", async () => {
    for (const missing of ["externalId", "commonName", "contactAddress"]) {
      const body = hostBody("h-1");
      delete body[missing];
      const reply = await create(body);
      assert.equal(reply.status, 400, missing);
      assert.equal(reply.body.scimType, "invalidValue");
    }
    assert.equal((await create({ externalId: "x", commonName: "x", contactAddress: "x" })).body.scimType, "invalidSyntax", "schemas required");
    assert.equal(emulator.state.hosts.size, 0);
  });

  test("externalId must be unique: 409 uniqueness", async () => {
    assert.equal((await create(hostBody("h-1"))).status, 201);
    const duplicate = await create(hostBody("h-1", { commonName: "another" }));
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.body.scimType, "uniqueness");
    assert.equal(emulator.state.hosts.size, 1);
  });

  test("principals naming a system role are refused with 400, as a directory role or a shared account's role", async () => {
    for (const principals of ["privx-admin", "developers:root=dbas,privx-admin", "PRIVX-USER"]) {
      const reply = await create(hostBody("h-sys", { principals }));
      assert.equal(reply.status, 400, principals);
      assert.equal(reply.body.scimType, "invalidValue");
      assert.match(reply.body.detail, /system role/i);
    }
    assert.equal(emulator.state.hosts.size, 0);
    const ok = await create(hostBody("h-ok", { principals: "developers:root=privx-admins" }));
    assert.equal(ok.status, 201, "a role merely resembling a system role is fine");
    const refusedReplace = await call(`${emulator.hostsUrl}/${ok.body.id}`, {
      method: "PUT",
      authorization: auth,
      body: hostBody("h-ok", { principals: "privx-admin" }),
    });
    assert.equal(refusedReplace.status, 400);
    assert.equal(emulator.state.hosts.get(ok.body.id)?.principals, "developers:root=privx-admins");
  });

  test("services must be SSH, RDP, WEB or VNC on ports 1..65535", async () => {
    for (const services of ["FTP:21", "SSH:0", "SSH:65536", "SSH", "SSH:22:1"]) {
      assert.equal((await create(hostBody("h-svc", { services }))).status, 400, services);
    }
    assert.equal((await create(hostBody("h-svc", { services: " ssh:22 , WEB:443 " }))).status, 201);
  });

  test("multi-valued attributes are refused on hosts (only a user's groups may be multi-valued); booleans must be booleans", async () => {
    assert.equal((await create(hostBody("h-arr", { tags: ["a", "b"] }))).status, 400);
    assert.equal((await create(hostBody("h-bool", { tofu: "true" }))).status, 400);
  });

  test("an edit made in the console (state) shows on the next read", async () => {
    const created = await create(hostBody("h-drift", { principals: "developers" }));
    emulator.state.hosts.get(created.body.id)!.principals = "developers:root=added-in-console";
    const read = await call(`${emulator.hostsUrl}/${created.body.id}`, { authorization: auth });
    assert.equal(read.body.principals, "developers:root=added-in-console");
    assert.deepEqual(read.body.schemas, [HOST_SCHEMA]);
  });
});
