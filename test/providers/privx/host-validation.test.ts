import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fc from "fast-check";
import type { PrivxHostFields, PrivxHostService } from "../../../providers/privx/host-format";
import {
  hasNoErrors,
  validateHost,
  validateHostPublicKeys,
  validatePrincipals,
  validateServices,
  validateTags,
} from "../../../providers/privx/host-validation";
import { isPrivxSystemRole, PRIVX_SYSTEM_ROLES } from "../../../providers/privx/facts";
import { arbitraryHost, arbitraryRole } from "./arbitraries";

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

const validHost: PrivxHostFields = {
  externalId: "web-1",
  commonName: "web-1",
  contactAddress: "web-1.contoso.internal",
  description: null,
  userMessage: null,
  tags: ["env=prod"],
  accessGroupId: null,
  sshHostPublicKeys: ["ssh-ed25519 AAAAC3Nza"],
  tofu: true,
  auditEnabled: true,
  services: [{ service: "SSH", port: 22 }],
  directoryRoles: ["developers"],
  sharedAccounts: [{ account: "root", roles: ["dbas"] }],
  organization: null,
  organizationalUnit: null,
  zone: null,
  hostType: null,
  classification: null,
};

describe("services", () => {
  test("only SSH, RDP, VNC and WEB on ports 1..65535 pass", () => {
    const services = [
      { service: "SSH", port: 22 },
      { service: "WEB", port: 65535 },
      { service: "FTP", port: 21 },
      { service: "ssh", port: 22 },
      { service: "RDP", port: 0 },
      { service: "VNC", port: 65536 },
      { service: "VNC", port: 59.5 },
    ] as unknown as PrivxHostService[];
    const problems = validateServices(services);
    assert.deepEqual(codes(problems), ["UNKNOWN_SERVICE", "UNKNOWN_SERVICE", "INVALID_PORT", "INVALID_PORT", "INVALID_PORT"]);
    assert.deepEqual(fields(problems), ["services[2].service", "services[3].service", "services[4].port", "services[5].port", "services[6].port"]);
  });
});

describe("principals", () => {
  test("role names holding a separator cannot be encoded", () => {
    const problems = validatePrincipals({
      directoryRoles: ["dev:ops", "a,b", "x=y"],
      sharedAccounts: [{ account: "root", roles: ["dbas,ops"] }],
    });
    assert.deepEqual(codes(problems), ["UNENCODABLE_NAME", "UNENCODABLE_NAME", "UNENCODABLE_NAME", "UNENCODABLE_NAME"]);
    assert.deepEqual(fields(problems), ["directoryRoles[0]", "directoryRoles[1]", "directoryRoles[2]", "sharedAccounts[0].roles[0]"]);
  });

  test("an account may not hold ':' or '='; empty names, blanks around names and accounts without roles are flagged", () => {
    const problems = validatePrincipals({
      directoryRoles: ["", " dev"],
      sharedAccounts: [
        { account: "ro:ot", roles: ["a"] },
        { account: "a=b", roles: ["a"] },
        { account: "svc", roles: [] },
        { account: "DOMAIN\\svc,1", roles: ["a"] },
      ],
    });
    assert.deepEqual(codes(problems), ["EMPTY_NAME", "SURROUNDING_WHITESPACE", "UNENCODABLE_NAME", "UNENCODABLE_NAME", "SHARED_ACCOUNT_WITHOUT_ROLES"]);
  });

  test("PrivX system roles are rejected wherever they appear, in any letter case", () => {
    const problems = validatePrincipals({
      directoryRoles: ["privx-admin", "developers"],
      sharedAccounts: [{ account: "root", roles: ["dbas", "PrivX-User"] }],
    });
    assert.deepEqual(codes(problems), ["SYSTEM_ROLE", "SYSTEM_ROLE"]);
    assert.deepEqual(fields(problems), ["directoryRoles[0]", "sharedAccounts[0].roles[1]"]);
    assert.ok(problems.every((p) => p.severity === "error"));
  });

  test("another privx- role is a warning, and the system role list can be extended", () => {
    const warned = validatePrincipals({ directoryRoles: ["privx-auditors"], sharedAccounts: [] });
    assert.deepEqual(codes(warned), ["RESERVED_ROLE_PREFIX"]);
    assert.ok(hasNoErrors(warned));
    const refused = validatePrincipals({ directoryRoles: ["break-glass"], sharedAccounts: [] }, { systemRoles: [...PRIVX_SYSTEM_ROLES, "break-glass"] });
    assert.deepEqual(codes(refused), ["SYSTEM_ROLE"]);
  });

  test("the seed's named system role is in the default list", () => {
    assert.ok(isPrivxSystemRole(" privx-admin "));
    assert.ok(!isPrivxSystemRole("privx-admins"));
  });
});

describe("tags and host keys", () => {
  test("a ',' cannot be encoded in a comma list; ':' '=' and inner spaces can", () => {
    assert.deepEqual(codes(validateTags(["env=prod", "test tag", "a:b", "a,b", ""])), ["UNENCODABLE_NAME", "EMPTY_NAME"]);
    assert.deepEqual(codes(validateHostPublicKeys(["ssh-rsa AAAA,BBBB", "ssh-ed25519 AAA "])), ["UNENCODABLE_NAME", "SURROUNDING_WHITESPACE"]);
  });
});

describe("whole host", () => {
  test("a well-formed host has no problems", () => {
    assert.deepEqual(validateHost(validHost), []);
  });

  test("every problem is reported at once", () => {
    const problems = validateHost({
      ...validHost,
      externalId: " ",
      contactAddress: "",
      services: [{ service: "SSH", port: 0 }],
      directoryRoles: ["privx-admin"],
      tags: ["a,b"],
    });
    assert.deepEqual(codes(problems), ["MISSING_REQUIRED", "MISSING_REQUIRED", "INVALID_PORT", "SYSTEM_ROLE", "UNENCODABLE_NAME"]);
    assert.ok(!hasNoErrors(problems));
  });

  test("generated encodable hosts validate clean unless they name a privx- role", () => {
    fc.assert(
      fc.property(arbitraryHost, (host) => {
        const roles = [...host.directoryRoles, ...host.sharedAccounts.flatMap((a) => a.roles)];
        const problems = validateHost(host);
        if (roles.some((r) => r.toLowerCase().startsWith("privx-"))) return;
        assert.deepEqual(problems, []);
      }),
    );
  });

  test("any role name with a separator spliced in is flagged", () => {
    fc.assert(
      fc.property(arbitraryRole, fc.constantFrom(":", ",", "="), fc.nat(), (role, separator, at) => {
        const i = at % (role.length + 1);
        const broken = `${role.slice(0, i)}${separator}${role.slice(i)}`;
        assert.ok(codes(validatePrincipals({ directoryRoles: [broken], sharedAccounts: [] })).includes("UNENCODABLE_NAME"));
      }),
    );
  });
});
