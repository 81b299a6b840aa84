import type { Finding } from "../problems/collector.js";
import type { Path } from "../problems/path.js";
import { expressionSpans, parseRuntimeInput, secretReferenceIn, wholeSecretReference } from "../source/expressions.js";
import { isPlainObject, setOwn } from "../source/values.js";
import { isStrategyExpression } from "../pipeline/strategy.js";

/**
 * Values for a pipeline's expressions, by the expression's body (`pipeline.sequenceId`,
 * `codebase.shortCommitSha`, `pipeline.variables.repo`): a map, or a function that returns
 * the value or undefined when it has none.
 */
export type ExpressionValues = Readonly<Record<string, string>> | ((expression: string) => string | undefined);

/** An expression nothing gave a value for, where it is written. */
export interface MissingExpression {
  path: Path;
  /** The expression as written: `<+pipeline.sequenceId>`, or `<+input>` for a runtime input. */
  expression: string;
}

export interface Resolution {
  /** The document with every expression that has a value replaced by it: what changed is a copy, the rest is the document given. */
  document: unknown;
  missing: MissingExpression[];
  findings: Finding[];
}

export interface ResolveOptions {
  values?: ExpressionValues;
  /** Runtime inputs without a value take their `.default(...)`, as Harness's run form fills it in. */
  inputDefaults: boolean;
}

/** The variables an expression can name in one place of the pipeline: pipeline, stage (by identifier), the current stage and step group. */
interface Scope {
  pipeline: Map<string, string>;
  stages: Map<string, Map<string, string>>;
  stage?: Map<string, string>;
  stepGroup?: Map<string, string>;
}

const maxDepth = 10;

/**
 * Replace what can be known of a pipeline's expressions: the caller's values, the pipeline's own
 * variables where they hold fixed values (`<+pipeline.variables.x>`, `<+stage.variables.x>`,
 * `<+pipeline.stages.ID.variables.x>`, `<+stepGroup.variables.x>`), and, with `inputDefaults`,
 * runtime inputs' defaults. `<+secrets.getValue(...)>` is never given a value: it stays, and
 * planning makes it a secret reference. A looping strategy's expressions (`<+matrix.arch>`,
 * `<+strategy.iteration>`, `<+repeat.item>`) stay too: find-steps resolves them per instance.
 * A String variable whose whole value is one becomes a Secret variable of that reference.
 */
export function resolveExpressions(document: unknown, options: ResolveOptions): Resolution {
  const missing: MissingExpression[] = [];
  const findings: Finding[] = [];
  const lookup = valueLookup(options.values);
  if (!isPlainObject(document) || !isPlainObject(document["pipeline"])) return { document, missing, findings };
  const pipeline = document["pipeline"];
  const fixed = (list: unknown): Map<string, string> => fixedVariables(list, options.inputDefaults);
  const scope: Scope = { pipeline: fixed(pipeline["variables"]), stages: new Map() };
  forEachStage(pipeline, (stage) => {
    if (typeof stage["identifier"] === "string") scope.stages.set(stage["identifier"], fixed(stage["variables"]));
  });

  // The path of the node being walked, one array pushed and popped as the walk goes: a copy is
  // made only for an expression left missing. A path array per node was most of what resolving
  // a pipeline allocated (docs/performance.md).
  const path: (string | number)[] = [];

  const resolveText = (text: string, here: Scope, depth = 0): string => {
    // No `<+`, no expression: most strings of a pipeline, returned before any scan.
    if (!text.includes("<+")) return text;
    if (wholeSecretReference(text) !== undefined) return text;
    const input = parseRuntimeInput(text);
    if (input) {
      if (options.inputDefaults && input.default !== undefined) return input.default;
      missing.push({ path: [...path], expression: "<+input>" });
      return text;
    }
    const spans = expressionSpans(text);
    if (spans.length === 0) return text;
    let out = "";
    let last = 0;
    for (const span of spans) {
      out += text.slice(last, span.start);
      last = span.end;
      const written = text.slice(span.start, span.end);
      // Secrets stay; a strategy's expressions are resolved per instance when the steps are found.
      if (secretReferenceIn(span.body) !== undefined || isStrategyExpression(span.body)) {
        out += written;
        continue;
      }
      const value = lookup(span.body.trim()) ?? variableValue(span.body.trim(), here);
      if (value === undefined || depth >= maxDepth) {
        missing.push({ path: [...path], expression: written });
        out += written;
        continue;
      }
      // A variable's value may hold expressions of its own.
      out += resolveText(value, here, depth + 1);
    }
    return out + text.slice(last);
  };

  // Copy on write: a list or map is copied only when something below it changed, so a pipeline
  // without expressions comes back as it was given, and one with a few shares every other part.
  const walk = (node: unknown, here: Scope): unknown => {
    if (typeof node === "string") {
      if (!isCondition(path)) return resolveText(node, here);
      // A when's condition is evaluated when its step is due: what is known is put in, the rest is left to that evaluation.
      const before = missing.length;
      const text = resolveText(node, here);
      missing.length = before;
      return text;
    }
    if (Array.isArray(node)) {
      let out: unknown[] | undefined;
      for (let index = 0; index < node.length; index++) {
        const item: unknown = node[index];
        path.push(index);
        const value = walk(item, here);
        path.pop();
        if (out === undefined && value !== item) out = node.slice(0, index);
        if (out !== undefined) out.push(value);
      }
      return out ?? node;
    }
    if (!isPlainObject(node)) return node;
    let inner = here;
    if (path[path.length - 1] === "stage") inner = { ...here, stage: fixed(node["variables"]) };
    else if (path[path.length - 1] === "stepGroup") inner = { ...here, stepGroup: fixed(node["variables"]) };
    const keys = Object.keys(node);
    let out: Record<string, unknown> | undefined;
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!;
      const item = node[key];
      path.push(key);
      const value = walk(item, inner);
      path.pop();
      if (out === undefined && value !== item) out = copyOf(node, keys, index);
      if (out !== undefined) setOwn(out, key, value);
    }
    if (path[path.length - 2] === "variables") {
      const ref = secretVariableReference(out ?? node);
      if (ref !== undefined) {
        out ??= copyOf(node, keys, keys.length);
        out["type"] = "Secret";
        out["value"] = ref;
      }
    }
    return out ?? node;
  };
  return { document: walk(document, scope), missing, findings };
}

