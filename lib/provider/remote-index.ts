// What a product holds of one object type, read once per provider process by a complete paged
// listing and kept in step with this process's own writes. Refreshing N objects then costs
// about N/page-size list calls instead of N single reads, and `create` can find an object to
// adopt without another listing.

/** A secondary key of an object (its externalId, a lowercase name...); undefined = not indexed. */
export type IndexKey<T> = (item: T) => string | undefined;

export class RemoteIndex<T extends { id?: string | number }> {
  private loaded?: Promise<Map<string, T>>;
  /** Secondary indexes, built on first use and kept in step with remember/forget. */
  private readonly secondary = new Map<IndexKey<T>, Map<string, T[]>>();

  constructor(private readonly listAll: () => AsyncIterable<T>) {}

  private load(): Promise<Map<string, T>> {
    this.loaded ??= (async () => {
      const byId = new Map<string, T>();
      for await (const item of this.listAll()) if (item.id !== undefined && item.id !== "") byId.set(String(item.id), item);
      return byId;
    })();
    // A failed listing must not be remembered: the next call tries again.
    this.loaded.catch(() => (this.loaded = undefined));
    return this.loaded;
  }

  async get(id: string | number): Promise<T | undefined> {
    return (await this.load()).get(String(id));
  }

  /** Every object by id (the listing's map itself, kept in step with this process's writes: read only). */
  async byId(): Promise<ReadonlyMap<string, T>> {
    return this.load();
  }

  async all(): Promise<T[]> {
    return [...(await this.load()).values()];
  }

  /** Every object for which `matches` holds (a scan: prefer `where` for lookups per resource). */
  async filter(matches: (item: T) => boolean): Promise<T[]> {
    return (await this.all()).filter(matches);
  }

  /**
   * The objects whose `key` is `value`, in listing order. `key` must be the same function on
   * every call (a module-level constant): its index is built once, so a lookup per resource
   * does not scan every object.
   */
  async where(key: IndexKey<T>, value: string): Promise<T[]> {
    const byId = await this.load();
    let index = this.secondary.get(key);
    if (!index) {
      index = new Map();
      for (const item of byId.values()) add(index, key, item);
      this.secondary.set(key, index);
    }
    return index.get(value) ?? [];
  }

  /** Records an object this process created or replaced. */
  async remember(item: T): Promise<void> {
    if (item.id === undefined || item.id === "") return;
    const byId = await this.load();
    const old = byId.get(String(item.id));
    for (const [key, index] of this.secondary) {
      const list = old && key(old) !== undefined && key(old) === key(item) ? index.get(key(old)!) : undefined;
      const at = list && old ? list.indexOf(old) : -1;
      if (list && at >= 0)
        list[at] = item; // same key: keep its place, as the listing does
      else {
        if (old) remove(index, key, old);
        add(index, key, item);
      }
    }
    byId.set(String(item.id), item);
  }

  async forget(id: string | number): Promise<void> {
    const byId = await this.load();
    const old = byId.get(String(id));
    if (old) for (const [key, index] of this.secondary) remove(index, key, old);
    byId.delete(String(id));
  }
}

function add<T>(index: Map<string, T[]>, key: IndexKey<T>, item: T): void {
  const k = key(item);
  if (k === undefined) return;
  const list = index.get(k);
  if (list) list.push(item);
  else index.set(k, [item]);
}

function remove<T>(index: Map<string, T[]>, key: IndexKey<T>, item: T): void {
  const k = key(item);
  if (k === undefined) return;
  const list = index.get(k)?.filter((x) => x !== item);
  if (list?.length) index.set(k, list);
  else index.delete(k);
}
