import type { ProblemCollector } from "../problems/collector.js";
import { asWritten } from "../problems/format.js";
import type { Path } from "../problems/path.js";
import { timeoutPattern, timeoutRule } from "../rules/durations.js";
import { describeType } from "../source/values.js";
import { FieldReader } from "./field-readers.js";

/**
 * When a step (or step group) runs (`when`): after the stage's earlier steps succeeded
 * (`Success`, Harness's default), failed (`Failure`) or either (`All`), and only if `condition`
 * (a JEXL expression the engine evaluates, or `true`/`false`) holds.
 */
export interface StepWhen {
  stageStatus: "Success" | "Failure" | "All";
  condition?: string;
}

/**
 * When a stage runs (its `when`): after the pipeline's earlier stages succeeded (`Success`,
 * Harness's default), failed (`Failure`) or either (`All`), and only if `condition` holds.
 * Harness names its status `pipelineStatus` where a step's is `stageStatus`.
 */
export interface StageWhen {
  pipelineStatus: "Success" | "Failure" | "All";
  condition?: string;
}

/** The error types a failure strategy names (Harness's schema, `on-failure-config.yaml`). */
export const failureErrorTypes = [
  "AllErrors",
  "Unknown",
  "Authentication",
  "Authorization",
  "Connectivity",
  "Timeout",
  "Verification",
  "DelegateProvisioning",
  "PolicyEvaluationFailure",
  "InputTimeoutError",
  "ApprovalRejection",
  "DelegateRestart",
  "UserMarkedFailure",
  "InfrastructureFailure",
  "PluginImageFailure",
  "ResourceLimitsFailure",
  "ConfigurationFailure",
  "RetryableTransientFailure",
] as const;
export type FailureErrorType = (typeof failureErrorTypes)[number];

/** What a failure strategy does (Harness's `FailureStrategyActionConfig`); `Retry` and `ManualIntervention` say what follows. */
export type FailureAction =
  | { type: "Ignore" | "MarkAsSuccess" | "MarkAsFailure" | "Abort" | "StageRollback" | "StepGroupRollback" | "PipelineRollback" | "ProceedWithDefaultValues" }
  | { type: "Retry"; retryCount: number; retryIntervals: string[]; onRetryFailure?: FailureAction }
  | { type: "RetryStepGroup"; retryCount: number; retryIntervals: string[] }
  | { type: "ManualIntervention"; timeout?: string; onTimeout?: FailureAction };

export interface FailureStrategy {
  /** The errors it handles; `AllErrors` handles every one. */
  errors: FailureErrorType[];
  action: FailureAction;
}

const simpleActions = ["Ignore", "MarkAsSuccess", "MarkAsFailure", "Abort", "StageRollback", "StepGroupRollback", "PipelineRollback", "ProceedWithDefaultValues"] as const;
const actionTypes = [...simpleActions, "Retry", "RetryStepGroup", "ManualIntervention"] as const;
/** Harness's retry interval form (`retry-failure-spec-config.yaml`): a number and s, m, h or d. */
const retryIntervalPattern = /^[0-9]+(s|m|h|d)$/;

/** A step's or step group's `when`. */
export function readWhen(value: unknown, path: Path, collector: ProblemCollector): StepWhen | undefined {
  const read = readStatusWhen(value, path, collector, "stageStatus", "the step after the earlier steps succeeded");
  return read && { stageStatus: read.status, ...(read.condition !== undefined ? { condition: read.condition } : {}) };
}

/** A stage's `when`: `pipelineStatus` and `condition`. */
export function readStageWhen(value: unknown, path: Path, collector: ProblemCollector): StageWhen | undefined {
  const read = readStatusWhen(value, path, collector, "pipelineStatus", "the stage after the earlier stages succeeded");
  return read && { pipelineStatus: read.status, ...(read.condition !== undefined ? { condition: read.condition } : {}) };
}

