// `npm run register`: the access register of a stack, read exactly as the program reads it (the
// stack's mapping files, the same Entra source and settings, the same builder and clock), with
// each person's nesting paths, the stack's last recorded access and the rules' Git history. No
// Pulumi engine, no write anywhere.
import { clockValue } from "../model";
import type { TargetGrants } from "../model";
import { applyCommonSettings, type ConfigGetter } from "../lib/provider/provider-config";
import { accessOf, buildDesiredState, sourceRequestOf } from "../providers/target-model";
import { explain, type Explanation } from "../report/explain";
import { registerOf, type HistoryLookup, type Register } from "../report/register";
import { entraSettingsFromConfig, readDirectory, readMembershipPaths, type ReadDirectoryOptions } from "../sources/entra";
import { groupIdsOf, loadStackMappings, readLastRun } from "./explain";
import { gitHistoryLookup } from "./git-history";

export interface RegisterOptions {
  stack: string;
  projectDir: string;
  /** Stack config: see stackConfigGetter. */
  get: ConfigGetter;
  /** The machine's clock, used when the `now` setting (PAM_RECONCILER_NOW) is not set. */
  machineNow?: () => number;
  directory?: ReadDirectoryOptions;
  /** The stack's `accessRecord` output of its last successful run; throwing says why it cannot be read. */
  lastRun?: () => unknown;
  /** Default: the rules' `git log -L`. */
  history?: HistoryLookup;
  /** The pull request of the applied commit, as the pipeline passes it (PAM_RECONCILER_PULL_REQUEST). */
  pullRequest?: string;
}

/** How many people's nesting paths are read from Graph at once. */
const PATH_READS = 4;

export async function registerOfStack(o: RegisterOptions): Promise<Register> {
  applyCommonSettings(o.get);
  const now = clockValue(o.get("now"), o.machineNow ?? Date.now);
  const mappings = loadStackMappings(o.projectDir, o.stack, o.get);
  const settings = entraSettingsFromConfig(o.get);
  const request = sourceRequestOf(mappings);
  const snapshot = await readDirectory(request, settings, o.directory);
  const { state } = buildDesiredState(mappings, snapshot, { now });
  const access = accessOf(mappings, snapshot, state, { now });
  const holders = [...new Set([...access.values()].flatMap((a) => [...a.grants.map((g) => g.userId), ...a.accounts.keys()]))].sort();
  const groupIds = groupIdsOf(snapshot);
  const explanations = new Map<string, Explanation>();
  let next = 0;
  const work = async () => {
    while (next < holders.length) {
      const id = holders[next++];
      const user = snapshot.users[id];
      if (!user) continue;
      const membership = await readMembershipPaths(id, groupIds, settings, { credential: o.directory?.credential, userAttributes: request.userAttributes });
      explanations.set(id, explain({ query: id, now, user, mappings, snapshot, paths: membership.paths, access: accessOfOne(access, id) }));
    }
  };
  await Promise.all(Array.from({ length: PATH_READS }, work));
  const lastRun = o.lastRun ? readLastRun(o.lastRun) : { unavailable: "the stack's last run was not read" };
  return registerOf({
    stack: o.stack,
    now,
    access,
    explanations,
    record: "record" in lastRun ? lastRun.record : lastRun,
    history: o.history ?? gitHistoryLookup({ pullRequest: o.pullRequest }),
    roleLocked: roleLockedOf(state as unknown as Record<string, unknown>),
    protectedAt: (userId) => {
      const user = snapshot.users[userId];
      const names = [userId, user?.userPrincipalName, user?.mail].filter((n): n is string => !!n).map((n) => n.toLowerCase());
      const entry = mappings.protectedAccounts.find((p) => names.includes(p.value.toLowerCase()));
      return entry ? `${entry.at.file}:${entry.at.line}` : null;
    },
  });
}

/** One person's grants and account per target: what explain reads. */
function accessOfOne(access: ReadonlyMap<string, TargetGrants>, userId: string): Map<string, TargetGrants> {
  const out = new Map<string, TargetGrants>();
  for (const [target, a] of access) {
    const account = a.accounts.get(userId);
    out.set(target, { grants: a.grants.filter((g) => g.userId === userId), accounts: new Map(account ? [[userId, account]] : []) });
  }
  return out;
}

/** Users whose role the product keeps (SCIM roleLock), per target, from the desired state. */
function roleLockedOf(state: Record<string, unknown>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [target, desired] of Object.entries(state)) {
    const users = (desired as { users?: unknown } | undefined)?.users;
    if (!Array.isArray(users)) continue;
    const locked = users.filter((u: { roleLocked?: boolean }) => u.roleLocked === true).map((u: { externalId: string }) => u.externalId);
    if (locked.length) out.set(target, new Set(locked));
  }
  return out;
}
