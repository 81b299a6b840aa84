/**
 * One row per rule of ../shared/reference/harness-translation.md (sections 1, 3, 4 and 5):
 * a step → the plugin container Harness would run. docs/conformance.md points at these rows.
 */
import { describe, expect, test } from "vitest";
import { translate, type StepCase } from "./support/fixtures.js";
import { expectEnv, type EnvExpectation } from "./support/env-expectation.js";
import { problemsOf } from "./support/problems.js";

/** Where caching: true keeps layers, as an engine names it (Harness Cloud's own storage is Harness's). */
const layerCache = { repository: "registry.internal/buildcache" };

describe("§1 image per step type and infrastructure", () => {
  test.each<[string, StepCase, string, string[] | undefined]>([
    ["Docker on Kubernetes runs plugins/kaniko", { type: "BuildAndPushDockerRegistry" }, "plugins/kaniko:1.13.3", ["/kaniko/kaniko-docker"]],
    ["ECR on Kubernetes runs plugins/kaniko-ecr", { type: "BuildAndPushECR" }, "plugins/kaniko-ecr:1.13.3", ["/kaniko/kaniko-ecr"]],
    ["ACR on Kubernetes runs plugins/kaniko-acr", { type: "BuildAndPushACR" }, "plugins/kaniko-acr:1.13.3", ["/kaniko/kaniko-acr"]],
    ["Docker on VM runs plugins/docker", { type: "BuildAndPushDockerRegistry", infrastructure: "vm" }, "plugins/docker:21.1.1", undefined],
    ["ECR on VM runs plugins/ecr", { type: "BuildAndPushECR", infrastructure: "vm" }, "plugins/ecr:21.1.1", undefined],
    ["ACR on VM runs plugins/acr", { type: "BuildAndPushACR", infrastructure: "vm" }, "plugins/acr:21.1.1", undefined],
    [
      "an override replaces one default image by its repository name",
      { type: "BuildAndPushECR", images: { "plugins/kaniko-ecr": "registry.internal/kaniko-ecr:1.13.3" } },
      "registry.internal/kaniko-ecr:1.13.3",
      ["/kaniko/kaniko-ecr"],
    ],
  ])("%s", (_rule, c, image, command) => {
    const container = translate(c);
    expect(container.image).toBe(image);
    expect(container.command).toEqual(command);
  });
});

