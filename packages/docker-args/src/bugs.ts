// The plugin bugs a run triggers (docker-plugin.md and the plugin's source): each one a way the
// step does something else than its settings say, or fails later than it needs to. Descriptions
// name variables, registries, repositories and tags, never the value of a secret.

import type { DockerPluginStop } from "./stop.js";
import type { RunFacts } from "./plugin-run.js";
import { buildBugs } from "./bugs-build.js";
import { loginBugs, referenceBugs, repositoryBugs } from "./bugs-registry.js";
import { settingBugs } from "./bugs-settings.js";

export type DockerPluginBugId =
  | "password-on-command-line"
  | "login-email-flag"
  | "login-without-username"
  | "base-image-login-without-credentials"
  | "unqualified-repo"
  | "repo-outside-login-registry"
  | "registry-not-given"
  | "invalid-tag"
  | "invalid-repository"
  | "build-arg-split-on-comma"
  | "label-split-on-comma"
  | "cache-from-not-an-image"
  | "secret-item-dropped"
  | "push-only-cross-tag"
  | "ignored-runtime-flag"
  | "daemon-option-without-daemon"
  | "wrapper-bool-ignored"
  | "auto-tag-skipped";

export interface DockerPluginBug {
  id: DockerPluginBugId;
  /** The variable that triggers it, when one does. */
  variable?: string;
  description: string;
}

export function bug(id: DockerPluginBugId, variable: string | undefined, description: string): DockerPluginBug {
  return variable === undefined ? { id, description } : { id, variable, description };
}

/** Every bug the run triggers, the login's first, then the image's, the build's and the settings'. */
export function dockerPluginBugs(facts: RunFacts, stop: DockerPluginStop | undefined): DockerPluginBug[] {
  if (stop?.code === "auto-tag-skipped") {
    const description = `PLUGIN_AUTO_TAG on ${JSON.stringify(facts.settings.commitRef)}, neither a tag ref nor the default branch: the plugin exits 0 without building or pushing, so the step succeeds with no image`;
    return [bug("auto-tag-skipped", "DRONE_COMMIT_REF", description), ...settingBugs(facts)];
  }
  // With PLUGIN_AUTO_TAG on a tag ref that is no version, no tag is ever made.
  const tagsKnown = stop?.code !== "auto-tag-semver";
  return [...loginBugs(facts), ...repositoryBugs(facts), ...(tagsKnown ? referenceBugs(facts) : []), ...buildBugs(facts), ...settingBugs(facts)];
}
