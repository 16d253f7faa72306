import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expandMappingFiles } from "../../model/load/load-mappings";
import { loadMappings } from "../../providers/target-model";
import { ProblemCode } from "../../model/problems";
import { brief, briefs, load, loadValid, yaml } from "./helpers";

const minimalPra = yaml`
  groups:
    admins: { displayName: PRA Linux Admins }
  pra:
    groupPolicies:
      - name: Linux Administrators
        members: [admins]
`;

test("a minimal file loads with defaults: UPN usernames, deactivate leavers, maxRemovals 10, no PrivX", () => {
  const model = loadValid({ "a.yaml": minimalPra });
  assert.deepEqual(
    model.groups.map((g) => [g.alias, g.reference]),
    [["admins", { displayName: "PRA Linux Admins" }]],
  );
  assert.equal(model.pra?.userName.attribute, "userPrincipalName");
  assert.equal(model.pra?.userName.lowercase, false);
  assert.equal(model.pra?.leavers, "deactivate");
  assert.equal(model.safety.maxRemovals, 10);
  assert.equal(model.privx, null);
  assert.deepEqual(model.pra?.groupPolicies[0].members, [
    { kind: "group", alias: "admins", at: { file: "a.yaml", line: 6, column: 17, field: "pra.groupPolicies[0].members[0]" } },
  ]);
});

test("an empty file is an empty mapping, and no pra/privx section means the target is not managed", () => {
  const model = loadValid({ "empty.yaml": "", "comments.yaml": "# nothing yet\n" });
  assert.equal(model.pra, null);
  assert.equal(model.privx, null);
});

test("YAML syntax errors are reported with their position and the file yields no model", () => {
  const result = load({ "broken.yaml": "pra:\n  groupPolicies:\n    - name: [\n" });
  assert.equal(result.value, null);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].code, ProblemCode.YAML_SYNTAX);
  assert.equal(result.errors[0].file, "broken.yaml");
  assert.ok(result.errors[0].line >= 3, "points at or after the unclosed flow sequence");
});

test("a key repeated in one mapping is a DUPLICATE_KEY error at the second occurrence", () => {
  const result = load({ "dup.yaml": "leavers: delete\nleavers: deactivate\n" });
  assert.deepEqual(briefs(result.errors), [{ code: "DUPLICATE_KEY", file: "dup.yaml", line: 2, column: 1, field: "" }]);
});

test("one run reports every structural problem: unknown keys, wrong types, missing fields, bad enums", () => {
  const text = yaml`
    groups:
      admins: { displayName: PRA Linux Admins }
      both: { id: 0d9c1f1e-1111-4c7e-9f10-2a6b7c8d9e01, displayName: X }
      neither: {}
    pra:
      userName: { attribute: sAMAccountName, lowercase: yes }
      groupPolicies:
        - name: Linux Administrators
          memebers: [admins]
          permissions:
            perm_acess_allowed: true
            access_perm_status: maybe
            perm_session_idle_timeout: 5
            default_jump_item_role_id: 0
          jumpGroups:
            - jumpItemRole: 3
    leavers: archive
    safety: { maxRemovals: -1 }
  `;
  const result = load({ "s.yaml": text });
  assert.equal(result.value, null);
  assert.deepEqual(briefs(result.errors), [
    { code: "INVALID_VALUE", file: "s.yaml", line: 3, column: 9, field: "groups.both" },
    { code: "MISSING_FIELD", file: "s.yaml", line: 4, column: 12, field: "groups.neither" },
    { code: "INVALID_VALUE", file: "s.yaml", line: 6, column: 26, field: "pra.userName.attribute" },
    { code: "WRONG_TYPE", file: "s.yaml", line: 6, column: 53, field: "pra.userName.lowercase" },
    { code: "UNKNOWN_KEY", file: "s.yaml", line: 9, column: 7, field: "pra.groupPolicies[0].memebers" },
    { code: "UNKNOWN_PERMISSION", file: "s.yaml", line: 11, column: 9, field: "pra.groupPolicies[0].permissions.perm_acess_allowed" },
    { code: "INVALID_VALUE", file: "s.yaml", line: 12, column: 29, field: "pra.groupPolicies[0].permissions.access_perm_status" },
    { code: "INVALID_VALUE", file: "s.yaml", line: 13, column: 36, field: "pra.groupPolicies[0].permissions.perm_session_idle_timeout" },
    { code: "INVALID_VALUE", file: "s.yaml", line: 14, column: 36, field: "pra.groupPolicies[0].permissions.default_jump_item_role_id" },
    { code: "MISSING_FIELD", file: "s.yaml", line: 16, column: 11, field: "pra.groupPolicies[0].jumpGroups[0].name" },
    { code: "WRONG_TYPE", file: "s.yaml", line: 16, column: 25, field: "pra.groupPolicies[0].jumpGroups[0].jumpItemRole" },
    { code: "INVALID_VALUE", file: "s.yaml", line: 17, column: 10, field: "leavers" },
    { code: "INVALID_VALUE", file: "s.yaml", line: 18, column: 24, field: "safety.maxRemovals" },
  ]);
});

