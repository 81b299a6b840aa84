import { closest, distance } from "fastest-levenshtein";
import type { ProblemCollector } from "../problems/collector.js";
import { asWritten, quote } from "../problems/format.js";
import type { Path } from "../problems/path.js";
import type { ProblemCode } from "../problems/problem.js";
import { containsExpression } from "../source/expressions.js";
import { describeType, isPlainObject } from "../source/values.js";
import { connectorReferencePattern, connectorReferenceRule } from "../rules/identifiers.js";

/**
 * Readers for the settings of a pipeline's stages and steps (infrastructure, when, failure
 * strategies, strategy): each value is read into its type or refused at its line, never dropped.
 * A value holding an expression was never resolved, so it is refused too: the engine resolves
 * expressions before translation.
 */
export class FieldReader {
  constructor(readonly collector: ProblemCollector) {}

  /** Whether a field is left out: absent, null or the empty string (Harness's forms of "not set"). */
  static absent(value: unknown): boolean {
    return value === undefined || value === null || value === "";
  }

  /** Report a problem at `path` (at its value, or its key for a problem of the whole map or list there); undefined, for `return`. */
  fail(path: Path, code: ProblemCode, message: string, value: unknown, rule: string, hint?: string, at: "key" | "value" = "value"): undefined {
    this.collector.add(path, { code, message, ...(value !== undefined ? { value } : {}), rule, ...(hint ? { hint } : {}) }, at);
    return undefined;
  }

  /** True (and reported) when a value is text holding an unresolved expression. */
  unresolved(value: unknown, path: Path, field: string): boolean {
    const text = firstExpression(value);
    if (text === undefined) return false;
    const input = /^<\+input>/.test(text.trim());
    this.fail(path, input ? "unresolved-input" : "unresolved-expression", `${field} holds ${quote(text)}, which was never resolved`, text, "expressions and runtime inputs are resolved by the engine before translation");
    return true;
  }

  /** Unknown keys of a settings map: each one is refused at its key, with the nearest known one. */
  knownKeys(map: Record<string, unknown>, known: readonly string[], path: Path, what: string): void {
    for (const key of Object.keys(map)) {
      if (known.includes(key)) continue;
      const suggestion = known.length > 0 ? closest(key, [...known]) : undefined;
      const near = suggestion !== undefined && distance(key.toLowerCase(), suggestion.toLowerCase()) <= 3;
      this.collector.add(
        [...path, key],
        {
          code: "unknown-field",
          message: `unknown field ${quote(key)} in ${what}`,
          value: key,
          rule: `${what} holds ${known.join(", ")}; a field buildpush does not know would be dropped from what the engine runs`,
          ...(near ? { hint: `did you mean ${quote(suggestion)}?` } : {}),
        },
        "key",
      );
    }
  }

  map(value: unknown, path: Path, field: string): Record<string, unknown> | undefined {
    if (FieldReader.absent(value)) return undefined;
    if (typeof value === "string" && this.unresolved(value, path, field)) return undefined;
    if (isPlainObject(value)) return value;
    return this.fail(path, "wrong-type", `${field} must be a map, found ${describeType(value)}`, value, `${field} is a YAML mapping`);
  }

  list(value: unknown, path: Path, field: string): unknown[] | undefined {
    if (FieldReader.absent(value)) return undefined;
    if (typeof value === "string" && this.unresolved(value, path, field)) return undefined;
    if (Array.isArray(value)) return value;
    return this.fail(path, "wrong-type", `${field} must be a list, found ${describeType(value)}`, value, `${field} is a YAML list`);
  }

