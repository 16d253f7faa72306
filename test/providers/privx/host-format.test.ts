import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fc from "fast-check";
import {
  canonicalHost,
  formatCommaList,
  formatPrincipals,
  formatServices,
  hostFromScim,
  hostToScim,
  parseCommaList,
  parsePrincipals,
  parseServices,
  PRIVX_HOST_SCHEMA,
  type PrivxHostFields,
} from "../../../providers/privx/host-format";
import { arbitraryHost, arbitraryPrincipals, arbitraryServices, arbitraryListItems, noisyJoin } from "./arbitraries";

/** A permutation of `items` driven by generated numbers (so fast-check can shrink it). */
function shuffle<T>(items: T[], seeds: number[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (seeds[i % Math.max(1, seeds.length)] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

// Examples taken from seed 001 (PrivX SCIM directory documentation).
const SEED_SERVICES = "SSH:22,RDP:3389,VNC:5900";
const SEED_PRINCIPALS = "developers:root=adminrole1,adminrole2:directoryrole1:directoryrole2";
const SEED_TAGS = "env=prod,cluster=123,test tag";
const SEED_HOST_KEY =
  "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBPr3ouRuMvGtOO13TvNVi/3k4JTvYQWITiChnWGgTs0ER2nOv0JMk+wkQzn1ZoMlnAkd2z8C/aHyP70x7XAedVo=";

function host(overrides: Partial<PrivxHostFields> = {}): PrivxHostFields {
  return {
    externalId: "ff558e65-cc83-5edb-6de7-c8cf6e2c8098",
    commonName: "Web server dev-1",
    contactAddress: "targethost.test.internal",
    description: null,
    userMessage: null,
    tags: [],
    accessGroupId: null,
    sshHostPublicKeys: [],
    tofu: null,
    auditEnabled: null,
    services: [],
    directoryRoles: [],
    sharedAccounts: [],
    organization: null,
    organizationalUnit: null,
    zone: null,
    hostType: null,
    classification: null,
    ...overrides,
  };
}

describe("seed 001 examples", () => {
  test("services example reads as three services and formats back in canonical order", () => {
    const parsed = parseServices(SEED_SERVICES);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.value, [
      { service: "RDP", port: 3389 },
      { service: "SSH", port: 22 },
      { service: "VNC", port: 5900 },
    ]);
    assert.equal(formatServices(parsed.value), "RDP:3389,SSH:22,VNC:5900");
  });

  test("principals example: bare names are directory-login roles, account=roles is a shared account", () => {
    const parsed = parsePrincipals(SEED_PRINCIPALS);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.value, {
      directoryRoles: ["developers", "directoryrole1", "directoryrole2"],
      sharedAccounts: [{ account: "root", roles: ["adminrole1", "adminrole2"] }],
    });
    assert.equal(formatPrincipals(parsed.value), "developers:directoryrole1:directoryrole2:root=adminrole1,adminrole2");
  });

  test("tags example keeps '=' and inner spaces inside a tag", () => {
    assert.deepEqual(parseCommaList(SEED_TAGS), ["cluster=123", "env=prod", "test tag"]);
  });

  test("an SSH host key with its inner space survives a round trip", () => {
    const keys = parseCommaList(`${SEED_HOST_KEY}, ssh-ed25519 AAAAC3Nza`);
    assert.deepEqual(keys, [SEED_HOST_KEY, "ssh-ed25519 AAAAC3Nza"]);
    assert.deepEqual(parseCommaList(formatCommaList(keys)), keys);
  });

  test("the seed's full host example becomes the documented Host resource", () => {
    const resource = hostToScim(
      host({
        description: "This server will be obsolete in future.",
        userMessage: "Web server, RHEL 8.",
        tags: ["env=prod", "cluster=123", "test tag"],
        accessGroupId: "c3ce0d74-c528-480d-8d5e-598f705484a5",
        sshHostPublicKeys: [SEED_HOST_KEY],
        tofu: true,
        auditEnabled: true,
        services: [
          { service: "SSH", port: 22 },
          { service: "RDP", port: 3389 },
          { service: "VNC", port: 5900 },
        ],
        directoryRoles: ["developers", "directoryrole1", "directoryrole2"],
        sharedAccounts: [{ account: "root", roles: ["adminrole2", "adminrole1"] }],
        organization: "ACME Inc.",
        organizationalUnit: "Human Resources",
        zone: "us-east-1a",
        hostType: "Linux RHEL8",
        classification: "prod",
      }),
    );
    assert.deepEqual(resource, {
      schemas: [PRIVX_HOST_SCHEMA],
      externalId: "ff558e65-cc83-5edb-6de7-c8cf6e2c8098",
      commonName: "Web server dev-1",
      contactAddress: "targethost.test.internal",
      description: "This server will be obsolete in future.",
      userMessage: "Web server, RHEL 8.",
      accessGroupId: "c3ce0d74-c528-480d-8d5e-598f705484a5",
      organization: "ACME Inc.",
      organizationalUnit: "Human Resources",
      zone: "us-east-1a",
      hostType: "Linux RHEL8",
      classification: "prod",
      tofu: true,
      auditEnabled: true,
      tags: "cluster=123,env=prod,test tag",
      SSHHostPublicKeys: SEED_HOST_KEY,
      services: "RDP:3389,SSH:22,VNC:5900",
      principals: "developers:directoryrole1:directoryrole2:root=adminrole1,adminrole2",
    });
  });
});

describe("tolerant parsing", () => {
  test("whitespace, empty entries, lower-case services and duplicates are absorbed", () => {
    const parsed = parseServices(" ssh : 22 ,, Rdp:3389 , SSH:22 ,");
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.value, [
      { service: "RDP", port: 3389 },
      { service: "SSH", port: 22 },
    ]);
  });

  test("a shared account named twice merges its roles; blank entries are skipped", () => {
    const parsed = parsePrincipals(" ops :: root = b , a : root=a,c : ");
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.value, { directoryRoles: ["ops"], sharedAccounts: [{ account: "root", roles: ["a", "b", "c"] }] });
  });

  test("empty and absent strings are empty structures", () => {
    for (const text of ["", "   ", null, undefined]) {
      assert.deepEqual(parseServices(text), { value: [], problems: [] });
      assert.deepEqual(parsePrincipals(text), { value: { directoryRoles: [], sharedAccounts: [] }, problems: [] });
      assert.deepEqual(parseCommaList(text), []);
    }
  });

  test("unreadable service entries are dropped and reported, readable ones kept", () => {
    const parsed = parseServices("SSH:22,FTP:21,RDP:0,VNC:70000,SSH:abc,SSH,WEB:443:1");
    assert.deepEqual(parsed.value, [{ service: "SSH", port: 22 }]);
    assert.deepEqual(codes(parsed.problems), ["UNKNOWN_SERVICE", "INVALID_PORT", "INVALID_PORT", "INVALID_PORT", "MALFORMED_ENTRY", "MALFORMED_ENTRY"]);
  });

  test("unreadable principal entries are dropped and reported", () => {
    const parsed = parsePrincipals("dev:root=:=admins:a=b=c:x,y:web=www");
    assert.deepEqual(parsed.value, { directoryRoles: ["dev"], sharedAccounts: [{ account: "web", roles: ["www"] }] });
    assert.deepEqual(codes(parsed.problems), ["SHARED_ACCOUNT_WITHOUT_ROLES", "MALFORMED_ENTRY", "MALFORMED_ENTRY", "MALFORMED_ENTRY"]);
  });
});

