// runEngine: one offline-engine operation (preview, up, refresh, destroy, stack output) on one
// stack, end to end: project and config, lock, state, the program and provider processes, the
// display and the JSON digest. Operational failures never throw: they come back as exit code
// 255 with typed errors (exit code 7 when --expect-no-changes saw changes, as the CLI does).
import * as path from "node:path";
import { scrubText } from "../../lib/http/redact";
import { EXIT } from "../../lib/exit-codes";
import { deleteAll } from "./deletes";
import { Deployment } from "./deployment";
import { buildDigest, type Digest } from "./digest";
import { header, renderDiagnostics, renderOutputs, renderStackOutputs, renderStep, renderSummary, type DisplayMode } from "./display";
import { EngineError, asEngineError, type EngineErrorCode } from "./errors";
import { acquireLock } from "./lock";
import { startMonitorServer, type MonitorServer } from "./monitor-server";
import { SecretsManager } from "./passphrase";
import { startProgram } from "./program-host";
import { loadProject, stackConfigFile, validateStackName, type Project } from "./project";
import { maskSecrets, unwrapSecrets, type PropertyMap } from "./properties";
import { ProviderHost } from "./provider-host";
import { refreshState } from "./refresh";
import { readStackConfigFile, resolveConfig, type ResolvedConfig } from "./stack-config";
import { decryptState, journalFile, loadState, saveState, stateFile, stateHasSecrets, type ResourceState, type StackState } from "./state";
import { StateJournal } from "./state-journal";
import { Diagnostics, hasChanges, summarize, type Step } from "./steps";
import { makeUrn, ROOT_STACK_TYPE } from "./urn";

export type EngineCommand = "preview" | "up" | "refresh" | "destroy" | "stack-output";

export interface EngineOptions {
  command: EngineCommand;
  projectDir: string;
  stack: string;
  /** Another stack config file instead of <stackConfigDir>/Pulumi.<stack>.yaml (relative to projectDir). */
  configFile?: string;
  /** Where state and lock files live (default PULUMI_OFFLINE_STATE_DIR, else <project>/.pulumi-offline). */
  stateDir?: string;
  /** Show changed properties in detail. */
  diff?: boolean;
  /** Output is only the JSON digest. */
  json?: boolean;
  /** Exit code 7 when the operation would change anything. */
  expectNoChanges?: boolean;
  /** preview/up: refresh first. */
  refresh?: boolean;
  /** refresh: report what changed, write nothing. */
  previewOnly?: boolean;
  /** Extra environment for this run (passphrase, provider credentials); process.env underneath. */
  env?: NodeJS.ProcessEnv;
  /** stack-output: print secret values in plain text. */
  showSecrets?: boolean;
  /** stack-output: one output only. */
  outputName?: string;
  /** Concurrent provider operations (the CLI's --parallel); unbounded by default, as the CLI's. */
  parallel?: number;
  /** Receives the display as it is produced (not used with json). */
  write?: (text: string) => void;
}

export interface EngineResult {
  exitCode: number;
  digest: Digest;
  /** The whole display, or the JSON text with `json`. */
  output: string;
  errors: { code: EngineErrorCode; message: string; urn?: string }[];
}

class Printer {
  text = "";
  /** Secret config values, masked in every encoding before anything is shown. */
  secrets: readonly string[] = [];
  constructor(
    private readonly sink: ((text: string) => void) | undefined,
    private readonly quiet: boolean,
  ) {}
  write(chunk: string): void {
    if (this.quiet || chunk === "") return;
    const shown = scrubText(chunk, this.secrets);
    this.text += shown;
    this.sink?.(shown);
  }
}

interface Session {
  o: EngineOptions;
  env: NodeJS.ProcessEnv;
  project: Project;
  stack: string;
  stateFile: string;
  config: ResolvedConfig;
  state: StackState;
  stateSecrets: SecretsManager;
  diagnostics: Diagnostics;
  printer: Printer;
  started: number;
  parallel: number;
}

