/** Valid steps and pipelines the property tests start from before they mutate them. */
import { backendModes, parseYamlFile } from "../../support/internals.js";
import fc from "fast-check";
import { minimalSpecs, readRepoFile, type StepType } from "../../support/fixtures.js";

/** Every optional field set, so mutations reach every check. */
export const fullSpecs: Record<StepType, Record<string, unknown>> = {
  BuildAndPushDockerRegistry: {
    ...minimalSpecs.BuildAndPushDockerRegistry,
    tags: ["1.0", "latest"],
    dockerfile: "docker/Dockerfile",
    context: "app",
    target: "release",
    labels: { "org.opencontainers.image.source": "https://github.com/acme/app", team: "build" },
    buildArgs: { GO_VERSION: "1.22", MODE: "release" },
    optimize: true,
    remoteCacheRepo: "acme/app-cache",
    baseImageConnectorRefs: ["account.dockerhub"],
    envVariables: { PLUGIN_PUSH_RETRY: "3", HTTP_PROXY: "http://proxy:3128" },
    resources: { limits: { memory: "1Gi", cpu: "0.5" } },
    runAsUser: 0,
    caching: true,
    cacheFrom: ["type=registry,ref=acme/app:cache"],
    cacheTo: "type=registry,ref=acme/app:cache,mode=max",
  },
  BuildAndPushECR: {
    ...minimalSpecs.BuildAndPushECR,
    dockerfile: "Dockerfile",
    context: ".",
    labels: { team: "build" },
    buildArgs: { A: "1" },
    remoteCacheImage: "app-cache",
    envVariables: { PLUGIN_NO_PUSH: "false" },
    resources: { limits: { memory: "500Mi", cpu: "400m" } },
  },
  BuildAndPushACR: {
    ...minimalSpecs.BuildAndPushACR,
    subscriptionId: "0b6c1c54-4b56-4b44-9d5e-1f5e2a6b7c8d",
    dockerfile: "Dockerfile",
    labels: { team: "build" },
    buildArgs: { A: "1" },
    remoteCacheImage: "acme.azurecr.io/app-cache",
    envVariables: { PLUGIN_SKIP_TLS_VERIFY: "false" },
  },
  BuildAndPushGCR: {
    ...minimalSpecs.BuildAndPushGCR,
    tags: ["1.0", "latest"],
    dockerfile: "docker/Dockerfile",
    labels: { team: "build" },
    buildArgs: { A: "1" },
    target: "release",
    remoteCacheImage: "app-cache",
    baseImageConnectorRefs: ["account.dockerhub"],
    envVariables: { PLUGIN_PUSH_RETRY: "3" },
    caching: true,
    cacheFrom: ["type=registry,ref=gcr.io/acme-prod/app:cache"],
  },
  BuildAndPushGAR: {
    ...minimalSpecs.BuildAndPushGAR,
    context: "app",
    labels: { team: "build" },
    buildArgs: { A: "1" },
    optimize: false,
    remoteCacheImage: "us-central1-docker.pkg.dev/acme-prod/docker-repo/app-cache",
    envVariables: { PLUGIN_NO_PUSH: "false" },
    resources: { limits: { memory: "1Gi", cpu: "0.5" } },
    runAsUser: 0,
    cacheTo: "type=registry,ref=us-central1-docker.pkg.dev/acme-prod/docker-repo/app:cache,mode=max",
  },
};

/** Where `caching: true` (set in the full Docker spec) keeps layers on VMs, as an engine names it. */
export const layerCache = { repository: "registry.example.com/buildcache" };

export const options = fc.record({
  infrastructure: fc.constantFrom("kubernetes" as const, "vm" as const),
  mode: fc.constantFrom(...backendModes),
  layerCache: fc.constant(layerCache),
});


/** A pipeline that translates: two stages, variables of every type, shared paths, a security context, a step group and a parallel block. */
export const validPipeline = {
  pipeline: {
    identifier: "p",
    name: "p",
    variables: [
      { name: "GLOBAL", type: "String", value: "1" },
      { name: "TOKEN", type: "Secret", value: "account.token" },
    ],
    stages: [
      {
        stage: {
          identifier: "build",
          name: "build",
          type: "CI",
          variables: [
            { name: "PLUGIN_PUSH_RETRY", type: "Number", value: 3 },
            { name: "STAGE_VAR", type: "String", value: "x" },
          ],
          spec: {
            sharedPaths: ["/shared/cache", "/root/.m2"],
            infrastructure: {
              type: "KubernetesDirect",
              spec: { os: "Linux", imagePullPolicy: "IfNotPresent", containerSecurityContext: { runAsUser: 1000, runAsNonRoot: true, capabilities: { drop: ["ALL"] } } },
            },
            execution: {
              steps: [
                { step: { type: "BuildAndPushDockerRegistry", name: "Docker", identifier: "docker", spec: fullSpecs.BuildAndPushDockerRegistry } },
                {
                  parallel: [
                    { step: { type: "BuildAndPushECR", name: "ECR", identifier: "ecr", spec: minimalSpecs.BuildAndPushECR } },
                    { stepGroup: { identifier: "group", name: "group", steps: [{ step: { type: "BuildAndPushACR", name: "ACR", identifier: "acr", spec: fullSpecs.BuildAndPushACR } }] } },
                  ],
                },
              ],
            },
          },
        },
      },
      {
        stage: {
          identifier: "cloud",
          name: "cloud",
          type: "CI",
          spec: {
            platform: { os: "Linux", arch: "Amd64" },
            runtime: { type: "Cloud", spec: {} },
            execution: { steps: [{ step: { type: "BuildAndPushDockerRegistry", name: "Docker", identifier: "docker", spec: minimalSpecs.BuildAndPushDockerRegistry } }] },
          },
        },
      },
    ],
  },
};


/** The bundled connectors as the plain values their YAML holds. */
export const connectorValues = parseYamlFile(readRepoFile("examples/connectors.yaml"), "examples/connectors.yaml").map((doc) => doc.value);
