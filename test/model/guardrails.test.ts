// Guardrails on the demo tenant's desired state: each kind allowing and refusing, one problem
// per violation at the rule naming the person and the path, warn reporting without blocking,
// and the loader's file:line errors for rules that name no grant.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildDesiredState } from "../../providers/target-model";
import { briefs, load, loadValid, repoRoot, yaml } from "./helpers";
import { demoSnapshot, demoSnapshotWithBreakGlassInLinuxAdmins } from "./fixtures/demo-directory";

const demoFiles = () =>
  Object.fromEntries(["access.yaml", "hosts.yaml"].map((n) => [n, fs.readFileSync(path.join(repoRoot(), "stacks/demo/mappings", n), "utf8")]));

function violations(rules: string, snapshot = demoSnapshot(1)) {
  const model = loadValid({ ...demoFiles(), "guardrails.yaml": rules });
  // Only the rules under test (the demo's own mappings carry guardrails too).
  return buildDesiredState(model, snapshot).problems.filter((p) => p.code === "GUARDRAIL_VIOLATION" && p.file === "guardrails.yaml");
}

/** Who violates (the UPN, as the message names it), for the assertions. */
const people = (problems: { message: string }[]) => problems.map((p) => /: (?:guest )?(\S+@\S+|\d+ people)/.exec(p.message)?.[1]);

describe("onlyFrom", () => {
  test("a permission from a source not listed is refused, at the rule, citing the policy and the source", () => {
    const found = violations(yaml`
      guardrails:
        - name: shell only for admins
          onlyFrom: { grant: "pra:permission:perm_shell_jump", from: [linux-admins] }
    `);
    assert.deepEqual(briefs(found), [{ code: "GUARDRAIL_VIOLATION", file: "guardrails.yaml", line: 2, column: 11, field: "guardrails[0].name" }]);
    assert.equal(found[0].severity, "error");
    assert.deepEqual(people(found), ["erin_fabrikam.com#EXT#@contoso.onmicrosoft.com"]);
    assert.deepEqual(
      found[0].related?.map((r) => [r.file, r.field]),
      [
        ["access.yaml", "pra.groupPolicies[2].name"],
        ["access.yaml", "pra.groupPolicies[2].members[0].source"],
      ],
    );
  });

  test("allowed when every source is listed; a disabled account's grant still counts", () => {
    assert.deepEqual(
      violations(yaml`
      guardrails:
        - name: shell for admins and vendors
          onlyFrom: { grant: "pra:permission:perm_shell_jump", from: [linux-admins, vendors] }
        - name: vendor zone
          onlyFrom: { grant: "pra:jumpGroup:Vendor Jump Zone", from: [vendors] }
    `),
      [],
    );
    const dbas = violations(yaml`
      guardrails:
        - name: developers role from the developers group only
          onlyFrom: { grant: "privx:role:developers", from: [privx-dbas] }
    `);
    assert.deepEqual(people(dbas).sort(), ["alice@contoso.com", "dave@contoso.com", "grace@contoso.com"]);
  });
});

describe("neverTogether", () => {
  test("a person holding both grants is refused", () => {
    const found = violations(yaml`
      guardrails:
        - name: developers are not DBAs
          neverTogether: ["privx:role:developers", "privx:role:db-admins"]
    `);
    assert.deepEqual(people(found), ["grace@contoso.com"]);
  });

  test("allowed when nobody holds both", () => {
    assert.deepEqual(
      violations(yaml`
      guardrails:
        - name: vendors are not DBAs
          neverTogether: ["pra:groupPolicy:Vendor Access", "privx:role:db-admins"]
    `),
      [],
    );
  });
});

describe("noExternal", () => {
  test("a guest (#EXT# UPN) with a listed grant is refused", () => {
    const found = violations(yaml`
      guardrails:
        - name: no guests in vendor access
          noExternal: ["pra:groupPolicy:Vendor Access"]
    `);
    assert.deepEqual(people(found), ["erin_fabrikam.com#EXT#@contoso.onmicrosoft.com"]);
  });

  test("a guest by userType alone counts too; members are allowed", () => {
    const snapshot = demoSnapshot(1);
    snapshot.users[Object.keys(snapshot.users).find((id) => snapshot.users[id].userPrincipalName === "alice@contoso.com")!].userType = "Guest";
    const rules = yaml`
      guardrails:
        - name: no guests as Linux admins
          noExternal: ["pra:groupPolicy:Linux Administrators"]
    `;
    assert.deepEqual(violations(rules), []);
    assert.deepEqual(people(violations(rules, snapshot)), ["alice@contoso.com"]);
  });
});

