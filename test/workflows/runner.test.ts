// Which engine the npm scripts use: never the offline engine silently where nobody watches (a
// pipeline that lacks the CLI would keep its state in the job's workspace and lose it).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import * as assert from "node:assert/strict";
import { chooseRunner, EngineChoiceError, isContinuousIntegration } from "../../workflows/runner";

const PROJECT_DIR = path.resolve(__dirname, "..", "..", "..");
/** A PATH with no `pulumi` on it (but the project's node, for the end-to-end case). */
const emptyBin = fs.mkdtempSync(path.join(os.tmpdir(), "pam-no-pulumi-"));
after(() => fs.rmSync(emptyBin, { recursive: true, force: true }));
const noCli = { PATH: emptyBin };

function refusal(fn: () => unknown): EngineChoiceError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof EngineChoiceError, String(err));
    return err;
  }
  assert.fail("expected the offline engine to be refused");
}

test("CI=true without the CLI: the offline engine is refused, with how to install the CLI and how to choose offline on purpose", () => {
  const err = refusal(() => chooseRunner(PROJECT_DIR, { ...noCli, CI: "true" }, true));
  assert.equal(err.code, "OFFLINE_ENGINE_NOT_CHOSEN");
  assert.match(err.message, /get\.pulumi\.com/);
  assert.match(err.message, /PAM_RECONCILER_ENGINE=offline/);
});

test("no terminal without the CLI: refused as well; Azure Pipelines' TF_BUILD counts as CI", () => {
  assert.equal(refusal(() => chooseRunner(PROJECT_DIR, noCli, false)).code, "OFFLINE_ENGINE_NOT_CHOSEN");
  assert.equal(refusal(() => chooseRunner(PROJECT_DIR, { ...noCli, TF_BUILD: "True" }, true)).code, "OFFLINE_ENGINE_NOT_CHOSEN");
  assert.equal(isContinuousIntegration({ CI: "false" }), false);
});

test("PAM_RECONCILER_ENGINE=offline chooses the offline engine in CI; =cli without the CLI and unknown values are errors", () => {
  assert.match(chooseRunner(PROJECT_DIR, { ...noCli, CI: "true", PAM_RECONCILER_ENGINE: "offline" }, false).description, /^offline engine/);
  assert.equal(refusal(() => chooseRunner(PROJECT_DIR, { ...noCli, PAM_RECONCILER_ENGINE: "cli" }, true)).code, "NO_PULUMI_CLI");
  assert.equal(refusal(() => chooseRunner(PROJECT_DIR, { ...noCli, PAM_RECONCILER_ENGINE: "ofline" }, true)).code, "UNKNOWN_ENGINE");
});

test("an interactive developer without the CLI still gets the offline engine, named as such", () => {
  assert.match(chooseRunner(PROJECT_DIR, noCli, true).description, /^offline engine/);
});

test("npm run preview in CI without the CLI exits 255 before running anything, and says what to do", () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "pam-no-fallback-state-"));
  try {
    const run = spawnSync(process.execPath, [path.join(PROJECT_DIR, "dist", "scripts", "pulumi.js"), "preview", "--stack", "demo"], {
      cwd: PROJECT_DIR,
      env: { PATH: emptyBin, CI: "true", HOME: os.tmpdir(), PULUMI_OFFLINE_STATE_DIR: stateDir },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    assert.equal(run.status, 255, run.stdout + run.stderr);
    assert.match(run.stderr, /refusing to fall back to the offline engine/);
    assert.match(run.stderr, /PAM_RECONCILER_ENGINE=offline/);
    assert.deepEqual(fs.readdirSync(stateDir), [], "no offline state was written");
  } finally {
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
});