test("an unknown top-level key and a misspelt section are UNKNOWN_KEY at the key", () => {
  const result = load({ "k.yaml": "prax:\n  roles: []\ngroups: {}\n" });
  assert.deepEqual(briefs(result.errors), [{ code: "UNKNOWN_KEY", file: "k.yaml", line: 1, column: 1, field: "prax" }]);
});

test("a file whose top level is not a mapping is WRONG_TYPE for the whole file", () => {
  const result = load({ "list.yaml": "- a\n- b\n" });
  assert.deepEqual(briefs(result.errors), [{ code: "WRONG_TYPE", file: "list.yaml", line: 1, column: 1, field: "" }]);
});

test("alias names must be plain identifiers", () => {
  const result = load({ "n.yaml": 'groups:\n  "bad name": { displayName: X }\n' });
  assert.deepEqual(briefs(result.errors), [{ code: "INVALID_NAME", file: "n.yaml", line: 2, column: 3, field: 'groups["bad name"]' }]);
});

test("references to undefined aliases, group aliases used with an app role, and undeclared app roles", () => {
  const text = yaml`
    groups:
      admins: { displayName: PRA Linux Admins }
    applications:
      pra-app:
        appId: 3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01
        roles: { operator: {} }
    pra:
      groupPolicies:
        - name: P
          members: [nope, admins/operator, pra-app/auditor, pra-app/operator, pra-app]
    privx:
      roles:
        - name: developers
          members:
            - missing
  `;
  const result = load({ "r.yaml": text });
  assert.deepEqual(briefs(result.errors), [
    { code: "UNDEFINED_ALIAS", file: "r.yaml", line: 10, column: 17, field: "pra.groupPolicies[0].members[0]" },
    { code: "UNDEFINED_ALIAS", file: "r.yaml", line: 10, column: 23, field: "pra.groupPolicies[0].members[1]" },
    { code: "UNDEFINED_APP_ROLE", file: "r.yaml", line: 10, column: 40, field: "pra.groupPolicies[0].members[2]" },
    { code: "UNDEFINED_ALIAS", file: "r.yaml", line: 15, column: 11, field: "privx.roles[0].members[0]" },
  ]);
  assert.deepEqual(result.errors[2].related, [{ file: "r.yaml", line: 4, column: 3, field: "applications.pra-app" }]);
});

test("a bare application alias means every assignment; an app role is alias/value", () => {
  const model = loadValid({
    "a.yaml": yaml`
      applications:
        pra-app: { appId: 3F5C2A1E-8D4B-4C7E-9F10-2A6B7C8D9E01 }
      pra:
        groupPolicies:
          - name: P
            members: [pra-app, pra-app/operator]
    `,
  });
  assert.equal(model.applications[0].appId, "3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01", "appIds compare lower-cased");
  assert.deepEqual(
    model.pra?.groupPolicies[0].members.map((m) =>
      m.kind === "application" ? [m.kind, m.alias, m.role] : m.kind === "group" ? [m.kind, m.alias] : [m.kind, m.user],
    ),
    [
      ["application", "pra-app", null],
      ["application", "pra-app", "operator"],
    ],
  );
});

