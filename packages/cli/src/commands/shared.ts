import { formatProblem, isBuildpushError, sortProblems, type Problem } from "@buildpush/core";
import { inputLimitOptions, withLimitFlag } from "../input-limits.js";
import { UsageError, type CliIo } from "../io.js";

/** The options every pipeline command takes. */
export const pipelineOptions = {
  infra: { type: "string" },
  connectors: { type: "string", multiple: true },
  "allow-remote-context": { type: "boolean" },
  "allow-registry-host": { type: "string", multiple: true },
  ...inputLimitOptions,
} as const;

/**
 * `--allow-remote-context`: dockerfile and context may name a remote source (refused by default).
 * `--allow-registry-host HOST` (repeatable): a registry host a step may push to although its
 * registry service does not own it (an ACR repository outside Azure's registry domains).
 */
export function remoteContextOption(values: { "allow-remote-context"?: boolean | undefined; "allow-registry-host"?: string[] | undefined }): { allowRemoteContext?: true; allowedRegistryHosts?: string[] } {
  return {
    ...(values["allow-remote-context"] ? { allowRemoteContext: true as const } : {}),
    ...(values["allow-registry-host"] ? { allowedRegistryHosts: values["allow-registry-host"] } : {}),
  };
}

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

/** Warnings of a command that goes on (translate, explain, run): on stderr, `FILE:LINE:COL: warning: ...`, sorted. */
export function printWarnings(io: CliIo, warnings: readonly Problem[]): void {
  if (warnings.length > 0) io.stderr(formatProblems(sortProblems(warnings)));
}
