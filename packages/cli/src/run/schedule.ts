import { setTimeout as sleep } from "node:timers/promises";
import type { FailureAction, PlannedStep } from "@buildpush/core";
import { timeoutMilliseconds } from "@buildpush/core/handler";
import { failureStrategyFor, type ChosenStrategy } from "./failure-policy.js";
import { EnvironmentFailure, RunFailure, RunStopped } from "./failures.js";
import { stageSkipReason, stepSkipReason, type RunState } from "./step-policy.js";
import type { StepRun } from "./step-run.js";

export interface ScheduleOptions {
  print: (text: string) => void;
  stop?: AbortSignal;
  /** How the log names a step: `stage/group/step`. */
  label: (step: PlannedStep) => string;
  /** Build and push one step; a RunFailure is a failed step, anything else stops the run. */
  runStep: (step: PlannedStep) => Promise<StepRun>;
}

/** One stage's progress, shared by the instances that run at once. */
interface StageProgress extends RunState {
  /** Set when a failure strategy rolled the stage back: the rest of it does not run. */
  stopped?: string;
  /** Step groups (by their path) rolled back: the rest of each does not run. */
  stoppedGroups: Map<string, string>;
}

/** What the run as a whole has come to. */
interface RunProgress {
  pipelineFailed: boolean;
  /** Set by Abort or PipelineRollback: nothing more runs. */
  aborted?: string;
  /** The failure the run ends with, when one stands. */
  failure?: RunFailure;
}

/**
 * Run the steps as Harness schedules them: stage by stage, each step when its `when` holds
 * (skipped, and said so, when it does not), a failed step handled by the failure strategy that
 * names its error (retried, ignored, marked, or ending the stage or the run), and the instances
 * of a looping strategy in order, at most `maxConcurrency` at once. The run fails at the end
 * with the first failure that stood; steps that run after a failure (stageStatus Failure or
 * All) run first.
 */
export async function runSchedule(steps: readonly PlannedStep[], options: ScheduleOptions): Promise<StepRun[]> {
  const results = new Map<PlannedStep, StepRun>();
  const run: RunProgress = { pipelineFailed: false };
  for (const stageSteps of byStage(steps)) {
    const stage: StageProgress = { stageFailed: false, pipelineFailed: run.pipelineFailed, stoppedGroups: new Map() };
    const stageReason = run.aborted ?? stageSkipReason(stageSteps[0]!, stage);
    if (stageReason !== undefined) {
      for (const step of stageSteps) results.set(step, skip(step, stageReason, options));
      continue;
    }
    for (const segment of segments(stageSteps)) {
      await inPool(segment.units, segment.maxConcurrency, async (unit) => {
        for (const step of unit) results.set(step, await runOne(step, stage, run, options));
      });
    }
    if (stage.stageFailed) run.pipelineFailed = true;
  }
  if (run.failure && (run.pipelineFailed || run.aborted !== undefined)) throw run.failure;
  return steps.map((step) => results.get(step)!);
}

async function runOne(step: PlannedStep, stage: StageProgress, run: RunProgress, options: ScheduleOptions): Promise<StepRun> {
  const reason = run.aborted ?? stage.stopped ?? stoppedGroup(step, stage) ?? stepSkipReason(step, stage);
  if (reason !== undefined) return skip(step, reason, options);
  const label = options.label(step);
  const retried = new Map<FailureAction, number>();
  for (;;) {
    try {
      return await options.runStep(step);
    } catch (error) {
      if (!(error instanceof RunFailure) || error instanceof EnvironmentFailure) throw error;
      const chosen = failureStrategyFor(step, error.errorType);
      const action = chosen?.action;
      if (action?.type === "Retry") {
        const done = retried.get(action) ?? 0;
        if (done < action.retryCount) {
          const interval = action.retryIntervals[Math.min(done, action.retryIntervals.length - 1)]!;
          options.print(`==> ${label}: ${firstLine(error.message)}; retry ${done + 1} of ${action.retryCount} in ${interval} (${describe(chosen!)})\n`);
          retried.set(action, done + 1);
          await wait(timeoutMilliseconds(interval), options.stop);
          continue;
        }
        options.print(`==> ${label}: failed after ${action.retryCount} ${action.retryCount === 1 ? "retry" : "retries"}\n`);
        return settle(step, error, action.onRetryFailure, chosen!, stage, run, options);
      }
      return settle(step, error, action, chosen, stage, run, options);
    }
  }
}

