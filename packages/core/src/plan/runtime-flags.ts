import { parseGoBool } from "@buildpush/kaniko-args";
import type { Finding } from "../problems/collector.js";
import { quote } from "../problems/format.js";
import type { Path } from "../problems/path.js";
import type { BuildPlan, SecretRef } from "./build-plan.js";

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
 * The runtime flags that name what the plan itself decides: as in plugin mode, where the step's
 * own variables are set over the user's, the step's fields win and these flags are not read
 * (by the backends that turn runtime flags into their own arguments: kaniko, docker).
 */
export function flagsThePlanDecides(plan: BuildPlan): Set<string> {
  const decided = new Set(["PLUGIN_REPO", "PLUGIN_TAGS", "PLUGIN_REGISTRY"]);
  if (plan.dockerfile !== undefined) decided.add("PLUGIN_DOCKERFILE");
  if (plan.context !== undefined) decided.add("PLUGIN_CONTEXT");
  if (plan.target !== undefined) decided.add("PLUGIN_TARGET");
  if (plan.buildArgs.length > 0) decided.add("PLUGIN_BUILD_ARGS");
  if (plan.labels.length > 0) decided.add("PLUGIN_CUSTOM_LABELS");
  if (plan.infrastructure === "kubernetes") {
    if (plan.optimize) decided.add("PLUGIN_SNAPSHOT_MODE");
    if (plan.remoteCache !== undefined) for (const name of ["PLUGIN_ENABLE_CACHE", "PLUGIN_CACHE_REPO"]) decided.add(name);
  }
  return decided;
}

/**
 * The user's variables that stay in the container's environment: everything but the PLUGIN_*
 * runtime flags, which become the builder's arguments. A secret runtime flag cannot: the
 * argument would show it (`argument` says to whom), so it is a finding.
 */
export function environmentWithoutRuntimeFlags(plan: BuildPlan, findings: Finding[], words: { mode: string; argument: string }): { env: [string, string][]; secretEnv: [string, SecretRef][] } {
  const env = Object.entries(plan.userEnv.env).filter(([name]) => !name.startsWith("PLUGIN_"));
  const secretEnv: [string, SecretRef][] = [];
  for (const [name, ref] of Object.entries(plan.userEnv.secretEnv)) {
    if (!name.startsWith("PLUGIN_")) {
      secretEnv.push([name, ref]);
      continue;
    }
    findings.push({
      path: userVariablePath(plan, name),
      at: "key",
      code: "unsupported-runtime-flag",
      message: `${name} is a secret, and a runtime flag becomes ${words.argument}`,
      rule: `in ${words.mode} mode, PLUGIN_* runtime flags are plain values`,
      hint: "make the variable a String, or use plugin mode",
    });
  }
  return { env, secretEnv };
}

/**
 * Where a problem with a user variable points: the step's envVariables key when the step set
 * it, else the step itself (a stage or pipeline variable, the closest place the file shows).
 */
export function userVariablePath(plan: BuildPlan, name: string): Path {
  return plan.userEnv.setByStep.includes(name) ? ["spec", "envVariables", name] : [];
}

/** A boolean runtime flag, read as the plugins read it (Go's strconv.ParseBool); unset and empty are false. */
export function booleanRuntimeFlag(plan: BuildPlan, name: string, findings: Finding[]): boolean {
  const raw = plan.userEnv.env[name];
  if (raw === undefined || raw === "") return false;
  const parsed = parseGoBool(raw);
  if (parsed.ok) return parsed.value;
  findings.push({
    path: userVariablePath(plan, name),
    at: "key",
    code: "invalid-option",
    message: `${name} is ${quote(raw)}, which is not a boolean (step ${plan.identifier})`,
    value: raw,
    rule: "runtime flags are booleans: true, false, 1, 0, t, f, TRUE, FALSE, True, False",
  });
  return false;
}