/** `when.condition` of a stage, step group or step. */
function isCondition(path: Path): boolean {
  return path[path.length - 1] === "condition" && path[path.length - 2] === "when";
}

/** A new map holding the first `count` of `keys` of `node`. */
function copyOf(node: Record<string, unknown>, keys: readonly string[], count: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) setOwn(out, keys[index]!, node[keys[index]!]);
  return out;
}

/** A String variable whose whole value is `<+secrets.getValue("x")>` is the Secret variable x: x, or undefined for any other variable. */
function secretVariableReference(variable: Record<string, unknown>): string | undefined {
  if (typeof variable["value"] !== "string" || variable["type"] === "Secret") return undefined;
  return wholeSecretReference(variable["value"]);
}

function valueLookup(values: ExpressionValues | undefined): (body: string) => string | undefined {
  if (values === undefined) return () => undefined;
  if (typeof values === "function") return (body) => {
    const value = values(body);
    return typeof value === "string" ? value : undefined;
  };
  return (body) => (Object.prototype.hasOwnProperty.call(values, body) ? values[body] : undefined);
}

function variableValue(body: string, scope: Scope): string | undefined {
  let match = /^pipeline\.variables\.([A-Za-z_][\w]*)$/.exec(body);
  if (match) return scope.pipeline.get(match[1]!);
  match = /^stage\.variables\.([A-Za-z_][\w]*)$/.exec(body);
  if (match) return scope.stage?.get(match[1]!);
  match = /^stepGroup\.variables\.([A-Za-z_][\w]*)$/.exec(body);
  if (match) return scope.stepGroup?.get(match[1]!);
  match = /^pipeline\.stages\.([A-Za-z_][\w]*)\.variables\.([A-Za-z_][\w]*)$/.exec(body);
  if (match) return scope.stages.get(match[1]!)?.get(match[2]!);
  return undefined;
}

/** Variables `[{name, type, value}]` whose values are fixed text (String and Number; not Secret, not runtime inputs unless their defaults count). */
function fixedVariables(list: unknown, inputDefaults: boolean): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(list)) return out;
  for (const variable of list) {
    if (!isPlainObject(variable) || typeof variable["name"] !== "string" || variable["type"] === "Secret") continue;
    const value = variable["value"];
    if (typeof value === "number" || typeof value === "boolean") out.set(variable["name"], String(value));
    else if (typeof value === "string") {
      const input = parseRuntimeInput(value);
      if (!input) out.set(variable["name"], value);
      else if (inputDefaults && input.default !== undefined) out.set(variable["name"], input.default);
    }
  }
  return out;
}

function forEachStage(pipeline: Record<string, unknown>, visit: (stage: Record<string, unknown>) => void): void {
  const stages = pipeline["stages"];
  if (!Array.isArray(stages)) return;
  for (const entry of stages) {
    if (!isPlainObject(entry)) continue;
    if (isPlainObject(entry["stage"])) visit(entry["stage"]);
    if (Array.isArray(entry["parallel"])) for (const inner of entry["parallel"]) if (isPlainObject(inner) && isPlainObject(inner["stage"])) visit(inner["stage"]);
  }
}

/** The one problem for every expression still without a value (translation needs them all). */
export function missingValuesFinding(missing: readonly MissingExpression[]): Finding | undefined {
  if (missing.length === 0) return undefined;
  const names = [...new Set(missing.map((item) => item.expression))];
  const bodies = names.filter((name) => name !== "<+input>").map((name) => name.slice(2, -1));
  const inputs = missing.filter((item) => item.expression === "<+input>").length;
  const listed = [...names.filter((name) => name !== "<+input>"), ...(inputs > 0 ? [`${inputs} runtime input${inputs === 1 ? "" : "s"} (<+input>)`] : [])];
  return {
    code: missing.some((item) => item.expression !== "<+input>") ? "unresolved-expression" : "unresolved-input",
    message: `${listed.length === 1 ? "this expression has" : "these expressions have"} no value: ${listed.join(", ")}`,
    value: names,
    rule: "a pipeline is translated with every expression resolved: the engine's values, the pipeline's own variables, or an input set for <+input>",
    hint: [bodies.length > 0 ? `give each a value, e.g. --set ${bodies[0]}=VALUE (or --values FILE; the API's values option)` : undefined, inputs > 0 ? "fill runtime inputs with --input-set FILE (the API's inputSet option)" : undefined].filter(Boolean).join("; "),
    path: missing[0]!.path,
    at: "value",
  };
}
