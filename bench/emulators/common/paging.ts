/** One page of `items`, 1-based, for emulators that page by page number. */
export function pageOf<T>(items: readonly T[], page: number, perPage: number): { items: T[]; lastPage: number } {
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const start = (page - 1) * perPage;
  return { items: items.slice(start, start + perPage), lastPage };
}