describe("hostToScim / hostFromScim", () => {
  test("nulls and empty lists are omitted, false booleans are kept", () => {
    const resource = hostToScim(host({ tofu: false, description: "  " }));
    assert.deepEqual(resource, {
      schemas: [PRIVX_HOST_SCHEMA],
      externalId: "ff558e65-cc83-5edb-6de7-c8cf6e2c8098",
      commonName: "Web server dev-1",
      contactAddress: "targethost.test.internal",
      tofu: false,
    });
  });

  test("reading is tolerant of blank strings, boolean words, attribute-name case and arrays", () => {
    const parsed = hostFromScim({
      schemas: [PRIVX_HOST_SCHEMA],
      id: "2f1c",
      externalId: "h1",
      commonName: "db",
      contactAddress: "db.internal",
      description: "",
      userMessage: "   ",
      sshhostpublickeys: " ssh-ed25519 AAA ,",
      Tags: ["b", "a"],
      tofu: "True",
      auditEnabled: "",
      services: "",
      principals: " dbas : root=dbas ",
      meta: { resourceType: "Host" },
    });
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.value,
      host({
        externalId: "h1",
        commonName: "db",
        contactAddress: "db.internal",
        sshHostPublicKeys: ["ssh-ed25519 AAA"],
        tags: ["a", "b"],
        tofu: true,
        directoryRoles: ["dbas"],
        sharedAccounts: [{ account: "root", roles: ["dbas"] }],
      }),
    );
  });

  test("missing required attributes and wrong types are reported, not thrown", () => {
    const parsed = hostFromScim({ externalId: "h1", commonName: 7, tofu: "yes", tags: { a: 1 } });
    assert.deepEqual(codes(parsed.problems).sort(), ["INVALID_TYPE", "INVALID_TYPE", "INVALID_TYPE", "MISSING_REQUIRED", "MISSING_REQUIRED"]);
    assert.equal(parsed.value.externalId, "h1");
    assert.equal(parsed.value.tofu, null);
    assert.deepEqual(parsed.value.tags, []);
    assert.deepEqual(codes(hostFromScim("nonsense").problems), ["INVALID_TYPE", "MISSING_REQUIRED", "MISSING_REQUIRED", "MISSING_REQUIRED"]);
  });
});

