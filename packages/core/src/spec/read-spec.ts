import { closest, distance } from "fastest-levenshtein";
import { containsExpression, holdsSecretExpression, isRuntimeInput, wholeSecretReference } from "../source/expressions.js";
import { secretReferencePattern } from "../rules/identifiers.js";
import { asWritten, quote } from "../problems/format.js";
import type { Path } from "../problems/path.js";
import { describeType, isPlainObject } from "../source/values.js";
import type { ResourcesSpec } from "../rules/resources.js";
import type { ProblemCollector } from "../problems/collector.js";
import { characterRules, forbiddenCharacter, type LineRule } from "../rules/text-checks.js";

/** The shapes a step's spec field can take. */
export type FieldKind = "string" | "stringList" | "stringMap" | "boolean" | "integer" | "resources";

/**
 * One spec field: how to read it, and the words the docs and schemas show for it. Each step
 * package declares a table of these; it is the single place that knows a field exists.
 */
export interface FieldDef {
  kind: FieldKind;
  required?: boolean;
  /** The label Harness's UI shows. */
  title: string;
  /** One or two sentences, in our words. */
  description: string;
  /** The plugin variable the field becomes (for docs), e.g. `PLUGIN_TAGS`. */
  pluginEnv?: string;
  default?: string | boolean | number;
  examples?: readonly unknown[];
  /**
   * For a required field Harness turns into a plugin variable: the variable Harness names when
   * the field is present but empty (`Environment variable PLUGIN_REGISTRY can't be empty or null`).
   */
  emptyEnv?: string;
}

/** The fields of a spec, one FieldDef per key of its interface. */
export type FieldTable<Spec = Record<string, unknown>> = { readonly [K in keyof Spec]-?: FieldDef };

/** How a field reads: maps become `[name, value]` entries in the order written; the rest as typed. */
export type ReadValue<T> = T extends readonly unknown[] ? T : T extends Readonly<Record<string, string>> ? [string, string][] : T;

/** A spec read against its field table: strings keep the text the user wrote. */
export type ReadSpec<Spec = Record<string, unknown>> = { [K in keyof Spec]: ReadValue<Spec[K]> };

/** What readSpec could read: any field may be missing until its problems are known to be none. */
export type PartialReadSpec<Spec = Record<string, unknown>> = { [K in keyof Spec]?: ReadValue<Exclude<Spec[K], undefined>> };


export interface ReadContext {
  stepType: string;
  identifier: string;
  collector: ProblemCollector;
  /** Path of the spec inside the step, normally `["spec"]`. */
  base: Path;
  /**
   * The spec is checked as written: an expression left in it (a connector reference, a map key)
   * is accepted, since the value it stands for is not known. Planning as written puts stand-ins
   * for the other expressions before the spec is read (plan/as-written.ts).
   */
  asWritten?: boolean;
}

/**
 * Read `raw` against `fields`: report unknown keys (with the nearest known key), wrong types,
 * missing required fields and unresolved expressions. Returns what could be read; callers
 * must check the collector before trusting it.
 */
export function readSpec<Spec>(fields: FieldTable<Spec>, raw: unknown, ctx: ReadContext): PartialReadSpec<Spec> {
  const out: Record<string, unknown> = {};
  if (raw === null || raw === undefined) {
    ctx.collector.add(ctx.base, {
      code: "missing-field",
      message: `step ${ctx.identifier} of type ${ctx.stepType} has no spec`,
      rule: "every build-and-push step needs a spec with its required fields",
    });
    return {};
  }
  if (!isPlainObject(raw)) {
    ctx.collector.add(ctx.base, {
      code: "wrong-type",
      message: `spec must be a map of fields, not ${describeType(raw)}`,
      value: raw,
      rule: "spec is a YAML mapping",
    });
    return {};
  }
  const known = Object.keys(fields);
  for (const key of Object.keys(raw)) {
    if (Object.prototype.hasOwnProperty.call(fields, key)) continue;
    const suggestion = known.length > 0 ? closest(key, known) : undefined;
    // Harness's step classes ignore unknown properties, so Harness runs the step: a warning.
    ctx.collector.add(
      [...ctx.base, key],
      {
        code: "unknown-field",
        severity: "warning",
        message: `unknown field ${quote(key)} in the spec of a ${ctx.stepType} step: Harness ignores this key`,
        value: key,
        rule: `the fields of ${ctx.stepType} are: ${known.join(", ")}`,
        ...(suggestion && similar(key, suggestion) ? { hint: `did you mean ${quote(suggestion)}?` } : {}),
      },
      "key",
    );
  }
  for (const name of Object.keys(fields)) {
    const def = (fields as Readonly<Record<string, FieldDef>>)[name]!;
    const present = Object.prototype.hasOwnProperty.call(raw, name);
    const value = present ? (raw as Record<string, unknown>)[name] : undefined;
    // Most optional fields are absent: skip them before building a path (this runs per step).
    if (!def.required && isAbsent(value)) continue;
    const path = [...ctx.base, name];
    if (def.required && value === "" && def.emptyEnv) {
      ctx.collector.add(path, {
        code: "missing-field",
        message: `Environment variable ${def.emptyEnv} can't be empty or null`,
        value,
        rule: `${name} is required and cannot be empty`,
      });
      continue;
    }
    if (def.required && (isAbsent(value) || (!ctx.asWritten && isRuntimeInput(value)))) {
      ctx.collector.add(path, {
        code: isRuntimeInput(value) ? "unresolved-input" : "missing-field",
        message: `Failed to resolve mandatory field ${name} in step type ${ctx.stepType} with identifier ${ctx.identifier}`,
        ...(present ? { value } : {}),
        rule: isRuntimeInput(value)
          ? "a runtime input (<+input>) must be resolved before the step is translated"
          : `${name} is required`,
      }, present ? "value" : "key");
      continue;
    }
    if (isAbsent(value)) continue;
    const read = readField(def.kind, value, path, name, ctx);
    if (read !== undefined) out[name] = read;
  }
  // Each value was read by its FieldDef's kind, which the generator derives from the same interface.
  return out as PartialReadSpec<Spec>;
}

