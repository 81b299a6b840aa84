import type { BuildPlan, PluginArtifact } from "@buildpush/core";
import { artifactWithDigests, pluginArtifactTemplate } from "@buildpush/core/handler";

export interface PushedImage {
  /** `repository:tag` as the step names it. */
  image: string;
  digest: string;
}

/** The plugin's artifact file for a step, with the digest each tag's push reported. */
export function artifactFile(plan: BuildPlan, images: readonly PushedImage[]): PluginArtifact {
  const digests = new Map(images.map(({ image, digest }) => [image, digest]));
  return artifactWithDigests(pluginArtifactTemplate(plan), (image) => digests.get(image) ?? "");
}

/** A file name for a step's artifact file: unique per stage and step identifier. */
export function artifactFileName(stage: string, identifier: string): string {
  return `${stage}.${identifier}.json`.replace(/[^A-Za-z0-9_.-]/g, "_");
}
