// Assertions on what the emulators were asked: the requests recorded between two marks, which
// of them write, and which list calls asked for a later page.
import type { RecordedRequest } from "../../../bench/emulators/common/server";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Token endpoints take a POST but change nothing in the product. */
const TOKEN_ENDPOINT = /\/(oauth2\/token|oauth\/token)$/;

/** Requests recorded from now on: `since()` returns them. */
export function markRequests(requests: RecordedRequest[]): { since(): RecordedRequest[] } {
  const start = requests.length;
  return { since: () => requests.slice(start) };
}

export function writeCalls(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => WRITE_METHODS.has(r.method) && !TOKEN_ENDPOINT.test(r.path));
}

/** "PUT /api/scim/v2/Groups/<id>", for readable assertion messages. */
export function describeCall(r: RecordedRequest): string {
  const query = r.query.toString();
  return `${r.method} ${r.path}${query ? `?${query}` : ""}`;
}

/** GETs of `pathPattern` that asked for a page after the first (PRA current_page, SCIM startIndex). */
export function laterPageReads(requests: readonly RecordedRequest[], pathPattern: RegExp): RecordedRequest[] {
  return requests.filter((r) => {
    if (r.method !== "GET" || !pathPattern.test(r.path)) return false;
    const page = Number(r.query.get("current_page") ?? "1");
    const startIndex = Number(r.query.get("startIndex") ?? "1");
    return page > 1 || startIndex > 1;
  });
}

/** 429 answers that no later identical request (method, path, query, body) got past: the client gave up on them. */
export function unrecoveredThrottles(requests: readonly RecordedRequest[]): RecordedRequest[] {
  const key = (r: RecordedRequest) => `${describeCall(r)} ${r.body}`;
  const unrecovered: RecordedRequest[] = [];
  requests.forEach((r, i) => {
    if (r.status !== 429) return;
    if (!requests.slice(i + 1).some((later) => key(later) === key(r) && later.status < 400)) unrecovered.push(r);
  });
  return unrecovered;
}
