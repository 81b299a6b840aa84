import { quote } from "../problems/format.js";

/**
 * How a value reads in a message: `a list`, `a map`, `the string "x"`, `number 3`, and for
 * what no YAML file holds, what it is (`a Date`, `a Map`, `a String object`, `a function`).
 */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (typeof value === "bigint") return `bigint ${String(value)}`;
  if (typeof value === "object") return isPlainObject(value) ? "a map" : objectKind(value);
  if (typeof value === "string") return `the string ${quote(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** `a Date`, `a Map`, `a String object`: what a non-plain object is, by its built-in tag. */
function objectKind(value: object): string {
  let tag = "Object";
  try {
    tag = Object.prototype.toString.call(value).slice(8, -1);
  } catch {
    // A Proxy or a throwing Symbol.toStringTag getter: say only that it is no map.
  }
  if (tag === "String" || tag === "Number" || tag === "Boolean") return `a ${tag} object`;
  return tag === "Object" ? "an object that is not a plain map" : `a ${/^[A-Z][A-Za-z0-9]{0,40}$/.test(tag) ? tag : "non-plain object"}`;
}

/**
 * A map as YAML (or JSON) gives one: an object whose prototype is Object.prototype (of any
 * realm) or null. A Map, Set, Date, boxed String or class instance is not one: reading its own
 * keys would silently give nothing (a Map) or the wrong thing (`new String("1.0")` as 0, 1, 2).
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null;
}

/**
 * Set an own property, even `__proto__`: plain assignment of `__proto__` would set the object's
 * prototype instead (a YAML key is data, never a prototype). Every other name is assigned: on a
 * plain object that makes the same own, writable, enumerable property, and a defineProperty per
 * key was the single hottest line of pipeline translation (docs/performance.md).
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