test("duplicates across files: aliases, policies (case-insensitive), roles, settings, each pointing at the first", () => {
  const a = yaml`
    groups:
      admins: { displayName: PRA Linux Admins }
    leavers: delete
    pra:
      groupPolicies:
        - name: Linux Administrators
          members: [admins]
    privx:
      roles:
        - name: developers
          members: [admins]
  `;
  const b = yaml`
    applications:
      admins: { appId: 3f5c2a1e-8d4b-4c7e-9f10-2a6b7c8d9e01 }
    leavers: deactivate
    pra:
      groupPolicies:
        - name: LINUX ADMINISTRATORS
    privx:
      roles:
        - name: developers
  `;
  const result = load({ "b.yaml": b, "a.yaml": a });
  assert.deepEqual(briefs(result.errors), [
    { code: "DUPLICATE_NAME", file: "b.yaml", line: 2, column: 3, field: "applications.admins" },
    { code: "DUPLICATE_SETTING", file: "b.yaml", line: 3, column: 10, field: "leavers" },
    { code: "DUPLICATE_NAME", file: "b.yaml", line: 6, column: 13, field: "pra.groupPolicies[0].name" },
    { code: "DUPLICATE_NAME", file: "b.yaml", line: 9, column: 13, field: "privx.roles[0].name" },
  ]);
  assert.deepEqual(
    result.errors.map((e) => e.related?.map((r) => `${r.file}:${r.line}`)),
    [["a.yaml:2"], ["a.yaml:3"], ["a.yaml:6"], ["a.yaml:10"]],
  );
});

test("a jump group linked twice to one policy is a DUPLICATE_NAME error at the second link", () => {
  const result = load({
    "j.yaml": yaml`
      pra:
        groupPolicies:
          - name: P
            jumpGroups:
              - name: Linux Servers
              - { name: Windows Servers }
              - name: Linux Servers
                jumpItemRole: Administrator
    `,
  });
  assert.deepEqual(briefs(result.errors), [{ code: "DUPLICATE_NAME", file: "j.yaml", line: 7, column: 17, field: "pra.groupPolicies[0].jumpGroups[2].name" }]);
});

test("two aliases for the same group are a DUPLICATE_NAME error", () => {
  const result = load({
    "g.yaml": yaml`
      groups:
        one: { id: 0d9c1f1e-1111-4c7e-9f10-2a6b7c8d9e01 }
        two: { id: 0D9C1F1E-1111-4C7E-9F10-2A6B7C8D9E01 }
    `,
  });
  assert.deepEqual(briefs(result.errors), [{ code: "DUPLICATE_NAME", file: "g.yaml", line: 3, column: 3, field: "groups.two" }]);
});

const hostsWithProblems = yaml`
  privx:
    roles:
      - name: ops
    hosts:
      - externalId: h1
        commonName: web
        contactAddress: 10.0.0.300
        services: { SSH: 0, FTP: 21 }
        principals:
          directoryRoles: [privx-admin, ops]
          sharedAccounts: [{ account: root, roles: [PrivX-User] }]
      - externalId: h1
        commonName: WEB
        contactAddress: "bad host!"
        services:
          - { service: ssh, port: 70000 }
        principals:
          sharedAccounts: { "root:x": [ops] }
      - externalId: h3
        commonName: ok
        contactAddress: "fd00::1"
        services: [{ service: SSH, port: 22 }]
        tags: ["a,b"]
        accessGroupId: not-a-guid
        sshHostPublicKeys: ["not a key, really"]
`;

test("host inventory: addresses, ports, services, system roles, names and duplicate externalIds", () => {
  const result = load({ "hosts.yaml": hostsWithProblems });
  assert.deepEqual(briefs(result.errors), [
    { code: "INVALID_ADDRESS", file: "hosts.yaml", line: 7, column: 23, field: "privx.hosts[0].contactAddress" },
    { code: "INVALID_PORT", file: "hosts.yaml", line: 8, column: 24, field: "privx.hosts[0].services.SSH" },
    { code: "UNKNOWN_SERVICE", file: "hosts.yaml", line: 8, column: 27, field: "privx.hosts[0].services.FTP" },
    { code: "PRIVX_SYSTEM_ROLE", file: "hosts.yaml", line: 10, column: 26, field: "privx.hosts[0].principals.directoryRoles[0]" },
    { code: "PRIVX_SYSTEM_ROLE", file: "hosts.yaml", line: 11, column: 51, field: "privx.hosts[0].principals.sharedAccounts[0].roles[0]" },
    { code: "DUPLICATE_HOST_EXTERNAL_ID", file: "hosts.yaml", line: 12, column: 19, field: "privx.hosts[1].externalId" },
    { code: "DUPLICATE_NAME", file: "hosts.yaml", line: 13, column: 19, field: "privx.hosts[1].commonName" },
    { code: "INVALID_ADDRESS", file: "hosts.yaml", line: 14, column: 23, field: "privx.hosts[1].contactAddress" },
    { code: "UNKNOWN_SERVICE", file: "hosts.yaml", line: 16, column: 22, field: "privx.hosts[1].services[0].service" },
    { code: "INVALID_PORT", file: "hosts.yaml", line: 16, column: 33, field: "privx.hosts[1].services[0].port" },
    { code: "INVALID_NAME", file: "hosts.yaml", line: 18, column: 27, field: 'privx.hosts[1].principals.sharedAccounts["root:x"]' },
    { code: "INVALID_VALUE", file: "hosts.yaml", line: 23, column: 14, field: "privx.hosts[2].tags[0]" },
    { code: "INVALID_VALUE", file: "hosts.yaml", line: 24, column: 22, field: "privx.hosts[2].accessGroupId" },
    { code: "INVALID_VALUE", file: "hosts.yaml", line: 25, column: 27, field: "privx.hosts[2].sshHostPublicKeys[0]" },
  ]);
});

