// The three workflows on top of a runner: preview with an access-change report (pull
// requests), a guarded `up` (pipelines), and drift detection (scheduled runs).
import * as fs from "node:fs";
import { buildAccessReport, renderMarkdown, renderText, type AccessReport } from "../report/access-report";
import { buildDriftReport } from "../report/drift-report";
import { renderDriftMarkdown, renderDriftText } from "../report/drift-render";
import type { DriftReport } from "../report/drift-types";
import type { PulumiRunner, RunOptions } from "./runner";
import { stackSafety } from "../program/stack-settings";

export const EXIT_SAFETY_LIMIT = 3;
export const EXIT_DRIFT = 7;
export const EXIT_ERROR = 255;

export interface WorkflowOptions extends RunOptions {
  /** Also write the report as Markdown here (a PR comment or an issue body). */
  markdownFile?: string;
  /** Apply even when more accounts would be removed than the mappings' safety.maxRemovals. */
  allowRemovals?: boolean;
}

function write(options: WorkflowOptions, text: string): void {
  (options.print ?? ((t: string) => process.stdout.write(t)))(text.endsWith("\n") ? text : `${text}\n`);
}

/** A dry run as JSON, turned into the access report. */
export async function accessReport(runner: PulumiRunner, options: WorkflowOptions): Promise<{ exitCode: number; report?: AccessReport }> {
  const run = await runner.run("preview", { ...options, json: true, diff: false, expectNoChanges: false });
  if (!run.digest) {
    write(options, run.output);
    return { exitCode: run.exitCode || EXIT_ERROR };
  }
  const safety = stackSafety(options.projectDir, options.stack, options.configFile);
  const report = buildAccessReport(run.digest, { maxRemovals: safety.maxRemovals, protectedUserNames: safety.protectedAccounts });
  if (options.markdownFile) fs.writeFileSync(options.markdownFile, renderMarkdown(report));
  return { exitCode: run.exitCode, report };
}

/** `pulumi preview --diff`, then the access-change report of the same plan. */
export async function previewWorkflow(runner: PulumiRunner, options: WorkflowOptions): Promise<number> {
  const shown = await runner.run("preview", { ...options, diff: options.diff ?? true });
  if (shown.exitCode !== 0 && shown.exitCode !== EXIT_DRIFT) return shown.exitCode;
  const { exitCode, report } = await accessReport(runner, options);
  if (report) write(options, renderText(report));
  return report?.errors.length ? EXIT_ERROR : options.expectNoChanges ? shown.exitCode : exitCode;
}

/** Applies the program after checking the plan against the safety limit. */
export async function upWorkflow(runner: PulumiRunner, options: WorkflowOptions): Promise<number> {
  const { exitCode, report } = await accessReport(runner, options);
  if (!report) return exitCode || EXIT_ERROR;
  write(options, renderText(report));
  if (report.errors.length) return EXIT_ERROR;
  if (report.limitExceeded && !options.allowRemovals) {
    write(
      options,
      `Stopped before changing anything: ${report.totals.removals} account removals exceed safety.maxRemovals (${report.maxRemovals}).\n` +
        `If this is intended, raise the limit in the mappings or run again with --allow-removals.`,
    );
    return EXIT_SAFETY_LIMIT;
  }
  const applied = await runner.run("up", { ...options, json: false });
  return applied.exitCode;
}

/**
 * Drift detection without applying anything: a refresh preview shows what was changed by hand
 * in the products; a plain preview shows what the directory or the mappings changed.
 */
export async function driftWorkflow(runner: PulumiRunner, options: WorkflowOptions): Promise<{ exitCode: number; report?: DriftReport }> {
  const refreshed = await runner.run("refresh", { ...options, json: true, previewOnly: true, expectNoChanges: false });
  const previewed = await runner.run("preview", { ...options, json: true, refresh: false, expectNoChanges: false });
  if (!refreshed.digest || !previewed.digest) {
    write(options, `${refreshed.output}\n${previewed.output}`);
    return { exitCode: EXIT_ERROR };
  }
  const report = buildDriftReport(refreshed.digest, previewed.digest);
  write(options, renderDriftText(report));
  if (options.markdownFile) fs.writeFileSync(options.markdownFile, renderDriftMarkdown(report));
  if (report.errors.length) return { exitCode: EXIT_ERROR, report };
  return { exitCode: report.drifted ? EXIT_DRIFT : 0, report };
}
