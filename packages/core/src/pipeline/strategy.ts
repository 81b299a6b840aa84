import type { ProblemCollector } from "../problems/collector.js";
import type { Path } from "../problems/path.js";
import { describeType, isPlainObject, setOwn } from "../source/values.js";
import { FieldReader } from "./field-readers.js";

/**
 * One instance of a step's (or step group's) looping strategy, named and numbered as Harness's
 * CI expansion names them (`StrategyHelper` → `MatrixConfigServiceHelper`,
 * `ForLoopStrategyConfigService`, `ParallelismStrategyConfigService`, `StrategyUtils.modifyJsonNode`):
 * the identifier and name get `suffix`, a matrix instance one index per axis (`build_1_0`),
 * a repeat or parallelism instance its iteration (`build_2`).
 */
export interface StrategyInstance {
  kind: "matrix" | "repeat" | "parallelism";
  /** The identifier as written; the instance's is this and `suffix`. */
  of: string;
  /** `<+strategy.iteration>`: 0, 1, ... in the order Harness makes them. */
  iteration: number;
  /** `<+strategy.iterations>`: how many instances there are. */
  iterations: number;
  /** `_1_0` (matrix: each axis's index) or `_2` (repeat, parallelism): `<+strategy.identifierPostFix>`. */
  suffix: string;
  /** How many instances of this strategy may run at once: `maxConcurrency`, or all of them. */
  maxConcurrency: number;
  /** The matrix combination: `<+matrix.KEY>` per axis. */
  matrix?: Record<string, string>;
  /** A repeat item: `<+repeat.item>`. */
  item?: string;
  /** A matrix's `nodeName`, resolved for this instance: how Harness labels it. */
  nodeName?: string;
}

/** A strategy read, before it knows the identifier it expands. */
export type StrategyExpansion = Omit<StrategyInstance, "of">[];

/** The most instances buildpush makes of one strategy: a bound on a hostile or mistaken matrix. */
export const maxStrategyInstances = 256;

const matrixSettings = ["exclude", "maxConcurrency", "nodeName"];

/**
 * A `strategy` read into its instances, or undefined when it is refused (each problem at its
 * line). Exactly one of matrix, repeat and parallelism, as Harness's schema requires.
 */
export function readStrategy(value: unknown, path: Path, collector: ProblemCollector): StrategyExpansion | undefined {
  const reader = new FieldReader(collector);
  const strategy = reader.map(value, path, "strategy");
  if (!strategy) return undefined;
  reader.knownKeys(strategy, ["matrix", "repeat", "parallelism"], path, "strategy");
  const kinds = (["matrix", "repeat", "parallelism"] as const).filter((kind) => strategy[kind] !== undefined && strategy[kind] !== null);
  if (kinds.length !== 1) {
    return reader.fail(path, "invalid-option", kinds.length === 0 ? "strategy names no matrix, repeat or parallelism" : `strategy names ${kinds.join(" and ")}: Harness takes one`, undefined, "a strategy is one of matrix, repeat and parallelism", undefined, "key");
  }
  const kind = kinds[0]!;
  const at = [...path, kind];
  const instances = kind === "matrix" ? readMatrix(strategy[kind], at, reader) : kind === "repeat" ? readRepeat(strategy[kind], at, reader) : readParallelism(strategy[kind], at, reader);
  if (instances && instances.length > maxStrategyInstances) {
    const count = instances[0]!.kind === "matrix" ? `more than ${maxStrategyInstances}` : String(instances[0]!.iterations);
    return reader.fail(at, "invalid-option", `the strategy makes ${count} instances`, undefined, `buildpush expands at most ${maxStrategyInstances} instances of one strategy`, "split the step, or run fewer combinations", "key");
  }
  return instances;
}

