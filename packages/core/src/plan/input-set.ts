import type { Finding } from "../problems/collector.js";
import { quote } from "../problems/format.js";
import type { ProblemCode } from "../problems/problem.js";
import type { Path } from "../problems/path.js";
import type { ScalarText } from "../problems/collector.js";
import { parseRuntimeInput } from "../source/expressions.js";
import { describeType, isPlainObject, setOwn } from "../source/values.js";

/**
 * Fill a pipeline's runtime inputs from a Harness input set: `inputSet: {identifier, pipeline:
 * {...}}`, a copy of the pipeline that holds only the fields that are `<+input>` in it, with
 * their values. Stages, steps and step groups are matched by identifier, variables by name,
 * anything else by position. A value for a field that is not a runtime input, or for a field
 * the pipeline does not have, is a problem (Harness refuses such an input set). Findings have
 * paths in the input set.
 */
export function applyInputSet(pipelineDocument: unknown, inputSet: unknown, text: ScalarText): { document: unknown; findings: Finding[] } {
  const findings: Finding[] = [];
  const root = isPlainObject(inputSet) && isPlainObject(inputSet["inputSet"]) ? inputSet["inputSet"] : undefined;
  if (!root || !isPlainObject(root["pipeline"])) {
    findings.push({ code: "invalid-option", message: `expected a Harness input set with an \`inputSet:\` map holding \`pipeline:\`, found ${describeType(inputSet)}`, rule: "an input set is inputSet: {identifier, pipeline: {identifier, stages: [...], variables: [...]}}", path: [], at: "value" });
    return { document: pipelineDocument, findings };
  }
  if (!isPlainObject(pipelineDocument) || !isPlainObject(pipelineDocument["pipeline"])) return { document: pipelineDocument, findings };
  const filled = fillRuntimeInputs(pipelineDocument["pipeline"], root["pipeline"], ["inputSet", "pipeline"], text, inputSetWords);
  for (const finding of filled.findings) findings.push(finding);
  return { document: { ...pipelineDocument, pipeline: filled.value }, findings };
}

/** How a fill reports what does not fit: its problem code, and what gives and what takes the inputs. */
export interface InputWords {
  code: ProblemCode;
  /** `the input set` */
  giver: string;
  /** `the pipeline` */
  taker: string;
  /** The rule of a value for a field that is not a runtime input. */
  onlyInputs: string;
}

const inputSetWords: InputWords = { code: "invalid-option", giver: "the input set", taker: "the pipeline", onlyInputs: "an input set holds only the pipeline's runtime inputs (<+input>)" };

/**
 * `target` (a pipeline, or a template's spec) with its `<+input>` fields filled from `given`, a
 * copy of its shape holding only those fields: stages, steps and step groups matched by
 * identifier, variables by name, anything else by position. Findings have paths under `path`.
 */
export function fillRuntimeInputs(target: unknown, given: unknown, path: Path, text: ScalarText, words: InputWords): { value: unknown; findings: Finding[] } {
  const findings: Finding[] = [];
  const merge = (target: unknown, given: unknown, path: Path): unknown => {
    if (isPlainObject(given)) {
      if (!isPlainObject(target)) return mismatch(target, given, path);
      const out: Record<string, unknown> = { ...target };
      for (const key of Object.keys(given)) {
        if (key === "identifier" || (key === "name" && isPlainObject(target) && target["name"] === given[key]) || key === "type") continue;
        if (!Object.prototype.hasOwnProperty.call(target, key)) {
          findings.push({ code: words.code, message: `${words.giver} gives ${quote(key)}, which ${words.taker} does not have here`, value: key, rule: words.onlyInputs, path: [...path, key], at: "key" });
          continue;
        }
        setOwn(out, key, merge(target[key], given[key], [...path, key]));
      }
      return out;
    }
    if (Array.isArray(given)) {
      if (!Array.isArray(target)) return mismatch(target, given, path);
      const out = [...target];
      given.forEach((item, index) => {
        const at = matchIndex(target, item, index);
        if (at === -1) {
          findings.push({ code: words.code, message: `${words.giver}'s ${describeItem(item)} matches nothing in ${words.taker}`, rule: "stages, steps and step groups are matched by identifier, variables by name", path: [...path, index], at: "value" });
          return;
        }
        out[at] = merge(target[at], item, [...path, index]);
      });
      return out;
    }
    // A scalar: the pipeline's field must be a runtime input.
    if (typeof target === "string" && parseRuntimeInput(target)) {
      if (given === null || given === undefined) return target;
      return typeof given === "string" ? given : (text.textOf(path) ?? String(given));
    }
    if (target === given) return target;
    findings.push({ code: words.code, message: `${words.giver} gives a value for a field that is not a runtime input (${words.taker} has ${quote(target)})`, value: given, rule: words.onlyInputs, path, at: "value" });
    return target;
  };
  const mismatch = (target: unknown, given: unknown, path: Path): unknown => {
    if (typeof target === "string" && parseRuntimeInput(target)) return given;
    findings.push({ code: words.code, message: `${words.giver} gives ${describeType(given)} where ${words.taker} has ${describeType(target)}`, rule: `${words.giver} has ${words.taker}'s shape`, path, at: "value" });
    return target;
  };
  return { value: merge(target, given, path), findings };
}


/** Where an input set's list item goes in the pipeline's list: by identifier (stage, step, step group), name (variable) or position. */
function matchIndex(target: readonly unknown[], item: unknown, index: number): number {
  const key = itemKey(item);
  if (key === undefined) return index < target.length ? index : -1;
  return target.findIndex((candidate) => itemKey(candidate) === key);
}

function itemKey(item: unknown): string | undefined {
  if (!isPlainObject(item)) return undefined;
  for (const wrapper of ["stage", "step", "stepGroup"]) {
    const inner = item[wrapper];
    if (isPlainObject(inner) && typeof inner["identifier"] === "string") return `${wrapper}:${inner["identifier"]}`;
  }
  if (typeof item["name"] === "string" && "value" in item) return `variable:${item["name"]}`;
  return undefined;
}

function describeItem(item: unknown): string {
  const key = itemKey(item);
  return key ? key.replace(":", " ") : "list item";
}