function readStatusWhen(value: unknown, path: Path, collector: ProblemCollector, key: "stageStatus" | "pipelineStatus", runs: string): { status: StepWhen["stageStatus"]; condition?: string } | undefined {
  const reader = new FieldReader(collector);
  const map = reader.map(value, path, "when");
  if (!map) return undefined;
  reader.knownKeys(map, [key, "condition"], path, "when");
  const status = reader.oneOf(map[key], [...path, key], `when.${key}`, ["Success", "Failure", "All"] as const);
  // A stage's when names pipelineStatus, a step's stageStatus: the other one is the likely slip.
  const other = key === "stageStatus" ? "pipelineStatus" : "stageStatus";
  const slip = typeof map[other] === "string" ? `a ${key === "stageStatus" ? "step's" : "stage's"} when names ${key}, not ${other}: write ${key}: ${asWritten(map[other])}` : undefined;
  if (status === undefined && FieldReader.absent(map[key])) reader.fail(path, "missing-field", `when has no ${key}`, undefined, `when.${key} is Success, Failure or All (Harness requires it)`, slip ?? `write ${key}: Success to run ${runs}`);
  const condition = readCondition(map["condition"], [...path, "condition"], reader);
  if (status === undefined) return undefined;
  return { status, ...(condition !== undefined ? { condition } : {}) };
}

/**
 * A condition is carried as written: it is a JEXL expression (`<+pipeline.variables.x> == "y"`)
 * the engine evaluates when the step is due, so an expression here is not an unresolved value.
 * A boolean is its text, `true` or `false`.
 */
function readCondition(value: unknown, path: Path, reader: FieldReader): string | undefined {
  if (FieldReader.absent(value)) return undefined;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return value;
  return reader.fail(path, "wrong-type", `when.condition cannot be ${describeType(value)}`, value, "a condition is an expression (text) or true or false");
}

/** A step's, step group's or stage's `failureStrategies`. */
export function readFailureStrategies(value: unknown, path: Path, collector: ProblemCollector): FailureStrategy[] | undefined {
  const reader = new FieldReader(collector);
  const list = reader.list(value, path, "failureStrategies");
  if (!list) return undefined;
  const out: FailureStrategy[] = [];
  list.forEach((item, index) => {
    const at = [...path, index];
    const entry = reader.map(item, at, `failureStrategies[${index}]`);
    if (!entry) return;
    reader.knownKeys(entry, ["onFailure"], at, "a failure strategy");
    const onFailure = reader.map(entry["onFailure"], [...at, "onFailure"], "onFailure");
    if (!onFailure) {
      if (FieldReader.absent(entry["onFailure"])) reader.fail(at, "missing-field", `failureStrategies[${index}] has no onFailure`, undefined, "a failure strategy is onFailure: {errors: [...], action: {type: ...}}");
      return;
    }
    const onPath = [...at, "onFailure"];
    reader.knownKeys(onFailure, ["errors", "action"], onPath, "onFailure");
    const errors = readErrors(onFailure["errors"], [...onPath, "errors"], reader);
    const action = readAction(onFailure["action"], [...onPath, "action"], reader, "action");
    if (errors && action) out.push({ errors, action });
  });
  return out;
}

function readErrors(value: unknown, path: Path, reader: FieldReader): FailureErrorType[] | undefined {
  const list = reader.list(value, path, "errors");
  if (!list) return reader.fail(path, "missing-field", "onFailure has no errors", undefined, `onFailure.errors lists the errors it handles: ${failureErrorTypes.join(", ")}`);
  if (list.length === 0) return reader.fail(path, "invalid-option", "onFailure.errors is empty, so the strategy handles nothing", list, "onFailure.errors names at least one error type, e.g. AllErrors");
  const errors: FailureErrorType[] = [];
  list.forEach((item, index) => {
    const error = reader.oneOf(item, [...path, index], `errors[${index}]`, failureErrorTypes);
    if (error) errors.push(error);
  });
  return errors.length === list.length ? errors : undefined;
}

