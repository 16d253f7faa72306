// The adoption rules, pure: which object a product holds a resource becomes, and how. Create,
// previews and reports all use these, so they cannot disagree.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import {
  adoptedFromOf,
  matchHost,
  matchScimAccount,
  matchScimGroup,
  refusedAccountRelinks,
  refusedHostRelinks,
  relinkPolicyFrom,
  relinksRefusedError,
} from "../../../lib/provider/adoption-rules";
import { isProviderError } from "../../../lib/provider/errors";

const wanted = { externalId: "5c6598fe-608f-4121-b023-6bd1d293270e", userName: "alice@contoso.com" };

describe("matchScimAccount", () => {
  test("our key wins over a userName match", () => {
    const held = [
      { id: "by-name", userName: "alice@contoso.com", externalId: "" },
      { id: "ours", userName: "alice.old@contoso.com", externalId: wanted.externalId },
    ];
    assert.deepEqual(matchScimAccount(held, wanted, "relink"), { how: "key", existing: held[1] });
  });

  test("an unlinked account with the userName (any case) is adopted by name", () => {
    const held = [{ id: "u1", userName: "ALICE@contoso.com" }];
    const match = matchScimAccount(held, wanted, "refuse");
    assert.deepEqual(match, { how: "name", existing: held[0] });
    assert.deepEqual(adoptedFromOf(match), { how: "name", id: "u1", externalId: null });
  });

  test("the community script's account (externalId = the UPN's local part) is re-linked, or refused by the policy", () => {
    const held = [{ id: "s1", userName: "alice@contoso.com", externalId: "alice" }];
    const relinked = matchScimAccount(held, wanted, "relink");
    assert.deepEqual(relinked, { how: "relink", existing: held[0], from: "alice" });
    assert.deepEqual(adoptedFromOf(relinked), { how: "relink", id: "s1", externalId: "alice" });
    assert.deepEqual(matchScimAccount(held, wanted, "refuse"), { how: "refused", existing: held[0], from: "alice" });
    assert.equal(adoptedFromOf(matchScimAccount(held, wanted, "refuse")), undefined);
  });

  test("an unlinked account is preferred to a linked one with the same userName; nothing held: create", () => {
    const held = [
      { id: "linked", userName: "alice@contoso.com", externalId: "x" },
      { id: "free", userName: "alice@contoso.com", externalId: null },
    ];
    assert.equal(matchScimAccount(held, wanted, "relink").how, "name");
    assert.deepEqual(matchScimAccount([{ id: "b", userName: "bob@contoso.com" }], wanted, "relink"), { how: "none" });
  });
});

describe("matchScimGroup and matchHost", () => {
  test("a group: by key, else an unlinked group of that displayName; a linked one is not taken", () => {
    const groups = [
      { id: "g1", displayName: "Linux Admins", externalId: "someone-else" },
      { id: "g2", displayName: "Linux Admins", externalId: "" },
    ];
    assert.equal(matchScimGroup(groups, { externalId: "entra-g", displayName: "Linux Admins" }).how, "name");
    assert.deepEqual(matchScimGroup(groups.slice(0, 1), { externalId: "entra-g", displayName: "Linux Admins" }), { how: "none" });
    assert.equal(matchScimGroup(groups, { externalId: "someone-else", displayName: "x" }).how, "key");
  });

  test("a host: by key, else the same commonName and contactAddress (re-keyed or refused); another address is another host", () => {
    const hosts = [
      { id: "h1", externalId: "old", commonName: "WEB-01", contactAddress: "10.0.0.1" },
      { id: "h2", externalId: "", commonName: "web-02", contactAddress: "10.0.0.2" },
    ];
    assert.deepEqual(matchHost(hosts, { externalId: "new", commonName: "web-01", contactAddress: "10.0.0.1" }, "relink"), {
      how: "relink",
      existing: hosts[0],
      from: "old",
    });
    assert.equal(matchHost(hosts, { externalId: "new", commonName: "web-01", contactAddress: "10.0.0.1" }, "refuse").how, "refused");
    assert.equal(matchHost(hosts, { externalId: "new", commonName: "web-02", contactAddress: "10.0.0.2" }, "refuse").how, "name");
    assert.deepEqual(matchHost(hosts, { externalId: "new", commonName: "web-01", contactAddress: "10.0.0.9" }, "relink"), { how: "none" });
    assert.equal(matchHost(hosts, { externalId: "old", commonName: "renamed", contactAddress: "10.1.1.1" }, "refuse").how, "key");
  });
});

describe("relinkPolicyFrom", () => {
  test("default relink; refuse; anything else is an INVALID_SETTING naming the key", () => {
    assert.equal(
      relinkPolicyFrom(() => undefined),
      "relink",
    );
    assert.equal(
      relinkPolicyFrom((k) => (k === "relinkPolicy" ? "refuse" : undefined)),
      "refuse",
    );
    assert.throws(
      () => relinkPolicyFrom(() => "adopt"),
      (err) => isProviderError(err, "INVALID_SETTING") && /pam-reconciler:relinkPolicy/.test(err.message) && /"relink" or "refuse"/.test(err.message),
    );
  });
});

describe("the preflight's survey under relinkPolicy refuse", () => {
  test("lists exactly the desired accounts held under another externalId; ours, unlinked, new and protected ones are not refused", () => {
    const held = [
      { id: "1", userName: "bob@contoso.com", externalId: "bob" },
      { id: "2", userName: "carol@contoso.com", externalId: "" },
      { id: "3", userName: "dave@contoso.com", externalId: "e-dave" },
      { id: "4", userName: "breakglass@contoso.com", externalId: "bg" },
    ];
    const desired = [
      { externalId: "e-bob", userName: "BOB@contoso.com" },
      { externalId: "e-carol", userName: "carol@contoso.com" },
      { externalId: "e-dave", userName: "dave.renamed@contoso.com" },
      { externalId: "e-erin", userName: "erin@contoso.com" },
      { externalId: "e-bg", userName: "breakglass@contoso.com", protected: true },
    ];
    const refused = refusedAccountRelinks(held, desired);
    assert.deepEqual(refused, [{ name: "BOB@contoso.com", id: "1", from: "bob" }]);
    const error = relinksRefusedError("PRA", "users", refused);
    assert.equal(
      error.message,
      'PRA 1 users held under another externalId: BOB@contoso.com (id 1, externalId "bob"): pam-reconciler:relinkPolicy is "refuse", so the run would not take them over. Set pam-reconciler:relinkPolicy to "relink" to re-link them in place (migration from another tool), or remove or rename them in PRA',
    );
    assert.deepEqual(error.keys, ["relinkPolicy"]);
  });

  test("hosts: the same name and address under another externalId is refused; a keyed or unlinked one is not", () => {
    const held = [
      { id: "h1", externalId: "old", commonName: "web-01", contactAddress: "10.0.0.1" },
      { id: "h2", externalId: "", commonName: "web-02", contactAddress: "10.0.0.2" },
      { id: "h3", externalId: "db", commonName: "db-01", contactAddress: "10.0.0.3" },
    ];
    const desired = [
      { externalId: "web", commonName: "web-01", contactAddress: "10.0.0.1" },
      { externalId: "web2", commonName: "web-02", contactAddress: "10.0.0.2" },
      { externalId: "db", commonName: "db-01", contactAddress: "10.0.0.3" },
    ];
    assert.deepEqual(refusedHostRelinks(held, desired), [{ name: "web-01 (10.0.0.1)", id: "h1", from: "old" }]);
  });
});