interface Outcome {
  steps: Step[];
  /** The steps the change summary counts (default: all). */
  summarySteps?: Step[];
  mode: DisplayMode;
  failed: boolean;
  outputs?: PropertyMap;
}

/**
 * The Pulumi CLI's default --parallel ("unbounded", 2147483647). With a bound, long calls (a batch
 * of PRA users paced at 15/s) hold every slot while work for another product waits behind them.
 */
const UNBOUNDED_PARALLEL = 2_147_483_647;

/** "PRA users: 1,200 of 10,000 written in 80 s, about 10 min left" (lib/provider/batch-progress.ts). */
const PROGRESS_LINE = /^.+: [\d,]+ of [\d,]+ written in /;

export async function runEngine(o: EngineOptions): Promise<EngineResult> {
  const started = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, ...o.env };
  const printer = new Printer(o.write, o.json === true);
  const errors: EngineResult["errors"] = [];
  // Progress lines of long write phases are shown as they come (on stderr: stdout may be --json),
  // as the Pulumi CLI streams a provider's stderr; every line still lands in the diagnostics.
  const diagnostics = new Diagnostics((d) => {
    if (d.severity === "info" && PROGRESS_LINE.test(d.message)) process.stderr.write(`${d.message}\n`);
  });
  const finishWithError = (e: unknown): EngineResult => {
    const caught = asEngineError(e);
    const err = Object.assign(caught, { message: scrubText(caught.message, diagnostics.secrets) });
    errors.push({ code: err.code, message: err.message, urn: err.facts.urn });
    // Whatever the run reported before it broke off is shown too.
    for (const d of diagnostics.items) printer.write(`${d.severity === "info" ? "" : `${d.severity}: `}${d.message}\n`);
    const digest = buildDigest([], [...diagnostics.items, { severity: "error", message: err.message, urn: err.facts.urn }], Date.now() - started);
    printer.write(`error: ${err.message}\n`);
    return { exitCode: EXIT.ERROR, digest, output: o.json ? `${JSON.stringify(digest, null, 2)}\n` : printer.text, errors };
  };

  let session: Session;
  let release = () => {};
  try {
    const project = loadProject(path.resolve(o.projectDir));
    const stack = validateStackName(o.stack);
    const stateDir = path.resolve(project.dir, o.stateDir ?? env.PULUMI_OFFLINE_STATE_DIR ?? ".pulumi-offline");
    const file = stateFile(stateDir, stack);
    if (o.command === "stack-output") return stackOutput(o, project, stack, file, env, printer, started);
    // As the CLI's file backend: previews (a preview, a refresh --preview-only) read the state and
    // take no lock, so the drift job's two previews run side by side, and alongside an update.
    const readsOnly = o.command === "preview" || (o.command === "refresh" && o.previewOnly === true);
    if (!readsOnly) release = acquireLock(stateDir, stack, o.command, breakLockCommand(project.dir, stack, o.stateDir)).release;
    const configPath = stackConfigFile(project, stack, o.configFile);
    const configFile = readStackConfigFile(project, configPath);
    if (o.configFile && !configFile.exists) throw new EngineError("NOT_FOUND", `config file ${configPath} does not exist`, { file: configPath });
    const raw = loadState(file, project.name, stack);
    // Like the CLI with a passphrase stack, every operation opens the secrets manager up front.
    const stateSecrets = new SecretsManager(env, raw.secretsSalt ?? configFile.encryptionSalt);
    stateSecrets.get("opening the stack's secrets");
    const configSecrets = new SecretsManager(env, configFile.encryptionSalt ?? raw.secretsSalt);
    session = {
      o,
      env,
      project,
      stack,
      stateFile: file,
      config: resolveConfig(project, configFile, configSecrets),
      state: stateHasSecrets(raw) ? decryptState(raw, stateSecrets) : raw,
      stateSecrets,
      diagnostics,
      printer,
      started,
      parallel: o.parallel ?? UNBOUNDED_PARALLEL,
    };
    const secretValues = session.config.secretKeys.map((key) => session!.config.values[key]).filter((v): v is string => typeof v === "string");
    printer.secrets = secretValues;
    diagnostics.secrets = secretValues;
  } catch (e) {
    release();
    return finishWithError(e);
  }

  let monitor: MonitorServer | undefined;
  let provider: Promise<ProviderHost> | undefined;
  try {
    const stackUrn = makeUrn(session.stack, session.project.name, ROOT_STACK_TYPE, `${session.project.name}-${session.stack}`);
    let deployment: Deployment | undefined;
    monitor = await startMonitorServer({
      info: {
        project: session.project.name,
        stack: session.stack,
        organization: "organization",
        dryRun: o.command === "preview",
        parallel: session.parallel,
        config: session.config.values,
        secretKeys: session.config.secretKeys,
      },
      registerResource: (req) => deployment!.registerResource(req),
      registerResourceOutputs: (urn, outputs) => deployment!.registerResourceOutputs(urn, outputs),
      readResource: (req) => deployment!.readResource(req),
      waitForShutdown: () => deployment!.waitForShutdown(),
      log: (severity, message, urn) => {
        if (severity === "error" && repeatsAResourceError(message, diagnostics)) return;
        diagnostics.add({ severity, message, urn });
      },
    });
    const engineAddress = monitor.address;
    const getProvider = () => {
      provider ??= ProviderHost.start({
        projectDir: session.project.dir,
        project: session.project.name,
        stack: session.stack,
        engineAddress,
        env: session.env,
        config: session.config.values,
        secretKeys: session.config.secretKeys,
        parallel: session.parallel,
        onOutput: (line) => {
          if (line.trim()) diagnostics.add({ severity: "info", message: line });
        },
      });
      return provider;
    };

    let outcome: Outcome;
    switch (o.command) {
      case "preview":
      case "up":
        outcome = await runUpdate(session, o.command === "preview", getProvider, (d) => (deployment = d), engineAddress);
        break;
      case "refresh":
        outcome = await runRefresh(session, getProvider);
        break;
      case "destroy":
        outcome = await runDestroy(session, getProvider);
        break;
      default:
        throw new EngineError("VALIDATION", `unknown command ${String(o.command)}`);
    }
    return finish(session, outcome, stackUrn, errors);
  } catch (e) {
    return finishWithError(e);
  } finally {
    if (provider)
      await provider.then(
        (p) => p.stop(),
        () => undefined,
      );
    await monitor?.close();
    release();
  }
}

