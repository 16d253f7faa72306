import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { type CliIo, runCli } from "../../report/cli";
import { EXIT } from "../../lib/exit-codes";
import { fixturePath } from "./golden";

function fakeIo(stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  const io: CliIo = {
    readFile: (p) => fs.readFileSync(p, "utf8"),
    readStdin: () => stdin,
    write: (t) => void out.push(t),
    writeFile: (p, t) => void files.set(p, t),
    error: (t) => void err.push(t),
  };
  return { io, out: () => out.join(""), err: () => err.join(""), files };
}

const run = (argv: string[], stdin?: string) => {
  const io = fakeIo(stdin);
  const code = runCli(argv, io.io);
  return { code, ...io };
};

describe("cli access", () => {
  it("prints the Markdown report and exits 0 within the safety limit", () => {
    const r = run(["access", "--digest", fixturePath("preview-demo-v2.json"), "--format", "markdown", "--max-removals", "5"]);
    assert.equal(r.code, EXIT.OK);
    assert.match(r.out(), /^<!-- pam-reconciler:access-report stack=prod -->\n## Access changes/);
    assert.equal(r.err(), "");
  });

  it("exits 3 when removals exceed --max-removals, after printing the report", () => {
    const r = run(["access", "--digest", fixturePath("preview-mass-removal.json"), "--max-removals=3"]);
    assert.equal(r.code, EXIT.SAFETY_LIMIT);
    assert.equal(EXIT.SAFETY_LIMIT, 3);
    assert.match(r.out(), /CAUTION: 4 accounts would be deactivated or deleted/);
  });

  it("passes --protected names to the report", () => {
    const r = run(["access", "--digest", fixturePath("preview-mass-removal.json"), "--max-removals", "9", "--protected", " breakglass@contoso.com ,x@y"]);
    assert.equal(r.code, EXIT.OK);
    assert.match(r.out(), /CAUTION: protected account breakglass@contoso.com would change/);
  });

  it("--stack takes the safety limit and protected accounts from the stack's mapping files; flags override them", () => {
    // Run from the project directory, as the pipelines do. The demo stack's mappings say
    // maxRemovals 20 and protect breakglass@contoso.com.
    const projectDir = path.resolve(__dirname, "..", "..", "..");
    const cwd = process.cwd();
    process.chdir(projectDir);
    try {
      const fromMappings = run(["access", "--digest", fixturePath("preview-mass-removal.json"), "--stack", "demo"]);
      assert.equal(fromMappings.code, EXIT.OK, fromMappings.err());
      assert.match(fromMappings.out(), /safety limit 20/);
      assert.match(fromMappings.out(), /CAUTION: protected account breakglass@contoso.com would change/);
      const overridden = run(["access", "--digest", fixturePath("preview-mass-removal.json"), "--stack", "demo", "--max-removals", "3"]);
      assert.equal(overridden.code, EXIT.SAFETY_LIMIT);
      const missing = run(["access", "--digest", fixturePath("preview-mass-removal.json"), "--stack", "no-such-stack"]);
      assert.equal(missing.code, EXIT.USAGE);
      assert.match(missing.err(), /stack no-such-stack/);
    } finally {
      process.chdir(cwd);
    }
  });

  it("reads the digest from standard input and writes to --output", () => {
    const digest = fs.readFileSync(fixturePath("preview-demo-v2.json"), "utf8");
    const r = run(["access", "--digest", "-", "--output", "report.md", "--format", "markdown"], digest);
    assert.equal(r.code, EXIT.OK);
    assert.equal(r.out(), "");
    assert.match(r.files.get("report.md") ?? "", /Renamed: `bob@contoso.com` → `robert@contoso.com`/);
  });

  it("exits 1 when the preview reported errors", () => {
    const digest = JSON.stringify({ steps: [], diagnostics: [{ severity: "error", message: "graph: 403" }] });
    assert.equal(run(["access", "--digest", "-"], digest).code, EXIT.INCOMPLETE);
  });

  it("exits 2 on a bad command line or a bad digest, naming the problem", () => {
    const cases: [string[], string | undefined, string][] = [
      [[], undefined, "USAGE"],
      [["publish"], undefined, "USAGE"],
      [["constructor"], undefined, "USAGE"],
      [["access"], undefined, "USAGE"],
      [["access", "--digest"], undefined, "USAGE"],
      [["access", "--digest", "-", "--format", "html"], "{}", "USAGE"],
      [["access", "--digest", "-", "--max-removals", "-1"], "{}", "USAGE"],
      [["access", "--digest", "-", "--refresh", "x"], "{}", "USAGE"],
      [["access", "--digest", "/nonexistent/digest.json"], undefined, "NOT_FOUND"],
      [["access", "--digest", "-"], "not json", "VALIDATION"],
      [["access", "--digest", "-"], '{"steps": [{"op": 1}]}', "VALIDATION"],
    ];
    for (const [argv, stdin, code] of cases) {
      const r = run(argv, stdin);
      assert.equal(r.code, EXIT.USAGE, argv.join(" "));
      assert.match(r.err(), new RegExp(`^error \\(${code}\\)`), argv.join(" "));
    }
  });
});

describe("cli drift", () => {
  const drift = (refresh: string, preview: string, ...extra: string[]) =>
    run(["drift", "--refresh", fixturePath(refresh), "--preview", fixturePath(preview), ...extra]);

  it("exits 0 without drift", () => {
    const r = drift("refresh-clean.json", "preview-no-changes.json");
    assert.equal(r.code, EXIT.OK);
    assert.match(r.out(), /No drift\./);
  });

  it("exits 7 with drift of either kind", () => {
    assert.equal(EXIT.DRIFT, 7);
    assert.equal(drift("refresh-pra-drift.json", "preview-no-changes.json").code, EXIT.DRIFT);
    assert.equal(drift("refresh-clean.json", "preview-demo-v2.json").code, EXIT.DRIFT);
    const r = drift("refresh-pra-drift.json", "preview-demo-v2.json", "--format", "markdown");
    assert.equal(r.code, EXIT.DRIFT);
    assert.match(r.out(), /^<!-- pam-reconciler:drift-report stack=prod -->/);
  });

  it("requires both digests", () => {
    const r = run(["drift", "--refresh", fixturePath("refresh-clean.json")]);
    assert.equal(r.code, EXIT.USAGE);
    assert.match(r.err(), /--preview is required/);
  });
});

describe("cli as a process", () => {
  it("runs as `node dist/report/cli.js` and sets the exit code", () => {
    const cli = path.join(__dirname, "..", "..", "report", "cli.js");
    const result = spawnSync(
      process.execPath,
      [cli, "drift", "--refresh", fixturePath("refresh-pra-drift.json"), "--preview", fixturePath("preview-no-changes.json")],
      { encoding: "utf8" },
    );
    assert.equal(result.status, 7, result.stderr);
    assert.match(result.stdout, /Changed by hand in the product/);
  });
});