/** What a failure comes to under the action a failure strategy names (none: the failure stands). */
function settle(step: PlannedStep, error: RunFailure, action: FailureAction | undefined, chosen: ChosenStrategy | undefined, stage: StageProgress, run: RunProgress, options: ScheduleOptions): StepRun {
  const label = options.label(step);
  const by = chosen ? ` (${describe(chosen)})` : "";
  const result = (status: StepRun["status"], note: string): StepRun => ({ stage: step.stage, identifier: step.plan.identifier, name: step.plan.name, status, note, images: [] });
  const stands = (note: string): StepRun => {
    stage.stageFailed = true;
    run.failure ??= error;
    options.print(`==> ${label}: failed: ${note}\n`);
    return result("failed", note);
  };
  switch (action?.type) {
    case "Ignore":
      options.print(`==> ${label}: failed, ignored${by}: the stage goes on as if it had succeeded\n`);
      return result("failed", "failed, ignored by its failure strategy");
    case "MarkAsSuccess":
      options.print(`==> ${label}: failed, marked as success${by}\n`);
      return result("succeeded", "failed, marked as success by its failure strategy");
    case "MarkAsFailure":
      return stands(`marked as failure${by}: later steps run as their when says`);
    case "Abort":
    case "PipelineRollback":
      run.aborted = `the run was aborted after ${label} failed`;
      return stands(`${action.type === "Abort" ? "the run is aborted" : "the pipeline rolls back, so nothing more runs"}${by}`);
    case "StageRollback":
      stage.stopped = `stage ${step.stage} rolled back after ${label} failed`;
      return stands(`the stage rolls back, so the rest of it does not run${by}`);
    case "StepGroupRollback": {
      const group = step.semantics.stepGroups.at(-1);
      if (!group) return stands(`StepGroupRollback, but the step is in no step group${by}`);
      stage.stoppedGroups.set(groupPath(step, step.semantics.stepGroups.length), `step group ${group.identifier} rolled back after ${label} failed`);
      return stands(`step group ${group.identifier} rolls back, so the rest of it does not run${by}`);
    }
    case "ManualIntervention":
      options.print(`==> ${label}: no one can intervene in a local run: ${action.onTimeout ? `doing what it does on timeout, ${action.onTimeout.type}` : "the failure stands"}${by}\n`);
      return settle(step, error, action.onTimeout, chosen, stage, run, options);
    case "RetryStepGroup":
      return stands(`RetryStepGroup is not run by buildpush run: the failure stands${by}`);
    case "ProceedWithDefaultValues":
      return stands(`ProceedWithDefaultValues has no default values to proceed with here: the failure stands${by}`);
    case "Retry":
    case undefined:
      return stands(chosen ? `the failure stands${by}` : "later steps run as their when says (stageStatus Failure or All)");
  }
}

function skip(step: PlannedStep, reason: string, options: ScheduleOptions): StepRun {
  options.print(`==> ${options.label(step)} (${step.plan.name}): skipped: ${reason}\n`);
  return { stage: step.stage, identifier: step.plan.identifier, name: step.plan.name, status: "skipped", note: reason, images: [] };
}

function describe(chosen: ChosenStrategy): string {
  return `${chosen.owner} failure strategy on ${chosen.errors.join(", ")}: ${chosen.action.type}`;
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0]!;
}

async function wait(ms: number, stop: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, stop ? { signal: stop } : {});
  } catch (error) {
    if ((error as Error).name === "AbortError") throw new RunStopped();
    throw error;
  }
}

function stoppedGroup(step: PlannedStep, stage: StageProgress): string | undefined {
  for (let depth = 1; depth <= step.semantics.stepGroups.length; depth++) {
    const reason = stage.stoppedGroups.get(groupPath(step, depth));
    if (reason !== undefined) return reason;
  }
  return undefined;
}

function groupPath(step: PlannedStep, depth: number): string {
  return step.semantics.stepGroups
    .slice(0, depth)
    .map((group) => group.identifier)
    .join("/");
}

/** The steps of each stage, stages in pipeline order (a stage's steps are consecutive). */
function byStage(steps: readonly PlannedStep[]): PlannedStep[][] {
  const stages: PlannedStep[][] = [];
  for (const step of steps) {
    const last = stages.at(-1);
    if (last && last[0]!.stage === step.stage) last.push(step);
    else stages.push([step]);
  }
  return stages;
}

interface Segment {
  /** Instances of one strategy (each the steps of one instance, in order), or one step on its own. */
  units: PlannedStep[][];
  maxConcurrency: number;
}

/**
 * Consecutive steps split where the outermost looping strategy around them changes: the
 * instances of one strategy form a segment that runs `maxConcurrency` at a time; other steps run
 * one at a time. Strategies nested inside an instance run one instance at a time.
 */
function segments(steps: readonly PlannedStep[]): Segment[] {
  const out: Segment[] = [];
  let key: string | undefined;
  for (const step of steps) {
    const outer = outermostStrategy(step);
    const last = out.at(-1);
    if (outer && last && key === outer.key) {
      const unit = last.units.at(-1)!;
      if (outermostStrategy(unit[0]!)!.iteration === outer.iteration) unit.push(step);
      else last.units.push([step]);
      continue;
    }
    key = outer?.key;
    out.push({ units: [[step]], maxConcurrency: outer?.maxConcurrency ?? 1 });
  }
  return out;
}

function outermostStrategy(step: PlannedStep): { key: string; iteration: number; maxConcurrency: number } | undefined {
  const groups = step.semantics.stepGroups;
  const depth = groups.findIndex((group) => group.strategy !== undefined);
  const instance = depth === -1 ? step.semantics.strategy : groups[depth]!.strategy;
  if (!instance) return undefined;
  const path = groups.slice(0, depth === -1 ? groups.length : depth).map((group) => group.identifier);
  return { key: [step.stage, ...path, instance.of, instance.kind, instance.iterations].join("\0"), iteration: instance.iteration, maxConcurrency: instance.maxConcurrency };
}

/** Run `work` for each item in order, at most `limit` at once; a throw stops new starts and is rethrown once the running ones end. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let fatal: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!fatal && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        fatal ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (fatal) throw fatal.error;
}
