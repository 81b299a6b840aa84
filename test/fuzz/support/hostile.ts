/**
 * Building blocks for the property tests: hostile strings and keys, any-JSON values whose keys
 * may be `__proto__`, mutations of valid steps, and the invariants every outcome must keep.
 */
import { BuildpushError, type Problem } from "@buildpush/core";
import fc from "fast-check";
import { expect } from "vitest";

/** Keys JavaScript gives a meaning to: as data they must stay data. */
export const prototypeKeys = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__"] as const;

/** Strings that have broken parsers, shells, argv builders and log readers before. */
export const nastyStrings = [
  "",
  " ",
  "\0",
  "a\0b",
  "\n",
  "line\nPLUGIN_INJECTED=1",
  "\r\n",
  "\t",
  "\u001b[2J\u001b[31mred",
  "\u202eevil",
  "\u2028",
  "\ufeff",
  "-",
  "--",
  "--privileged",
  "--volume=/:/host",
  "-v",
  "..",
  "../..",
  "../../etc/passwd",
  "a/../../b",
  "/etc/passwd",
  "/",
  "/harness/../etc",
  "./x",
  "$(id)",
  "${HOME}",
  "`id`",
  "a;rm -rf /",
  "a && b",
  "a|b",
  "'",
  '"',
  "\\",
  "a,b",
  "a=b",
  "k=v,k2=v2",
  "<+input>",
  "<+pipeline.sequenceId>",
  "null",
  "~",
  "true",
  "1.10",
  "0x10",
  "1e400",
  "NaN",
  "😀",
  "é",
  "a".repeat(300),
  ...prototypeKeys,
];

/** Any string: mostly short, some made of every code unit (lone surrogates too), some nasty. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom(10_000, 200_000).map((n) => "x".repeat(n)) },
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...prototypeKeys) }, { weight: 3, arbitrary: hostileString });

/**
 * An object with these entries as own data properties, `__proto__` included. (An object
 * literal or assignment would set the prototype instead; JSON.parse and YAML readers make own
 * properties, and so does this.)
 */
export function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Any JSON value, with hostile strings and keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2147483648, Number.MAX_SAFE_INTEGER)),
    hostileString,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, tie("value")), { maxLength: 4 }).map(objectOf),
  ),
})).value;

export type Json = unknown;
type PathSegment = string | number;

/** Every path to a value inside `value` (the root is `[]`). */
export function pathsOf(value: Json, at: PathSegment[] = []): PathSegment[][] {
  const paths: PathSegment[][] = [at];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...at, index])));
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...at, key]));
  return paths;
}

/** A deep copy that keeps `__proto__` keys as own data (structuredClone does too, but drops nothing here). */
export function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T;
  if (value !== null && typeof value === "object") return objectOf(Object.entries(value).map(([key, item]) => [key, copy(item)])) as T;
  return value;
}

/** One change to a document: what to do, where (a seed chosen into the document's paths) and with what. */
export type Mutation =
  | { kind: "set"; seed: number; value: Json }
  | { kind: "delete"; seed: number }
  | { kind: "add"; seed: number; key: string; value: Json }
  | { kind: "string"; seed: number; text: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), seed: fc.nat(), value: hostileJson }),
  fc.record({ kind: fc.constant("delete" as const), seed: fc.nat() }),
  fc.record({ kind: fc.constant("add" as const), seed: fc.nat(), key: hostileKey, value: hostileJson }),
  // Strings are what most fields hold: swap one for a hostile one, keeping the shape.
  fc.record({ kind: fc.constant("string" as const), seed: fc.nat(), text: hostileString }),
);