describe("§3 spec fields → plugin variables", () => {
  test.each<[string, StepCase, EnvExpectation]>([
    ["tags → PLUGIN_TAGS joined with , (no trimming, no de-duplication)", { type: "BuildAndPushDockerRegistry", spec: { tags: ["a", "a", "b"] } }, { env: { PLUGIN_TAGS: "a,a,b" } }],
    ["dockerfile → PLUGIN_DOCKERFILE", { type: "BuildAndPushDockerRegistry", spec: { dockerfile: "build/Dockerfile" } }, { env: { PLUGIN_DOCKERFILE: "build/Dockerfile" } }],
    ["context → PLUGIN_CONTEXT", { type: "BuildAndPushECR", spec: { context: "services/api" } }, { env: { PLUGIN_CONTEXT: "services/api" } }],
    ["target → PLUGIN_TARGET", { type: "BuildAndPushACR", spec: { target: "release" } }, { env: { PLUGIN_TARGET: "release" } }],
    ["buildArgs → PLUGIN_BUILD_ARGS as k=v pairs in the order written", { type: "BuildAndPushDockerRegistry", spec: { buildArgs: { B: "2", A: "1" } } }, { env: { PLUGIN_BUILD_ARGS: "B=2,A=1" } }],
    ["labels → PLUGIN_CUSTOM_LABELS as k=v pairs", { type: "BuildAndPushECR", spec: { labels: { team: "web", "org.opencontainers.image.version": "1.0" } } }, { env: { PLUGIN_CUSTOM_LABELS: "team=web,org.opencontainers.image.version=1.0" } }],
    ["an empty value is left out", { type: "BuildAndPushDockerRegistry", spec: { dockerfile: "", target: "", labels: {}, buildArgs: {} } }, { absent: ["PLUGIN_DOCKERFILE", "PLUGIN_TARGET", "PLUGIN_CUSTOM_LABELS", "PLUGIN_BUILD_ARGS"] }],
    ["dockerfile and context are left out when they are the string null", { type: "BuildAndPushDockerRegistry", spec: { dockerfile: "null", context: "null" } }, { absent: ["PLUGIN_DOCKERFILE", "PLUGIN_CONTEXT"] }],
    ["Docker repo → PLUGIN_REPO", { type: "BuildAndPushDockerRegistry", spec: { repo: "ghcr.io/acme/app" } }, { env: { PLUGIN_REPO: "ghcr.io/acme/app" } }],
    ["ECR imageName → PLUGIN_REPO", { type: "BuildAndPushECR", spec: { imageName: "team/api" } }, { env: { PLUGIN_REPO: "team/api" } }],
    [
      "ECR account + region → PLUGIN_REGISTRY <account>.dkr.ecr.<region>.amazonaws.com and PLUGIN_REGION",
      { type: "BuildAndPushECR", spec: { account: "210987654321", region: "eu-west-2" } },
      { env: { PLUGIN_REGISTRY: "210987654321.dkr.ecr.eu-west-2.amazonaws.com", PLUGIN_REGION: "eu-west-2" } },
    ],
    [
      "ACR repository → PLUGIN_REPO (whole) and PLUGIN_REGISTRY (before the first /)",
      { type: "BuildAndPushACR", spec: { repository: "acme.azurecr.io/team/app" } },
      { env: { PLUGIN_REPO: "acme.azurecr.io/team/app", PLUGIN_REGISTRY: "acme.azurecr.io" } },
    ],
    ["ACR subscriptionId → SUBSCRIPTION_ID without PLUGIN_ prefix", { type: "BuildAndPushACR", spec: { subscriptionId: "sub-123" } }, { env: { SUBSCRIPTION_ID: "sub-123" } }],
    ["ACR subscriptionId that is blank is left out", { type: "BuildAndPushACR", spec: { subscriptionId: "   " } }, { absent: ["SUBSCRIPTION_ID"] }],
    [
      "base image connector → PLUGIN_DOCKER_REGISTRY with Docker Hub v2 rewritten to v1, and its credentials",
      { type: "BuildAndPushDockerRegistry", spec: { baseImageConnectorRefs: ["account.dockerhub"] } },
      { env: { PLUGIN_DOCKER_REGISTRY: "https://index.docker.io/v1/", PLUGIN_DOCKER_USERNAME: "acme" }, secretEnv: { PLUGIN_DOCKER_PASSWORD: "account.dockerhub_token" } },
    ],
    [
      "base image connector other than Docker Hub keeps its URL",
      { type: "BuildAndPushACR", spec: { baseImageConnectorRefs: ["org.private_registry"] } },
      { env: { PLUGIN_DOCKER_REGISTRY: "https://registry.example.com" }, secretEnv: { PLUGIN_DOCKER_USERNAME: "org.registry_user", PLUGIN_DOCKER_PASSWORD: "org.registry_pass" } },
    ],
    [
      "ECR reads base image credentials from PLUGIN_USERNAME/PLUGIN_PASSWORD",
      { type: "BuildAndPushECR", spec: { baseImageConnectorRefs: ["account.dockerhub"] } },
      { env: { PLUGIN_DOCKER_REGISTRY: "https://index.docker.io/v1/", PLUGIN_USERNAME: "acme" }, secretEnv: { PLUGIN_PASSWORD: "account.dockerhub_token" } },
    ],
  ])("%s", (_rule, c, expected) => expectEnv(c, expected));
});

