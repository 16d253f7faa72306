// Pure decisions about Graph objects: quoting, classification, conversion, name resolution.
import { describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fc from "fast-check";
import { chooseGroupByName, classifyMember, combineProblems, odataString, toDirectoryUser, userSelect } from "../../../sources/entra/directory-objects";
import { EntraError } from "../../../sources/entra";
import { describeIdentityMessage } from "../../../sources/entra/identity-errors";

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof EntraError);
    return err.code;
  }
  assert.fail("expected an EntraError");
}

describe("odataString", () => {
  test("doubles single quotes", () => {
    assert.equal(odataString("O'Brien's Team"), "'O''Brien''s Team'");
  });

  test("round-trips any text through the OData unescaping rule", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const literal = odataString(s);
        assert.ok(literal.startsWith("'") && literal.endsWith("'"));
        assert.equal(literal.slice(1, -1).replace(/''/g, "'"), s);
        assert.ok(!/(^|[^'])'([^']|$)/.test(literal.slice(1, -1).replace(/''/g, "")), "no lone quote inside");
      }),
    );
  });
});

describe("userSelect", () => {
  test("adds requested attributes after the base properties, once each", () => {
    assert.deepEqual(userSelect(["employeeId", "mail", "employeeId"]), [
      "id",
      "userPrincipalName",
      "mail",
      "displayName",
      "givenName",
      "surname",
      "accountEnabled",
      "userType",
      "employeeId",
    ]);
  });

  test("refuses anything that is not a property name (it would end up in the query string)", () => {
    assert.equal(
      codeOf(() => userSelect(["employeeId&$top=1"])),
      "VALIDATION",
    );
  });
});

describe("classifyMember", () => {
  test("users are kept, nested groups skipped, the rest counted by type", () => {
    assert.deepEqual(classifyMember({ "@odata.type": "#microsoft.graph.user", id: "u" }, "g"), { kind: "user" });
    assert.deepEqual(classifyMember({ "@odata.type": "#microsoft.graph.group", id: "g" }, "g"), { kind: "nestedGroup" });
    assert.deepEqual(classifyMember({ "@odata.type": "#microsoft.graph.device", id: "d" }, "g"), { kind: "ignored", bucket: "devices" });
    assert.deepEqual(classifyMember({ "@odata.type": "#microsoft.graph.servicePrincipal", id: "s" }, "g"), { kind: "ignored", bucket: "servicePrincipals" });
    assert.deepEqual(classifyMember({ "@odata.type": "#microsoft.graph.orgContact", id: "c" }, "g"), { kind: "ignored", bucket: "contacts" });
    assert.deepEqual(classifyMember({ "@odata.type": "#microsoft.graph.application", id: "a" }, "g"), { kind: "ignored", bucket: "other" });
  });

  test("an untyped object makes the read INCOMPLETE", () => {
    assert.equal(
      codeOf(() => classifyMember({ id: "x" }, "g")),
      "INCOMPLETE",
    );
  });
});

describe("toDirectoryUser", () => {
  const wire = { "@odata.type": "#microsoft.graph.user", id: "u1", userPrincipalName: "a@contoso.com", accountEnabled: false, mail: null, employeeId: 42 };

  test("fills missing optional properties with null and renders attributes as text", () => {
    assert.deepEqual(toDirectoryUser(wire, ["employeeId", "onPremisesSamAccountName"], "g"), {
      id: "u1",
      userPrincipalName: "a@contoso.com",
      mail: null,
      displayName: null,
      givenName: null,
      surname: null,
      accountEnabled: false,
      userType: null,
      attributes: { employeeId: "42", onPremisesSamAccountName: null },
    });
  });

  test("a user without accountEnabled or UPN (a $select not honoured) is INCOMPLETE, never 'enabled by default'", () => {
    const { accountEnabled: _a, ...noEnabled } = wire;
    const { userPrincipalName: _u, ...noUpn } = wire;
    assert.equal(
      codeOf(() => toDirectoryUser(noEnabled, [], "g")),
      "INCOMPLETE",
    );
    assert.equal(
      codeOf(() => toDirectoryUser(noUpn, [], "g")),
      "INCOMPLETE",
    );
    assert.equal(
      codeOf(() => toDirectoryUser({ ...wire, mail: 7 }, [], "g")),
      "INCOMPLETE",
    );
  });
});

describe("chooseGroupByName and combineProblems", () => {
  const a = { id: "1", displayName: "Duplicate Name" };
  const b = { id: "2", displayName: "Duplicate Name" };

  test("one match resolves; none is NOT_FOUND; several is AMBIGUOUS listing them", () => {
    assert.deepEqual(chooseGroupByName({ displayName: "Duplicate Name" }, [a]), a);
    assert.equal(
      codeOf(() => chooseGroupByName({ displayName: "x" }, [])),
      "NOT_FOUND",
    );
    try {
      chooseGroupByName({ displayName: "Duplicate Name" }, [a, b]);
      assert.fail("expected AMBIGUOUS");
    } catch (err) {
      assert.ok(err instanceof EntraError);
      assert.equal(err.code, "AMBIGUOUS");
      assert.deepEqual(err.details?.found, [a, b]);
    }
  });

  test("a single problem stays itself; several are listed under the first one's code", () => {
    const one = new EntraError("NOT_FOUND", "one");
    assert.equal(combineProblems([one]), one);
    const combined = combineProblems([new EntraError("AMBIGUOUS", "a"), one]);
    assert.equal(combined.code, "AMBIGUOUS");
    assert.deepEqual(
      (combined.details?.problems as { code: string }[]).map((p) => p.code),
      ["AMBIGUOUS", "NOT_FOUND"],
    );
  });
});

describe("describeIdentityMessage", () => {
  test("keeps the AADSTS sentence and drops trace, correlation and timestamp noise", () => {
    const message =
      "invalid_client: Error(s): 7000215 - Timestamp: 2026-01-01 - Description: AADSTS7000215: Invalid client secret provided. Ensure the secret is right. Trace ID: abc Correlation ID: def Timestamp: 2026";
    assert.equal(describeIdentityMessage(message), "AADSTS7000215: Invalid client secret provided. Ensure the secret is right.");
    assert.equal(describeIdentityMessage("first line\nsecond line"), "first line");
  });
});