function readMatrix(value: unknown, path: Path, reader: FieldReader): StrategyExpansion | undefined {
  const matrix = reader.map(value, path, "matrix");
  if (!matrix) return undefined;
  const axes: [string, string[]][] = [];
  let readable = true;
  for (const key of Object.keys(matrix)) {
    if (matrixSettings.includes(key)) continue;
    const values = readAxis(matrix[key], [...path, key], key, reader);
    if (values) axes.push([key, values]);
    else readable = false;
  }
  const maxConcurrency = reader.integer(matrix["maxConcurrency"], [...path, "maxConcurrency"], "maxConcurrency", 1, 1_000_000);
  // nodeName is a template of strategy expressions (`build_<+matrix.arch>`), resolved per instance below.
  const nodeName = typeof matrix["nodeName"] === "string" ? matrix["nodeName"] : reader.string(matrix["nodeName"], [...path, "nodeName"], "nodeName");
  const exclude = readExclude(matrix["exclude"], [...path, "exclude"], reader);
  if (!readable || exclude === undefined) return undefined;
  if (axes.length === 0) return reader.fail(path, "invalid-option", "the matrix has no axis", undefined, "a matrix names at least one axis: a key with a list of values, e.g. arch: [amd64, arm64]", undefined, "key");
  // Harness's order: the first axis varies slowest (nested loops over the axes as written).
  const combinations: { values: Record<string, string>; indexes: number[] }[] = [];
  const walk = (depth: number, values: Record<string, string>, indexes: number[]): void => {
    if (combinations.length > maxStrategyInstances) return;
    if (exclude.some((rule) => Object.keys(rule).every((key) => key in values && values[key] === rule[key]))) return;
    if (depth === axes.length) {
      combinations.push({ values: { ...values }, indexes: [...indexes] });
      return;
    }
    const [key, list] = axes[depth]!;
    list.forEach((item, index) => walk(depth + 1, { ...values, [key]: item }, [...indexes, index]));
  };
  walk(0, {}, []);
  if (combinations.length === 0) return reader.fail(path, "invalid-option", "Total number of iterations found to be 0 for this strategy. Please check pipeline yaml", undefined, "a matrix makes at least one combination: exclude leaves none", "remove an exclude entry, or add values to an axis", "key");
  return combinations.map(({ values, indexes }, iteration) => {
    const instance: Omit<StrategyInstance, "of"> = { kind: "matrix", iteration, iterations: combinations.length, suffix: `_${indexes.join("_")}`, maxConcurrency: maxConcurrency ?? combinations.length, matrix: values };
    if (nodeName !== undefined) instance.nodeName = resolveStrategyText(nodeName, [instance]);
    return instance;
  });
}

/** An axis: a list of text values (numbers and booleans as written). */
function readAxis(value: unknown, path: Path, key: string, reader: FieldReader): string[] | undefined {
  const list = reader.list(value, path, `matrix.${key}`);
  if (!list) return FieldReader.absent(value) ? reader.fail(path, "invalid-option", `matrix axis ${key} has no values`, value, "a matrix axis is a list of values") : undefined;
  const values: string[] = [];
  let ok = true;
  list.forEach((item, index) => {
    if (typeof item === "object" && item !== null) {
      ok = false;
      reader.fail([...path, index], "invalid-option", `matrix.${key}[${index}] is ${describeType(item)}: buildpush expands axes of single values`, undefined, "a matrix axis lists strings, numbers or booleans; Harness's axes of maps (read as <+matrix.KEY.FIELD>) are not expanded by buildpush");
      return;
    }
    const text = reader.string(item, [...path, index], `matrix.${key}[${index}]`);
    if (text === undefined) ok = false;
    else values.push(text);
  });
  return ok ? values : undefined;
}

function readExclude(value: unknown, path: Path, reader: FieldReader): Record<string, string>[] | undefined {
  const list = reader.list(value, path, "exclude");
  if (!list) return FieldReader.absent(value) ? [] : undefined;
  const rules: Record<string, string>[] = [];
  let ok = true;
  list.forEach((item, index) => {
    const rule = reader.stringMap(item, [...path, index], `exclude[${index}]`);
    if (rule) rules.push(rule);
    else ok = false;
  });
  return ok ? rules : undefined;
}

function readRepeat(value: unknown, path: Path, reader: FieldReader): StrategyExpansion | undefined {
  const repeat = reader.map(value, path, "repeat");
  if (!repeat) return undefined;
  reader.knownKeys(repeat, ["times", "items", "maxConcurrency", "start", "end", "unit", "partitionSize"], path, "repeat");
  for (const key of ["start", "end", "unit", "partitionSize"]) {
    if (!FieldReader.absent(repeat[key])) reader.fail([...path, key], "invalid-option", `repeat.${key} is not expanded by buildpush`, repeat[key], "buildpush expands repeat.times and repeat.items; Harness's slices and partitions of items (start, end, unit, partitionSize) are not carried", "list the items the step runs for");
  }
  const maxConcurrency = reader.integer(repeat["maxConcurrency"], [...path, "maxConcurrency"], "maxConcurrency", 1, 1_000_000);
  const hasTimes = !FieldReader.absent(repeat["times"]);
  const hasItems = !FieldReader.absent(repeat["items"]);
  if (hasTimes && hasItems) return reader.fail(path, "invalid-option", "repeat has both times and items", undefined, "repeat takes times or items: with both, Harness uses times and drops the items without a word", undefined, "key");
  if (!hasTimes && !hasItems) return reader.fail(path, "missing-field", "repeat has neither times nor items", undefined, "repeat is times: N or items: [...]", undefined, "key");
  if (["start", "end", "unit", "partitionSize"].some((key) => !FieldReader.absent(repeat[key]))) return undefined;
  if (hasTimes) {
    const times = reader.integer(repeat["times"], [...path, "times"], "repeat.times", 0, 1_000_000);
    if (times === undefined) return undefined;
    return iterations("repeat", times, maxConcurrency);
  }
  const items = reader.stringList(repeat["items"], [...path, "items"], "repeat.items");
  if (items === undefined) return undefined;
  return items.map((item, iteration) => ({ kind: "repeat", iteration, iterations: items.length, suffix: `_${iteration}`, maxConcurrency: maxConcurrency ?? items.length, item }));
}

