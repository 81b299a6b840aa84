// Bugs of the variants that always prefix PLUGIN_REGISTRY (ECR, GCR, GAR; ACR for the cache
// repository only): the prefix is added whatever the setting holds, so a full path gets the
// registry twice, an empty registry leaves a leading `/` and an empty setting a trailing one.

import type { PluginRun } from "./plugin-argv.js";
import type { PluginBug } from "./plugin-bug.js";
import { looksLikeRegistry } from "./reference.js";

/** The registry a repository setting already names (`gcr.io` of `gcr.io/p/app`), or undefined. */
function namedRegistry(setting: string): string | undefined {
  const first = setting.split("/")[0] ?? "";
  return setting.includes("/") && looksLikeRegistry(first) ? first : undefined;
}

export function repoPrefixBugs(run: PluginRun): PluginBug[] {
  const first = run.destinations[0];
  if (run.composition.repo !== "registry-prefixed" || first === undefined) return [];
  const destination = `${first.repo}:${first.tag}`;
  if (run.registry === "") {
    const why = run.variant === "gcr" ? "PLUGIN_REGISTRY is set but empty, which wins over the default" : `the ${run.variant} plugin has no default registry`;
    return [
      {
        id: "destination-without-registry",
        variable: "PLUGIN_REGISTRY",
        description: `no PLUGIN_REGISTRY (${why}), yet the plugin prefixes it: ${destination} starts with "/" and names no registry, so the push fails after the whole build`,
      },
    ];
  }
  const named = namedRegistry(run.repoSetting);
  if (named === undefined) return [];
  return [
    {
      id: "repo-doubled",
      variable: "PLUGIN_REPO",
      description: `PLUGIN_REPO already names a registry (${named}), but the ${run.variant} plugin prefixes PLUGIN_REGISTRY again: ${destination}; give the repository without the registry`,
    },
  ];
}

export function cacheRepoBugs(run: PluginRun): PluginBug[] {
  if (run.composition.cacheRepo !== "registry-prefixed" || !run.cache.enabled) return [];
  if (run.cache.setting === "") {
    return [
      {
        id: "cache-repo-empty",
        variable: "PLUGIN_CACHE_REPO",
        description: `no PLUGIN_CACHE_REPO, yet the ${run.variant} plugin still prefixes the registry and emits --cache-repo=${run.cache.composed}, which is not a repository`,
      },
    ];
  }
  const named = namedRegistry(run.cache.setting);
  if (named === undefined) return [];
  return [
    {
      id: "cache-repo-doubled",
      variable: "PLUGIN_CACHE_REPO",
      description: `PLUGIN_CACHE_REPO already names a registry (${named}), but the ${run.variant} plugin prefixes PLUGIN_REGISTRY again: --cache-repo=${run.cache.composed}`,
    },
  ];
}
