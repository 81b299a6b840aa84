import type { Finding } from "../../problems/collector.js";
import { quote } from "../../problems/format.js";
import type { BuildPlan } from "../../plan/build-plan.js";
import { booleanRuntimeFlag, flagsThePlanDecides, runtimeFlags, userVariablePath } from "../../plan/runtime-flags.js";
import { optionPathRule, workspacePathProblem } from "../../rules/text-checks.js";

/**
 * The documented PLUGIN_* runtime flags (drone-docker's, and the kaniko plugin's for building
 * without a push) as docker buildx options. A flag with no buildx equivalent is a finding rather
 * than silently dropped.
 */
export interface DockerRuntimeSettings {
  /** PLUGIN_DRY_RUN (drone-docker) or PLUGIN_NO_PUSH (kaniko): build, push nothing. */
  dryRun: boolean;
  /** PLUGIN_TAR_PATH: a dry run writes the image there as an OCI archive instead of loading it into the daemon. */
  tarPath?: string;
  /** PLUGIN_PLATFORM: overrides the stage's platform. */
  platform?: string;
  noCache: boolean;
  /** PLUGIN_PULL_IMAGE: pull every base image, even one the builder has. */
  pull: boolean;
  /** PLUGIN_ADD_HOST: `host:ip` items, comma-separated as drone-docker reads them. */
  addHosts: string[];
  /** PLUGIN_NETWORK: the network of RUN instructions. */
  network?: string;
  /** PLUGIN_INSECURE: push over plain HTTP or without verifying the registry's certificate. */
  insecure: boolean;
}

const booleans = ["PLUGIN_DRY_RUN", "PLUGIN_NO_PUSH", "PLUGIN_NO_CACHE", "PLUGIN_PULL_IMAGE", "PLUGIN_INSECURE"] as const;
const strings = ["PLUGIN_TAR_PATH", "PLUGIN_PLATFORM", "PLUGIN_ADD_HOST", "PLUGIN_NETWORK"] as const;

/**
 * Flags Harness sets itself on VMs, which mean nothing to a build on the VM's own daemon:
 * `PLUGIN_DAEMON_OFF` (docker mode never starts a daemon) and what the plan already says.
 */
function ignoredFlags(plan: BuildPlan): Set<string> {
  const ignored = flagsThePlanDecides(plan);
  ignored.add("PLUGIN_DAEMON_OFF");
  if (plan.cacheFrom.length > 0) ignored.add("PLUGIN_CACHE_FROM");
  if (plan.cacheTo !== undefined) ignored.add("PLUGIN_CACHE_TO");
  if (plan.buildSecrets.some((secret) => secret.from === "env")) ignored.add("PLUGIN_SECRETS_FROM_ENV");
  if (plan.buildSecrets.some((secret) => secret.from === "file")) ignored.add("PLUGIN_SECRETS_FROM_FILE");
  return ignored;
}

/** The step's runtime flags as docker settings; flags that do not parse or have no buildx equivalent are findings. */
export function dockerRuntimeSettings(plan: BuildPlan, findings: Finding[]): DockerRuntimeSettings {
  const flags = runtimeFlags(plan);
  const ignored = ignoredFlags(plan);
  const known = new Set<string>([...booleans, ...strings]);
  for (const name of Object.keys(flags)) {
    if (known.has(name) || ignored.has(name)) continue;
    findings.push({
      path: userVariablePath(plan, name),
      at: "key",
      code: "unsupported-runtime-flag",
      message: `${name} has no docker buildx equivalent in docker mode (step ${plan.identifier})`,
      rule: `in docker mode the runtime flags are ${[...booleans, ...strings].join(", ")}`,
      hint: `remove ${name}, or use plugin mode (--mode plugin) where the plugin reads it`,
    });
  }
  const text = (name: (typeof strings)[number]): string | undefined => (flags[name] === undefined || flags[name] === "" ? undefined : flags[name]);
  const flag = (name: (typeof booleans)[number]): boolean => booleanRuntimeFlag(plan, name, findings);
  const settings: DockerRuntimeSettings = {
    dryRun: flag("PLUGIN_DRY_RUN") || flag("PLUGIN_NO_PUSH"),
    noCache: flag("PLUGIN_NO_CACHE"),
    pull: flag("PLUGIN_PULL_IMAGE"),
    insecure: flag("PLUGIN_INSECURE"),
    addHosts: (text("PLUGIN_ADD_HOST") ?? "").split(",").map((item) => item.trim()).filter((item) => item !== ""),
  };
  const platform = text("PLUGIN_PLATFORM");
  if (platform !== undefined) settings.platform = platform;
  const network = text("PLUGIN_NETWORK");
  if (network !== undefined) settings.network = network;
  const tarPath = text("PLUGIN_TAR_PATH");
  if (tarPath !== undefined) {
    // The path is a field of buildx's CSV --output value, so it holds no separator.
    const problem = /[,"]/.test(tarPath) ? { reason: "it holds a comma or a double quote, which would split buildx's --output value" } : workspacePathProblem(tarPath, null);
    if (problem) findings.push({ path: userVariablePath(plan, "PLUGIN_TAR_PATH"), at: "key", code: "invalid-path", message: `PLUGIN_TAR_PATH ${quote(tarPath)} cannot be written by buildx: ${problem.reason}`, value: tarPath, rule: `${optionPathRule}; it holds no comma or double quote` });
    else if (!settings.dryRun) {
      findings.push({
        path: userVariablePath(plan, "PLUGIN_TAR_PATH"),
        at: "key",
        code: "unsupported-runtime-flag",
        message: `PLUGIN_TAR_PATH writes the image to a file instead of pushing it, and this step pushes (step ${plan.identifier})`,
        rule: "in docker mode PLUGIN_TAR_PATH goes with PLUGIN_NO_PUSH or PLUGIN_DRY_RUN: buildx writes one output",
        hint: "set PLUGIN_NO_PUSH: \"true\" too, or remove PLUGIN_TAR_PATH",
      });
    } else settings.tarPath = tarPath;
  }
  return settings;
}