/** Parallelism: its instances all run at once (Harness's CI expansion takes no maxConcurrency for it). */
function readParallelism(value: unknown, path: Path, reader: FieldReader): StrategyExpansion | undefined {
  const count = reader.integer(value, path, "parallelism", 0, 1_000_000);
  return count === undefined ? undefined : iterations("parallelism", count, undefined);
}

function iterations(kind: "repeat" | "parallelism", count: number, maxConcurrency: number | undefined): StrategyExpansion {
  return Array.from({ length: Math.min(count, maxStrategyInstances + 1) }, (_, iteration) => ({ kind, iteration, iterations: count, suffix: `_${iteration}`, maxConcurrency: maxConcurrency ?? count }));
}

/** What `<+strategy...>` and friends read, innermost strategy first; the bottom one is a step without a strategy. */
export type StrategyContext = Pick<StrategyInstance, "iteration" | "iterations" | "suffix" | "matrix" | "item">;

/** Harness resolves the strategy expressions of a step without a strategy as one instance of one (`replaceExpressions(..., 0, 1)`). */
export const noStrategy: StrategyContext = { iteration: 0, iterations: 1, suffix: "" };

const strategyExpression = /<\+(?:(?:strategy\.)?matrix\.([A-Za-z_][A-Za-z0-9_-]*)|strategy\.(iterations|iteration|identifierPostFix)|(?:strategy\.)?repeat\.item)>/g;
const strategyBody = /^(?:(?:strategy\.)?matrix\.[A-Za-z_][A-Za-z0-9_-]*|strategy\.(?:iterations|iteration|identifierPostFix)|(?:strategy\.)?repeat\.item)$/;

/**
 * Whether an expression's body (`matrix.arch`, `strategy.iteration`, `repeat.item`) is one a
 * looping strategy gives: find-steps resolves it per instance, so resolving the pipeline's
 * values and checking as written leave it as written.
 */
export function isStrategyExpression(body: string): boolean {
  return strategyBody.test(body.trim());
}

/** A text with the strategy expressions it holds resolved from the innermost context that has them; others are left for later checks. */
export function resolveStrategyText(text: string, contexts: readonly StrategyContext[]): string {
  if (!text.includes("<+")) return text;
  return text.replace(strategyExpression, (whole, matrixKey: string | undefined, counter: string | undefined) => {
    for (const context of contexts) {
      if (matrixKey !== undefined) {
        if (context.matrix && Object.prototype.hasOwnProperty.call(context.matrix, matrixKey)) return context.matrix[matrixKey]!;
        continue;
      }
      if (counter === "iteration") return String(context.iteration);
      if (counter === "iterations") return String(context.iterations);
      if (counter === "identifierPostFix") return context.suffix;
      if (context.item !== undefined) return context.item;
    }
    return whole;
  });
}

/**
 * The YAML value with every text's strategy expressions resolved (keys stay as written). Copy on
 * write: a list or map none of whose texts changes is returned as it is, not copied. This runs
 * for every instance of every step, and most of a step (its labels, build args, resources) holds
 * no strategy expression; copying it all was most of what finding the steps allocated.
 */
export function resolveStrategyValue<T>(value: T, contexts: readonly StrategyContext[], depth = 0): T {
  if (typeof value === "string") return resolveStrategyText(value, contexts) as T;
  if (depth > 64 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const resolved = resolveStrategyValue(item, contexts, depth + 1);
      if (copy === undefined && resolved !== item) copy = value.slice(0, index);
      if (copy !== undefined) copy.push(resolved);
    }
    return (copy ?? value) as T;
  }
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  let copy: Record<string, unknown> | undefined;
  for (let index = 0; index < keys.length; index++) {
    const item = value[keys[index]!];
    const resolved = resolveStrategyValue(item, contexts, depth + 1);
    if (copy === undefined) {
      if (resolved === item) continue;
      copy = {};
      for (let before = 0; before < index; before++) setOwn(copy, keys[before]!, value[keys[before]!]);
    }
    setOwn(copy, keys[index]!, resolved);
  }
  return (copy ?? value) as T;
}

/** The strategy contexts a step's expressions read, innermost first: its own instance, then its step groups' from the nearest out. */
export function strategyContexts(semantics: { strategy?: StrategyInstance; stepGroups: readonly { strategy?: StrategyInstance }[] }): StrategyContext[] {
  const groups = semantics.stepGroups.map((group) => group.strategy).filter((instance) => instance !== undefined).reverse();
  return [...(semantics.strategy ? [semantics.strategy] : []), ...groups, noStrategy];
}
