/**
 * One row per rule of ../shared/reference/gcr-gar-and-infrastructure.md §2–§4, §6 and §7 (images,
 * spec → PLUGIN_*, the GCP connector, Harness Cloud's buildx path with its layer caching and build
 * secrets), for BuildAndPushGCR and BuildAndPushGAR on each infrastructure
 * the rule holds on: a step → the plugin container Harness would run. docs/conformance.md points
 * at these rows.
 */
import type { Infrastructure } from "@buildpush/core";
import { describe, expect, test } from "vitest";
import { translate, type StepCase } from "./support/fixtures.js";
import { expectEnv, type EnvExpectation } from "./support/env-expectation.js";

type GoogleStep = "BuildAndPushGCR" | "BuildAndPushGAR";
const googleSteps: GoogleStep[] = ["BuildAndPushGCR", "BuildAndPushGAR"];
const everywhere: Infrastructure[] = ["kubernetes", "vm"];

/** The step's own host, for rules whose spec names one. */
const hostOf = { BuildAndPushGCR: "gcr.io", BuildAndPushGAR: "us-central1-docker.pkg.dev" } as const;
/** A repository path each registry accepts (GAR's is REPOSITORY/IMAGE). */
const imageOf = { BuildAndPushGCR: "app", BuildAndPushGAR: "docker-repo/app" } as const;

type Rule = [rule: string, on: Infrastructure[], spec: (type: GoogleStep) => Record<string, unknown>, expected: (type: GoogleStep) => EnvExpectation];

/** Each rule as one row per step type and infrastructure it holds on. */
function rows(rules: Rule[]): [string, StepCase, EnvExpectation][] {
  return rules.flatMap(([rule, on, spec, expected]) =>
    googleSteps.flatMap((type) => on.map((infrastructure): [string, StepCase, EnvExpectation] => [`${type} on ${infrastructure}: ${rule}`, { type, infrastructure, spec: spec(type) }, expected(type)])),
  );
}

describe("§2 the plugin image per step type and infrastructure", () => {
  test.each<[string, StepCase, string, string[] | undefined]>([
    ["GCR on Kubernetes runs plugins/kaniko-gcr with /kaniko/kaniko-gcr", { type: "BuildAndPushGCR" }, "plugins/kaniko-gcr:1.13.10", ["/kaniko/kaniko-gcr"]],
    ["GAR on Kubernetes runs plugins/kaniko-gar with /kaniko/kaniko-gar", { type: "BuildAndPushGAR" }, "plugins/kaniko-gar:1.13.10", ["/kaniko/kaniko-gar"]],
    ["GCR on VM runs plugins/gcr, its own entrypoint", { type: "BuildAndPushGCR", infrastructure: "vm" }, "plugins/gcr:21.3.3", undefined],
    ["GAR on VM runs plugins/gar, its own entrypoint", { type: "BuildAndPushGAR", infrastructure: "vm" }, "plugins/gar:21.3.3", undefined],
    ["an override replaces the kaniko-gar image by its repository name", { type: "BuildAndPushGAR", images: { "plugins/kaniko-gar": "registry.internal/kaniko-gar:1.14.0" } }, "registry.internal/kaniko-gar:1.14.0", ["/kaniko/kaniko-gar"]],
    ["an override replaces the VM gcr image by its repository name", { type: "BuildAndPushGCR", infrastructure: "vm", images: { "plugins/gcr": "registry.internal/gcr:21.4.0" } }, "registry.internal/gcr:21.4.0", undefined],
    ["an override of one image leaves the other step's alone", { type: "BuildAndPushGCR", images: { "plugins/kaniko-gar": "registry.internal/kaniko-gar:1.14.0" } }, "plugins/kaniko-gcr:1.13.10", ["/kaniko/kaniko-gcr"]],
    ["GAR on the VM buildx path (cacheFrom) runs plugins/buildx-gar, its own entrypoint", { type: "BuildAndPushGAR", infrastructure: "vm", spec: { cacheFrom: ["type=registry,ref=x"] } }, "plugins/buildx-gar:1.5.6", undefined],
    ["GCR on the VM buildx path (cacheTo) runs plugins/buildx-gcr", { type: "BuildAndPushGCR", infrastructure: "vm", spec: { cacheTo: "type=inline" } }, "plugins/buildx-gcr:1.5.6", undefined],
    ["caching: true takes the buildx path too", { type: "BuildAndPushGCR", infrastructure: "vm", layerCache: { repository: "registry.internal/buildcache" }, spec: { caching: true } }, "plugins/buildx-gcr:1.5.6", undefined],
    ["caching: false without cache sources stays on drone-docker's plugins/gar", { type: "BuildAndPushGAR", infrastructure: "vm", spec: { caching: false } }, "plugins/gar:21.3.3", undefined],
    ["on Kubernetes the cache fields leave kaniko in place", { type: "BuildAndPushGAR", spec: { cacheFrom: ["type=registry,ref=x"] } }, "plugins/kaniko-gar:1.13.10", ["/kaniko/kaniko-gar"]],
    ["an override replaces the buildx-gar image by its repository name", { type: "BuildAndPushGAR", infrastructure: "vm", images: { "plugins/buildx-gar": "registry.internal/buildx-gar:1.6.0" }, spec: { cacheTo: "type=inline" } }, "registry.internal/buildx-gar:1.6.0", undefined],
  ])("%s", (_rule, c, image, command) => {
    const container = translate(c);
    expect(container.image).toBe(image);
    expect(container.command).toEqual(command);
  });
});

