import { describe, expect, test } from "vitest";
import { buildPlan } from "../../../../test/support/plans.js";
import { buildxCaches, layerCacheOptionFindings, layerCacheReference } from "./layer-cache.js";

const layerCache = { repository: "registry.internal/buildcache" };

describe("layerCacheReference: each image its own cache under the layer-cache repository", () => {
  test.each([
    ["a Docker Hub user's repository is qualified", "acme/app", "registry.internal/buildcache/docker.io/acme/app:buildcache"],
    ["an official image is library/NAME", "app", "registry.internal/buildcache/docker.io/library/app:buildcache"],
    ["a registry's host keeps its dots", "123456789012.dkr.ecr.us-east-1.amazonaws.com/api", "registry.internal/buildcache/123456789012.dkr.ecr.us-east-1.amazonaws.com/api:buildcache"],
    ["a port becomes -, which a path component may hold", "localhost:5000/team/app", "registry.internal/buildcache/localhost-5000/team/app:buildcache"],
    ["a host's capitals are lowered, as a path component needs", "Registry.Example.com/app", "registry.internal/buildcache/registry.example.com/app:buildcache"],
  ])("%s", (_rule, image, reference) => {
    expect(layerCacheReference(layerCache, image)).toBe(reference);
  });
});

describe("buildxCaches", () => {
  test.each([
    ["without caching, the step's own sources and destination", { cacheFrom: ["type=gha"], cacheTo: "type=inline" }, undefined, { cacheFrom: ["type=gha"], cacheTo: "type=inline" }],
    [
      "caching: true reads the layer cache after the step's sources and writes it instead of cacheTo",
      { caching: true, cacheFrom: ["type=gha"], cacheTo: "type=inline" },
      layerCache,
      { cacheFrom: ["type=gha", "type=registry,ref=registry.internal/buildcache/registry.example.com/acme/app:buildcache"], cacheTo: "type=registry,ref=registry.internal/buildcache/registry.example.com/acme/app:buildcache,mode=max,ignore-error=true" },
    ],
  ] as const)("%s", (_rule, overrides, cache, expected) => {
    const { caches, warnings } = buildxCaches(buildPlan({ ...overrides, cacheFrom: [...overrides.cacheFrom] }), cache);
    expect(warnings).toEqual([]);
    expect(caches).toEqual(expected);
  });

  test("caching: true without a layer cache builds without one, with a warning at spec.caching that says what is missing and how to give it", () => {
    const { caches, warnings } = buildxCaches(buildPlan({ caching: true }), undefined);
    expect(caches).toEqual({ cacheFrom: [] });
    expect(warnings).toEqual([
      expect.objectContaining({ path: ["spec", "caching"], code: "missing-layer-cache", severity: "warning", message: expect.stringMatching(/no layer cache was given, so the step builds without one: Harness Cloud keeps layers in storage of its own/), hint: expect.stringMatching(/--layer-cache registry\.example\.com\/buildcache/) }),
    ]);
  });

  test("a layer cache too long for the image's cache reference is a warning, not a broken --cache-to", () => {
    const { caches, warnings } = buildxCaches(buildPlan({ caching: true }), { repository: `registry.internal/${"a".repeat(230)}` });
    expect(caches).toEqual({ cacheFrom: [] });
    expect(warnings).toEqual([expect.objectContaining({ code: "missing-layer-cache", severity: "warning", message: expect.stringMatching(/is not an image reference/) })]);
  });
});

describe("layerCacheOptionFindings", () => {
  test.each([
    ["a repository with a tag", "registry.internal/cache:v1", /holds a tag/],
    ["a URL", "https://registry.internal/cache", /URL scheme/],
    ["uppercase", "registry.internal/Cache", /lowercase/],
  ])("%s is refused at layerCache.repository", (_case, repository, reason) => {
    expect(layerCacheOptionFindings({ repository })).toEqual([expect.objectContaining({ path: ["layerCache", "repository"], code: "invalid-option", message: expect.stringMatching(reason) })]);
  });

  test("no option, or a repository, is fine", () => {
    expect(layerCacheOptionFindings(undefined)).toEqual([]);
    expect(layerCacheOptionFindings(layerCache)).toEqual([]);
  });
});
