// PLUGIN_PUSH_ONLY: no build; the plugin tags an image already in the daemon to each target and
// pushes each (docker.go pushOnly). Without PLUGIN_SOURCE_IMAGE the source is the repository
// with each of the tags, so with two tags each is tagged to the other.

import type { CommandRecorder } from "./recorder.js";
import type { DockerSettings } from "./settings.js";

/** The source image name and tags: PLUGIN_SOURCE_IMAGE split at a tag colon (not a port's), or the targets. */
export function pushOnlySource(settings: DockerSettings, tags: readonly string[]): { name: string; tags: string[] } {
  const source = settings.sourceImage;
  if (source === "") return { name: settings.repo, tags: [...tags] };
  const colon = source.lastIndexOf(":");
  if (colon <= 0 || source.lastIndexOf("/") > colon) return { name: source, tags: ["latest"] };
  return { name: source.slice(0, colon), tags: [source.slice(colon + 1) || "latest"] };
}

/** The push-only commands. Every image is assumed to exist in the daemon. */
export function recordPushOnly(settings: DockerSettings, tags: readonly string[], tagsVariable: string, recorder: CommandRecorder): void {
  const source = pushOnlySource(settings, tags);
  const sourceVariable = settings.sourceImage === "" ? tagsVariable : "PLUGIN_SOURCE_IMAGE";
  for (const sourceTag of source.tags) {
    const from = `${source.name}:${sourceTag}`;
    recorder.docker("image", "inspect", from);
    for (const tag of tags) {
      const to = `${settings.repo}:${tag}`;
      if (from !== to) recorder.tag(from, to, { source: sourceVariable, target: tagsVariable });
    }
  }
  let first: string | undefined;
  for (const tag of tags) {
    const target = `${settings.repo}:${tag}`;
    recorder.docker("image", "inspect", target);
    recorder.push(target, tagsVariable);
    if (first === undefined) {
      first = target;
      // The digest of the first push, for the artifact file and signing; later pushes need none.
      recorder.docker("inspect", "--format", '{{ index (split (index .RepoDigests 0) "@") 1 }}', target);
    }
  }
  if (first !== undefined) recorder.docker("inspect", first); // the UI card
}