describe("§3 spec fields → plugin variables, on both infrastructures", () => {
  test.each(
    rows([
      [
        "host + projectID → PLUGIN_REGISTRY, host's trailing / and projectID's leading / trimmed",
        everywhere,
        (type) => ({ host: `${hostOf[type]}/`, projectID: "/ci" }),
        (type) => ({ env: { PLUGIN_REGISTRY: `${hostOf[type]}/ci` } }),
      ],
      ["imageName → PLUGIN_REPO as written, without the registry (the plugin puts it in front)", everywhere, (type) => ({ imageName: `${imageOf[type]}/api` }), (type) => ({ env: { PLUGIN_REPO: `${imageOf[type]}/api` } })],
      ["tags → PLUGIN_TAGS joined with ,", everywhere, () => ({ tags: ["1.0", "1.0", "latest"] }), () => ({ env: { PLUGIN_TAGS: "1.0,1.0,latest" } })],
      ["dockerfile → PLUGIN_DOCKERFILE, context → PLUGIN_CONTEXT", everywhere, () => ({ dockerfile: "build/Dockerfile", context: "services/api" }), () => ({ env: { PLUGIN_DOCKERFILE: "build/Dockerfile", PLUGIN_CONTEXT: "services/api" } })],
      ["dockerfile and context are left out when they are the string null", everywhere, () => ({ dockerfile: "null", context: "null" }), () => ({ absent: ["PLUGIN_DOCKERFILE", "PLUGIN_CONTEXT"] })],
      ["target → PLUGIN_TARGET; an empty one is left out", everywhere, () => ({ target: "release" }), () => ({ env: { PLUGIN_TARGET: "release" } })],
      ["an empty target is left out", everywhere, () => ({ target: "" }), () => ({ absent: ["PLUGIN_TARGET"] })],
      ["buildArgs → PLUGIN_BUILD_ARGS as k=v pairs in the order written", everywhere, () => ({ buildArgs: { B: "2", A: "1" } }), () => ({ env: { PLUGIN_BUILD_ARGS: "B=2,A=1" } })],
      ["labels → PLUGIN_CUSTOM_LABELS as k=v pairs", everywhere, () => ({ labels: { team: "web", tier: "api" } }), () => ({ env: { PLUGIN_CUSTOM_LABELS: "team=web,tier=api" } })],
      [
        "a base image connector → PLUGIN_DOCKER_REGISTRY (Docker Hub's v2 URL as v1) and its credentials, never PLUGIN_REGISTRY (Harness 2023's clash)",
        everywhere,
        () => ({ baseImageConnectorRefs: ["account.dockerhub"] }),
        (type) => ({ env: { PLUGIN_DOCKER_REGISTRY: "https://index.docker.io/v1/", PLUGIN_DOCKER_USERNAME: "acme", PLUGIN_REGISTRY: `${hostOf[type]}/acme-prod` }, secretEnv: { PLUGIN_DOCKER_PASSWORD: "account.dockerhub_token" } }),
      ],
      ["envVariables reach the container", everywhere, () => ({ envVariables: { PLUGIN_PUSH_RETRY: "3" } }), () => ({ env: { PLUGIN_PUSH_RETRY: "3" } })],
      ["a plugin variable wins over envVariables of the same name", everywhere, () => ({ envVariables: { PLUGIN_REGISTRY: "elsewhere.example.com/x" } }), (type) => ({ env: { PLUGIN_REGISTRY: `${hostOf[type]}/acme-prod` } })],
    ]),
  )("%s", (_rule, c, expected) => expectEnv(c, expected));

  test.each<[string, StepCase, EnvExpectation]>([
    ["GAR on Kubernetes: PLUGIN_REGISTRY_TYPE=gar, lower case", { type: "BuildAndPushGAR" }, { env: { PLUGIN_REGISTRY_TYPE: "gar" } }],
    ["GAR on VM: PLUGIN_REGISTRY_TYPE=gar, lower case", { type: "BuildAndPushGAR", infrastructure: "vm" }, { env: { PLUGIN_REGISTRY_TYPE: "gar" } }],
    ["GCR on Kubernetes sets no registry type", { type: "BuildAndPushGCR" }, { absent: ["PLUGIN_REGISTRY_TYPE"] }],
    ["GCR on VM sets no registry type", { type: "BuildAndPushGCR", infrastructure: "vm" }, { absent: ["PLUGIN_REGISTRY_TYPE"] }],
    [
      "a domain-scoped project goes into PLUGIN_REGISTRY as Google writes it in image names (example.com/project)",
      { type: "BuildAndPushGCR", spec: { projectID: "example.com:acme-prod" } },
      { env: { PLUGIN_REGISTRY: "gcr.io/example.com/acme-prod", PLUGIN_REPO: "app" } },
    ],
  ])("%s", (_rule, c, expected) => expectEnv(c, expected));
});

