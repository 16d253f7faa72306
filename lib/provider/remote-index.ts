// What a product holds of one object type, read once per provider process by a complete paged
// listing and kept in step with this process's own writes. Refreshing N objects then costs
// about N/page-size list calls instead of N single reads, and `create` can find an object to
// adopt without another listing.

export class RemoteIndex<T extends { id?: string | number }> {
  private loaded?: Promise<Map<string, T>>;


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

  async all(): Promise<T[]> {
    return [...(await this.load()).values()];
  }

  /** Every object for which `matches` holds. */
  async filter(matches: (item: T) => boolean): Promise<T[]> {
    return (await this.all()).filter(matches);
  }

  /** Records an object this process created or replaced. */
  async remember(item: T): Promise<void> {
    if (item.id !== undefined && item.id !== "") (await this.load()).set(String(item.id), item);
  }

  async forget(id: string | number): Promise<void> {
    (await this.load()).delete(String(id));
  }
}