  /** A string; a number or boolean is read as the text written (`1.10` stays `1.10`), as Harness reads it. */
  string(value: unknown, path: Path, field: string, check?: { valid: (text: string) => boolean; rule: string; code?: ProblemCode }): string | undefined {
    if (FieldReader.absent(value)) return undefined;
    if (this.unresolved(value, path, field)) return undefined;
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
      return this.fail(path, "wrong-type", `${field} must be a single value, found ${describeType(value)}`, value, check?.rule ?? `${field} is text`);
    }
    const text = typeof value === "string" ? value : (this.collector.textOf(path) ?? String(value));
    if (check && !check.valid(text)) return this.fail(path, check.code ?? "invalid-option", `${field} ${quote(text)} is not valid`, text, check.rule);
    return text;
  }

  /** One of `values`; with `anyCase`, read as Harness reads its enums (case-insensitively) and given back as spelt here. */
  oneOf<T extends string>(value: unknown, path: Path, field: string, values: readonly T[], anyCase = false): T | undefined {
    if (FieldReader.absent(value)) return undefined;
    if (this.unresolved(value, path, field)) return undefined;
    const found = typeof value === "string" ? values.find((known) => known === value || (anyCase && known.toLowerCase() === value.toLowerCase())) : undefined;
    if (found !== undefined) return found;
    return this.fail(path, "invalid-option", `${field} ${quote(value)} is not one Harness accepts`, value, `${field} is one of ${values.join(", ")}${anyCase ? " (in any case)" : ""}`);
  }

  /** true or false, or the strings "true" and "false" (as Harness reads a boolean setting). */
  boolean(value: unknown, path: Path, field: string): boolean | undefined {
    if (FieldReader.absent(value)) return undefined;
    if (this.unresolved(value, path, field)) return undefined;
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    return this.fail(path, "wrong-type", `${field} cannot be ${describeType(value)}`, value, `${field} is true or false`);
  }

  /** A whole number from `min` to `max`, written as a number or as digits. */
  integer(value: unknown, path: Path, field: string, min: number, max: number, code: ProblemCode = "wrong-type"): number | undefined {
    if (FieldReader.absent(value)) return undefined;
    if (this.unresolved(value, path, field)) return undefined;
    const number = typeof value === "number" ? value : typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : NaN;
    if (Number.isInteger(number) && number >= min && number <= max) return number;
    const written = this.collector.textOf(path) ?? value;
    return this.fail(path, code, `${field} ${asWritten(written)} is not a whole number from ${min} to ${max}`, written, `${field} is a whole number from ${min} to ${max}`);
  }

  /** A map of text values whose keys and values pass the given rules (label keys, label values). */
  stringMap(value: unknown, path: Path, field: string, rules: { key?: Rule; value?: Rule } = {}): Record<string, string> | undefined {
    const map = this.map(value, path, field);
    if (!map) return undefined;
    const out: Record<string, string> = {};
    for (const key of Object.keys(map)) {
      const at = [...path, key];
      if (rules.key && !rules.key.valid(key)) {
        this.collector.add(at, { code: "invalid-map-entry", message: `${field} key ${quote(key)} is not valid`, value: key, rule: rules.key.rule }, "key");
        continue;
      }
      const text = this.string(map[key], at, `${field}.${key}`, rules.value);
      if (text !== undefined) out[key] = text;
      else if (FieldReader.absent(map[key]) && rules.value && !rules.value.valid("")) this.fail(at, "invalid-map-entry", `${field}.${key} has no value`, map[key], rules.value.rule);
      else if (FieldReader.absent(map[key])) out[key] = "";
    }
    return out;
  }

  /** A list of text items, each passing `rule` when given; undefined when any item is refused. */
  stringList(value: unknown, path: Path, field: string, rule?: Rule): string[] | undefined {
    const list = this.list(value, path, field);
    if (!list) return undefined;
    const out: string[] = [];
    let ok = true;
    list.forEach((item, index) => {
      const at = [...path, index];
      if (FieldReader.absent(item)) {
        ok = false;
        this.fail(at, "invalid-list-item", `${field}[${index}] is empty`, item, rule?.rule ?? `${field} holds text items`);
        return;
      }
      const text = this.string(item, at, `${field}[${index}]`, rule);
      if (text !== undefined) out.push(text);
      else ok = false;
    });
    // A list with a refused item is refused whole (each item reported): none of it is half-carried.
    return ok ? out : undefined;
  }
}

/** A check of a text value: whether it passes, and the rule in words. */
export interface Rule {
  valid: (text: string) => boolean;
  rule: string;
  code?: ProblemCode;
}

/** A connector reference (`harnessImageConnectorRef`, a cluster's `connectorRef`). */
export const connectorReference: Rule = { valid: (text) => connectorReferencePattern.test(text), rule: connectorReferenceRule };

/** The value when it is text holding an expression. */
function firstExpression(value: unknown): string | undefined {
  return typeof value === "string" && containsExpression(value) ? value : undefined;
}
