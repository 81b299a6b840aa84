/**
 * The entries as a plain object with keys in code-unit order, so output is the same whatever
 * order values were set in. A `__proto__` name stays a plain property (`out.__proto__ = x`
 * would set the prototype).
 */
export function sortedRecord<T>(entries: Iterable<readonly [string, T]> | ReadonlyMap<string, T>): Record<string, T> {
  // Runs twice per translated step: index access instead of destructuring in the comparator,
  // and plain assignment for every name but `__proto__` (a defineProperty per key was the
  // single hottest line of pipeline translation; docs/performance.md). A Map's names are
  // unique, so only they are sorted, without an [name, value] pair per entry.
  const out: Record<string, T> = {};
  if (entries instanceof Map) {
    for (const key of [...entries.keys()].sort()) setOwn(out, key, entries.get(key) as T);
    return out;
  }
  const list = [...entries];
  // Entries already in order are the common case (plugin mode passes the record it sorted
  // itself): one pass to see that is cheaper than a sort calling back into byKey. Already in
  // order, the stable sort would leave them as they are, duplicates included.
  if (!inKeyOrder(list)) list.sort(byKey);
  for (const entry of list) setOwn(out, entry[0], entry[1]);
  return out;
}

/** Whether no entry's name comes before the name of the entry before it. */
function inKeyOrder(list: readonly (readonly [string, unknown])[]): boolean {
  for (let index = 1; index < list.length; index++) if (list[index]![0] < list[index - 1]![0]) return false;
  return true;
}

/** `record[key] = value` as an own property even for `__proto__` (which assignment would treat as the prototype). */
function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** Code-unit order of entry names; Array.prototype.sort is stable, so a later duplicate still wins. */
function byKey(a: readonly [string, unknown], b: readonly [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
