// Which of the plugin's known bugs (reference section 7) an environment triggers.

import { commaSplitKeys } from "./comma-split.js";
import type { Env } from "./env-reader.js";
import { planPluginRun, type PluginRun, type PluginVariant } from "./plugin-argv.js";
import { isValidTag, looksLikeRegistry } from "./reference.js";

export type PluginBugId =
  | "skip-tls-verify-registry-without-value"
  | "cache-repo-empty"
  | "cache-repo-doubled"
  | "destination-without-repo"
  | "invalid-tag"
  | "build-arg-split-on-comma";

export interface PluginBug {
  id: PluginBugId;
  /** The variable that triggers it, when one does. */
  variable?: string;
  description: string;
}

function skipTlsVerifyRegistryBug(run: PluginRun): PluginBug[] {
  const at = run.bareSkipTlsVerifyRegistryAt;
  if (at === undefined) return [];
  const next = run.argv[at + 1];
  const effect =
    next === undefined
      ? "it is the last argument, so kaniko fails with \"flag needs an argument\""
      : `kaniko takes the next argument ${JSON.stringify(next)} as the registry name, so that argument is lost`;
  return [
    {
      id: "skip-tls-verify-registry-without-value",
      variable: "PLUGIN_SKIP_TLS_VERIFY_REGISTRY",
      description: `--skip-tls-verify-registry is emitted without a registry, but the flag needs one: ${effect}`,
    },
  ];
}

function cacheRepoBugs(run: PluginRun): PluginBug[] {
  if (run.variant === "docker" || !run.cache.enabled) return [];
  if (run.cache.setting === "") {
    return [
      {
        id: "cache-repo-empty",
        variable: "PLUGIN_CACHE_REPO",
        description: `no PLUGIN_CACHE_REPO, yet the ${run.variant} plugin still prefixes the registry and emits --cache-repo=${run.cache.composed}, which is not a repository`,
      },
    ];
  }
  const first = run.cache.setting.split("/")[0] ?? "";
  if (run.cache.setting.includes("/") && looksLikeRegistry(first)) {
    return [
      {
        id: "cache-repo-doubled",
        variable: "PLUGIN_CACHE_REPO",
        description: `PLUGIN_CACHE_REPO already names a registry (${first}), but the ${run.variant} plugin prefixes PLUGIN_REGISTRY again: --cache-repo=${run.cache.composed}`,
      },
    ];
  }
  return [];
}

function destinationBugs(run: PluginRun): PluginBug[] {
  const bugs: PluginBug[] = [];
  if (run.destinations.length > 0 && run.repoSetting === "") {
    const example = run.destinations[0];
    bugs.push({
      id: "destination-without-repo",
      variable: "PLUGIN_REPO",
      description: `no PLUGIN_REPO, yet a destination is emitted: --destination=${example?.repo}:${example?.tag} names no image`,
    });
  }
  const seen = new Set<string>();
  for (const { tag } of run.destinations) {
    if (isValidTag(tag) || seen.has(tag)) continue;
    seen.add(tag);
    bugs.push({
      id: "invalid-tag",
      variable: run.tagsVariable,
      description: `tag ${JSON.stringify(tag)} is not a valid image tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}); the plugin passes it on unchecked and kaniko rejects it at push time`,
    });
  }
  return bugs;
}

function buildArgCommaBug(run: PluginRun): PluginBug[] {
  if (run.buildArgs.variable !== "PLUGIN_BUILD_ARGS") return [];
  const cutKeys = commaSplitKeys(run.buildArgs.items);
  if (cutKeys.length === 0) return [];
  return [
    {
      id: "build-arg-split-on-comma",
      variable: "PLUGIN_BUILD_ARGS",
      description: `the value of build arg ${cutKeys.join(", ")} contains "," and was split: the part after the comma became a build arg of its own (kaniko reads it as an environment variable name); use PLUGIN_BUILD_ARGS_NEW with PLUGIN_MULTIPLE_BUILD_ARGS=true`,
    },
  ];
}

/**
 * The known plugin bugs this environment triggers, in argv order of concern.
 * Throws PluginEnvError where the plugin would fail before running kaniko.
 */
export function pluginBugsTriggered(env: Env, variant: PluginVariant): PluginBug[] {
  const run = planPluginRun(env, variant);
  return [...destinationBugs(run), ...buildArgCommaBug(run), ...cacheRepoBugs(run), ...skipTlsVerifyRegistryBug(run)];
}