describe("maxMembers", () => {
  test("more holders than allowed is one violation naming them", () => {
    const found = violations(yaml`
      guardrails:
        - name: few Linux admins
          maxMembers: { grant: "pra:groupPolicy:Linux Administrators", max: 1 }
    `);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /alice@contoso\.com, carol@contoso\.com/);
  });

  test("allowed at the limit; a protected account holds nothing, so it does not count", () => {
    assert.deepEqual(
      violations(
        yaml`
      guardrails:
        - name: few Linux admins
          maxMembers: { grant: "pra:groupPolicy:Linux Administrators", max: 2 }
    `,
        demoSnapshotWithBreakGlassInLinuxAdmins(),
      ),
      [],
    );
  });
});

test("severity warn reports the violation without blocking", () => {
  const found = violations(yaml`
    guardrails:
      - name: developers are not DBAs
        severity: warn
        neverTogether: ["privx:role:developers", "privx:role:db-admins"]
  `);
  assert.deepEqual(
    found.map((p) => p.severity),
    ["warning"],
  );
});

describe("loading guardrails", () => {
  test("a grant of an unknown target or kind, an undefined alias and a rule of two kinds are refused at file:line", () => {
    const result = load({
      ...demoFiles(),
      "guardrails.yaml": yaml`
        guardrails:
          - name: a
            noExternal: ["acme:role:x", "pra:policy:Vendor Access"]
          - name: b
            onlyFrom: { grant: "privx:role:developers", from: [no-such-alias] }
          - name: c
            noExternal: ["privx:role:developers"]
            maxMembers: { grant: "privx:role:developers", max: 2 }
      `,
    });
    assert.equal(result.value, null);
    assert.deepEqual(
      result.errors
        .filter((e) => e.file === "guardrails.yaml")
        .map((e) => [e.code, e.line, e.field])
        .sort(),
      [
        ["UNKNOWN_GRANT", 3, "guardrails[0].noExternal[0]"],
        ["UNKNOWN_GRANT", 3, "guardrails[0].noExternal[1]"],
        ["UNDEFINED_ALIAS", 5, "guardrails[1].onlyFrom.from[0]"],
        ["INVALID_VALUE", 6, "guardrails[2]"],
      ].sort(),
    );
  });
});

describe("names a guardrail uses", () => {
  test("a grant name the mappings cannot grant is an error at the reference, with the nearest names; kinds the mappings list (policies, roles, jump groups, permissions, hosts) are checked", () => {
    const result = load({
      ...demoFiles(),
      "guardrails.yaml": yaml`
        guardrails:
          - name: typos
            noExternal: ["pra:groupPolicy:Linux Admins", "scim:role:Administrater", "pra:permission:perm_shel_jump", "privx:role:db-admin", "pra:jumpGroup:Linux Servers", "pam360:role:Password User"]
      `,
    });
    const found = result.errors.filter((e) => e.file === "guardrails.yaml");
    assert.deepEqual(
      found.map((e) => [e.code, e.field]),
      [
        ["UNKNOWN_GRANT", "guardrails[0].noExternal[0]"],
        ["UNKNOWN_GRANT", "guardrails[0].noExternal[1]"],
        ["UNKNOWN_GRANT", "guardrails[0].noExternal[2]"],
        ["UNKNOWN_GRANT", "guardrails[0].noExternal[3]"],
      ],
    );
    assert.match(
      found[0].message,
      /the pra mappings grant no groupPolicy "Linux Admins"; nearest: Linux Administrators: a guardrail on it would check nothing/,
    );
    assert.match(found[1].message, /grant no role "Administrater"; nearest: Administrator/);
    assert.match(found[2].message, /nearest: perm_shell_jump/);
    assert.match(found[3].message, /nearest: db-admins/);
  });
});