function breakLockCommand(projectDir: string, stack: string, stateDir?: string): string {
  const cli = path.relative(process.cwd(), path.join(__dirname, "cli.js")) || "cli.js";
  return `node ${cli} unlock --stack ${stack} --cwd ${projectDir}${stateDir ? ` --state-dir ${stateDir}` : ""}`;
}

function finish(s: Session, outcome: Outcome, stackUrn: string, errors: EngineResult["errors"]): EngineResult {
  const { o, diagnostics, printer } = s;
  const summarySteps = outcome.summarySteps ?? outcome.steps;
  const summary = summarize(summarySteps);
  const failed = outcome.failed || diagnostics.hasErrors;
  const changed = hasChanges(summary) || outcome.steps.some((st) => st.op === "refresh" && (!st.new || (st.diffReasons?.length ?? 0) > 0));
  let exitCode: number = failed ? EXIT.ERROR : EXIT.OK;
  if (!failed && o.expectNoChanges && changed) {
    exitCode = EXIT.DRIFT;
    diagnostics.add({ severity: "error", message: "no changes were expected but changes were proposed", code: "UNEXPECTED_CHANGES" });
  }
  for (const d of diagnostics.items) {
    if (d.severity === "error") errors.push({ code: (d.code as EngineErrorCode | undefined) ?? "PROGRAM", message: d.message, urn: d.urn });
  }
  const duration = Date.now() - s.started;
  const digest = buildDigest(outcome.steps, diagnostics.items, duration, summarySteps);
  printer.write("\n");
  printer.write(renderDiagnostics(diagnostics.items, stackUrn));
  if (outcome.outputs) printer.write(renderOutputs(outcome.outputs));
  printer.write(renderSummary(summary, outcome.mode, duration));
  return { exitCode, digest, output: o.json ? `${JSON.stringify(digest, null, 2)}\n` : printer.text, errors };
}