test("hosts are normalised: services from a list or a map, shared accounts from a list or a map, lists sorted", () => {
  const model = loadValid({
    "h.yaml": yaml`
      privx:
        roles: [{ name: ops }, { name: dba }]
        hosts:
          - externalId: b
            commonName: b
            contactAddress: b.example.com
            services: { SSH: 22, RDP: 3389 }
            tags: [z, a, z]
            principals:
              directoryRoles: [ops, dba]
              sharedAccounts: { root: [ops, dba] }
          - externalId: a
            commonName: a
            contactAddress: 192.0.2.1
            services: [{ service: WEB, port: 443 }, { service: SSH, port: 2222 }]
            principals:
              sharedAccounts: [{ account: root, roles: [ops] }, { account: app, roles: [dba] }]
    `,
  });
  const [a, b] = model.privx?.hosts ?? [];
  assert.deepEqual(b.services, [
    { service: "RDP", port: 3389 },
    { service: "SSH", port: 22 },
  ]);
  assert.deepEqual(b.tags, ["a", "z"]);
  assert.deepEqual(b.directoryRoles, ["dba", "ops"]);
  assert.deepEqual(b.sharedAccounts, [{ account: "root", roles: ["dba", "ops"] }]);
  assert.deepEqual(a.services, [
    { service: "SSH", port: 2222 },
    { service: "WEB", port: 443 },
  ]);
  assert.deepEqual(a.sharedAccounts, [
    { account: "app", roles: ["dba"] },
    { account: "root", roles: ["ops"] },
  ]);
  assert.deepEqual(a.source, { file: "h.yaml", line: 12 });
  assert.equal(a.tofu, null);
  assert.equal(a.accessGroupId, null);
});

test("warnings do not block the model: unused aliases, roles hosts use but no mapping feeds, system roles fed by groups", () => {
  const result = load({
    "w.yaml": yaml`
      groups:
        unused: { displayName: Nobody }
        admins: { displayName: Admins }
      privx:
        roles:
          - name: privx-auditors
            members: [admins]
        hosts:
          - externalId: h
            commonName: h
            contactAddress: h.example.com
            principals: { directoryRoles: [ops] }
    `,
  });
  assert.deepEqual(result.errors, []);
  assert.ok(result.value);
  assert.deepEqual(briefs(result.warnings), [
    { code: "UNUSED_ALIAS", file: "w.yaml", line: 2, column: 3, field: "groups.unused" },
    { code: "PRIVX_SYSTEM_ROLE", file: "w.yaml", line: 6, column: 13, field: "privx.roles[0].name" },
    { code: "UNDEFINED_ROLE", file: "w.yaml", line: 12, column: 38, field: "privx.hosts[0].principals.directoryRoles[0]" },
  ]);
});

test("target settings: username rules as a name or an object, externalId, per-target leavers, extension attributes", () => {
  const model = loadValid({
    "s.yaml": yaml`
      leavers: delete
      pra:
        userName: { attribute: onPremisesSamAccountName, lowercase: true, stripDomain: true }
      privx:
        userName: extension_0123456789abcdef0123456789abcdef_unixName
        externalId: mail
        leavers: deactivate
    `,
  });
  assert.deepEqual(model.pra?.userName, {
    attribute: "onPremisesSamAccountName",
    lowercase: true,
    stripDomain: true,
    at: { file: "s.yaml", line: 3, column: 13, field: "pra.userName" },
  });
  assert.equal(model.pra?.leavers, "delete");
  assert.equal(model.privx?.userName.attribute, "extension_0123456789abcdef0123456789abcdef_unixName");
  assert.equal(model.privx?.externalId.attribute, "mail");
  assert.equal(model.privx?.leavers, "deactivate");
});

