// A mapping line's Git history, for the register's "since when" and "who approved": `git log -L`
// follows the line through edits and moves; its oldest commit introduced it, its newest approved
// it as it reads now. Read-only (git log, git diff, git rev-parse).
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import type { CommitRef, HistoryLookup } from "../report/register";

const FIELD = "\u001f";

/**
 * @param pullRequest the pull request the applied commit came from, as the pipeline passes it
 *   (PAM_RECONCILER_PULL_REQUEST): cited for lines that commit last changed.
 */
export function gitHistoryLookup(options: { pullRequest?: string } = {}): HistoryLookup {
  const heads = new Map<string, string | null>();
  const changed = new Map<string, boolean>();
  return (file, line) => {
    const dir = path.dirname(path.resolve(file));
    const git = (args: string[]) =>
      execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
    let head = heads.get(dir);
    if (head === undefined) {
      try {
        head = git(["rev-parse", "HEAD"]).trim();
      } catch {
        head = null;
      }
      heads.set(dir, head);
    }
    if (head === null) return { unknown: "not in a Git repository with commits" };
    const name = path.basename(file);
    if (!changed.has(file)) {
      try {
        git(["diff", "--quiet", "HEAD", "--", name]);
        changed.set(file, false);
      } catch {
        changed.set(file, true);
      }
    }
    if (changed.get(file)) return { unknown: "the file has uncommitted changes: its lines are not yet approved" };
    let out: string;
    try {
      out = git(["log", `-L${line},${line}:${name}`, "--no-patch", `--format=%H${FIELD}%aI${FIELD}%an${FIELD}%s`]);
    } catch {
      return { unknown: "the file is not committed" };
    }
    const commits = out
      .split("\n")
      .filter((l) => l.includes(FIELD))
      .map((l) => commitOf(l, head, options.pullRequest));
    if (!commits.length) return { unknown: "the file is not committed" };
    return { introduced: commits[commits.length - 1], lastChanged: commits[0] };
  };
}

function commitOf(line: string, head: string, pipelinePullRequest: string | undefined): CommitRef {
  const [commit, date, author, subject] = line.split(FIELD);
  const fromSubject = /\(#(\d+)\)\s*$/.exec(subject) ?? /^Merge pull request #(\d+)/.exec(subject);
  const pullRequest = fromSubject ? `#${fromSubject[1]}` : commit === head && pipelinePullRequest ? pipelinePullRequest : null;
  return { commit, date, author, subject, pullRequest };
}