function readField(kind: FieldKind, value: unknown, path: Path, name: string, ctx: ReadContext): unknown {
  switch (kind) {
    case "string":
      return readString(value, path, ctx);
    case "stringList": {
      if (!Array.isArray(value)) return wrongType(value, path, `${name} must be a list of strings`, ctx);
      const items: string[] = [];
      let unreadable = false;
      value.forEach((item, index) => {
        const text = isPlainText(item, "single-line") ? item : readString(item, [...path, index], ctx, true);
        if (text !== undefined) items.push(text);
        else unreadable = true;
      });
      // Without the items already reported the list would draw more, misleading problems (no tags left: "tags can't be empty").
      return unreadable ? undefined : items;
    }
    case "stringMap": {
      if (!isPlainObject(value)) return wrongType(value, path, `${name} must be a map of names to strings`, ctx);
      const entries: [string, string][] = [];
      for (const key of Object.keys(value)) {
        const item = value[key];
        const keyOk = isPlainText(key, "single-line") || (checkCharacters(key, [...path, key], ctx, "single-line", "key") && checkExpression(key, [...path, key], ctx, "key"));
        // Values may span lines (a build arg or label can); names cannot.
        const secret = name === "envVariables" ? wholeSecretReference(item) : undefined;
        // `<+secrets.getValue("x")>` as a whole variable value stays the expression: planning makes it the secret reference x.
        const text = secret !== undefined ? (checkSecretReference(secret, [...path, key], ctx) ? (item as string) : undefined) : item === null ? "" : isPlainText(item, "multi-line") ? item : readString(item, [...path, key], ctx, true, "multi-line");
        if (keyOk && text !== undefined) entries.push([key, text]);
      }
      return entries;
    }
    case "boolean":
      if (typeof value === "boolean") return value;
      if (value === "true" || value === "false") return value === "true";
      if (isRuntimeInput(value) || containsExpression(value)) return void checkExpression(value, path, ctx);
      return wrongType(value, path, `${name} must be true or false`, ctx);
    case "integer": {
      if (typeof value === "number" && Number.isInteger(value)) return value;
      if (typeof value === "string" && /^[0-9]+$/.test(value.trim())) return Number(value.trim());
      if (isRuntimeInput(value) || containsExpression(value)) return void checkExpression(value, path, ctx);
      ctx.collector.add(path, {
        code: name === "runAsUser" ? "invalid-run-as-user" : "wrong-type",
        // The text as written: a number too large for JavaScript (1e400) is Infinity.
        message: `Invalid value ${asWritten(ctx.collector.textOf(path) ?? value)}, Value should be number`,
        value,
        rule: `${name} is a whole number`,
      });
      return undefined;
    }
    case "resources":
      return readResources(value, path, ctx);
  }
}

/**
 * A string that readString would return as it is, reporting nothing. Lists and maps check this
 * first, so the path of an item, needed only to report it or to find a number's text, is built
 * only for the few items that need one (a path per item was a quarter of what translating a
 * step allocated; docs/performance.md).
 */
function isPlainText(value: unknown, lines: LineRule): value is string {
  return typeof value === "string" && forbiddenCharacter(value, lines) === undefined && !isRuntimeInput(value) && !containsExpression(value);
}

function readString(value: unknown, path: Path, ctx: ReadContext, inList = false, lines: LineRule = "single-line"): string | undefined {
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "number" || typeof value === "boolean") text = ctx.collector.textOf(path) ?? String(value);
  else {
    wrongType(value, path, inList ? "each item must be a single string" : "the value must be a string", ctx);
    return undefined;
  }
  if (!checkCharacters(text, path, ctx, lines) || !checkExpression(text, path, ctx)) return undefined;
  return text;
}