test("SCIM group name overrides longer than 64 characters are NAME_TOO_LONG", () => {
  const result = load({ "l.yaml": `groups:\n  a:\n    displayName: A\n    scimGroupName: ${"x".repeat(65)}\n` });
  assert.deepEqual(briefs(result.errors), [{ code: "NAME_TOO_LONG", file: "l.yaml", line: 4, column: 20, field: "groups.a.scimGroupName" }]);
});

test("a syntax error in one file does not turn its aliases into undefined-alias errors elsewhere", () => {
  const result = load({
    "aliases.yaml": "groups:\n  admins: { displayName: A\n",
    "policies.yaml": minimalPra.replace(/groups:\n.*\n/, ""),
  });
  assert.deepEqual(
    result.errors.map((e) => [e.code, e.file]),
    [["YAML_SYNTAX", "aliases.yaml"]],
  );
});

test("problems come out in the same order whatever the order of the files", () => {
  const files = {
    "a.yaml": hostsWithProblems,
    "b.yaml": "leavers: x\nprivx:\n  hosts:\n    - externalId: h1\n      commonName: other\n      contactAddress: a.b\n",
  };
  const forward = load(files);
  const backward = load(Object.fromEntries(Object.entries(files).reverse()));
  assert.deepEqual(briefs(forward.errors), briefs(backward.errors));
  assert.deepEqual(forward.errors.filter((e) => e.file === "b.yaml").map(brief), [
    { code: "INVALID_VALUE", file: "b.yaml", line: 1, column: 10, field: "leavers" },
    { code: "DUPLICATE_HOST_EXTERNAL_ID", file: "b.yaml", line: 4, column: 19, field: "privx.hosts[0].externalId" },
  ]);
});

test("loadMappings reads files, directories and basename wildcards, and reports what it cannot read", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "model-mappings-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, "b.yaml"), "leavers: delete\n");
  fs.writeFileSync(path.join(dir, "a.yml"), minimalPra);
  fs.writeFileSync(path.join(dir, "notes.txt"), "not yaml");

  assert.deepEqual(expandMappingFiles([dir]).files, [path.join(dir, "a.yml"), path.join(dir, "b.yaml")]);
  assert.deepEqual(expandMappingFiles([path.join(dir, "*.yaml")]).files, [path.join(dir, "b.yaml")]);

  const loaded = loadMappings([dir]);
  assert.deepEqual(loaded.errors, []);
  assert.equal(loaded.value?.pra?.leavers, "delete");
  assert.deepEqual(loaded.value?.files, [path.join(dir, "a.yml"), path.join(dir, "b.yaml")]);

  const missing = loadMappings([path.join(dir, "nope.yaml"), path.join(dir, "*.json")]);
  assert.equal(missing.value, null);
  assert.deepEqual(
    missing.errors.map((e) => [e.code, e.file]),
    [
      ["NO_MAPPING_FILES", path.join(dir, "*.json")],
      ["FILE_UNREADABLE", path.join(dir, "nope.yaml")],
    ],
  );
  assert.deepEqual(
    loadMappings([]).errors.map((e) => e.code),
    ["NO_MAPPING_FILES"],
  );
});

test("YAML anchors and merge keys work, with x- extension fields at the top level as a home for anchors", () => {
  const model = loadValid({
    "a.yaml": yaml`
      x-admin-permissions: &admin
        perm_access_allowed: true
        perm_shell_jump: true
      groups:
        admins: { displayName: Admins }
      pra:
        groupPolicies:
          - name: One
            members: [admins]
            permissions: *admin
          - name: Two
            members: [admins]
            permissions:
              <<: *admin
              perm_shell_jump: false
    `,
  });
  assert.deepEqual(
    model.pra?.groupPolicies.map((p) => p.permissions),
    [
      { perm_access_allowed: true, perm_shell_jump: true },
      { perm_access_allowed: true, perm_shell_jump: false },
    ],
  );
  const bad = load({ "b.yaml": "x-defaults: &d { perm_fly: true }\npra:\n  groupPolicies:\n    - name: P\n      permissions: *d\n" });
  assert.deepEqual(briefs(bad.errors), [
    { code: "UNKNOWN_PERMISSION", file: "b.yaml", line: 1, column: 18, field: "pra.groupPolicies[0].permissions.perm_fly" },
  ]);
});

