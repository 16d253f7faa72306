// The three workflows on top of a runner: preview with an access-change report (pull
// requests), a guarded `up` (pipelines), and drift detection (scheduled runs).
import * as fs from "node:fs";
import { buildAccessReport, renderMarkdown, renderText, type AccessReport } from "../report/access-report";
import { buildDriftReport } from "../report/drift-report";
import { renderDriftMarkdown, renderDriftText } from "../report/drift-render";
import type { DriftReport } from "../report/drift-types";
import { errorMessages, type Digest } from "../report/digest";
import { REMOVAL_STOP_MARKER } from "../program/removal-check";
import type { PulumiRunner, RunOptions } from "./runner";
import { EXIT } from "../lib/exit-codes";
import { stackConfigGetter, stackSafety, stackTemporaryGrants } from "../program/stack-settings";
import { adoptionFileOf } from "../program/adoption";
import { readAdoptions } from "../report/adoptions";

export interface WorkflowOptions extends RunOptions {
  /** Also write the report as Markdown here (a PR comment or an issue body). */
  markdownFile?: string;
  /** Apply even past the mappings' removal limits (this run only). */
  allowRemovals?: boolean;
}

function write(options: WorkflowOptions, text: string): void {
  (options.print ?? ((t: string) => process.stdout.write(t)))(text.endsWith("\n") ? text : `${text}\n`);
}

/** The stack's temporary grants, judged by the clock the program of this run uses. */
function clockedGrants(options: WorkflowOptions) {
  return stackTemporaryGrants(options.projectDir, options.stack, { configFile: options.configFile, env: { ...process.env, ...options.env } });
}

/** The adoption file the run's program wrote: the `adoptionFile` setting, else the stack's default one. */
function adoptionFileFor(options: WorkflowOptions): string {
  const get = stackConfigGetter(options.projectDir, options.stack, { configFile: options.configFile, env: { ...process.env, ...options.env } });
  return adoptionFileOf(get, options.stack, options.projectDir);
}

/** A dry run as JSON, turned into the access report. */
export async function accessReport(runner: PulumiRunner, options: WorkflowOptions): Promise<{ exitCode: number; report?: AccessReport; stopped?: boolean }> {
  const run = await runner.run("preview", { ...options, json: true, diff: false, expectNoChanges: false });
  if (removalStop(run)) {
    // The program's message lists who would lose what; it is the report of this plan.
    const full = (run.digest?.diagnostics ?? []).filter((d) => d.severity === "error" && d.message.includes(REMOVAL_STOP_MARKER)).map((d) => d.message);
    write(options, full.length ? full.join("\n") : run.output);
    return { exitCode: EXIT.SAFETY_LIMIT, stopped: true };
  }
  if (!run.digest) {
    write(options, run.output);
    return { exitCode: run.exitCode || EXIT.ERROR };
  }
  const safety = stackSafety(options.projectDir, options.stack, options.configFile);
  const { grants: temporaryGrants } = clockedGrants(options);
  const adopted = readAdoptions(adoptionFileFor(options), options.stack);
  const report = buildAccessReport(run.digest, { maxRemovals: safety.maxRemovals, protectedUserNames: safety.protectedAccounts, temporaryGrants, adopted });
  if (options.markdownFile) fs.writeFileSync(options.markdownFile, renderMarkdown(report));
  return { exitCode: run.exitCode, report };
}

/** `pulumi preview --diff`, then the access-change report of the same plan. */
export async function previewWorkflow(runner: PulumiRunner, options: WorkflowOptions): Promise<number> {
  const shown = await runner.run("preview", { ...options, diff: options.diff ?? true });
  if (shown.exitCode !== 0 && removalStop(shown)) return EXIT.SAFETY_LIMIT;
  if (shown.exitCode !== 0 && shown.exitCode !== EXIT.DRIFT) return shown.exitCode;
  const { exitCode, report } = await accessReport(runner, options);
  if (report) write(options, renderText(report));
  return report?.errors.length ? EXIT.ERROR : options.expectNoChanges ? shown.exitCode : exitCode;
}

/** The program's own removal refusal, if the run stopped on it. */
function removalStop(run: { digest?: Digest; output: string }): boolean {
  const messages = run.digest ? errorMessages(run.digest) : [run.output];
  return messages.some((m) => m.includes(REMOVAL_STOP_MARKER));
}

/** The run's environment: `--allow-removals` reaches the program (and only this run) through it. */
function withAllowRemovals(options: WorkflowOptions): WorkflowOptions {
  return options.allowRemovals ? { ...options, env: { ...options.env, PAM_RECONCILER_ALLOW_REMOVALS: "true" } } : options;
}

/**
 * Applies the program after showing the plan's access report. The removal limit is enforced by
 * the program itself, in the preview and again in the apply (so a directory change between the
 * two cannot slip past it); a refusal exits 3.
 */
export async function upWorkflow(runner: PulumiRunner, options: WorkflowOptions): Promise<number> {
  const guarded = withAllowRemovals(options);
  const { exitCode, report, stopped } = await accessReport(runner, guarded);
  if (stopped) return EXIT.SAFETY_LIMIT;
  if (!report) return exitCode || EXIT.ERROR;
  write(options, renderText(report));
  if (report.errors.length) return EXIT.ERROR;
  const applied = await runner.run("up", { ...guarded, json: false });
  if (applied.exitCode !== 0 && removalStop(applied)) return EXIT.SAFETY_LIMIT;
  return applied.exitCode;
}

/**
 * Drift detection without applying anything: a refresh preview shows what was changed by hand
 * in the products; a plain preview shows what the directory or the mappings changed. Both are
 * previews, which take no stack lock (the CLI's file backend and Pulumi Cloud alike), and they
 * are independent, so they run side by side: the refresh mostly waits for PRA's rate limit
 * while the preview runs the program.
 */
export async function driftWorkflow(runner: PulumiRunner, options: WorkflowOptions): Promise<{ exitCode: number; report?: DriftReport }> {
  const [refreshed, previewed] = await Promise.all([
    runner.run("refresh", { ...options, json: true, previewOnly: true, expectNoChanges: false }),
    runner.run("preview", { ...options, json: true, refresh: false, expectNoChanges: false }),
  ]);
  if (!refreshed.digest || !previewed.digest) {
    write(options, `${refreshed.output}\n${previewed.output}`);
    return { exitCode: EXIT.ERROR };
  }
  const report = buildDriftReport(refreshed.digest, previewed.digest, clockedGrants(options).grants, readAdoptions(adoptionFileFor(options), options.stack));
  write(options, renderDriftText(report));
  if (options.markdownFile) fs.writeFileSync(options.markdownFile, renderDriftMarkdown(report));
  if (report.errors.length) return { exitCode: EXIT.ERROR, report };
  return { exitCode: report.drifted ? EXIT.DRIFT : 0, report };
}
