import { quote } from "../problems/format.js";
import { type ProblemCode } from "../problems/problem.js";
import { formatPath, type Path } from "../problems/path.js";
import type { ProblemCollector, ProblemDraft } from "../problems/collector.js";
import { describeType, isPlainObject } from "../source/values.js";
import type { FieldTable } from "./read-spec.js";

/** An error as Ajv's precompiled validators report it (the subset buildpush reads). */
export interface SchemaError {
  /** JSON pointer to the value, e.g. `/tags/1`. */
  instancePath: string;
  /** Where the broken keyword is in the schema, e.g. `#/properties/tags/items/pattern`. */
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  /** Set on the errors of a map key that breaks `propertyNames`. */
  propertyName?: string;
  message?: string;
}

/** A validator compiled ahead of time by Ajv (standalone code): no schema is compiled at run time. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

/** What breaking one schema constraint means: the problem code and the rule in words. */
export interface SchemaRule {
  code: ProblemCode;
  rule: string;
}

/**
 * A step type's resolved schema (`schemas/<type>.resolved.json`) as the runtime uses it: its
 * precompiled validator and, by schema path, the rule behind each constraint. Step packages
 * generate theirs (`pnpm generate`).
 */
export interface SpecSchema {
  stepType: string;
  validate: SchemaValidator;
  rules: Readonly<Record<string, SchemaRule>>;
}

/**
 * Validate a read spec against the step type's resolved schema and report what the schema
 * rejects and no hand-written check has reported yet. Run it after those checks: on any field
 * they cover, their messages (with hints) win; the schema is the net under them.
 */
export function checkSpecSchema(schema: SpecSchema, spec: Readonly<Record<string, unknown>>, fields: FieldTable, specPath: Path, collector: ProblemCollector): void {
  // Past the problem limit the findings are only counted, so which fields were reported is no longer known.
  if (collector.full) return;
  const resolved = resolvedSpec(spec, fields);
  if (schema.validate(resolved)) return;
  const reported = new ReportedFields(collector.findings.filter((finding) => finding.path.length > 0 && finding.severity !== "warning").map((finding) => formatPath(finding.path)));
  const added = new Set<string>();
  for (const error of schema.validate.errors ?? []) {
    // Ajv reports a bad map key twice: as the key's own error (with the rule) and as "propertyNames".
    if (error.keyword === "propertyNames") continue;
    const { path, key } = errorPath(error, resolved);
    const full = [...specPath, ...path, ...(key === undefined ? [] : [key])];
    const field = formatPath(full);
    if (reported.overlaps(field, full) || added.has(`${field} ${error.schemaPath}`)) continue;
    added.add(`${field} ${error.schemaPath}`);
    collector.add(full, problemFor(error, schema.rules[error.schemaPath], path, key, valueAt(resolved, path)), key === undefined ? "value" : "key");
  }
}

/**
 * The spec as the typed interface holds it (`DockerRegistrySpec`, ...): readSpec keeps maps as
 * ordered entries, the schema sees them as maps.
 */
export function resolvedSpec(spec: Readonly<Record<string, unknown>>, fields: FieldTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(spec)) {
    const value = spec[name];
    if (value === undefined) continue;
    out[name] = fields[name]?.kind === "stringMap" && Array.isArray(value) ? Object.fromEntries(value as [string, string][]) : value;
  }
  return out;
}

/** The path of the value an error is about and, for errors about a map key, that key. */
function errorPath(error: SchemaError, data: unknown): { path: Path; key?: string } {
  const path: (string | number)[] = [];
  let node = data;
  for (const raw of error.instancePath.split("/").slice(1)) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const key = Array.isArray(node) ? Number(segment) : segment;
    path.push(key);
    node = isPlainObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  const key = error.propertyName ?? error.params["additionalProperty"] ?? error.params["missingProperty"];
  return typeof key === "string" ? { path, key } : { path };
}

function problemFor(error: SchemaError, rule: SchemaRule | undefined, path: Path, key: string | undefined, value: unknown): ProblemDraft {
  const name = formatPath(path);
  switch (error.keyword) {
    case "required":
      return { code: "missing-field", message: `${formatPath([...path, key ?? ""])} is required`, rule: `${name || "the spec"} holds ${key}` };
    case "additionalProperties":
      return { code: "unknown-field", message: `unknown field ${quote(key)}`, value: key, rule: `${name || "the spec"} holds only the fields its schema lists` };
    case "type":
      return { code: "wrong-type", message: `expected ${String(error.params["type"])}, found ${describeType(value)}`, value, rule: `${name} is ${String(error.params["type"])}` };
  }
  const words = rule?.rule ?? error.message ?? `${name} breaks the schema's ${error.keyword} rule`;
  const code = rule?.code ?? "wrong-type";
  if (key !== undefined) return { code, message: `${name} name ${quote(key)} is not valid`, value: key, rule: words };
  if (error.keyword === "minItems" || error.keyword === "maxItems") {
    return { code, message: `${name} holds ${Array.isArray(value) ? value.length : 0} item(s)`, value, rule: words };
  }
  return { code, message: `${name} ${quote(value)} is not valid`, value, rule: words };
}

function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const segment of path) {
    if (!isPlainObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/**
 * The fields problems were already reported on. Two field paths overlap when one is the other or
 * lies inside it (`spec.tags` and `spec.tags[1]`). Indexed, so asking costs the field's own
 * length and not the number of problems: comparing every pair took minutes for a spec with
 * 100 000 bad tags.
 */
class ReportedFields {
  private readonly exact = new Set<string>();
  /** Every field some reported field lies inside (`spec` and `spec.tags` for `spec.tags[1]`). */
  private readonly containing = new Set<string>();

  constructor(fields: readonly string[]) {
    for (const field of fields) {
      this.exact.add(field);
      for (const end of segmentEnds(field)) this.containing.add(field.slice(0, end));
    }
  }

  overlaps(field: string, path: Path): boolean {
    if (this.exact.has(field) || this.containing.has(field)) return true;
    for (let length = 1; length < path.length; length++) if (this.exact.has(formatPath(path.slice(0, length)))) return true;
    return false;
  }
}

/** Where each segment of a formatted path but the last ends: before each `.` and `[`, skipping quoted keys (`["a.b"]`). */
function segmentEnds(field: string): number[] {
  const ends: number[] = [];
  for (let i = 1; i < field.length; i++) {
    const char = field[i];
    if (char === ".") ends.push(i);
    else if (char === "[") {
      ends.push(i);
      if (field[i + 1] === '"') {
        // Skip the JSON string to its closing quote, escapes included.
        for (i += 2; i < field.length && field[i] !== '"'; i++) if (field[i] === "\\") i++;
      }
    }
  }
  return ends;
}