/**
 * The SDK turns a failed registration into "Error: resource <name> [<type>] failed to register"
 * with the program's stack trace. The resource's own error, already shown, says why; the CLI
 * shows that one only, and so does this engine.
 */
function repeatsAResourceError(message: string, diagnostics: Diagnostics): boolean {
  const match = /resource (.+) \[([^\]]+)\] failed to register/.exec(message.split("\n")[0]);
  if (!match) return false;
  const [, name, type] = match;
  return diagnostics.items.some((d) => d.severity === "error" && d.urn !== undefined && d.urn.endsWith(`${type}::${name}`));
}

function reportError(s: Session, e: unknown, urn?: string): void {
  const err = asEngineError(e, "PROVIDER");
  s.diagnostics.add({ severity: "error", message: err.message, urn: err.facts.urn ?? urn, code: err.code });
}

/**
 * Persists the state while a run goes: at most one journal batch per 100 ms (only the resources
 * that changed, see state-journal.ts), and one full write at the end.
 */
class StateWriter {
  private timer?: NodeJS.Timeout;
  private error?: Error;
  private readonly journal: StateJournal;
  /** The serial of the state file as this run last wrote (or found) it. */
  private serial: number;
  constructor(
    private readonly s: Session,
    private readonly snapshot: () => StackState,
  ) {
    this.serial = s.state.serial ?? 0;
    this.journal = new StateJournal(journalFile(s.stateFile), s.state, s.stateSecrets);
  }
  schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      try {
        const state = this.snapshot();
        if (!this.journal.append(state)) {
          this.serial = saveState(this.s.stateFile, { ...state, serial: this.serial }, this.s.stateSecrets);
          this.journal.reset(state, this.serial);
        }
      } catch (e) {
        this.error = e instanceof Error ? e : new Error(String(e));
      }
    }, 100);
  }
  flush(command: string, failed: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.journal.close();
    const state = {
      ...this.snapshot(),
      serial: this.serial,
      lastUpdate: { command, result: failed ? "failed" : "succeeded", time: new Date().toISOString() },
    } as StackState;
    saveState(this.s.stateFile, state, this.s.stateSecrets);
    if (this.error) throw this.error;
  }
}

function stepPrinter(s: Session, mode: DisplayMode) {
  return (step: Step) => s.printer.write(renderStep(step, mode, s.o.diff === true));
}

async function runUpdate(
  s: Session,
  dryRun: boolean,
  provider: () => Promise<ProviderHost>,
  attach: (d: Deployment) => void,
  monitorAddress: string,
): Promise<Outcome> {
  const mode: DisplayMode = dryRun ? "preview" : "apply";
  s.printer.write(header("update", mode, s.stack, s.stateFile));
  // Start the provider while the program loads (both take a moment); a stack without
  // custom resources never waits for it.
  provider().catch(() => undefined);
  let base = s.state;
  let refreshSteps: Step[] = [];
  if (s.o.refresh) {
    const refreshed = await refreshState(base, provider, s.diagnostics, stepPrinter(s, "preview"));
    if (refreshed.failed) return { steps: refreshed.steps, mode, failed: true };
    base = refreshed.state;
    refreshSteps = refreshed.steps.filter((st) => !st.new || (st.diffReasons?.length ?? 0) > 0);
  }
  let writer: StateWriter | undefined;
  const deployment = new Deployment({
    project: s.project.name,
    stack: s.stack,
    dryRun,
    base,
    provider,
    diagnostics: s.diagnostics,
    onStep: stepPrinter(s, mode),
    onStateChanged: () => writer?.schedule(),
  });
  if (!dryRun) writer = new StateWriter(s, () => deployment.snapshot());
  attach(deployment);
  const program = startProgram({
    project: s.project,
    stack: s.stack,
    dryRun,
    monitorAddress,
    parallel: s.parallel,
    config: s.config.values,
    secretKeys: s.config.secretKeys,
    env: s.env,
    onOutput: (line) => {
      if (line.trim()) s.diagnostics.add({ severity: "info", message: line });
    },
  });
  const exit = await program.exited;
  const programSucceeded = exit.code === 0;
  if (!programSucceeded && !s.diagnostics.hasErrors) {
    reportError(s, new EngineError("PROGRAM", `the program exited with ${exit.signal ?? `code ${exit.code}`}`));
  }
  await deployment.finish(programSucceeded);
  const failed = !programSucceeded || deployment.failed;
  if (writer) writer.flush(dryRun ? "preview" : "up", failed);
  const steps = [...refreshSteps, ...deployment.steps];
  return { steps, summarySteps: deployment.steps, mode, failed, outputs: deployment.snapshot().outputs };
}

