import { setOwn } from "../source/values.js";

declare const sortedByName: unique symbol;

/**
 * A record sortedRecord made: a plain object whose keys are already in order. Given to
 * sortedRecord again (buildContainer sorts every container's environment), it is used as it is
 * instead of being taken apart and built again: plugin mode sorts its environment itself, to
 * emulate the plugin's run, before it builds the container from it.
 */
export type SortedRecord<T> = Record<string, T> & { readonly [sortedByName]: true };

/**
 * The entries as a plain object with keys in code-unit order, so output is the same whatever
 * order values were set in. A `__proto__` name stays a plain property (`out.__proto__ = x`
 * would set the prototype). A record sortedRecord made comes back as it is: its keys are in
 * that order already, and an object keeps its keys in the order sorting them again would give.
 */
export function sortedRecord<T>(entries: Iterable<readonly [string, T]> | ReadonlyMap<string, T> | SortedRecord<T>): SortedRecord<T> {
  if (!isIterable(entries)) return entries;
  // Runs twice per translated step: index access instead of destructuring in the comparator,
  // and setOwn's plain assignment. A Map's names are unique, so only they are sorted, without
  // an [name, value] pair per entry.
  const out = {} as SortedRecord<T>;
  if (entries instanceof Map) {
    for (const key of [...entries.keys()].sort()) setOwn(out, key, entries.get(key) as T);
    return out;
  }
  const list = [...entries];
  // Entries already in order are common (a backend's entries taken from a record it sorted):
  // one pass to see that is cheaper than a sort calling back into byKey. Already in order, the
  // stable sort would leave them as they are, duplicates included.
  if (!inKeyOrder(list)) list.sort(byKey);
  for (const entry of list) setOwn(out, entry[0], entry[1]);
  return out;
}

/** Entries and Maps are iterable; a SortedRecord, a plain object, is not. */
function isIterable<T>(entries: Iterable<T> | object): entries is Iterable<T> {
  return typeof (entries as Partial<Iterable<T>>)[Symbol.iterator] === "function";
}

/** Whether no entry's name comes before the name of the entry before it. */
function inKeyOrder(list: readonly (readonly [string, unknown])[]): boolean {
  for (let index = 1; index < list.length; index++) if (list[index]![0] < list[index - 1]![0]) return false;
  return true;
}

/** Code-unit order of entry names; Array.prototype.sort is stable, so a later duplicate still wins. */
function byKey(a: readonly [string, unknown], b: readonly [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
