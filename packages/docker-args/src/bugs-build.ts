// Bugs of the build and push commands: values cut at commas, cache images that are no images,
// build secrets dropped without a word, and push-only tagging each tag to every other.

import { commaSplitKeys } from "@buildpush/kaniko-args";
import { secretArgument } from "./build-command.js";
import { bug, type DockerPluginBug } from "./bug.js";
import type { RunFacts } from "./facts.js";

function commaBugs(facts: RunFacts): DockerPluginBug[] {
  const { settings } = facts;
  const bugs: DockerPluginBug[] = [];
  // Only keys are named: build-arg values may be secrets.
  const cutArgs = settings.multipleBuildArgs ? [] : commaSplitKeys(settings.buildArgs);
  if (cutArgs.length > 0) {
    bugs.push(
      bug(
        "build-arg-split-on-comma",
        "PLUGIN_BUILD_ARGS",
        `the value of build arg ${cutArgs.join(", ")} contains "," and was split: the part after the comma became a --build-arg of its own, which docker reads as the name of a variable to copy from its environment; use PLUGIN_BUILD_ARGS_NEW with PLUGIN_MULTIPLE_BUILD_ARGS=true`,
      ),
    );
  }
  const cutLabels = commaSplitKeys(settings.customLabels);
  if (cutLabels.length > 0) {
    bugs.push(bug("label-split-on-comma", "PLUGIN_CUSTOM_LABELS", `the value of label ${cutLabels.join(", ")} contains "," and was split: the part after the comma became a --label of its own, with an empty value`));
  }
  return bugs;
}

function cacheFromBugs(facts: RunFacts): DockerPluginBug[] {
  return facts.settings.cacheFrom
    .filter((item) => item.includes(";") || item.includes("="))
    .map((item) =>
      bug(
        "cache-from-not-an-image",
        "PLUGIN_CACHE_FROM",
        `PLUGIN_CACHE_FROM item ${JSON.stringify(item)} is not an image: the plugin splits the list on "," only (Harness joins cacheFrom with ";", and buildx cache specs hold ","), runs docker pull on it (ignoring the failure) and passes it as --cache-from, so no cache is used`,
      ),
    );
}

function droppedSecretBugs(facts: RunFacts): DockerPluginBug[] {
  const bugs: DockerPluginBug[] = [];
  const lists = [
    ["PLUGIN_SECRETS_FROM_ENV", facts.settings.secretsFromEnv, "env"],
    ["PLUGIN_SECRETS_FROM_FILE", facts.settings.secretsFromFile, "src"],
  ] as const;
  for (const [variable, items, source] of lists) {
    items.forEach((item, index) => {
      // Positions only: these variables are secret-bearing, their items are never quoted.
      if (secretArgument(item, source) === undefined) {
        bugs.push(bug("secret-item-dropped", variable, `item ${index + 1} of ${variable} is not id=${source === "env" ? "VARIABLE" : "PATH"} with both sides: the plugin drops it without a word, and the build runs without that secret`));
      }
    });
  }
  return bugs;
}

function pushOnlyBugs(facts: RunFacts): DockerPluginBug[] {
  const { settings, tags } = facts;
  if (!settings.pushOnly || settings.sourceImage !== "" || new Set(tags.tags).size < 2) return [];
  return [
    bug(
      "push-only-cross-tag",
      "PLUGIN_SOURCE_IMAGE",
      `push-only without PLUGIN_SOURCE_IMAGE takes ${settings.repo} with each tag as a source and tags it to every other tag before pushing: every tag is pushed with the image ${settings.repo}:${tags.tags[0]} had`,
    ),
  ];
}

export function buildBugs(facts: RunFacts): DockerPluginBug[] {
  return [...commaBugs(facts), ...cacheFromBugs(facts), ...droppedSecretBugs(facts), ...pushOnlyBugs(facts)];
}