function readAction(value: unknown, path: Path, reader: FieldReader, field: string, depth = 0): FailureAction | undefined {
  const action = reader.map(value, path, field);
  if (!action) {
    if (FieldReader.absent(value)) reader.fail(path, "missing-field", `${field} is missing`, undefined, `${field} is {type: ${actionTypes.join(" | ")}, spec: ...}`);
    return undefined;
  }
  reader.knownKeys(action, ["type", "spec"], path, field);
  const type = reader.oneOf(action["type"], [...path, "type"], `${field}.type`, actionTypes);
  if (type === undefined) {
    if (FieldReader.absent(action["type"])) reader.fail(path, "missing-field", `${field} has no type`, undefined, `${field}.type is one of ${actionTypes.join(", ")}`);
    return undefined;
  }
  const specPath = [...path, "spec"];
  const spec = reader.map(action["spec"], specPath, `${field}.spec`) ?? {};
  if ((simpleActions as readonly string[]).includes(type)) {
    reader.knownKeys(spec, [], specPath, `a ${type} action's spec`);
    return { type: type as (typeof simpleActions)[number] };
  }
  if (depth > 4) return reader.fail(path, "invalid-option", `${field} nests actions too deeply`, undefined, "a retry or manual intervention names what follows it a few levels deep at most");
  if (type === "Retry" || type === "RetryStepGroup") {
    reader.knownKeys(spec, type === "Retry" ? ["retryCount", "retryIntervals", "onRetryFailure"] : ["retryCount", "retryIntervals"], specPath, `a ${type} action's spec`);
    const retryCount = reader.integer(spec["retryCount"], [...specPath, "retryCount"], "retryCount", 1, 10_000);
    if (retryCount === undefined && FieldReader.absent(spec["retryCount"])) reader.fail(specPath, "missing-field", `a ${type} action has no retryCount`, undefined, "retryCount is how many times the step is retried, 1 or more");
    const intervals = reader.stringList(spec["retryIntervals"], [...specPath, "retryIntervals"], "retryIntervals", { valid: (text) => retryIntervalPattern.test(text), rule: "a retry interval is a number and s, m, h or d, e.g. 10s (Harness's schema)", code: "invalid-timeout" });
    if (intervals === undefined && FieldReader.absent(spec["retryIntervals"])) reader.fail(specPath, "missing-field", `a ${type} action has no retryIntervals`, undefined, "retryIntervals lists the waits before each retry, e.g. [10s]; the last one is used for the retries after it");
    else if (intervals !== undefined && intervals.length === 0) reader.fail([...specPath, "retryIntervals"], "invalid-option", "retryIntervals is empty", [], "retryIntervals lists at least one wait, e.g. [10s]");
    if (retryCount === undefined || intervals === undefined || intervals.length === 0) return undefined;
    if (type === "RetryStepGroup") return { type, retryCount, retryIntervals: intervals };
    const after = reader.map(spec["onRetryFailure"], [...specPath, "onRetryFailure"], "onRetryFailure");
    if (after) reader.knownKeys(after, ["action"], [...specPath, "onRetryFailure"], "onRetryFailure");
    const onRetryFailure = after ? readAction(after["action"], [...specPath, "onRetryFailure", "action"], reader, "onRetryFailure.action", depth + 1) : undefined;
    if (after && !onRetryFailure) return undefined;
    return { type, retryCount, retryIntervals: intervals, ...(onRetryFailure ? { onRetryFailure } : {}) };
  }
  reader.knownKeys(spec, ["timeout", "onTimeout"], specPath, "a ManualIntervention action's spec");
  const timeout = reader.string(spec["timeout"], [...specPath, "timeout"], "timeout", { valid: (text) => timeoutPattern.test(text), rule: timeoutRule, code: "invalid-timeout" });
  const after = reader.map(spec["onTimeout"], [...specPath, "onTimeout"], "onTimeout");
  if (after) reader.knownKeys(after, ["action"], [...specPath, "onTimeout"], "onTimeout");
  const onTimeout = after ? readAction(after["action"], [...specPath, "onTimeout", "action"], reader, "onTimeout.action", depth + 1) : undefined;
  return { type: "ManualIntervention", ...(timeout !== undefined ? { timeout } : {}), ...(onTimeout ? { onTimeout } : {}) };
}