describe("§3 Kubernetes-only variables", () => {
  test.each<[string, StepCase, EnvExpectation]>([
    ["optimize defaults to true → PLUGIN_SNAPSHOT_MODE=redo", { type: "BuildAndPushDockerRegistry" }, { env: { PLUGIN_SNAPSHOT_MODE: "redo" } }],
    ["optimize: false sets no snapshot mode", { type: "BuildAndPushECR", spec: { optimize: false } }, { absent: ["PLUGIN_SNAPSHOT_MODE"] }],
    ["Docker remoteCacheRepo → PLUGIN_ENABLE_CACHE and PLUGIN_CACHE_REPO", { type: "BuildAndPushDockerRegistry", spec: { remoteCacheRepo: "acme/app-cache" } }, { env: { PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "acme/app-cache" } }],
    ["ECR remoteCacheImage → PLUGIN_ENABLE_CACHE and PLUGIN_CACHE_REPO", { type: "BuildAndPushECR", spec: { remoteCacheImage: "app-cache" } }, { env: { PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "app-cache" } }],
    ["ACR remoteCacheImage → PLUGIN_ENABLE_CACHE and PLUGIN_CACHE_REPO", { type: "BuildAndPushACR", spec: { remoteCacheImage: "app-cache" } }, { env: { PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "app-cache" } }],
    ["no remote cache, no cache variables", { type: "BuildAndPushACR" }, { absent: ["PLUGIN_ENABLE_CACHE", "PLUGIN_CACHE_REPO"] }],
    ["PLUGIN_ARTIFACT_FILE is always set", { type: "BuildAndPushACR" }, { env: { PLUGIN_ARTIFACT_FILE: "/addon/tmp/.plugin/artifact" } }],
    [
      "caching, cacheFrom and cacheTo have no effect on Kubernetes",
      { type: "BuildAndPushDockerRegistry", spec: { caching: true, cacheFrom: ["type=registry,ref=acme/app:cache"], cacheTo: "type=inline" } },
      { absent: ["PLUGIN_CACHE_FROM", "PLUGIN_CACHE_TO", "PLUGIN_DAEMON_OFF"] },
    ],
  ])("%s", (_rule, c, expected) => expectEnv(c, expected));
});