describe("§3 Kubernetes-only variables", () => {
  test.each(
    rows([
      ["optimize defaults to true → PLUGIN_SNAPSHOT_MODE=redo", ["kubernetes"], () => ({}), () => ({ env: { PLUGIN_SNAPSHOT_MODE: "redo" } })],
      ["optimize: false sets no snapshot mode", ["kubernetes"], () => ({ optimize: false }), () => ({ absent: ["PLUGIN_SNAPSHOT_MODE"] })],
      [
        "remoteCacheImage → PLUGIN_ENABLE_CACHE=true and PLUGIN_CACHE_REPO as written (the plugin puts the registry in front)",
        ["kubernetes"],
        (type) => ({ remoteCacheImage: `${imageOf[type]}-cache` }),
        (type) => ({ env: { PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: `${imageOf[type]}-cache` } }),
      ],
      ["no remote cache, no cache variables", ["kubernetes"], () => ({}), () => ({ absent: ["PLUGIN_ENABLE_CACHE", "PLUGIN_CACHE_REPO"] })],
      ["an empty remoteCacheImage is no cache (Harness turns the cache on with the repository <registry>/, quirk 4)", ["kubernetes"], () => ({ remoteCacheImage: "" }), () => ({ absent: ["PLUGIN_ENABLE_CACHE", "PLUGIN_CACHE_REPO"] })],
      ["PLUGIN_ARTIFACT_FILE=/addon/tmp/.plugin/artifact is always set", ["kubernetes"], () => ({}), () => ({ env: { PLUGIN_ARTIFACT_FILE: "/addon/tmp/.plugin/artifact" }, absent: ["PLUGIN_DAEMON_OFF"] })],
      [
        "caching, cacheFrom and cacheTo have no effect",
        ["kubernetes"],
        () => ({ caching: true, cacheFrom: ["type=registry,ref=x"], cacheTo: "type=inline" }),
        () => ({ absent: ["PLUGIN_CACHE_FROM", "PLUGIN_CACHE_TO", "PLUGIN_METADATA_FILE", "PLUGIN_DAEMON_OFF"] }),
      ],
    ]),
  )("%s", (_rule, c, expected) => expectEnv(c, expected));
});

