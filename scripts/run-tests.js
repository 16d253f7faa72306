#!/usr/bin/env node
// Runs the compiled test files with Node's own test runner. Kept in plain JS so it works
// before anything is built; `npm test` builds first.
"use strict";
const { spawnSync } = require("node:child_process");
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(`pam-reconciler needs Node.js >= 22 (this is ${process.version}); run through npm so the project's own Node is used.`);
  process.exit(1);
}
const patterns = process.argv.slice(2);
const args = ["--test", "--test-reporter=spec", "--test-concurrency=2", "--test-timeout=300000", ...(patterns.length ? patterns : ["dist/test/**/*.test.js"])];
const result = spawnSync(process.execPath, args, { stdio: "inherit" });
process.exit(result.status ?? 1);