/** Apply mutations in order; each picks its target among the paths the document has by then. */
export function mutate(document: Json, mutations: readonly Mutation[]): Json {
  let root = copy(document);
  for (const change of mutations) {
    const paths = pathsOf(root);
    const path = change.kind === "string" ? (stringPaths(root, paths)[change.seed % Math.max(1, stringPaths(root, paths).length)] ?? []) : paths[change.seed % paths.length]!;
    if (change.kind === "add") {
      const target = valueAt(root, path);
      if (target !== null && typeof target === "object" && !Array.isArray(target)) Object.defineProperty(target, change.key, { value: change.value, enumerable: true, writable: true, configurable: true });
      else if (Array.isArray(target)) target.push(change.value);
      continue;
    }
    if (path.length === 0) {
      if (change.kind === "set") root = change.value;
      continue;
    }
    const parent = valueAt(root, path.slice(0, -1)) as Record<PathSegment, Json> | Json[];
    const last = path[path.length - 1]!;
    if (change.kind === "delete") {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete (parent as Record<PathSegment, Json>)[last];
    } else {
      const value = change.kind === "set" ? change.value : change.text;
      Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}

function stringPaths(root: Json, paths: PathSegment[][]): PathSegment[][] {
  return paths.filter((path) => typeof valueAt(root, path) === "string");
}

export function valueAt(root: Json, path: readonly PathSegment[]): Json {
  let node = root;
  for (const segment of path) node = (node as Record<PathSegment, Json>)[segment];
  return node;
}

/** Shuffle the keys of every map for which `shuffle(path)` says yes; `order` seeds the shuffles. */
export function reorderKeys(value: Json, order: readonly number[], shuffle: (path: readonly PathSegment[]) => boolean, at: PathSegment[] = []): Json {
  if (Array.isArray(value)) return value.map((item, index) => reorderKeys(item, order, shuffle, [...at, index]));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).map(([key, item]) => [key, reorderKeys(item, order, shuffle, [...at, key])] as const);
  if (shuffle(at)) {
    // A seeded Fisher-Yates shuffle: the same `order` gives the same permutation.
    for (let i = entries.length - 1; i > 0; i--) {
      const j = (order[(i + at.length) % Math.max(1, order.length)] ?? 0) % (i + 1);
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
  }
  return objectOf(entries);
}

/** What a call gave: a result, or the problems of the typed error. Any other exception fails the test. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function outcome<T>(work: () => T): Outcome<T> {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    if (error instanceof BuildpushError) return { ok: false, problems: [...error.problems] };
    throw error;
  }
}

export async function outcomeAsync<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof BuildpushError) return { ok: false, problems: [...error.problems] };
    throw error;
  }
}

/** C0 controls and DEL: in a message they could end a log line early or drive a terminal. */
export const controlCharacter = /[\u0000-\u001f\u007f]/;

/** Every problem is complete, printable and plain JSON. */
export function expectWellFormedProblems(problems: readonly Problem[]): void {
  expect(problems.length).toBeGreaterThan(0);
  for (const problem of problems) {
    expect(typeof problem.code).toBe("string");
    expect(problem.message.length).toBeGreaterThan(0);
    for (const text of [problem.message, problem.rule, problem.hint, problem.field]) {
      if (text !== undefined) expect(text, `a control character in ${JSON.stringify(text)}`).not.toMatch(controlCharacter);
    }
    // A message quotes a long value in part, so a huge input does not make a huge message.
    expect(problem.message.length).toBeLessThan(2000);
    expect(() => JSON.stringify(problem)).not.toThrow();
  }
}

interface PrototypeRecord {
  owner: string;
  key: PropertyKey;
  descriptor: PropertyDescriptor;
}

const guarded: [string, object][] = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
];

function prototypeRecords(): PrototypeRecord[] {
  return guarded.flatMap(([owner, target]) => Reflect.ownKeys(target).map((key) => ({ owner, key, descriptor: Object.getOwnPropertyDescriptor(target, key)! })));
}

const pristine = prototypeRecords();

/** Object.prototype (and its siblings) hold exactly the properties they held when the tests began. */
export function expectPrototypesUntouched(): void {
  const now = prototypeRecords();
  const describe = (r: PrototypeRecord) => `${r.owner}.${String(r.key)}`;
  expect(now.map(describe)).toEqual(pristine.map(describe));
  now.forEach((record, index) => {
    const before = pristine[index]!.descriptor;
    const after = record.descriptor;
    const same = Object.is(before.value, after.value) && Object.is(before.get, after.get) && Object.is(before.set, after.set) && before.writable === after.writable && before.enumerable === after.enumerable;
    expect(same, `${describe(record)} changed`).toBe(true);
  });
  const probe: Record<string, unknown> = {};
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
  expect(probe["polluted"]).toBeUndefined();
}

/** A failure report readable in a terminal: runs of one character (the huge strings) are counted, not printed. */
function shortReport(details: fc.RunDetails<unknown>): void {
  if (!details.failed) return;
  const message = (fc.defaultReportMessage(details) ?? "property failed").replace(/(.)\1{40,}/gs, (run, char: string) => `${char}…(${run.length} times)`);
  const error = new Error(message.length > 6000 ? `${message.slice(0, 6000)}…` : message);
  if (details.errorInstance) error.cause = details.errorInstance;
  throw error;
}

/** fc.assert with a fixed run count and the short report. */
export function assertProperty<Ts>(property: fc.IProperty<Ts>, numRuns: number): void {
  fc.assert(property, { numRuns, reporter: shortReport as (details: fc.RunDetails<Ts>) => void });
}

export async function assertAsyncProperty<Ts>(property: fc.IAsyncProperty<Ts>, numRuns: number): Promise<void> {
  await fc.assert(property, { numRuns, reporter: shortReport as (details: fc.RunDetails<Ts>) => void });
}

/**
 * Run counts: each property's count is in its test name and summed in docs/reliability.md.
 * BUILDPUSH_FUZZ_SCALE=20 multiplies them all, for a longer hunt than CI's.
 */
const scale = Math.max(1, Number(process.env["BUILDPUSH_FUZZ_SCALE"] ?? 1) || 1);
const baseRuns = {
  anySpec: 250,
  mutatedStep: 400,
  mutatedPipeline: 200,
  yamlText: 300,
  connectorValues: 300,
  connectorText: 250,
  reorder: 150,
  injection: 250,
};
/** vitest's per-test limit, scaled with the runs. */
export const fuzzTimeout = 20_000 * scale;
export const runs = Object.fromEntries(Object.entries(baseRuns).map(([name, count]) => [name, count * scale])) as typeof baseRuns;

/** Text YAML reads back as the same string when written bare (no quotes). */
const plainSafe = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const plainAmbiguous = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

function scalarYaml(value: unknown): string {
  if (typeof value === "string") return plainSafe.test(value) && !plainAmbiguous.test(value) ? value : JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : value > 0 ? ".inf" : value < 0 ? "-.inf" : ".nan";
  return JSON.stringify(value) ?? "null";
}

/**
 * Block-style YAML for a JSON value, so problems have real lines and columns and plain scalars
 * are read as written. Strings YAML would read differently bare are written as JSON strings,
 * which YAML's double-quoted style reads the same way.
 */
export function blockYaml(value: unknown, indent = ""): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return value.map((item) => `\n${indent}- ${blockYaml(item, `${indent}  `).replace(/^\n\s*/, "")}`).join("");
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    return entries.map(([key, item]) => `\n${indent}${scalarYaml(key)}: ${blockYaml(item, `${indent}  `)}`).join("");
  }
  return scalarYaml(value);
}

export function yamlDocument(value: unknown): string {
  return `${blockYaml(value).replace(/^\n/, "")}\n`;
}
