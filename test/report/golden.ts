// Recorded digests in, golden files out. The compiled tests run from dist/ or .build/<name>/,
// so files are found from the project root (the folder with this project's package.json).
// UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { type Digest, parseDigest } from "../../report/digest";

export function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pam-reconciler") return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pam-reconciler package.json above ${__dirname}`);
  }
}

export const fixturePath = (name: string): string => path.join(projectRoot(), "test", "report", "fixtures", name);

export function loadFixture(name: string): Digest {
  const file = fixturePath(name);
  return parseDigest(fs.readFileSync(file, "utf8"), file);
}

export function assertGolden(name: string, actual: string): void {
  const file = path.join(projectRoot(), "test", "report", "golden", name);
  if (process.env.UPDATE_GOLDEN === "1") {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `golden file ${name} is missing: run the tests once with UPDATE_GOLDEN=1 and read it`);
  assert.equal(actual, fs.readFileSync(file, "utf8"), `output differs from golden/${name} (UPDATE_GOLDEN=1 rewrites it)`);
}