async function runRefresh(s: Session, provider: () => Promise<ProviderHost>): Promise<Outcome> {
  const mode: DisplayMode = s.o.previewOnly ? "preview" : "apply";
  s.printer.write(header("refresh", mode, s.stack, s.stateFile));
  const refreshed = await refreshState(s.state, provider, s.diagnostics, stepPrinter(s, mode));
  if (!s.o.previewOnly) {
    const state: StackState = {
      ...refreshed.state,
      lastUpdate: { command: "refresh", result: refreshed.failed ? "failed" : "succeeded", time: new Date().toISOString() },
    };
    saveState(s.stateFile, state, s.stateSecrets);
  }
  return { steps: refreshed.steps, mode, failed: refreshed.failed };
}

async function runDestroy(s: Session, provider: () => Promise<ProviderHost>): Promise<Outcome> {
  s.printer.write(header("destroy", "apply", s.stack, s.stateFile));
  const gone = new Set<ResourceState>();
  const writer = new StateWriter(s, () => {
    const resources = s.state.resources.filter((r) => !gone.has(r));
    return { ...s.state, resources, outputs: resources.some((r) => r.type === ROOT_STACK_TYPE) ? s.state.outputs : {} };
  });
  const steps: Step[] = [];
  let failed = false;
  try {
    await deleteAll(
      s.state.resources,
      {
        dryRun: false,
        provider,
        record: (step) => {
          steps.push(step);
          stepPrinter(s, "apply")(step);
        },
        removed: (r) => {
          gone.add(r);
          writer.schedule();
        },
      },
      s.stack,
    );
  } catch (e) {
    failed = true;
    reportError(s, e);
  }
  writer.flush("destroy", failed);
  return { steps, mode: "apply", failed };
}

function stackOutput(o: EngineOptions, project: Project, stack: string, file: string, env: NodeJS.ProcessEnv, printer: Printer, started: number): EngineResult {
  let state = loadState(file, project.name, stack);
  if (o.showSecrets && stateHasSecrets(state)) {
    state = decryptState(state, new SecretsManager(env, state.secretsSalt));
  }
  const outputs = state.outputs;
  const shown = (v: unknown) => (o.showSecrets ? unwrapSecrets(v) : maskSecrets(v));
  let text: string;
  if (o.outputName !== undefined) {
    if (!(o.outputName in outputs)) throw new EngineError("NOT_FOUND", `current stack does not have output property '${o.outputName}'`, { stack });
    const v = shown(outputs[o.outputName]);
    text = o.json ? `${JSON.stringify(v, null, 2)}\n` : `${typeof v === "string" ? v : JSON.stringify(v)}\n`;
  } else if (o.json) {
    text = `${JSON.stringify(shown(outputs), null, 2)}\n`;
  } else {
    text = renderStackOutputs(outputs, o.showSecrets === true);
  }
  printer.write(text);
  return { exitCode: EXIT.OK, digest: buildDigest([], [], Date.now() - started), output: o.json ? text : printer.text, errors: [] };
}
