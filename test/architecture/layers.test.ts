// The shape of the code a newcomer relies on: what ships never loads the test bench, the
// product's floors only import downwards, and no module imports itself in a circle.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { cyclesOf, importGraph, repositoryRoot } from "./imports";

const ROOT = repositoryRoot();
/** What a user deploys, lowest floor first: a floor may import its own and lower floors only. */
const PRODUCT_FLOORS: readonly (readonly string[])[] = [
  ["lib"],
  ["sources"],
  ["model"],
  ["providers"],
  ["program", "report"],
  ["workflows"],
  ["scripts", "index.ts"],
];
const PRODUCT = PRODUCT_FLOORS.flat();
const floorOf = (file: string): number => PRODUCT_FLOORS.findIndex((floor) => floor.some((top) => file === top || file.startsWith(`${top}/`)));

test("product code imports nothing from the test bench or the tests", () => {
  const offending = importGraph(ROOT, PRODUCT)
    .filter((e) => floorOf(e.to) < 0)
    .map((e) => `${e.from}:${e.line} imports ${e.to}`);
  assert.deepEqual(offending, []);
});

test("product floors import only their own floor or lower ones", () => {
  const upward = importGraph(ROOT, PRODUCT)
    .filter((e) => floorOf(e.to) > floorOf(e.from))
    .map((e) => `${e.from}:${e.line} imports ${e.to}`);
  assert.deepEqual(upward, []);
});

test("no circle of imports, in the product or the bench", () => {
  assert.deepEqual(cyclesOf(importGraph(ROOT, [...PRODUCT, "bench"])), []);
});

test("the checks see real imports: the program entry point imports the program", () => {
  const edges = importGraph(ROOT, ["index.ts"]);
  assert.ok(edges.some((e) => e.to === "program/main.ts"));
});

test("model, program, report and workflows reach a target only through the table", () => {
  const TABLE = new Set(["providers/targets.ts", "providers/target.ts", "providers/target-model.ts"]);
  const named = importGraph(ROOT, ["model", "program", "report", "workflows"])
    .filter((e) => e.to.startsWith("providers/") && !TABLE.has(e.to))
    .map((e) => `${e.from}:${e.line} imports ${e.to}`);
  assert.deepEqual(named, []);
});
