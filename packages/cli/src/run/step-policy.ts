import type { PlannedStep, Problem } from "@buildpush/core";
import { evaluateCondition } from "./condition.js";

/** Where a run stands when a step (or stage) is due: whether anything before it failed. */
export interface RunState {
  /** A step of this stage failed (and its failure strategy did not ignore it). */
  stageFailed: boolean;
  /** A stage before this one failed. */
  pipelineFailed: boolean;
}

/**
 * Why a step does not run, or undefined when it does: its step groups' when (outermost first),
 * then its own. `stageStatus: Success` (the default) runs while nothing of the stage failed,
 * `Failure` only after something did, `All` either way; a condition must hold too.
 */
export function stepSkipReason(step: PlannedStep, state: RunState): string | undefined {
  for (const group of step.semantics.stepGroups) {
    const reason = whenSkipReason(statusWhen(group.when), state.stageFailed, "an earlier step of the stage failed", "no earlier step of the stage failed");
    if (reason) return `its step group ${group.identifier}'s ${reason}`;
  }
  const reason = whenSkipReason(statusWhen(step.semantics.when), state.stageFailed, "an earlier step of the stage failed", "no earlier step of the stage failed");
  return reason ? `its ${reason}` : undefined;
}

/** Why a stage does not run: its when (`pipelineStatus`), against the stages before it. */
export function stageSkipReason(step: PlannedStep, state: RunState): string | undefined {
  const when = step.stageContext.when;
  const reason = whenSkipReason(when && { key: "pipelineStatus", status: when.pipelineStatus, ...(when.condition !== undefined ? { condition: when.condition } : {}) }, state.pipelineFailed, "an earlier stage failed", "no earlier stage failed", "pipelineStatus");
  return reason ? `stage ${step.stage}'s ${reason}` : undefined;
}

/** A when as the skip rule reads it: the status under the name it is written with. */
interface StatusWhen {
  key: "stageStatus" | "pipelineStatus";
  status: "Success" | "Failure" | "All";
  condition?: string;
}

function statusWhen(when: { stageStatus: StatusWhen["status"]; condition?: string } | undefined): StatusWhen | undefined {
  return when && { key: "stageStatus", status: when.stageStatus, ...(when.condition !== undefined ? { condition: when.condition } : {}) };
}

function whenSkipReason(when: StatusWhen | undefined, failed: boolean, failedText: string, okText: string, key: StatusWhen["key"] = when?.key ?? "stageStatus"): string | undefined {
  const status = when?.status ?? "Success";
  if (status === "Success" && failed) return `when (${key} Success${when ? "" : ", the default"}) does not hold: ${failedText}`;
  if (status === "Failure" && !failed) return `when (${key} Failure) does not hold: ${okText}`;
  if (when?.condition === undefined) return undefined;
  const result = evaluateCondition(when.condition);
  return result.ok && !result.value ? `when.condition ${JSON.stringify(when.condition)} is false` : undefined;
}

/**
 * Every condition of the steps (their own, their step groups', their stages') that buildpush
 * run cannot decide, before anything runs: deciding it wrongly would build what the pipeline
 * skips, or skip what it builds.
 */
export function undecidableConditions(steps: readonly PlannedStep[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const check = (condition: string | undefined, where: string, field: string, step: PlannedStep, path?: (string | number)[]): void => {
    if (condition === undefined) return;
    const result = evaluateCondition(condition);
    if (result.ok) return;
    const position = path ? step.source.locate(path) : step.position;
    const key = `${where}\0${condition}\0${position?.line ?? ""}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({
      code: "unresolved-expression",
      message: `buildpush run cannot decide ${where}'s condition ${JSON.stringify(condition)}: ${result.reason}`,
      field,
      value: condition,
      rule: "buildpush run decides conditions that are true, false or comparisons of literals (==, !=, &&, ||, !); Harness evaluates the rest as JEXL when the step is due",
      hint: "resolve the expressions the condition reads before the run (pipeline and stage variables, inputs), or write true or false",
      ...(position ? { position } : {}),
    });
  };
  for (const step of steps) {
    check(step.stageContext.when?.condition, `stage ${step.stage}`, "when.condition", step);
    for (const group of step.semantics.stepGroups) check(group.when?.condition, `step group ${group.identifier}`, "when.condition", step);
    check(step.semantics.when?.condition, `step ${step.plan.identifier}`, "when.condition", step, ["when", "condition"]);
  }
  return problems;
}
