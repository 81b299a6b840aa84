import { parseDocument } from "yaml";
import type { Problem } from "@buildpush/core";
import { BuildpushError } from "@buildpush/core";
import { checkYamlTokens, defaultInputLimits, type InputLimits } from "./input-limits.js";
import { readInput } from "./inputs.js";
import { UsageError, type CliIo } from "./io.js";

/** The options that give expressions their values: translate, explain, run and validate take them. */
export const valueOptions = {
  set: { type: "string", multiple: true },
  values: { type: "string" },
  "input-set": { type: "string" },
  templates: { type: "string", multiple: true },
} as const;

export interface GivenValues {
  values?: Record<string, string>;
  inputSet?: string;
  inputSetFile?: string;
  /** `--templates FILE`...: Harness template files the pipeline's template uses expand from. */
  templates?: { file: string; text: string }[];
}

/**
 * `--values FILE` (a YAML or JSON map from expression body to value; nested maps join their keys
 * with `.`), then `--set NAME=VALUE` over it, and `--input-set FILE`. A secret is never given a
 * value: `<+secrets.getValue(...)>` becomes a secret reference without one.
 */
export function readGivenValues(
  io: CliIo,
  options: { set?: string[] | undefined; values?: string | undefined; "input-set"?: string | undefined; templates?: string[] | undefined },
  problems: Problem[],
  limits: InputLimits = defaultInputLimits,
): GivenValues {
  const given: GivenValues = {};
  const values: [string, string][] = [];
  if (options.values !== undefined) for (const entry of valuesFile(readValuesFile(io, options.values, limits), options.values, problems)) values.push(entry);
  for (const item of options.set ?? []) {
    const at = item.indexOf("=");
    if (at <= 0) throw new UsageError(`--set takes NAME=VALUE, the name being an expression's body (e.g. pipeline.sequenceId=42), not ${JSON.stringify(item)}`);
    values.push([item.slice(0, at).trim().replace(/^<\+(.*)>$/, "$1"), item.slice(at + 1)]);
  }
  for (const [name] of values) if (/^secrets\./.test(name)) throw new UsageError(`${JSON.stringify(name)}: secrets are never given values; <+secrets.getValue("name")> becomes the secret reference name`);
  if (options.values !== undefined || values.length > 0) given.values = Object.fromEntries(values);
  const inputSetFile = options["input-set"];
  if (inputSetFile !== undefined) {
    // Core parses it with the pipeline's limits (--max-yaml-tokens).
    given.inputSet = readInput(io, inputSetFile, limits);
    given.inputSetFile = inputSetFile;
  }
  // Core parses them with the pipeline's limits (--max-yaml-tokens).
  if (options.templates !== undefined) given.templates = options.templates.map((file) => ({ file, text: readInput(io, file, limits) }));
  return given;
}

/** The values file's text, held to the input limits: its size while it is read, its tokens before it is parsed. */
function readValuesFile(io: CliIo, file: string, limits: InputLimits): string {
  const text = readInput(io, file, limits);
  const tooMany = checkYamlTokens(text, file, limits);
  if (tooMany) throw new BuildpushError([tooMany]);
  return text;
}

function valuesFile(text: string, file: string, problems: Problem[]): [string, string][] {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    for (const error of document.errors) problems.push({ code: "yaml-syntax", severity: "error", message: error.message.split(" at line")[0]!, position: { file, line: error.linePos?.[0]?.line ?? 1, column: error.linePos?.[0]?.col ?? 1 } });
    return [];
  }
  const root: unknown = document.toJS();
  if (root === null || root === undefined) return [];
  if (typeof root !== "object" || Array.isArray(root)) {
    problems.push({ code: "wrong-type", severity: "error", message: "a values file is a map from expression (pipeline.sequenceId) to value", rule: "--values takes a YAML or JSON map", position: { file, line: 1, column: 1 } });
    return [];
  }
  const out: [string, string][] = [];
  const flatten = (node: Record<string, unknown>, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const name = prefix === "" ? key : `${prefix}.${key}`;
      if (value !== null && typeof value === "object" && !Array.isArray(value)) flatten(value as Record<string, unknown>, name);
      else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") out.push([name, String(value)]);
      else problems.push({ code: "wrong-type", severity: "error", message: `${name} must have a single value`, field: name, rule: "values are strings, numbers or booleans", position: { file, line: 1, column: 1 } });
    }
  };
  flatten(root as Record<string, unknown>, "");
  return out;
}