describe("§3 VM-only variables", () => {
  test.each<[string, StepCase, EnvExpectation]>([
    ["PLUGIN_DAEMON_OFF=true is always set", { type: "BuildAndPushDockerRegistry", infrastructure: "vm" }, { env: { PLUGIN_DAEMON_OFF: "true" }, absent: ["PLUGIN_ARTIFACT_FILE"] }],
    ["ECR also gets PLUGIN_METADATA_FILE", { type: "BuildAndPushECR", infrastructure: "vm" }, { env: { PLUGIN_METADATA_FILE: "buildx-metadata.json" } }],
    ["Docker on VM does not get PLUGIN_METADATA_FILE", { type: "BuildAndPushDockerRegistry", infrastructure: "vm" }, { absent: ["PLUGIN_METADATA_FILE"] }],
    [
      "optimize and remote cache have no effect on VM",
      { type: "BuildAndPushDockerRegistry", infrastructure: "vm", spec: { optimize: true, remoteCacheRepo: "acme/cache" } },
      { absent: ["PLUGIN_SNAPSHOT_MODE", "PLUGIN_ENABLE_CACHE", "PLUGIN_CACHE_REPO"] },
    ],
    [
      "buildx path: cacheFrom → PLUGIN_CACHE_FROM joined with ; and cacheTo → PLUGIN_CACHE_TO, with buildx's metadata file",
      { type: "BuildAndPushECR", infrastructure: "vm", spec: { cacheFrom: ["type=registry,ref=a:cache", "type=gha"], cacheTo: "type=registry,ref=a:cache,mode=max" } },
      { env: { PLUGIN_CACHE_FROM: "type=registry,ref=a:cache;type=gha", PLUGIN_CACHE_TO: "type=registry,ref=a:cache,mode=max", PLUGIN_METADATA_FILE: "buildx-metadata.json" }, absent: ["PLUGIN_BUILDER_DRIVER_OPTS"] },
    ],
    [
      "buildx path: caching: true adds the layer cache after the step's sources, replaces its cacheTo (every layer, a write error ignored) and runs Harness's BuildKit image",
      { type: "BuildAndPushDockerRegistry", infrastructure: "vm", layerCache, spec: { caching: true, cacheFrom: ["type=registry,ref=acme/app:cache"], cacheTo: "type=inline" } },
      {
        env: {
          PLUGIN_CACHE_FROM: "type=registry,ref=acme/app:cache;type=registry,ref=registry.internal/buildcache/docker.io/acme/app:buildcache",
          PLUGIN_CACHE_TO: "type=registry,ref=registry.internal/buildcache/docker.io/acme/app:buildcache,mode=max,ignore-error=true",
          PLUGIN_BUILDER_DRIVER_OPTS: "image=harness/buildkit:1.0.21",
          PLUGIN_METADATA_FILE: "buildx-metadata.json",
        },
      },
    ],
    [
      "buildx path: caching: true alone, each image its own cache under the layer-cache repository: its registry host, then its path",
      { type: "BuildAndPushACR", infrastructure: "vm", layerCache, spec: { caching: true } },
      { env: { PLUGIN_CACHE_FROM: "type=registry,ref=registry.internal/buildcache/acme.azurecr.io/app:buildcache", PLUGIN_CACHE_TO: "type=registry,ref=registry.internal/buildcache/acme.azurecr.io/app:buildcache,mode=max,ignore-error=true" } },
    ],
    [
      "an override replaces Harness's BuildKit image by its name",
      { type: "BuildAndPushECR", infrastructure: "vm", layerCache, images: { "harness/buildkit": "registry.internal/buildkit:1.0.21" }, spec: { caching: true } },
      { env: { PLUGIN_BUILDER_DRIVER_OPTS: "image=registry.internal/buildkit:1.0.21" } },
    ],
    [
      "drone-docker (no caching, no cache sources) gets no cache settings: it would pull each source as an image and ignore the destination",
      { type: "BuildAndPushDockerRegistry", infrastructure: "vm", spec: { caching: false } },
      { absent: ["PLUGIN_CACHE_FROM", "PLUGIN_CACHE_TO", "PLUGIN_BUILDER_DRIVER_OPTS", "PLUGIN_METADATA_FILE"] },
    ],
  ])("%s", (_rule, c, expected) => expectEnv(c, expected));

  test.each<[string, StepCase, string]>([
    ["Docker with cacheFrom runs plugins/buildx", { type: "BuildAndPushDockerRegistry", infrastructure: "vm", spec: { cacheFrom: ["type=registry,ref=acme/app:cache"] } }, "plugins/buildx:1.3.26"],
    ["ECR with cacheTo runs plugins/buildx-ecr", { type: "BuildAndPushECR", infrastructure: "vm", spec: { cacheTo: "type=inline" } }, "plugins/buildx-ecr:1.5.6"],
    ["ACR with caching: true runs plugins/buildx-acr", { type: "BuildAndPushACR", infrastructure: "vm", layerCache, spec: { caching: true } }, "plugins/buildx-acr:1.5.6"],
    ["caching: false without cache sources stays on plugins/docker", { type: "BuildAndPushDockerRegistry", infrastructure: "vm", spec: { caching: false } }, "plugins/docker:21.1.1"],
    ["an override replaces the buildx image by its name", { type: "BuildAndPushECR", infrastructure: "vm", images: { "plugins/buildx-ecr": "registry.internal/buildx-ecr:1.5.6" }, spec: { cacheTo: "type=inline" } }, "registry.internal/buildx-ecr:1.5.6"],
  ])("buildx path image: %s", (_rule, c, image) => {
    expect(translate(c).image).toBe(image);
  });
});

