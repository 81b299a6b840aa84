import type { ProblemCollector } from "../problems/collector.js";
import { quote } from "../problems/format.js";
import { optionPathRule, subPathProblem, workspacePathRule } from "../rules/text-checks.js";
import { remoteSourceRule } from "../rules/build-context.js";
import { buildPathProblem } from "../spec/spec-checks.js";
import type { PlanEnv } from "./build-plan.js";

/**
 * Runtime flags that choose what the build reads (the plugin takes them when the spec leaves
 * dockerfile or context out) are held to the same rule as the spec fields. A flag set by a stage
 * variable is reported at the step, the closest place the file shows.
 */
const pathFlags = ["PLUGIN_DOCKERFILE", "PLUGIN_CONTEXT", "PLUGIN_CONTEXT_SUB_PATH"] as const;

export function checkPathFlags(userEnv: PlanEnv, root: string | null, collector: ProblemCollector, allowRemote = false): void {
  const fromStep = new Set(userEnv.setByStep);
  for (const flag of pathFlags) {
    if (!Object.prototype.hasOwnProperty.call(userEnv.env, flag)) continue;
    const value = userEnv.env[flag]!;
    if (value === "") continue;
    // The sub-path is relative to the context, so it may not climb out of it wherever the context is.
    const problem = flag === "PLUGIN_CONTEXT_SUB_PATH" ? subPathProblem(value) : buildPathProblem(value, root, allowRemote);
    if (!problem) continue;
    collector.add(fromStep.has(flag) ? ["spec", "envVariables", flag] : [], {
      code: "invalid-path",
      message: `${flag} ${quote(value)} is not a path inside the workspace: ${problem.reason}${fromStep.has(flag) ? "" : " (set by a stage or pipeline variable)"}`,
      value,
      rule: flag === "PLUGIN_CONTEXT_SUB_PATH" ? "a context sub-path is relative to the context and does not climb out of it with .." : "remote" in problem ? remoteSourceRule : root === null ? optionPathRule : workspacePathRule(root),
      ...(problem.hint ? { hint: problem.hint } : {}),
    });
  }
}

