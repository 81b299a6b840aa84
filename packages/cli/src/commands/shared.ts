import { formatProblem, isBuildpushError, type Problem } from "@buildpush/core";
import { UsageError, type CliIo } from "../io.js";

/** The options every pipeline command takes. */
export const pipelineOptions = {
  infra: { type: "string" },
  connectors: { type: "string", multiple: true },
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
    for (const problem of error.problems) problems.push(problem);
    return undefined;
  }
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((problem) => `${problem.position ? "" : "buildpush: "}${formatProblem(problem)}\n`).join("");
}

/** Warnings go to stderr, so stdout stays the output a caller parses. */
export function printWarnings(io: CliIo, warnings: readonly Problem[]): void {
  if (warnings.length > 0) io.stderr(formatProblems(warnings));
}