describe("§3 build secrets (gcr-gar-and-infrastructure.md section 7)", () => {
  test.each<[string, StepCase, EnvExpectation]>([
    [
      "envDockerSecrets → PLUGIN_SECRETS_FROM_ENV as id=VARIABLE pairs joined with , in the order written",
      { type: "BuildAndPushDockerRegistry", infrastructure: "vm", spec: { envDockerSecrets: { npm_token: "NPM_TOKEN", "gh.token": "GH_TOKEN" } } },
      { env: { PLUGIN_SECRETS_FROM_ENV: "npm_token=NPM_TOKEN,gh.token=GH_TOKEN" }, absent: ["PLUGIN_SECRETS_FROM_FILE"] },
    ],
    [
      "fileDockerSecrets → PLUGIN_SECRETS_FROM_FILE as id=PATH pairs",
      { type: "BuildAndPushECR", infrastructure: "vm", spec: { fileDockerSecrets: { netrc: ".secrets/netrc", pip: "/harness/pip.conf" } } },
      { env: { PLUGIN_SECRETS_FROM_FILE: "netrc=.secrets/netrc,pip=/harness/pip.conf" }, absent: ["PLUGIN_SECRETS_FROM_ENV"] },
    ],
    [
      "the variable a secret names stays a secret reference in the container",
      { type: "BuildAndPushACR", infrastructure: "vm", stage: { secretVariables: { NPM_TOKEN: { ref: "account.npm" } } }, spec: { envDockerSecrets: { npm: "NPM_TOKEN" } } },
      { env: { PLUGIN_SECRETS_FROM_ENV: "npm=NPM_TOKEN" }, secretEnv: { NPM_TOKEN: "account.npm" } },
    ],
  ])("%s", (_rule, c, expected) => expectEnv(c, expected));
});

describe("§3 user variables merge under the plugin variables", () => {
  test.each<[string, StepCase, EnvExpectation]>([
    ["a stage variable reaches the container", { type: "BuildAndPushDockerRegistry", stage: { variables: { PLUGIN_SKIP_TLS_VERIFY: "true" } } }, { env: { PLUGIN_SKIP_TLS_VERIFY: "true" } }],
    ["a plugin variable wins over a stage variable of the same name", { type: "BuildAndPushDockerRegistry", stage: { variables: { PLUGIN_TAGS: "from-stage" } } }, { env: { PLUGIN_TAGS: "1.0" } }],
    ["envVariables win over stage variables", { type: "BuildAndPushECR", stage: { variables: { PLUGIN_NO_PUSH: "false" } }, spec: { envVariables: { PLUGIN_NO_PUSH: "true" } } }, { env: { PLUGIN_NO_PUSH: "true" } }],
    ["a plugin variable wins over envVariables", { type: "BuildAndPushACR", spec: { envVariables: { PLUGIN_REPO: "elsewhere/app" } } }, { env: { PLUGIN_REPO: "acme.azurecr.io/app" } }],
    ["a Secret stage variable is a secret reference", { type: "BuildAndPushACR", stage: { secretVariables: { NPM_TOKEN: { ref: "account.npm" } } } }, { secretEnv: { NPM_TOKEN: "account.npm" } }],
    ["envVariables replace a secret stage variable of the same name", { type: "BuildAndPushACR", stage: { secretVariables: { TOKEN: { ref: "account.t" } } }, spec: { envVariables: { TOKEN: "plain" } } }, { env: { TOKEN: "plain" } }],
  ])("%s", (_rule, c, expected) => expectEnv(c, expected));
});

