import { formatProblem, isBuildpushError, type Problem } from "@buildpush/core";
import { inputLimitOptions, withLimitFlag } from "../input-limits.js";
import { UsageError } from "../io.js";

/** The options every pipeline command takes. */
export const pipelineOptions = {
  infra: { type: "string" },
  connectors: { type: "string", multiple: true },
  ...inputLimitOptions,
} as const;

export function onePipeline(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "no pipeline file given" : `one pipeline file at a time, got ${positionals.length}`);
  return positionals[0]!;
}

/** Run `work`, adding its BuildpushError problems to `problems` instead of throwing them. */
export function collecting<T>(problems: Problem[], work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    if (!isBuildpushError(error)) throw error;
    for (const problem of error.problems) problems.push(withLimitFlag(problem));
    return undefined;
  }
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((problem) => `${problem.position ? "" : "buildpush: "}${formatProblem(problem)}\n`).join("");
}
