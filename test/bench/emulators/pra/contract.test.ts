import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import type { PraEmulator } from "../../../../bench/emulators/pra";
import type { FieldSchema } from "../../../../bench/emulators/pra/contract";
import { praContract } from "../../../../bench/emulators/pra/contract.generated";
import { catalogOperations } from "../../../../bench/emulators/pra/config/catalog";
import { groupPolicyOperations } from "../../../../bench/emulators/pra/config/group-policies";
import { userOperations } from "../../../../bench/emulators/pra/config/users";
import { checkBody, checkQuery, checkValue } from "../../../../bench/emulators/pra/wire/validate";
import { accessToken, configApi, startEmulator } from "./helpers";

/** A value the field's schema refuses, or undefined when none can be built from the schema alone. */
function violating(schema: FieldSchema): unknown[] {
  const out: unknown[] = [];
  if (schema.type === "string") {
    out.push(42);
    const max = schema.maxLength ?? schema.maximum;
    if (max !== undefined) out.push("x".repeat(max + 1));
    if (schema.enum) out.push("not-one-of-the-enum-values");
  }
  if (schema.type === "integer") out.push("1", 1.5);
  if (schema.type === "boolean") out.push("true");
  if (schema.type === "array") out.push("not-an-array");
  if (!schema.nullable) out.push(null);
  return out;
}

/** Create routes with a body that passes every check, so one bad field is the only problem. */
const CREATES: { path: string; schema: string; valid: (n: number) => Record<string, unknown> }[] = [
  { path: "/group-policy", schema: "GroupPolicy", valid: (n) => ({ name: `policy ${n}` }) },
  { path: "/jump-group", schema: "JumpGroup", valid: (n) => ({ name: `jump group ${n}` }) },
  { path: "/jump-policy", schema: "JumpPolicy", valid: (n) => ({ display_name: `jump policy ${n}` }) },
  { path: "/user", schema: "User", valid: (n) => ({ username: `user${n}`, public_display_name: `User ${n}` }) },
];

describe("PRA emulator: the vendor contract", () => {
  let pra: PraEmulator;
  let api: ReturnType<typeof configApi>;
  before(async () => {
    pra = await startEmulator();
    api = configApi(pra, await accessToken(pra));
  });
  after(() => pra.close());

  test("every emulated Configuration API route is one the vendor documents", () => {
    for (const op of [...groupPolicyOperations, ...userOperations, ...catalogOperations]) {
      assert.ok(praContract.operations[`${op.method} ${op.path}`], `${op.method} ${op.path}`);
    }
  });

  test("each create route refuses, field by field, every value the spec's schema refuses (422 naming the field)", async () => {
    let n = 0;
    for (const create of CREATES) {
      const properties = praContract.schemas[create.schema].properties!;
      for (const [field, schema] of Object.entries(properties)) {
        const bad = schema.readOnly ? [1] : violating(schema);
        for (const value of bad) {
          n += 1;
          const res = await api.post(create.path, { ...create.valid(n), [field]: value });
          assert.equal(res.status, 422, `${create.path} ${field}=${JSON.stringify(value)} answered ${res.status}`);
          assert.ok(
            res.json.errors[field] ?? Object.keys(res.json.errors).some((k) => k.startsWith(`${field}.`)),
            `${create.path} ${field}: ${JSON.stringify(res.json)}`,
          );
        }
      }
      assert.equal((await api.post(create.path, create.valid(++n))).status, 201, `${create.path} accepts the valid body`);
    }
  });

  test("each create route answers 401 for a field its schema does not have", async () => {
    for (const [i, create] of CREATES.entries()) {
      const res = await api.post(create.path, { ...create.valid(10_000 + i), not_a_field: true });
      assert.equal(res.status, 401, create.path);
    }
  });

  test("each list route answers 401 for a query parameter the spec does not document", async () => {
    for (const path of ["/group-policy", "/user", "/jump-group", "/jump-item-role", "/jump-policy", "/security-provider"]) {
      assert.equal((await api.get(`${path}?sort=name`)).status, 401, path);
    }
  });

  test("security providers: the list has the base fields, GET by id the type-specific ones (SCIM query ids)", async () => {
    const list = (await api.get("/security-provider")).json as Record<string, unknown>[];
    assert.deepEqual(
      list.map((p) => p.type),
      ["local", "scim"],
    );
    for (const provider of list) assert.deepEqual(Object.keys(provider), Object.keys(praContract.schemas.SecurityProvider.properties!));
    const scim = (await api.get(`/security-provider/${list[1].id}`)).json;
    assert.equal(scim.scim_user_query_id, "userName");
    assert.equal(scim.scim_group_query_id, "displayName");
  });
});

describe("wire validation (pure)", () => {
  test("checkValue: integers must be JSON integers; strings keep their length limits (minimum/maximum on strings are lengths)", () => {
    assert.deepEqual(checkValue("n", { type: "integer", minimum: 1 }, 1), []);
    assert.equal(checkValue("n", { type: "integer" }, "1").length, 1);
    assert.equal(checkValue("n", { type: "integer", minimum: 1 }, 0).length, 1);
    assert.equal(checkValue("g", { type: "string", maximum: 64 }, "x".repeat(65)).length, 1);
    assert.deepEqual(checkValue("g", { type: "string", maximum: 64 }, "x".repeat(64)), []);
    assert.equal(checkValue("s", { type: "string", nullable: true }, null).length, 0);
    assert.equal(checkValue("s", { type: "string" }, null).length, 1);
  });

  test("checkValue: date-times must be UTC with Z or +00:00, as the spec's overview requires", () => {
    const schema: FieldSchema = { type: "string", format: "date-time" };
    for (const ok of ["2025-10-16T14:46:25.930+00:00", "2026-10-16T14:46:23+00:00", "2025-10-16T14:46:25.930Z", "2026-10-16T14:46:23Z"]) {
      assert.deepEqual(checkValue("t", schema, ok), [], ok);
    }
    for (const bad of ["2025-10-16T14:46:25.930", "2026-10-16T14:46:23", "2025-10-16T14:46:25.930-08:00", "2026-10-16T14:46:23+04:00"]) {
      assert.equal(checkValue("t", schema, bad).length, 1, bad);
    }
  });

  test("checkBody separates unknown names (401) from invalid values (422) and enforces required only when asked", () => {
    const schema: FieldSchema = {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string", minLength: 1 }, id: { type: "integer", readOnly: true } },
    };
    assert.deepEqual(checkBody({ nme: "x" }, schema, { enforceRequired: false }), { unknown: ["nme"], errors: {} });
    assert.deepEqual(Object.keys(checkBody({}, schema, { enforceRequired: true }).errors), ["name"]);
    assert.deepEqual(checkBody({}, schema, { enforceRequired: false }).errors, {});
    assert.deepEqual(Object.keys(checkBody({ name: "a", id: 3 }, schema, { enforceRequired: true }).errors), ["id"]);
  });

  test("checkQuery reads integers from text and reports unknown parameters once", () => {
    const result = checkQuery(new URLSearchParams("per_page=5&x=1&x=2&current_page=a"), {
      per_page: { type: "integer", minimum: 5, maximum: 100 },
      current_page: { type: "integer", minimum: 1 },
    });
    assert.deepEqual(result.unknown, ["x"]);
    assert.equal(result.values.per_page, 5);
    assert.deepEqual(Object.keys(result.errors), ["current_page"]);
  });
});
