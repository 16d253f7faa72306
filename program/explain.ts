// `npm run explain`: one person's access in every target, read exactly as the program reads it
// (the stack's mapping files, the same directory source and settings, the same builder and clock)
// but with no Pulumi engine and no write anywhere.
import * as path from "node:path";
import { clockValue, expandMappingFiles } from "../model";
import { applyCommonSettings, type ConfigGetter } from "../lib/provider/provider-config";
import { accessOf, buildDesiredState, loadMappings, sourceRequestOf, type ReconcilerMappings } from "../providers/target-model";
import { explain, type Explanation } from "../report/explain";
import { lossesOf, type LastRun } from "../report/explain-losses";
import { accessRecordFrom, type AccessRecord } from "../model/removal-safety";
import { ACCESS_RECORD_OUTPUT, accessRecordOf } from "./access-record";
import type { ReadDirectoryOptions } from "../sources/entra";
import type { ReadOktaOptions } from "../sources/okta";
import { configuredDirectory } from "../sources/directory";
import type { DirectorySnapshot } from "../sources/snapshot";
import { ProgramInputError } from "./failures";
import { mappingSpecsOf, readablePath } from "./stack-settings";

export interface ExplainOptions {
  /** An Entra object id or a userPrincipalName. */
  person: string;
  stack: string;
  projectDir: string;
  /** Stack config: see stackConfigGetter. */
  get: ConfigGetter;
  /** The machine's clock, used when the `now` setting (PAM_RECONCILER_NOW) is not set. */
  machineNow?: () => number;
  directory?: ReadDirectoryOptions;
  /** Okta client options (virtual clock, retries) when the stack reads Okta. */
  okta?: ReadOktaOptions;
  /**
   * The stack's `accessRecord` output of its last successful run (read without the engine, e.g.
   * through `pulumi stack output`), for what the person loses on the next run; throwing says why
   * it cannot be read. Absent: explain says nothing about losses.
   */
  lastRun?: () => unknown;
}

export async function explainPerson(o: ExplainOptions): Promise<Explanation> {
  applyCommonSettings(o.get);
  const now = clockValue(o.get("now"), o.machineNow ?? Date.now);
  const mappings = loadStackMappings(o.projectDir, o.stack, o.get);
  const directory = configuredDirectory(o.get, { entra: o.directory, okta: o.okta });
  const request = sourceRequestOf(mappings);
  const snapshot = await directory.read(request);
  const { state } = buildDesiredState(mappings, snapshot, { now });
  const membership = await directory.membershipPaths(o.person, groupIdsOf(snapshot), request.userAttributes);
  const user = membership.user && (snapshot.users[membership.user.id] ?? membership.user);
  const access = user ? accessOf(mappings, snapshot, state, { now, users: new Set([user.id]) }) : new Map<string, never>();
  const explanation = explain({ query: o.person, now, user, mappings, snapshot, paths: membership.paths, access, flatGroupsNote: directory.flatGroupsNote });
  if (!o.lastRun) return explanation;
  const lastRun = readLastRun(o.lastRun);
  if (user) return { ...explanation, loses: lossesOf(lastRun, accessRecordOf(state, {}), user.id, explanation.targets) };
  // Someone the directory no longer has loses whatever the last run gave them: found in the record by object id or username.
  const gone = "record" in lastRun ? recordedIdOf(lastRun.record, o.person) : undefined;
  return gone ? { ...explanation, loses: lossesOf(lastRun, accessRecordOf(state, {}), gone, [], { inDirectory: false }) } : explanation;
}

/** The object id a recorded account has, by the object id or the username asked for. */
function recordedIdOf(record: AccessRecord, person: string): string | undefined {
  const wanted = person.toLowerCase();
  for (const target of Object.values(record.targets)) {
    for (const [id, userName] of Object.entries(target.accounts)) if (id.toLowerCase() === wanted || userName.toLowerCase() === wanted) return id;
  }
  return undefined;
}

export function readLastRun(read: () => unknown): LastRun {
  let value: unknown;
  try {
    value = read();
  } catch (err) {
    return { unavailable: `the stack's last run cannot be read: ${(err as Error).message.split("\n")[0]}` };
  }
  const record = accessRecordFrom(value);
  return record ? { record } : { unavailable: `the stack has no ${ACCESS_RECORD_OUTPUT} output yet (no successful run)` };
}

export function loadStackMappings(projectDir: string, stack: string, get: ConfigGetter): ReconcilerMappings {
  // Named as the program names them (relative to where it runs), so file:line reads the same.
  const specs = mappingSpecsOf(get("mappings"), stack).map((s) => readablePath(path.resolve(projectDir, s)));
  const expanded = expandMappingFiles(specs);
  if (expanded.errors.length) throw new ProgramInputError("MAPPING_INVALID", "The mapping files cannot be found:", expanded.errors);
  const loaded = loadMappings(expanded.files);
  if (!loaded.value) throw new ProgramInputError("MAPPING_INVALID", `The mapping files have ${loaded.errors.length} problem(s):`, loaded.errors);
  return loaded.value;
}

/** The mapped groups and the groups app roles are assigned to: where nesting paths start. */
export function groupIdsOf(snapshot: DirectorySnapshot): string[] {
  const ids = snapshot.groups.map((g) => g.id);
  for (const app of snapshot.applications) for (const a of app.assignments) if (a.principalType === "Group") ids.push(a.principalId);
  return ids;
}