describe("round trips (property-based)", () => {
  test("structure → string → structure gives the canonical structure", () => {
    fc.assert(
      fc.property(arbitraryServices, (services) => {
        const parsed = parseServices(formatServices(services));
        assert.deepEqual(parsed.problems, []);
        assert.deepEqual(parsed.value, canonicalHost(host({ services })).services);
      }),
    );
    fc.assert(
      fc.property(arbitraryPrincipals, (principals) => {
        const parsed = parsePrincipals(formatPrincipals(principals));
        assert.deepEqual(parsed.problems, []);
        const canonical = canonicalHost(host(principals));
        assert.deepEqual(parsed.value, { directoryRoles: canonical.directoryRoles, sharedAccounts: canonical.sharedAccounts });
      }),
    );
    fc.assert(
      fc.property(arbitraryListItems, (items) => {
        assert.deepEqual(parseCommaList(formatCommaList(items)), canonicalHost(host({ tags: items })).tags);
      }),
    );
  });

  test("canonical string → structure → string is the identity, and noisy spellings reach the same string", () => {
    fc.assert(
      fc.property(arbitraryServices, (services) => {
        const canonical = formatServices(services);
        assert.equal(formatServices(parseServices(canonical).value), canonical);
        const entries = services.map((s) => `${s.service.toLowerCase()} : ${s.port}`);
        assert.equal(formatServices(parseServices(noisyJoin(entries.reverse(), ",")).value), canonical);
      }),
    );
    fc.assert(
      fc.property(arbitraryPrincipals, (principals) => {
        const canonical = formatPrincipals(principals);
        assert.equal(formatPrincipals(parsePrincipals(canonical).value), canonical);
        const entries = [...principals.sharedAccounts.map((a) => ` ${a.account} = ${[...a.roles].reverse().join(" , ")} `), ...principals.directoryRoles];
        assert.equal(formatPrincipals(parsePrincipals(noisyJoin(entries, ":")).value), canonical);
      }),
    );
  });

  test("canonical output is sorted and duplicate-free whatever the input order", () => {
    const strictlyIncreasing = (items: string[]) => items.every((item, i) => i === 0 || items[i - 1] < item);
    fc.assert(
      fc.property(arbitraryPrincipals, fc.array(fc.nat()), (principals, seeds) => {
        const shuffled = {
          directoryRoles: shuffle([...principals.directoryRoles, ...principals.directoryRoles], seeds),
          sharedAccounts: shuffle(
            principals.sharedAccounts.map((a) => ({ account: a.account, roles: shuffle(a.roles, seeds) })),
            seeds,
          ),
        };
        const parsed = parsePrincipals(formatPrincipals(shuffled)).value;
        assert.ok(strictlyIncreasing(parsed.directoryRoles), "directory roles sorted, unique");
        assert.ok(strictlyIncreasing(parsed.sharedAccounts.map((a) => a.account)), "accounts sorted, unique");
        for (const a of parsed.sharedAccounts) assert.ok(strictlyIncreasing(a.roles), "roles sorted, unique");
        assert.equal(formatPrincipals(shuffled), formatPrincipals(principals));
      }),
    );
    fc.assert(
      fc.property(arbitraryServices, fc.array(fc.nat()), (services, seeds) => {
        const parsed = parseServices(formatServices(shuffle([...services, ...services], seeds))).value;
        const keys = parsed.map((s) => `${s.service}:${String(s.port).padStart(5, "0")}`);
        assert.ok(strictlyIncreasing(keys), "services sorted by name then port, unique");
        assert.equal(formatServices(shuffle(services, seeds)), formatServices(services));
      }),
    );
    fc.assert(
      fc.property(arbitraryListItems, fc.array(fc.nat()), (items, seeds) => {
        assert.ok(strictlyIncreasing(parseCommaList(formatCommaList(shuffle([...items, ...items], seeds)))));
      }),
    );
  });

  test("a whole host survives hostToScim → JSON → hostFromScim unchanged (canonically)", () => {
    fc.assert(
      fc.property(arbitraryHost, (h) => {
        const parsed = hostFromScim(JSON.parse(JSON.stringify(hostToScim(h))));
        assert.deepEqual(parsed.problems, []);
        assert.deepEqual(parsed.value, canonicalHost(h));
        assert.deepEqual(hostToScim(parsed.value), hostToScim(h));
      }),
    );
  });
});
