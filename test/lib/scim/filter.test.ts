import { test } from "node:test";
import * as assert from "node:assert/strict";
import { eqFilter, matchesEq, parseListResponse, valuesAt } from "../../../lib/scim";

test("eq filters quote the value as a JSON string and refuse odd attribute paths", () => {
  assert.equal(eqFilter("userName", "alice@contoso.com"), 'userName eq "alice@contoso.com"');
  assert.equal(eqFilter("displayName", 'A "B" \\ C'), 'displayName eq "A \\"B\\" \\\\ C"');
  assert.equal(eqFilter("urn:ietf:params:scim:schemas:core:2.0:User:userName", "x"), 'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"');
  assert.throws(() => eqFilter('userName eq "x" or userName', "y"), TypeError);
});

test("local matching follows SCIM: attribute names case-insensitive, values too except id/externalId", () => {
  const user = { id: "1", externalId: "Oid-A", UserName: "Alice@Contoso.com", emails: [{ value: "a@x.test" }, { value: "b@x.test" }] };
  assert.ok(matchesEq(user, "userName", "alice@contoso.com"));
  assert.ok(matchesEq(user, "externalId", "Oid-A"));
  assert.ok(!matchesEq(user, "externalId", "oid-a"));
  assert.ok(matchesEq(user, "emails.value", "b@x.test"));
  assert.deepEqual(valuesAt(user, "emails.value"), ["a@x.test", "b@x.test"]);
});

test("ListResponse: Resources may be absent; a non-list is a problem", () => {
  assert.deepEqual(parseListResponse({ totalResults: 0 }), { totalResults: 0, startIndex: undefined, itemsPerPage: undefined, resources: [] });
  assert.ok("problem" in parseListResponse([]));
  assert.ok("problem" in parseListResponse({ Resources: "x" }));
});
