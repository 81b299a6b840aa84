// The plugin bugs a run triggers (docker-plugin.md and the plugin's source): each one a way the
// step does something else than its settings say, or fails later than it needs to.

import { bug, type DockerPluginBug } from "./bug.js";
import { buildBugs } from "./bugs-build.js";
import { googleWrapperBugs } from "./bugs-google.js";
import { loginBugs, referenceBugs, repositoryBugs } from "./bugs-registry.js";
import { settingBugs } from "./bugs-settings.js";
import type { RunFacts } from "./facts.js";
import type { DockerPluginStop } from "./stop.js";

/** Every bug the run triggers, the login's first (the GCR and GAR wrappers' after drone-docker's), then the image's, the build's and the settings'. */
export function dockerPluginBugs(facts: RunFacts, stop: DockerPluginStop | undefined): DockerPluginBug[] {
  if (stop?.code === "auto-tag-skipped") {
    const description = `PLUGIN_AUTO_TAG on ${JSON.stringify(facts.settings.commitRef)}, neither a tag ref nor the default branch: the plugin exits 0 without building or pushing, so the step succeeds with no image`;
    return [bug("auto-tag-skipped", "DRONE_COMMIT_REF", description), ...settingBugs(facts)];
  }
  // With PLUGIN_AUTO_TAG on a tag ref that is no version, no tag is ever made.
  const tagsKnown = stop?.code !== "auto-tag-semver";
  return [...loginBugs(facts), ...googleWrapperBugs(facts), ...repositoryBugs(facts), ...(tagsKnown ? referenceBugs(facts) : []), ...buildBugs(facts), ...settingBugs(facts)];
}
