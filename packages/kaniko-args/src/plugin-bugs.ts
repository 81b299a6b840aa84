// Which of the plugins' known bugs (kaniko-plugin.md section 7, gcr-gar-and-infrastructure.md
// section 10) an environment triggers.

import { commaSplitKeys } from "./comma-split.js";
import type { Env } from "./env-reader.js";
import { googlePluginBugs } from "./google-plugin-bugs.js";
import { planPluginRun, type PluginRun, type PluginVariant } from "./plugin-argv.js";
import type { PluginBug } from "./plugin-bug.js";
import { isValidTag } from "./reference.js";
import { cacheRepoBugs, repoPrefixBugs } from "./registry-prefix-bugs.js";

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

function ignoredFlagBugs(run: PluginRun): PluginBug[] {
  return run.ignoredFlags.map(({ variable, effect }) => ({
    id: "ignored-runtime-flag",
    variable,
    description: `${variable} has no effect: the ${run.variant} kaniko plugin does not define its flag, so ${effect}`,
  }));
}

/**
 * The known plugin bugs this environment triggers, in argv order of concern, then the
 * credentials' and the settings without effect. Throws PluginEnvError where the plugin would
 * fail before running kaniko (a GAR push-only run, which runs no executor, has its bugs too).
 */
export function pluginBugsTriggered(env: Env, variant: PluginVariant): PluginBug[] {
  const run = planPluginRun(env, variant);
  return [
    ...destinationBugs(run),
    ...repoPrefixBugs(run),
    ...buildArgCommaBug(run),
    ...cacheRepoBugs(run),
    ...skipTlsVerifyRegistryBug(run),
    ...googlePluginBugs(run),
    ...ignoredFlagBugs(run),
  ];
}
