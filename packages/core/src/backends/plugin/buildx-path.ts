import type { BuildPlan } from "../../plan/build-plan.js";
import { takesBuildxPath } from "../../plan/buildx-path.js";
import type { PluginImage, PluginImages } from "../../plan/step-handler.js";
import { buildxCaches, type LayerCache } from "../layer-cache.js";
import { harnessBuildkitImage, pluginImageReference } from "./plugin-images.js";

/**
 * Harness's buildx path on VM infrastructure (gcr-gar-and-infrastructure.md sections 2, 3 and
 * 6): a step that asks for layer caching runs a buildx plugin, the one that reads cache
 * sources, a cache destination and BuildKit's driver options.
 */

/** Where the buildx plugin writes buildx's metadata (lite-engine moves it into the step's shared directory). */
export const buildxMetadataFile = "buildx-metadata.json";

export { takesBuildxPath } from "../../plan/buildx-path.js";

/** The plugin image that runs the step: the buildx plugin on the buildx path, where the step type has one. */
export function pluginImageFor(plan: BuildPlan, images: PluginImages): PluginImage {
  if (plan.infrastructure === "kubernetes") return images.kubernetes;
  return takesBuildxPath(plan) && images.vmBuildx !== undefined ? images.vmBuildx : images.vm;
}

/** The buildx path's variables: cache sources joined with `;`, the destination, BuildKit's image for `caching: true`. */
export function buildxVariables(plan: BuildPlan, options: { layerCache?: LayerCache; images?: Readonly<Record<string, string>> }): [string, string][] {
  const { caches } = buildxCaches(plan, options.layerCache);
  const variables: [string, string][] = [];
  if (caches.cacheFrom.length > 0) variables.push(["PLUGIN_CACHE_FROM", caches.cacheFrom.join(";")]);
  if (caches.cacheTo !== undefined) variables.push(["PLUGIN_CACHE_TO", caches.cacheTo]);
  if (plan.caching === true) variables.push(["PLUGIN_BUILDER_DRIVER_OPTS", `image=${pluginImageReference(harnessBuildkitImage, options.images)}`]);
  variables.push(["PLUGIN_METADATA_FILE", buildxMetadataFile]);
  return variables;
}
