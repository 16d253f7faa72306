// The role values a SCIM server offers, read from its /Schemas (RFC 7643 §7 canonicalValues).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { canonicalValuesIn, parseAttributePath } from "../../../lib/scim";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const EXT = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";
const schemas = {
  Resources: [
    {
      id: USER,
      attributes: [
        { name: "roles", subAttributes: [{ name: "value", canonicalValues: ["Administrator", "Viewer"] }] },
        { name: "userType", canonicalValues: ["Employee"] },
      ],
    },
    { id: EXT, attributes: [{ name: "accessRole", canonicalValues: ["Owner"] }] },
  ],
};

test("roles' values, a core attribute's and an extension attribute's; none listed is null", () => {
  assert.deepEqual(canonicalValuesIn(schemas, parseAttributePath("roles")!), ["Administrator", "Viewer"]);
  assert.deepEqual(canonicalValuesIn(schemas, parseAttributePath("userType")!), ["Employee"]);
  assert.deepEqual(canonicalValuesIn(schemas, parseAttributePath(`${EXT}:accessRole`)!), ["Owner"]);
  assert.equal(canonicalValuesIn(schemas, parseAttributePath("title")!), null);
  assert.equal(
    canonicalValuesIn({ Resources: [{ id: USER, attributes: [{ name: "roles", subAttributes: [{ name: "value" }] }] }] }, parseAttributePath("roles")!),
    null,
  );
  assert.equal(canonicalValuesIn(null, parseAttributePath("roles")!), null);
});
