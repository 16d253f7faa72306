// RemoteIndex: one listing per process, and keyed lookups (`where`) that stay in step with
// the process's own writes and keep the listing's order.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { RemoteIndex } from "../../../lib/provider/remote-index";

interface Item {
  id: string;
  externalId?: string;
  name: string;
}

const byExternalId = (i: Item) => i.externalId;
const unlinkedName = (i: Item) => (i.externalId ? undefined : i.name.toLowerCase());

function index(items: Item[]): { index: RemoteIndex<Item>; listings: () => number } {
  let listings = 0;
  const idx = new RemoteIndex<Item>(async function* () {
    listings++;
    yield* items;
  });
  return { index: idx, listings: () => listings };
}

test("where finds by key with one listing, in listing order, and follows remember and forget", async () => {
  const { index: idx, listings } = index([
    { id: "1", externalId: "e1", name: "Alice" },
    { id: "2", name: "Bob" },
    { id: "3", externalId: "e1", name: "Alice again" },
  ]);
  assert.deepEqual(
    (await idx.where(byExternalId, "e1")).map((i) => i.id),
    ["1", "3"],
  );
  assert.deepEqual(
    (await idx.where(unlinkedName, "bob")).map((i) => i.id),
    ["2"],
  );
  assert.deepEqual(await idx.where(byExternalId, "nobody"), []);

  // Adopting Bob links him: he leaves the unlinked-name index and joins the externalId one.
  await idx.remember({ id: "2", externalId: "e2", name: "Bob" });
  assert.deepEqual(await idx.where(unlinkedName, "bob"), []);
  assert.deepEqual(
    (await idx.where(byExternalId, "e2")).map((i) => i.name),
    ["Bob"],
  );

  // A replaced object with the same key keeps its place; a new one comes last.
  await idx.remember({ id: "1", externalId: "e1", name: "Alice renamed" });
  await idx.remember({ id: "4", externalId: "e1", name: "Alice 4" });
  assert.deepEqual(
    (await idx.where(byExternalId, "e1")).map((i) => i.name),
    ["Alice renamed", "Alice again", "Alice 4"],
  );

  await idx.forget("3");
  assert.deepEqual(
    (await idx.where(byExternalId, "e1")).map((i) => i.id),
    ["1", "4"],
  );
  assert.equal(listings(), 1);
});