describe("§4 connector credentials are secret references", () => {
  test.each<[string, StepCase, EnvExpectation]>([
    [
      "Docker username/password → PLUGIN_USERNAME, PLUGIN_PASSWORD (secret), PLUGIN_REGISTRY = connector URL",
      { type: "BuildAndPushDockerRegistry" },
      { env: { PLUGIN_USERNAME: "acme", PLUGIN_REGISTRY: "https://index.docker.io/v2/" }, secretEnv: { PLUGIN_PASSWORD: "account.dockerhub_token" } },
    ],
    ["Docker usernameRef → PLUGIN_USERNAME as a secret", { type: "BuildAndPushDockerRegistry", spec: { connectorRef: "org.private_registry", repo: "registry.example.com/app" } }, { secretEnv: { PLUGIN_USERNAME: "org.registry_user", PLUGIN_PASSWORD: "org.registry_pass" } }],
    // A build without a push: the kaniko plugin stops before a push without a login (see the
    // test below), which this row used to translate before kaniko-plugin.md section 4 was corrected.
    [
      "Docker anonymous → PLUGIN_REGISTRY still set, no username or password",
      { type: "BuildAndPushDockerRegistry", spec: { connectorRef: "anonymous_hub" }, stage: { variables: { PLUGIN_NO_PUSH: "true" } } },
      { env: { PLUGIN_REGISTRY: "https://index.docker.io/v2/" }, absent: ["PLUGIN_USERNAME", "PLUGIN_PASSWORD"] },
    ],
    ["Docker Hub v2 URL becomes v1 on VM infrastructure", { type: "BuildAndPushDockerRegistry", infrastructure: "vm" }, { env: { PLUGIN_REGISTRY: "https://index.docker.io/v1/" } }],
    ["AWS manual keys → PLUGIN_ACCESS_KEY, PLUGIN_SECRET_KEY (secret)", { type: "BuildAndPushECR" }, { env: { PLUGIN_ACCESS_KEY: "AKIAEXAMPLEKEY123456" }, secretEnv: { PLUGIN_SECRET_KEY: "account.aws_secret_key" } }],
    ["AWS accessKeyRef → PLUGIN_ACCESS_KEY as a secret", { type: "BuildAndPushECR", spec: { connectorRef: "aws_keys_ref" } }, { secretEnv: { PLUGIN_ACCESS_KEY: "account.aws_access_key", PLUGIN_SECRET_KEY: "account.aws_secret_key" } }],
    ["AWS cross-account role → PLUGIN_ASSUME_ROLE and PLUGIN_EXTERNAL_ID", { type: "BuildAndPushECR", spec: { connectorRef: "aws_cross" } }, { env: { PLUGIN_ASSUME_ROLE: "arn:aws:iam::111111111111:role/push", PLUGIN_EXTERNAL_ID: "ext-1" } }],
    ["AWS IRSA → no keys; the pod's identity is used", { type: "BuildAndPushECR", spec: { connectorRef: "account.aws_irsa" } }, { env: { PLUGIN_ASSUME_ROLE: "arn:aws:iam::210987654321:role/ci-push" }, absent: ["PLUGIN_ACCESS_KEY", "PLUGIN_SECRET_KEY"] }],
    ["AWS inherit from delegate → no keys", { type: "BuildAndPushECR", spec: { connectorRef: "aws_delegate" } }, { absent: ["PLUGIN_ACCESS_KEY", "PLUGIN_SECRET_KEY", "PLUGIN_ASSUME_ROLE"] }],
    [
      "Azure client secret → CLIENT_ID, TENANT_ID, CLIENT_SECRET (secret)",
      { type: "BuildAndPushACR" },
      { env: { CLIENT_ID: "0b6c1c54-4b56-4b44-9d5e-1f5e2a6b7c8d", TENANT_ID: "72f988bf-86f1-41af-91ab-2d7cd011db47" }, secretEnv: { CLIENT_SECRET: "account.azure_client_secret" } },
    ],
    ["Azure certificate → CLIENT_CERTIFICATE (secret)", { type: "BuildAndPushACR", spec: { connectorRef: "azure_cert" } }, { env: { CLIENT_ID: "app-id", TENANT_ID: "tenant-id" }, secretEnv: { CLIENT_CERTIFICATE: "account.azure_cert" }, absent: ["CLIENT_SECRET"] }],
  ])("%s", (_rule, c, expected) => expectEnv(c, expected));
  test("Docker anonymous on Kubernetes, pushing: the kaniko plugin stops before the executor, so translation refuses it (kaniko-plugin.md section 4)", () => {
    const problems = problemsOf(() => translate({ type: "BuildAndPushDockerRegistry", spec: { connectorRef: "anonymous_hub" } }));
    expect(problems).toMatchObject([
      { code: "unsupported-connector-auth", field: "spec.connectorRef", message: expect.stringMatching(/^Username must be specified for registry: https:\/\/index\.docker\.io\/v1\/ /), hint: expect.stringContaining("UsernamePassword") },
    ]);
  });
});

