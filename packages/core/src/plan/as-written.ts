import type { Finding } from "../problems/collector.js";
import { asWritten, quote } from "../problems/format.js";
import { formatPath, type Path } from "../problems/path.js";
import { expressionSpans, holdsSecretExpression, isWholeExpression, parseRuntimeInput } from "../source/expressions.js";
import { isPlainObject, setOwn } from "../source/values.js";
import type { FieldDef } from "../spec/read-spec.js";
import type { StepHandler } from "./step-handler.js";
import { isStrategyExpression } from "../pipeline/strategy.js";

/**
 * Checking a pipeline as its author wrote it, expressions and all. An expression's value is not
 * known, but the text around it is, so the step is checked with stand-ins in place of its
 * expressions, twice, with two different stand-ins (`0` and `a`): a problem both runs find is
 * one no value of the expression can mend (`feature/<+codebase.branch>` is no tag whatever the
 * branch), a problem only one run finds depends on the value and is not reported. A field that
 * is wholly an expression fits any type: it gets a valid value of its field (its documented
 * example) and nothing is reported on it. `<+input>` with `.default(...)` or `.allowedValues(...)`
 * has each value it gives checked, in runs of their own. Connector references that are
 * expressions stay: planning checks the step against a stand-in connector. A looping strategy's
 * expressions (`<+matrix.arch>`, `<+strategy.iteration>`) stay as written: find-steps resolves
 * them per instance, so each instance is checked with its own values (and two instances never
 * look like two pushes of one tag). A strategy setting that is wholly an expression gets a
 * value that makes one instance.
 */
export interface AsWrittenRuns {
  /** The documents of the two main runs. */
  main: unknown[];
  /** One document per value a runtime input gives, with the paths (formatted) that hold a given value in it. */
  given: { document: unknown; paths: Map<string, string> }[];
  /** Per formatted path, the text as written and what run 0 put in its place. */
  substituted: Map<string, { original: string; replaced: string }>;
  /** Formatted paths of values that are wholly an expression: nothing is reported on them. */
  unknown: Set<string>;
  /** Problems of runtime inputs' modifiers, with paths from the document root. */
  findings: Finding[];
}

const candidates = ["0", "a"] as const;
const remove = Symbol("remove");

interface Place {
  handler?: StepHandler;
  /** Index of `spec` in the path when inside a build-and-push step's spec. */
  specAt?: number;
}

export function asWrittenRuns(document: unknown, handlers: ReadonlyMap<string, StepHandler>): AsWrittenRuns {
  const runs: AsWrittenRuns = { main: [], given: [], substituted: new Map(), unknown: new Set(), findings: [] };
  const givenValues = new Map<string, { path: Path; values: string[] }>();
  // First pass: what each expression is, the modifiers' problems and given values.
  visitStrings(document, [], {}, handlers, (text, path, place) => {
    const def = fieldOf(path, place);
    const input = parseRuntimeInput(text);
    if (input && place.specAt !== undefined) {
      const problems = inputProblems(input, text);
      for (const problem of problems) runs.findings.push({ code: "invalid-runtime-input", message: problem, value: text, rule: "a runtime input is <+input> with .default(v), .allowedValues(a,b,...) and .regex(r) modifiers; the default is one of the allowed values and matches the regex", path, at: "value" });
      const values = [...(input.default !== undefined ? [input.default] : []), ...(input.allowedValues ?? [])].filter((value, index, all) => all.indexOf(value) === index);
      if (values.length > 0 && problems.length === 0 && def) givenValues.set(formatPath(path), { path, values });
    }
    return text;
  });
  const maxGiven = Math.max(0, ...[...givenValues.values()].map((entry) => entry.values.length));
  const make = (candidate: string, given?: number): { document: unknown; paths: Map<string, string> } => {
    const paths = new Map<string, string>();
    const out = visitStrings(document, [], {}, handlers, (text, path, place) => {
      const field = place.specAt !== undefined ? path[place.specAt + 1] : undefined;
      if (field === "connectorRef" || field === "baseImageConnectorRefs") return text;
      const key = formatPath(path);
      const entry = given === undefined ? undefined : givenValues.get(key);
      if (entry && given! < entry.values.length) {
        paths.set(key, entry.values[given!]!);
        return valueFor(entry.values[given!]!, fieldOf(path, place), path, place);
      }
      if (isWholeExpression(text)) {
        if (place.specAt === undefined) {
          const setting = strategyStandIn(path, candidate);
          if (setting !== undefined) return setting;
          return typeof path[path.length - 1] === "number" ? candidate : remove;
        }
        runs.unknown.add(key);
        return standIn(fieldOf(path, place), path, place);
      }
      const replaced = replaceExpressions(text, candidate);
      if (given === undefined && candidate === candidates[0]) runs.substituted.set(key, { original: text, replaced });
      return replaced;
    });
    return { document: out, paths };
  };
  for (const candidate of candidates) runs.main.push(make(candidate).document);
  for (let index = 0; index < maxGiven; index++) runs.given.push(make(candidates[0], index));
  return runs;
}

