// What a provider returns reaches the SDK without undefined values (google-protobuf cannot encode
// them, and a stack holding such an update fails every later run).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { definedValues, withDefinedOutputs } from "../../../lib/provider/defined-values";
import { PartialBatchError } from "../../../lib/provider/batch";

test("definedValues leaves out undefined keys at any depth and turns undefined array elements into null", () => {
  const value = { a: 1, b: undefined, c: { d: undefined, e: [1, undefined, { f: undefined, g: "x" }] }, h: null };
  assert.throws(() => structproto.Struct.fromJavaScript(value as never), /Unexpected struct type/);
  const defined = definedValues(value);
  assert.deepEqual(defined, { a: 1, c: { e: [1, null, { g: "x" }] }, h: null });
  structproto.Struct.fromJavaScript(defined as never);
});

test("a wrapped provider's create, read, update and check results, and a partial batch's recorded properties, are defined", async () => {
  const outs = { kept: "yes", attributes: undefined };
  const provider = withDefinedOutputs({
    check: async (_o, news) => ({ inputs: { ...news, extra: undefined } }),
    create: async () => ({ id: "1", outs }),
    read: async (id) => ({ id, props: outs }),
    update: async () => ({ outs }),
  });
  assert.deepEqual((await provider.check!({}, { n: 1 })).inputs, { n: 1 });
  assert.deepEqual((await provider.create({})).outs, { kept: "yes" });
  assert.deepEqual((await provider.read!("1", {})).props, { kept: "yes" });
  assert.deepEqual((await provider.update!("1", {}, {})).outs, { kept: "yes" });
  const failing = withDefinedOutputs({
    create: async () => ({ id: "1" }),
    update: async () => {
      throw new PartialBatchError("some failed", "1", { members: { a: outs } }, ["a: no"]);
    },
  });
  await assert.rejects(failing.update!("1", {}, {}), (err: PartialBatchError) => {
    assert.deepEqual(err.properties, { members: { a: { kept: "yes" } } });
    return true;
  });
});

test("a typed error from check, diff or read reaches the SDK (which prints its stack) without frames; an unexpected one keeps them", async () => {
  const { ProviderError } = await import("../../../lib/provider/errors");
  const typed = new ProviderError({ code: "NOT_FOUND", target: "SCIM", object: "user a", detail: "gone", remedy: "Refresh" });
  const provider = withDefinedOutputs({
    create: async () => ({ id: "1" }),
    read: async () => {
      throw typed;
    },
    diff: async () => {
      throw new TypeError("a bug");
    },
  });
  await assert.rejects(provider.read!("1", {}), (err: Error) => {
    assert.equal(`${err}: ${err.stack}`, `ProviderError: ${typed.message}: (the message above says what failed)`);
    return true;
  });
  await assert.rejects(provider.diff!("1", {}, {}), (err: Error) => /\n\s+at /.test(err.stack ?? ""));
});