describe("§5 the container on Kubernetes", () => {
  test("workingDir /harness with the harness and addon volumes, then the stage's shared paths", () => {
    const container = translate({ type: "BuildAndPushDockerRegistry", stage: { sharedPaths: ["/shared/cache"] } });
    expect(container.workingDir).toBe("/harness");
    expect(container.volumeMounts).toEqual([
      { name: "harness", mountPath: "/harness" },
      { name: "addon", mountPath: "/addon" },
      { name: "shared-0", mountPath: "/shared/cache" },
    ]);
  });

  test("resources default to limits 500Mi/400m and requests 10Mi/10m", () => {
    expect(translate({ type: "BuildAndPushECR" }).resources).toEqual({ limits: { memory: "500Mi", cpu: "400m" }, requests: { memory: "10Mi", cpu: "10m" } });
  });

  test.each([
    ["500Mi", "500Mi"],
    ["2Gi", "2048Mi"],
    ["1.5Gi", "1536Mi"],
    ["100M", "96Mi"],
    ["1G", "954Mi"],
    [".5Gi", "512Mi"],
  ])("memory %s becomes %s (whole Mi, rounded up)", (memory, expected) => {
    expect(translate({ type: "BuildAndPushDockerRegistry", spec: { resources: { limits: { memory } } } }).resources.limits.memory).toBe(expected);
  });

  test.each([
    ["0.5", "500m"],
    ["1.5", "1500m"],
    ["2", "2000m"],
    ["400m", "400m"],
    ["0.1", "100m"],
  ])("cpu %s becomes %s", (cpu, expected) => {
    expect(translate({ type: "BuildAndPushACR", spec: { resources: { limits: { cpu } } } }).resources.limits.cpu).toBe(expected);
  });

  test("the stage's container security context, with the step's runAsUser over it", () => {
    const container = translate({ type: "BuildAndPushACR", spec: { runAsUser: 1001 }, stage: { containerSecurityContext: { runAsNonRoot: true, runAsUser: 1000, readOnlyRootFilesystem: false } } });
    expect(container.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1001, readOnlyRootFilesystem: false });
  });

  test("runAsUser 0 on a step of a non-root stage runs that step as root, which Kubernetes only allows with runAsNonRoot false", () => {
    const container = translate({ type: "BuildAndPushDockerRegistry", spec: { runAsUser: 0 }, stage: { containerSecurityContext: { runAsNonRoot: true, runAsUser: 1000 } } });
    expect(container.securityContext).toEqual({ runAsNonRoot: false, runAsUser: 0 });
    const unchanged = translate({ type: "BuildAndPushDockerRegistry", stage: { containerSecurityContext: { runAsNonRoot: true, runAsUser: 1000 } } });
    expect(unchanged.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1000 });
  });

  test("imagePullPolicy comes from the stage infrastructure", () => {
    expect(translate({ type: "BuildAndPushECR", stage: { imagePullPolicy: "Always" } }).imagePullPolicy).toBe("Always");
  });

  test("the plugin containers are not privileged", () => {
    expect(translate({ type: "BuildAndPushDockerRegistry", spec: { runAsUser: 0 } }).securityContext).toEqual({ runAsUser: 0 });
  });

  test("on VM the step carries no working directory, user or mounts", () => {
    const container = translate({ type: "BuildAndPushDockerRegistry", infrastructure: "vm", spec: { runAsUser: 0 }, stage: { sharedPaths: ["/x"] } });
    expect(container.workingDir).toBeUndefined();
    expect(container.securityContext).toBeUndefined();
    expect(container.volumeMounts).toBeUndefined();
  });
});