/** Every expression of the text (secrets and a strategy's aside) replaced by the candidate. */
function replaceExpressions(text: string, candidate: string): string {
  let out = "";
  let last = 0;
  for (const span of expressionSpans(text)) {
    const written = text.slice(span.start, span.end);
    out += text.slice(last, span.start) + (holdsSecretExpression(written) || isStrategyExpression(span.body) ? written : candidate);
    last = span.end;
  }
  return out + text.slice(last);
}

function inputProblems(input: NonNullable<ReturnType<typeof parseRuntimeInput>>, text: string): string[] {
  const problems: string[] = [];
  if (input.malformed !== undefined) return [`${quote(text)} is not a runtime input Harness reads: ${quote(input.malformed)} is not a modifier`];
  let regex: RegExp | undefined;
  if (input.regex !== undefined) {
    try {
      regex = new RegExp(input.regex);
    } catch {
      problems.push(`the regex ${quote(input.regex)} of the runtime input is not a regular expression`);
    }
  }
  if (input.default !== undefined && input.allowedValues && !input.allowedValues.includes(input.default)) problems.push(`the default ${quote(input.default)} is not one of the allowed values ${input.allowedValues.map((value) => quote(value)).join(", ")}`);
  for (const value of [...(input.default !== undefined ? [input.default] : []), ...(input.allowedValues ?? [])]) {
    if (regex && !regex.test(value)) problems.push(`the value ${quote(value)} does not match the runtime input's regex ${quote(input.regex)}`);
  }
  return problems;
}

/** The field definition a spec path belongs to. */
function fieldOf(path: Path, place: Place): FieldDef | undefined {
  if (!place.handler || place.specAt === undefined) return undefined;
  const name = path[place.specAt + 1];
  return typeof name === "string" ? (place.handler.fields as Readonly<Record<string, FieldDef>>)[name] : undefined;
}

/** A given value (a runtime input's default or allowed value) as its field reads it. */
function valueFor(value: string, def: FieldDef | undefined, path: Path, place: Place): unknown {
  const depth = place.specAt === undefined ? 0 : path.length - place.specAt - 2;
  if (def && depth === 0 && def.kind === "stringList") return [value];
  return value;
}

/**
 * A stand-in for a strategy setting that is wholly an expression (`parallelism: <+input>`,
 * a matrix axis of `<+pipeline.variables.archs>`): a value that makes one instance, so the step
 * is still checked. Undefined for paths that are no strategy setting.
 */
