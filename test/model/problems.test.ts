import { test } from "node:test";
import * as assert from "node:assert/strict";
import { fieldPath, formatProblem, problem, ProblemCode, sortProblems } from "../../model/problems";

test("formatProblem reads file:line:column field: message, with one indented line per related place", () => {
  const p = problem(ProblemCode.DUPLICATE_NAME, { file: "b.yaml", line: 6, column: 13, field: "pra.groupPolicies[0].name" }, "defined twice", {
    related: [{ file: "a.yaml", line: 2, column: 9, field: "pra.groupPolicies[3].name" }],
  });
  assert.equal(formatProblem(p), "b.yaml:6:13 pra.groupPolicies[0].name: defined twice\n  see a.yaml:2:9 pra.groupPolicies[3].name");
  assert.equal(formatProblem({ ...p, field: "", related: undefined }), "b.yaml:6:13: defined twice");
});

test("field paths use dots for plain keys, brackets for indexes and quoted keys for anything else", () => {
  assert.equal(fieldPath(["pra", "groupPolicies", 2, "members", 0]), "pra.groupPolicies[2].members[0]");
  assert.equal(fieldPath(["groups", "linux-admins"]), "groups.linux-admins");
  assert.equal(fieldPath(["groups", "bad name", "id"]), 'groups["bad name"].id');
  assert.equal(fieldPath([]), "");
});

test("problems sort by file, line, column, then code", () => {
  const at = (file: string, line: number, column: number) => ({ file, line, column, field: "" });
  const sorted = sortProblems([
    problem(ProblemCode.WRONG_TYPE, at("b.yaml", 1, 1), "x"),
    problem(ProblemCode.UNKNOWN_KEY, at("a.yaml", 3, 5), "x"),
    problem(ProblemCode.INVALID_VALUE, at("a.yaml", 3, 5), "x"),
    problem(ProblemCode.UNKNOWN_KEY, at("a.yaml", 3, 2), "x"),
  ]);
  assert.deepEqual(
    sorted.map((p) => `${p.file}:${p.line}:${p.column}:${p.code}`),
    ["a.yaml:3:2:UNKNOWN_KEY", "a.yaml:3:5:INVALID_VALUE", "a.yaml:3:5:UNKNOWN_KEY", "b.yaml:1:1:WRONG_TYPE"],
  );
});