describe("§3 VM-only variables", () => {
  test.each(
    rows([
      ["PLUGIN_DAEMON_OFF=true is always set, PLUGIN_ARTIFACT_FILE never (lite-engine sets it)", ["vm"], () => ({}), () => ({ env: { PLUGIN_DAEMON_OFF: "true" }, absent: ["PLUGIN_ARTIFACT_FILE"] })],
      [
        "the buildx path: cacheFrom → PLUGIN_CACHE_FROM joined with ;, cacheTo → PLUGIN_CACHE_TO, and PLUGIN_METADATA_FILE",
        ["vm"],
        () => ({ cacheFrom: ["type=registry,ref=a:cache", "type=gha"], cacheTo: "type=registry,ref=a:cache,mode=max" }),
        () => ({ env: { PLUGIN_CACHE_FROM: "type=registry,ref=a:cache;type=gha", PLUGIN_CACHE_TO: "type=registry,ref=a:cache,mode=max", PLUGIN_METADATA_FILE: "buildx-metadata.json" } }),
      ],
      ["caching: true takes the buildx path too: PLUGIN_METADATA_FILE", ["vm"], () => ({ caching: true }), () => ({ env: { PLUGIN_METADATA_FILE: "buildx-metadata.json" } })],
      ["without caching, cacheFrom or cacheTo, no metadata file", ["vm"], () => ({}), () => ({ absent: ["PLUGIN_METADATA_FILE", "PLUGIN_CACHE_FROM", "PLUGIN_CACHE_TO"] })],
      [
        "optimize and remote cache have no effect",
        ["vm"],
        (type) => ({ optimize: true, remoteCacheImage: `${imageOf[type]}-cache` }),
        () => ({ absent: ["PLUGIN_SNAPSHOT_MODE", "PLUGIN_ENABLE_CACHE", "PLUGIN_CACHE_REPO"] }),
      ],
    ]),
  )("%s", (_rule, c, expected) => expectEnv(c, expected));
});

/** Where caching: true keeps layers, as an engine names it (Harness Cloud's own storage is Harness's). */
const layerCache = { repository: "registry.internal/buildcache" };

describe("§6 Harness Cloud's caching: true on the buildx path", () => {
  test.each<[string, StepCase, EnvExpectation]>([
    [
      "GCR: the layer cache of the image under the engine's repository, read after the step's sources, written instead of its cacheTo, with Harness's BuildKit image",
      { type: "BuildAndPushGCR", infrastructure: "vm", layerCache, spec: { caching: true, cacheFrom: ["type=registry,ref=gcr.io/acme-prod/app:cache"], cacheTo: "type=inline" } },
      {
        env: {
          PLUGIN_CACHE_FROM: "type=registry,ref=gcr.io/acme-prod/app:cache;type=registry,ref=registry.internal/buildcache/gcr.io/acme-prod/app:buildcache",
          PLUGIN_CACHE_TO: "type=registry,ref=registry.internal/buildcache/gcr.io/acme-prod/app:buildcache,mode=max,ignore-error=true",
          PLUGIN_BUILDER_DRIVER_OPTS: "image=harness/buildkit:1.0.21",
          PLUGIN_METADATA_FILE: "buildx-metadata.json",
        },
      },
    ],
    [
      "GAR: the cache keyed by host, project and REPOSITORY/IMAGE (Harness keys it by imageName alone, quirk 7)",
      { type: "BuildAndPushGAR", infrastructure: "vm", layerCache, spec: { caching: true } },
      {
        env: {
          PLUGIN_CACHE_FROM: "type=registry,ref=registry.internal/buildcache/us-central1-docker.pkg.dev/acme-prod/docker-repo/app:buildcache",
          PLUGIN_CACHE_TO: "type=registry,ref=registry.internal/buildcache/us-central1-docker.pkg.dev/acme-prod/docker-repo/app:buildcache,mode=max,ignore-error=true",
          PLUGIN_REGISTRY: "us-central1-docker.pkg.dev/acme-prod",
          PLUGIN_REPO: "docker-repo/app",
          PLUGIN_REGISTRY_TYPE: "gar",
        },
        secretEnv: { PLUGIN_JSON_KEY: "account.gcp_service_account_key" },
      },
    ],
    [
      "two projects pushing the same imageName keep separate caches",
      { type: "BuildAndPushGCR", infrastructure: "vm", layerCache, spec: { caching: true, projectID: "acme-staging" } },
      { env: { PLUGIN_CACHE_TO: "type=registry,ref=registry.internal/buildcache/gcr.io/acme-staging/app:buildcache,mode=max,ignore-error=true" } },
    ],
    [
      "an override replaces Harness's BuildKit image by its name",
      { type: "BuildAndPushGAR", infrastructure: "vm", layerCache, images: { "harness/buildkit": "registry.internal/buildkit:1.0.21" }, spec: { caching: true } },
      { env: { PLUGIN_BUILDER_DRIVER_OPTS: "image=registry.internal/buildkit:1.0.21" } },
    ],
    [
      "cacheFrom and cacheTo alone: as written, no BuildKit image of Harness's",
      { type: "BuildAndPushGCR", infrastructure: "vm", spec: { cacheFrom: ["type=registry,ref=gcr.io/acme-prod/app:cache"] } },
      { env: { PLUGIN_CACHE_FROM: "type=registry,ref=gcr.io/acme-prod/app:cache" }, absent: ["PLUGIN_CACHE_TO", "PLUGIN_BUILDER_DRIVER_OPTS"] },
    ],
  ])("%s", (_rule, c, expected) => expectEnv(c, expected));
});