function strategyStandIn(path: Path, candidate: string): unknown {
  const at = path.lastIndexOf("strategy");
  if (at < 1 || (path[at - 1] !== "step" && path[at - 1] !== "stepGroup")) return undefined;
  const [kind, key, more] = path.slice(at + 1);
  if (kind === "parallelism" && key === undefined) return 1;
  if (kind === "repeat" && (key === "times" || key === "maxConcurrency") && more === undefined) return 1;
  if (kind === "repeat" && key === "items" && more === undefined) return [candidate];
  if (kind === "matrix" && key === "maxConcurrency" && more === undefined) return 1;
  if (kind === "matrix" && typeof key === "string" && key !== "exclude" && key !== "nodeName" && more === undefined) return [candidate];
  return undefined;
}

/** A valid value of the field the path is in: its documented example or default. */
function standIn(def: FieldDef | undefined, path: Path, place: Place): unknown {
  const depth = place.specAt === undefined ? 0 : path.length - place.specAt - 2;
  const example = def?.examples?.[0];
  if (!def) return "a";
  switch (def.kind) {
    case "string":
      return typeof example === "string" ? example : typeof def.default === "string" ? def.default : "a";
    case "stringList": {
      const items = Array.isArray(example) ? (example as unknown[]).filter((item) => typeof item === "string") : [];
      return depth === 0 ? (items.length > 0 ? items.slice(0, 1) : ["a"]) : (items[0] ?? "a");
    }
    case "stringMap":
      return depth === 0 ? {} : "a";
    case "boolean":
      return typeof def.default === "boolean" ? def.default : true;
    case "integer":
      return typeof example === "number" ? example : 0;
    case "resources": {
      const last = path[path.length - 1];
      return depth === 0 ? {} : last === "memory" ? "500Mi" : last === "cpu" ? "400m" : {};
    }
  }
}

/**
 * A copy of the node with each string that holds an expression replaced by what `replace` gives
 * (or its map entry removed); keys are kept. `place` knows when a path is in the spec of a
 * build-and-push step of a known type.
 */
function visitStrings(node: unknown, path: Path, place: Place, handlers: ReadonlyMap<string, StepHandler>, replace: (text: string, path: Path, place: Place) => unknown): unknown {
  if (typeof node === "string") {
    const spans = expressionSpans(node);
    if (spans.length === 0 && !parseRuntimeInput(node)) return node;
    // Secrets stay as written: planning makes them references (or refuses them where they cannot be one).
    // A strategy's expressions stay too: find-steps resolves them per instance.
    if (spans.every((span) => holdsSecretExpression(node.slice(span.start, span.end)) || isStrategyExpression(span.body))) return node;
    return replace(node, path, place);
  }
  if (Array.isArray(node)) return node.map((item, index) => visitStrings(item, [...path, index], place, handlers, replace));
  if (!isPlainObject(node)) return node;
  const type = node["type"];
  const step = path[path.length - 1] === "step" && typeof type === "string" ? handlers.get(type) : undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    // Identifiers, names and types are never expressions in Harness: they are left to their own checks.
    if (step && (key === "identifier" || key === "name" || key === "type")) {
      setOwn(out, key, node[key]);
      continue;
    }
    const child: Place = step ? (key === "spec" ? { handler: step, specAt: path.length } : {}) : place;
    const value = visitStrings(node[key], [...path, key], child, handlers, replace);
    if (value !== remove) setOwn(out, key, value);
  }
  return out;
}

/** A finding of run 0 told with the text the author wrote instead of the stand-in. */
export function asWrittenFinding(finding: Finding, base: Path, runs: AsWrittenRuns): Finding {
  const entry = runs.substituted.get(formatPath([...base, ...finding.path]));
  if (!entry) return finding;
  const { original, replaced } = entry;
  const fixed: Finding = { ...finding, message: finding.message.split(quote(replaced)).join(quote(original)).split(asWritten(replaced)).join(asWritten(original)) };
  if (finding.value === replaced) fixed.value = original;
  // A suggestion made from the stand-in would show it: leave it out.
  if (fixed.hint?.includes('"')) delete fixed.hint;
  return fixed;
}
