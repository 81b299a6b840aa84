// The tags drone-docker pushes: PLUGIN_TAG(S) as given, or with PLUGIN_AUTO_TAG the tags from
// the commit ref (tags.go, the same coreos/go-semver rules as the kaniko plugin, whose code
// kaniko-args reproduces). Unlike the kaniko plugin, a ref that is neither a tag nor the
// default branch is not an error: the plugin exits 0 having run nothing.

import { pluginAutoTags } from "@buildpush/kaniko-args";
import type { DockerSettings } from "./settings.js";
import { PluginStopped, stopped } from "./stop.js";

export interface ResolvedTags {
  tags: string[];
  /** The variable the tags come from, for messages and bugs. */
  variable: string;
}

/** Throws PluginStopped: exit 0 for a skipped auto-tag build, exit 1 for a tag ref that is not semver. */
export function resolveTags(settings: DockerSettings): ResolvedTags {
  if (!settings.autoTag) return { tags: settings.tags, variable: settings.tagsVariable ?? "PLUGIN_TAGS" };
  const auto = pluginAutoTags(settings.commitRef, settings.repoBranch, settings.autoTagSuffix);
  if (auto.ok) return { tags: auto.tags, variable: "PLUGIN_AUTO_TAG" };
  const ref = JSON.stringify(settings.commitRef);
  if (auto.code === "auto-tag-ref") {
    const message = `skipping automated docker build for ${ref}: PLUGIN_AUTO_TAG builds tag refs and the default branch (DRONE_REPO_BRANCH ${JSON.stringify(settings.repoBranch)}) only, so the plugin exits 0 having built and pushed nothing`;
    throw new PluginStopped({ code: "auto-tag-skipped", variable: "DRONE_COMMIT_REF", message }, 0);
  }
  throw stopped("auto-tag-semver", `cannot build docker image, invalid semantic version ${ref}: a tag ref must be a full X.Y.Z version (v1.2.3) for PLUGIN_AUTO_TAG`, "DRONE_COMMIT_REF");
}