test("a YAML alias bomb is one YAML_ALIAS_LIMIT problem at the first alias, and the file yields no model", () => {
  const levels = [
    "a: &a [x, x, x, x, x, x, x, x, x]",
    ...["b", "c", "d", "e", "f"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcde"[i]}`).join(", ")}]`),
  ];
  const result = load({ "bomb.yaml": [...levels, `g: [${Array(9).fill("*f").join(", ")}]`].join("\n") });
  assert.equal(result.value, null);
  assert.deepEqual(result.errors.map(brief), [{ code: ProblemCode.YAML_ALIAS_LIMIT, file: "bomb.yaml", line: 2, column: 8, field: "" }]);
});

test(
  "20,000 invalid hosts: every problem is reported with its position (validation stays linear; a quadratic one ran for minutes)",
  { timeout: 120_000 },
  () => {
    const hosts = Array.from(
      { length: 20_000 },
      (_, i) =>
        `    - externalId: h-${i}\n      commonName: h${i}\n      contactAddress: "not an address ${i}"\n      services: [{ service: NOPE, port: 99999 }]\n`,
    );
    const result = load({ "hosts.yaml": `privx:\n  hosts:\n${hosts.join("")}` });
    assert.equal(result.value, null);
    assert.equal(result.errors.length, 60_000);
    const last = result.errors.filter((e) => e.field.startsWith("privx.hosts[19999]")).map(brief);
    assert.deepEqual(
      last.map((p) => [p.code, p.line, p.field]).sort(),
      [
        [ProblemCode.INVALID_ADDRESS, 4 * 19_999 + 5, "privx.hosts[19999].contactAddress"],
        [ProblemCode.INVALID_PORT, 4 * 19_999 + 6, "privx.hosts[19999].services[0].port"],
        [ProblemCode.UNKNOWN_SERVICE, 4 * 19_999 + 6, "privx.hosts[19999].services[0].service"],
      ].sort(),
    );
  },
);

test("safety limits that are no usable whole number (1e300, fractions, negatives) are refused at their file:line, and nothing loads", () => {
  for (const [value, code] of [
    ["1e300", "INVALID_VALUE"],
    ["1000001", "INVALID_VALUE"],
    ["2.5", "WRONG_TYPE"],
    ["-1", "INVALID_VALUE"],
  ] as const) {
    const result = load({ "safety.yaml": `safety:\n  maxRemovals: ${value}\n` });
    assert.deepEqual(briefs(result.errors), [{ code, file: "safety.yaml", line: 2, column: 16, field: "safety.maxRemovals" }], value);
    assert.equal(result.value, null, value);
  }
  assert.equal(loadValid({ "safety.yaml": "safety:\n  maxRemovals: 1000000\n" }).safety.maxRemovals, 1000000);
});

test("a mapping file that is not UTF-8 is refused naming its encoding and the first offending byte's line; nothing loads", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pam-encoding-"));
  const text = "groups:\n  admins: { displayName: Café Admins }\n";
  const files: [string, Buffer, RegExp, number][] = [
    [
      "utf16le.yaml",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
      /UTF-16 \(little-endian, with a byte-order mark\), not UTF-8/,
      1,
    ],
    ["utf16be.yaml", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]), /UTF-16 \(big-endian/, 1],
    ["utf16-no-bom.yaml", Buffer.from(text, "utf16le"), /NUL bytes \(UTF-16 without a byte-order mark/, 1],
    ["latin1.yaml", Buffer.from(text, "latin1"), /not UTF-8: byte 0xE9 is not valid there \(Windows-1252 or Latin-1/, 2],
  ];
  try {
    for (const [name, bytes, message, line] of files) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      const result = loadMappings([file]);
      assert.equal(result.value, null, name);
      assert.deepEqual(
        result.errors.map((e) => [e.code, e.file, e.line]),
        [["FILE_ENCODING", file, line]],
        name,
      );
      assert.match(result.errors[0].message, message, name);
    }
    const withBom = path.join(dir, "bom.yaml");
    fs.writeFileSync(withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]));
    assert.deepEqual(loadMappings([withBom]).errors, [], "UTF-8 with a byte-order mark is UTF-8");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an emptied mapping file is a warning naming the file (removal safety then stops what it would remove)", () => {
  const result = load({ "access.yaml": "# emptied by accident\n", "hosts.yaml": "groups:\n  admins: { displayName: Admins }\n" });
  assert.deepEqual(
    result.warnings.filter((w) => w.code === "EMPTY_FILE").map((w) => [w.file, w.severity]),
    [["access.yaml", "warning"]],
  );
  assert.match(result.warnings.find((w) => w.code === "EMPTY_FILE")!.message, /the mapping file access\.yaml holds no mappings/);
});
