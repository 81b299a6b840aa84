import type { Path } from "../problems/path.js";
import type { BuildPlan } from "./build-plan.js";

/**
 * Runtime flags are the user's PLUGIN_* variables: the plugins read them as options, the other
 * backends map them onto their own (kaniko executor flags, Buildah TLS settings).
 */
export function runtimeFlags(plan: BuildPlan): Record<string, string> {
  const flags: Record<string, string> = {};
  for (const name of Object.keys(plan.userEnv.env)) if (name.startsWith("PLUGIN_")) flags[name] = plan.userEnv.env[name]!;
  return flags;
}

/**
 * Where a problem with a user variable points: the step's envVariables key when the step set
 * it, else the step itself (a stage or pipeline variable, the closest place the file shows).
 */
export function userVariablePath(plan: BuildPlan, name: string): Path {
  return plan.userEnv.setByStep.includes(name) ? ["spec", "envVariables", name] : [];
}