/**
 * True when the text holds no control character it may not; otherwise reports it. Every string
 * of a spec reaches a builder's argv, a container's environment or a message.
 */
function checkCharacters(text: string, path: Path, ctx: ReadContext, lines: LineRule, at: "key" | "value" = "value"): boolean {
  const found = forbiddenCharacter(text, lines);
  if (found === undefined) return true;
  ctx.collector.add(path, {
    code: "invalid-character",
    message: `${quote(text)} holds the control character ${found}`,
    value: text,
    rule: characterRules[lines],
  }, at);
  return false;
}

/** True when the value holds no unresolved expression; otherwise reports it. */
function checkExpression(value: unknown, path: Path, ctx: ReadContext, at: "key" | "value" = "value"): boolean {
  if (holdsSecretExpression(value)) {
    const inEnv = path[path.length - 2] === "envVariables";
    ctx.collector.add(path, {
      code: "secret-not-allowed",
      message: inEnv ? "a secret expression can only be the whole value of a variable (its value is never composed into text)" : "a secret expression cannot be used here: this field reaches the container as plain text",
      rule: "buildpush carries secrets as references, never as values: <+secrets.getValue(\"name\")> is allowed as the whole value of an envVariables entry (or of a pipeline or stage variable), which becomes the secret reference name",
      hint: inEnv ? "give the secret a variable of its own: NAME: <+secrets.getValue(\"name\")>" : "pass the secret as an envVariables entry and read it from the environment",
    }, at);
    return false;
  }
  if (ctx.asWritten) return true;
  if (isRuntimeInput(value)) {
    ctx.collector.add(path, {
      code: "unresolved-input",
      message: `${quote(value)} is a runtime input that was never resolved`,
      value,
      rule: "buildpush translates resolved steps: give the value when the pipeline runs",
    }, at);
    return false;
  }
  if (containsExpression(value)) {
    ctx.collector.add(path, {
      code: "unresolved-expression",
      message: `${quote(value)} holds a Harness expression that was never resolved`,
      value,
      rule: "expressions (<+...>) are resolved by the engine before translation",
    }, at);
    return false;
  }
  return true;
}

/** A secret expression names its secret by reference: an identifier, optionally prefixed with account. or org. */
function checkSecretReference(ref: string, path: Path, ctx: ReadContext): boolean {
  if (secretReferencePattern.test(ref)) return true;
  ctx.collector.add(path, {
    code: "invalid-secret-reference",
    message: `<+secrets.getValue(...)> names ${quote(ref)}, which is not a secret reference`,
    value: ref,
    rule: "a secret reference is an identifier, optionally prefixed with account. or org.",
  });
  return false;
}

function readResources(value: unknown, path: Path, ctx: ReadContext): ResourcesSpec | undefined {
  if (!isPlainObject(value)) return wrongType(value, path, "resources must be a map with limits", ctx);
  const out: ResourcesSpec = {};
  for (const key of Object.keys(value)) {
    if (key !== "limits") {
      ctx.collector.add([...path, key], {
        code: "unknown-field",
        severity: "warning",
        message: `unknown field ${quote(key)} in resources: Harness ignores this key`,
        value: key,
        rule: "resources holds only limits (memory and cpu)",
      }, "key");
    }
  }
  const limits = value["limits"];
  if (isAbsent(limits)) return out;
  if (!isPlainObject(limits)) return wrongType(limits, [...path, "limits"], "limits must be a map with memory and cpu", ctx);
  out.limits = {};
  for (const key of Object.keys(limits)) {
    if (key !== "memory" && key !== "cpu") {
      ctx.collector.add([...path, "limits", key], {
        code: "unknown-field",
        severity: "warning",
        message: `unknown field ${quote(key)} in resources.limits: Harness ignores this key`,
        value: key,
        rule: "limits holds memory and cpu",
      }, "key");
      continue;
    }
    if (isAbsent(limits[key])) continue;
    const text = isPlainText(limits[key], "single-line") ? limits[key] : readString(limits[key], [...path, "limits", key], ctx);
    if (text !== undefined && text !== "") out.limits[key] = text;
  }
  return out;
}

function wrongType(value: unknown, path: Path, rule: string, ctx: ReadContext): undefined {
  ctx.collector.add(path, {
    code: "wrong-type",
    message: `expected ${rule.replace(/^.* must be /, "").replace(/^the value must be /, "")}, found ${describeType(value)}`,
    value,
    rule,
  });
  return undefined;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** A suggestion is only worth showing when it is close to what was typed. */
function similar(typed: string, known: string): boolean {
  const a = typed.toLowerCase();
  const b = known.toLowerCase();
  if (a === b) return true;
  return distance(a, b) <= Math.max(2, Math.floor(known.length / 3));
}