describe("§7 envDockerSecrets and fileDockerSecrets", () => {
  test.each(
    rows([
      [
        "envDockerSecrets → PLUGIN_SECRETS_FROM_ENV, id=VARIABLE joined with , in the order written",
        ["vm"],
        () => ({ envDockerSecrets: { npm_token: "NPM_TOKEN", "gh.token": "GH_TOKEN" } }),
        () => ({ env: { PLUGIN_SECRETS_FROM_ENV: "npm_token=NPM_TOKEN,gh.token=GH_TOKEN" }, absent: ["PLUGIN_SECRETS_FROM_FILE"] }),
      ],
      [
        "fileDockerSecrets → PLUGIN_SECRETS_FROM_FILE, id=PATH joined with ,",
        ["vm"],
        () => ({ fileDockerSecrets: { netrc: ".secrets/netrc", pip: "/harness/pip.conf" } }),
        () => ({ env: { PLUGIN_SECRETS_FROM_FILE: "netrc=.secrets/netrc,pip=/harness/pip.conf" }, absent: ["PLUGIN_SECRETS_FROM_ENV"] }),
      ],
      ["no build secrets, no secret variables", ["vm"], () => ({}), () => ({ absent: ["PLUGIN_SECRETS_FROM_ENV", "PLUGIN_SECRETS_FROM_FILE"] })],
    ]),
  )("%s", (_rule, c, expected) => expectEnv(c, expected));
});

describe("§4 the GCP connector's credentials are secret references", () => {
  test.each(
    rows([
      [
        "ManualConfig → PLUGIN_JSON_KEY, the key's secret reference; no OIDC variables",
        everywhere,
        () => ({}),
        () => ({ secretEnv: { PLUGIN_JSON_KEY: "account.gcp_service_account_key" }, absent: ["PLUGIN_OIDC_TOKEN_ID", "PLUGIN_PROJECT_NUMBER"] }),
      ],
      [
        "InheritFromDelegate → no key: the plugin uses the pod's identity (GKE workload identity)",
        ["kubernetes"],
        () => ({ connectorRef: "account.gcp_workload_identity" }),
        () => ({ absent: ["PLUGIN_JSON_KEY", "PLUGIN_OIDC_TOKEN_ID", "PLUGIN_PROJECT_NUMBER", "PLUGIN_POOL_ID", "PLUGIN_PROVIDER_ID", "PLUGIN_SERVICE_ACCOUNT_EMAIL"] }),
      ],
      [
        "OidcAuthentication → Harness's five OIDC variables, the ID token by reference; no key",
        ["vm"],
        () => ({ connectorRef: "account.gcp_oidc" }),
        () => ({
          env: { PLUGIN_PROJECT_NUMBER: "123456789012", PLUGIN_POOL_ID: "harness-pool", PLUGIN_PROVIDER_ID: "harness-provider", PLUGIN_SERVICE_ACCOUNT_EMAIL: "ci-push@acme-prod.iam.gserviceaccount.com" },
          secretEnv: { PLUGIN_OIDC_TOKEN_ID: "oidc.account.gcp_oidc" },
          absent: ["PLUGIN_JSON_KEY"],
        }),
      ],
    ]),
  )("%s", (_rule, c, expected) => expectEnv(c, expected));

  test("no secret value is in any plain variable: the key and the token are only references", () => {
    for (const type of googleSteps) {
      for (const [infrastructure, connectorRef] of [["kubernetes", "account.gcp"], ["vm", "account.gcp"], ["kubernetes", "account.gcp_workload_identity"], ["vm", "account.gcp_oidc"]] as const) {
        const container = translate({ type, infrastructure, spec: { connectorRef } });
        expect(Object.keys(container.env).filter((name) => /JSON_KEY|TOKEN/.test(name))).toEqual([]);
      }
    }
  });
});
