// The Pulumi program, thin: load the mappings, read the directory completely, build the
// desired state, check it, declare it. Any failure before the first declaration aborts the
// run, and a failed program deletes nothing.
import * as pulumi from "@pulumi/pulumi";
import { clockValue, expandMappingFiles, formatProblem } from "../model";
import { configuredDirectory, directoryRequestsName, type ConfiguredDirectory } from "../sources/directory";
import type { DirectorySnapshot } from "../sources/snapshot";
import { applyCommonSettings } from "../lib/provider/provider-config";
import { mappingSpecsOf } from "./stack-settings";
import { programConfigGetter } from "./config";
import { buildDesiredState, loadMappings, memberSourceSizes, sourceRequestOf } from "../providers/target-model";
import { declareTargets } from "./declare";
import { ACCESS_RECORD_OUTPUT, accessRecordOf, enforceRemovalLimits, previousAccessRecord } from "./removal-check";
import { directoryFailure, ProgramInputError } from "./failures";
import { preflightTargets } from "./preflight";
import { adoptionFileOf, logAdoptions, surveyTargets, writeAdoptionFile } from "./adoption";
import { emptiedAdoptions, withBaseline } from "../model/adoption";
import { appliedAccessRecord } from "./applied-record";
import { withNativeStackTraces } from "../lib/provider/native-stack-traces";

export async function main(): Promise<Record<string, unknown>> {
  const get = programConfigGetter();
  applyCommonSettings(get);
  const stack = pulumi.getStack();

  const specs = mappingSpecsOf(get("mappings"), stack);
  const expanded = expandMappingFiles(specs);
  if (expanded.errors.length) throw new ProgramInputError("MAPPING_INVALID", "The mapping files cannot be found:", expanded.errors);
  const loaded = loadMappings(expanded.files);
  for (const warning of loaded.warnings) void pulumi.log.warn(formatProblem(warning));
  if (!loaded.value) throw new ProgramInputError("MAPPING_INVALID", `The mapping files have ${loaded.errors.length} problem(s):`, loaded.errors);
  const model = loaded.value;

  // The one clock: temporary grants (until) are judged by it. `now` (PAM_RECONCILER_NOW) sets it
  // for tests and the demo; production runs use the machine's time.
  const now = clockValue(get("now"), Date.now);
  if (get("now")) void pulumi.log.info(`Clock set by the now setting: ${new Date(now).toISOString()}`);

  let snapshot: DirectorySnapshot;
  let directory: ConfiguredDirectory;
  try {
    directory = configuredDirectory(get);
    snapshot = await directory.read(sourceRequestOf(model));
  } catch (err) {
    throw directoryFailure(err, model);
  }
  const { state, problems } = buildDesiredState(model, snapshot, { now });
  const errors = problems.filter((p) => p.severity !== "warning");
  for (const warning of problems.filter((p) => p.severity === "warning")) void pulumi.log.warn(formatProblem(warning));
  if (errors.length) throw new ProgramInputError("DESIRED_STATE_INVALID", `The desired state has ${errors.length} problem(s):`, errors);

  const ignored = snapshot.stats.ignored;
  void pulumi.log.info(
    `Read ${Object.keys(snapshot.users).length} users in ${snapshot.groups.length} groups and ${snapshot.applications.length} applications ` +
      `with ${snapshot.stats.requests} ${directoryRequestsName(directory.kind)} requests (ignored members: ${ignored.devices} devices, ${ignored.servicePrincipals} service principals, ${ignored.contacts} contacts, ${ignored.other} other)`,
  );

  await preflightTargets(state, get);
  const previous = await previousAccessRecord();
  const adoptions = await surveyTargets(state, get, previous);
  writeAdoptionFile(adoptionFileOf(get, stack), stack, adoptions.adopted);
  logAdoptions(adoptions.adopted);
  const record = accessRecordOf(state, memberSourceSizes(model, snapshot));
  // What adopted objects grant now is the baseline for what this run takes away from them.
  const verdict = enforceRemovalLimits(
    withBaseline(previous, adoptions.baselines),
    record,
    state.safety,
    get("allowRemovals") === "true",
    emptiedAdoptions(adoptions.baselines, record),
  );
  if (verdict.removals.length > 0)
    void pulumi.log.info(
      `This run removes ${verdict.removals.length} accounts and grants (safety.maxRemovals ${state.safety.maxRemovals}, maxRemovalPercent ${state.safety.maxRemovalPercent} %)`,
    );

  const { counts, declared, resources } = withNativeStackTraces(() => declareTargets(state));
  await declared;
  return {
    desired: counts,
    protectedAccounts: state.protectedUserNames.length,
    maxRemovals: state.safety.maxRemovals,
    [ACCESS_RECORD_OUTPUT]: pulumi.secret(appliedAccessRecord(record, previous, resources)),
  };
}
