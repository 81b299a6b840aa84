import type { Finding } from "../problems/collector.js";
import { quote } from "../problems/format.js";
import type { BuildPlan } from "../plan/build-plan.js";
import { checkRepository, isValidImageReference, repositoryRule } from "../rules/image-reference.js";
import { qualifiedImageName } from "./buildah/buildah-commands.js";

/**
 * Where `caching: true` keeps an image's Docker layers between builds. Harness Cloud keeps them
 * in storage of its own that no other engine can reach, so an engine names a registry
 * repository of its own instead; each image gets its own cache under it.
 */
export interface LayerCache {
  /** A repository the builder can push to and pull from, e.g. `registry.internal/buildcache`. */
  repository: string;
}

/** The tag every layer cache is kept under. */
export const layerCacheTag = "buildcache";

/** The buildx cache sources and destination of a step, with `caching: true` worked in. */
export interface BuildxCaches {
  cacheFrom: string[];
  cacheTo?: string;
}

/** A layerCache option that names no repository. */
export function layerCacheOptionFindings(layerCache: LayerCache | undefined): Finding[] {
  if (layerCache === undefined) return [];
  const check = checkRepository(layerCache.repository);
  if (check.ok) return [];
  return [{ path: ["layerCache", "repository"], at: "value", code: "invalid-option", message: `layerCache.repository ${quote(layerCache.repository)} is not a repository: ${check.reason}`, value: layerCache.repository, rule: repositoryRule }];
}

/**
 * The image's own cache under the layer-cache repository: its registry host (port made a `-`)
 * and path, so two registries' `app` never share a cache. Harness keys its cache by the image
 * name alone, and two projects pushing the same name overwrite each other's layers.
 */
export function layerCacheReference(layerCache: LayerCache, image: string): string {
  const qualified = qualifiedImageName(image);
  const slash = qualified.indexOf("/");
  const host = qualified.slice(0, slash).toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+|[._-]+$/g, "");
  return `${layerCache.repository}/${host}/${qualified.slice(slash + 1)}:${layerCacheTag}`;
}

/**
 * cacheFrom and cacheTo as the builder gets them. With `caching: true`, as Harness Cloud does
 * with its own storage: the layer cache is read after the step's own sources and written
 * instead of its cacheTo, every layer (`mode=max`), and a cache that cannot be written does
 * not fail the build. Without a layer cache `caching: true` has nowhere to keep layers: a
 * warning that says what is missing (the step builds, without the cache).
 */
export function buildxCaches(plan: BuildPlan, layerCache: LayerCache | undefined): { caches: BuildxCaches; warnings: Finding[] } {
  const plain: BuildxCaches = { cacheFrom: plan.cacheFrom, ...(plan.cacheTo !== undefined ? { cacheTo: plan.cacheTo } : {}) };
  if (plan.caching !== true) return { caches: plain, warnings: [] };
  if (layerCache === undefined) {
    return {
      caches: plain,
      warnings: [
        {
          path: ["spec", "caching"],
          at: "value",
          code: "missing-layer-cache",
          severity: "warning",
          message: `caching: true, but no layer cache was given, so the step builds without one: Harness Cloud keeps layers in storage of its own, and this translation names none (step ${plan.identifier})`,
          rule: "caching: true needs a place for the layers: the layerCache option (buildpush --layer-cache REPOSITORY), a registry repository the builder can push to",
          hint: "pass layerCache: { repository: \"registry.example.com/buildcache\" } (--layer-cache registry.example.com/buildcache), or set cacheFrom and cacheTo yourself and leave caching out",
        },
      ],
    };
  }
  const reference = layerCacheReference(layerCache, plan.image);
  if (!isValidImageReference(reference)) {
    return {
      caches: plain,
      warnings: [{ path: ["spec", "caching"], at: "value", code: "missing-layer-cache", severity: "warning", message: `the layer cache of ${quote(plan.image)} would be ${quote(reference)}, which is not an image reference, so the step builds without one (step ${plan.identifier})`, value: reference, rule: repositoryRule, hint: "choose a shorter layerCache repository" }],
    };
  }
  return { caches: { cacheFrom: [...plan.cacheFrom, `type=registry,ref=${reference}`], cacheTo: `type=registry,ref=${reference},mode=max,ignore-error=true` }, warnings: [] };
}
