// "Did you mean": the known names nearest to one that matched nothing, by edit distance. One
// helper for every such hint (protected accounts, role locks, guardrail grants, unknown keys).
import { compareText } from "./problems";

/** Levenshtein distance, or limit + 1 as soon as it must exceed limit. */
export function editDistance(a: string, b: string, limit: number = Math.max(a.length, b.length)): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, next[j]);
    }
    if (best > limit) return limit + 1;
    row = next;
  }
  return row[b.length];
}

/**
 * Up to `count` candidates within a small edit distance of `wanted` (a quarter of its length, at
 * least 2) or sharing most of its beginning, closest first, compared without case; each as
 * written in `candidates`.
 */
export function nearestNames(wanted: string, candidates: Iterable<string>, count = 3, limit = Math.max(2, Math.floor(wanted.length / 4))): string[] {
  const key = wanted.normalize("NFKC").toLowerCase();
  const seen = new Set<string>();
  const near: { name: string; distance: number }[] = [];
  for (const name of candidates) {
    if (seen.has(name)) continue;
    seen.add(name);
    const candidate = name.normalize("NFKC").toLowerCase();
    const distance = editDistance(key, candidate, limit);
    if (distance <= limit) near.push({ name, distance });
    // A name cut short ("Linux Admins" for "Linux Administrators") is near too, after the close edits.
    else if (commonPrefix(key, candidate) >= Math.max(4, Math.ceil(0.8 * Math.min(key.length, candidate.length))))
      near.push({ name, distance: limit + Math.abs(candidate.length - key.length) });
  }
  return near
    .sort((a, b) => a.distance - b.distance || compareText(a.name, b.name))
    .slice(0, count)
    .map((c) => c.name);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** "; nearest: a, b" (or "; nearest <what>: …"), else "". */
export function nearestHint(wanted: string, candidates: Iterable<string>, what = ""): string {
  const near = nearestNames(wanted, candidates);
  return near.length ? `; nearest${what ? ` ${what}` : ""}: ${near.join(", ")}` : "";
}
