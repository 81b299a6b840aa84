/**
 * Docker mode (docs/docker-mode.md): one row per rule of buildpush's own command lines for a VM's
 * Docker daemon with buildx, from hand-built plans; the container's chain run with real sh and a
 * stand-in docker; and the mode through the translator for each step type.
 */
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, test } from "vitest";
import type { BuildPlan, ContainerSpec, StageContext } from "@buildpush/core";
import { completeArtifact, toDockerRun } from "@buildpush/core";
import { fakeDocker } from "../../../../../test/support/fake-docker.js";
import { allConnectors, step, type StepType } from "../../../../../test/support/fixtures.js";
import { buildPlan, containerFrom, dockerPluginStep, type PlanOverrides } from "../../../../../test/support/plans.js";
import { problemsOf } from "../../../../../test/support/problems.js";
import { translateStep } from "../../../../../test/support/translator.js";
import type { BackendOptions } from "../backend.js";
import { defaultDockerImage, dockerBackend, dockerConfigDir, dockerMetadataFile, vmDockerHost } from "./docker-backend.js";
import { dockerChainArguments, dockerChainName, dockerChainScript } from "./docker-chain.js";

/** A Docker registry step on a VM, pushing registry.example.com/acme/app:1.0 and :latest with a login. */
function plan(overrides: PlanOverrides = {}): BuildPlan {
  return buildPlan({ infrastructure: "vm", tags: ["1.0", "latest"], registry: { url: "https://registry.example.com", type: "Docker" }, pushCredentials: { kind: "basic", registry: "https://registry.example.com", username: "ci", passwordRef: "account.registry_pass" }, ...overrides });
}

function dockerContainer(from: BuildPlan, options: BackendOptions & { stage?: StageContext } = {}): ContainerSpec {
  return containerFrom(dockerBackend, from, options);
}

/** The chain's entries, read back from the container's arguments: [kind, ...argv]. */
function entriesOf(container: ContainerSpec): string[][] {
  const args = [...(container.args ?? [])];
  const entries: string[][] = [];
  while (args.length > 0) {
    const kind = args.shift()!;
    if (kind === "login") entries.push([kind, ...args.splice(0, 3)]);
    else entries.push([kind, ...args.splice(0, Number(args.shift()))]);
  }
  return entries;
}

/** The `docker buildx build` argv of a container. */
function buildArgv(container: ContainerSpec): string[] {
  return entriesOf(container).find((entry) => entry[0] === "run" && entry[2] === "buildx" && entry[3] === "build")!.slice(1);
}

const build = ["docker", "buildx", "build", "--file", "Dockerfile"];
const tagged = ["--tag", "registry.example.com/acme/app:1.0", "--tag", "registry.example.com/acme/app:latest", "--metadata-file", dockerMetadataFile];

describe("dockerBackend: the container", () => {
  test("a VM step: the Docker CLI image, the chain of login, builder, build and removal, the password by reference, the addon volume, the artifact from buildx's metadata", () => {
    const container = dockerContainer(plan({ userEnv: { STAGE_VAR: "x" }, userSecretEnv: { NPM_TOKEN: { ref: "account.npm" } } }));
    expect(container).toEqual({
      name: "step-build-app",
      image: defaultDockerImage,
      command: ["/bin/sh", "-c", dockerChainScript, dockerChainName],
      args: dockerChainArguments([
        { kind: "login", registry: "registry.example.com", usernameVariable: "BUILDPUSH_REGISTRY_USERNAME", passwordVariable: "BUILDPUSH_REGISTRY_PASSWORD" },
        { kind: "run", argv: ["docker", "buildx", "create", "--driver", "docker-container", "--driver-opt", "network=host", "--use"] },
        { kind: "run", argv: [...build, ...tagged, "--push", "."] },
        { kind: "finally", argv: ["docker", "buildx", "rm"] },
      ]),
      env: { BUILDPUSH_REGISTRY_USERNAME: "ci", DOCKER_CONFIG: dockerConfigDir, DOCKER_HOST: vmDockerHost, STAGE_VAR: "x" },
      secretEnv: { BUILDPUSH_REGISTRY_PASSWORD: { ref: "account.registry_pass" }, NPM_TOKEN: { ref: "account.npm" } },
      resources: plan().resources,
      volumeMounts: [{ name: "addon", mountPath: "/addon" }],
      artifact: {
        digestFile: dockerMetadataFile,
        digestFormat: "buildx-metadata",
        template: { kind: "docker/v1", data: { registryType: "Docker", registryUrl: "https://registry.example.com", images: [{ image: "registry.example.com/acme/app:1.0", digest: "" }, { image: "registry.example.com/acme/app:latest", digest: "" }] } },
      },
    });
  });

  test.each<[string, PlanOverrides, BackendOptions & { stage?: StageContext }, string[]]>([
    ["defaults: the Dockerfile and the context of the working directory, every tag pushed", {}, {}, [...build, ...tagged, "--push", "."]],
    ["a Docker Hub repository is fully qualified, as buildx files it", { image: "acme/app", tags: ["1.0"] }, {}, [...build, "--tag", "docker.io/acme/app:1.0", "--metadata-file", dockerMetadataFile, "--push", "."]],
    ["an official image name is docker.io/library/NAME", { image: "app", tags: ["1.0"] }, {}, [...build, "--tag", "docker.io/library/app:1.0", "--metadata-file", dockerMetadataFile, "--push", "."]],
    ["dockerfile, target and context", { dockerfile: "docker/Dockerfile", target: "release", context: "app" }, {}, ["docker", "buildx", "build", "--file", "docker/Dockerfile", "--target", "release", ...tagged, "--push", "app"]],
    [
      "build args and labels: one argv item each, a comma or = in a value kept (no splitting)",
      { buildArgs: [["LIST", "a,b"], ["EQ", "x=y"]], labels: [["team", "a,b"]] },
      {},
      [...build, "--build-arg", "LIST=a,b", "--build-arg", "EQ=x=y", "--label", "team=a,b", ...tagged, "--push", "."],
    ],
    [
      "build secrets: --secret id=ID,env=VARIABLE and --secret id=ID,src=PATH",
      { buildSecrets: [{ id: "npm", from: "env", variable: "NPM_TOKEN" }, { id: "netrc", from: "file", path: ".secrets/netrc" }] },
      {},
      [...build, "--secret", "id=npm,env=NPM_TOKEN", "--secret", "id=netrc,src=.secrets/netrc", ...tagged, "--push", "."],
    ],
    ["--platform from the stage: Linux on Arm64", {}, { stage: { os: "Linux", arch: "Arm64" } }, [...build, "--platform", "linux/arm64", ...tagged, "--push", "."]],
    ["--platform from the stage: Docker on macOS builds Linux images", {}, { stage: { os: "MacOS", arch: "Arm64" } }, [...build, "--platform", "linux/arm64", ...tagged, "--push", "."]],
    ["--platform from the stage: Windows", {}, { stage: { os: "Windows", arch: "Amd64" } }, [...build, "--platform", "windows/amd64", ...tagged, "--push", "."]],
    ["--platform from the stage: the architecture alone is a Linux one", {}, { stage: { arch: "amd64" } }, [...build, "--platform", "linux/amd64", ...tagged, "--push", "."]],
    ["no architecture on the stage, no --platform: the daemon's own", {}, { stage: { os: "Linux" } }, [...build, ...tagged, "--push", "."]],
    ["PLUGIN_PLATFORM overrides the stage's platform", { userEnv: { PLUGIN_PLATFORM: "linux/amd64,linux/arm64" } }, { stage: { os: "Linux", arch: "Arm64" } }, [...build, "--platform", "linux/amd64,linux/arm64", ...tagged, "--push", "."]],
    [
      "cacheFrom and cacheTo, as written",
      { cacheFrom: ["type=registry,ref=registry.example.com/acme/app:cache", "type=gha"], cacheTo: "type=registry,ref=registry.example.com/acme/app:cache,mode=max" },
      {},
      [...build, "--cache-from", "type=registry,ref=registry.example.com/acme/app:cache", "--cache-from", "type=gha", "--cache-to", "type=registry,ref=registry.example.com/acme/app:cache,mode=max", ...tagged, "--push", "."],
    ],
    [
      "caching: true reads and writes the layer cache the engine names",
      { caching: true },
      { layerCache: { repository: "registry.internal/buildcache" } },
      [...build, "--cache-from", "type=registry,ref=registry.internal/buildcache/registry.example.com/acme/app:buildcache", "--cache-to", "type=registry,ref=registry.internal/buildcache/registry.example.com/acme/app:buildcache,mode=max,ignore-error=true", ...tagged, "--push", "."],
    ],
    ["a dry run (PLUGIN_DRY_RUN) loads the image into the daemon instead of pushing", { userEnv: { PLUGIN_DRY_RUN: "true" } }, {}, [...build, ...tagged, "--load", "."]],
    ["a dry run (PLUGIN_NO_PUSH) with PLUGIN_TAR_PATH writes an OCI archive", { userEnv: { PLUGIN_NO_PUSH: "true", PLUGIN_TAR_PATH: "out/image.tar" } }, {}, [...build, ...tagged, "--output", "type=oci,dest=out/image.tar", "."]],
    [
      "a plain-HTTP registry: the push is allowed to skip TLS",
      { pushCredentials: { kind: "basic", registry: "http://127.0.0.1:5000", username: "ci", passwordRef: "account.pass" }, image: "127.0.0.1:5000/acme/app", tags: ["1.0"] },
      {},
      [...build, "--tag", "127.0.0.1:5000/acme/app:1.0", "--metadata-file", dockerMetadataFile, "--output", "type=registry,registry.insecure=true", "."],
    ],
    ["PLUGIN_INSECURE: the same", { userEnv: { PLUGIN_INSECURE: "true" } }, {}, [...build, ...tagged, "--output", "type=registry,registry.insecure=true", "."]],
    [
      "PLUGIN_NO_CACHE, PLUGIN_PULL_IMAGE, PLUGIN_ADD_HOST (comma-separated, trimmed) and PLUGIN_NETWORK",
      { userEnv: { PLUGIN_NO_CACHE: "true", PLUGIN_PULL_IMAGE: "1", PLUGIN_ADD_HOST: "a.internal:10.0.0.1, b.internal:10.0.0.2", PLUGIN_NETWORK: "host" } },
      {},
      [...build, "--no-cache", "--pull", "--add-host", "a.internal:10.0.0.1", "--add-host", "b.internal:10.0.0.2", "--network", "host", ...tagged, "--push", "."],
    ],
    [
      "flags the step decides, and PLUGIN_DAEMON_OFF, are not read: the step's fields win, the VM's daemon is always used",
      { dockerfile: "Dockerfile.ci", userEnv: { PLUGIN_DOCKERFILE: "other", PLUGIN_TAGS: "x", PLUGIN_REPO: "elsewhere/app", PLUGIN_DAEMON_OFF: "true" } },
      {},
      ["docker", "buildx", "build", "--file", "Dockerfile.ci", ...tagged, "--push", "."],
    ],
  ])("the build: %s", (_rule, overrides, options, argv) => {
    expect(buildArgv(dockerContainer(plan(overrides), options))).toEqual(argv);
  });

  test.each<[string, PlanOverrides, string[][], Record<string, string>, Record<string, string>]>([
    ["a login: the username plain, the password a reference, both read from the environment", {}, [["login", "registry.example.com", "BUILDPUSH_REGISTRY_USERNAME", "BUILDPUSH_REGISTRY_PASSWORD"]], { BUILDPUSH_REGISTRY_USERNAME: "ci" }, { BUILDPUSH_REGISTRY_PASSWORD: "account.registry_pass" }],
    [
      "a username kept as a secret stays a reference",
      { pushCredentials: { kind: "basic", registry: "https://registry.example.com", usernameRef: "account.user", passwordRef: "account.pass" } },
      [["login", "registry.example.com", "BUILDPUSH_REGISTRY_USERNAME", "BUILDPUSH_REGISTRY_PASSWORD"]],
      {},
      { BUILDPUSH_REGISTRY_USERNAME: "account.user", BUILDPUSH_REGISTRY_PASSWORD: "account.pass" },
    ],
    [
      "the base image registry logs in first, Docker Hub by its index URL",
      { baseImageCredentials: { kind: "basic", registry: "https://index.docker.io/v2/", username: "acme", passwordRef: "account.hub" } },
      [["login", "https://index.docker.io/v1/", "BUILDPUSH_BASE_IMAGE_USERNAME", "BUILDPUSH_BASE_IMAGE_PASSWORD"], ["login", "registry.example.com", "BUILDPUSH_REGISTRY_USERNAME", "BUILDPUSH_REGISTRY_PASSWORD"]],
      { BUILDPUSH_BASE_IMAGE_USERNAME: "acme", BUILDPUSH_REGISTRY_USERNAME: "ci" },
      { BUILDPUSH_BASE_IMAGE_PASSWORD: "account.hub", BUILDPUSH_REGISTRY_PASSWORD: "account.registry_pass" },
    ],
    ["an anonymous push logs in nowhere", { pushCredentials: { kind: "anonymous", registry: "https://registry.example.com" } }, [], {}, {}],
  ])("logins: %s", (_rule, overrides, logins, env, secretEnv) => {
    const container = dockerContainer(plan(overrides));
    expect(entriesOf(container).filter((entry) => entry[0] === "login")).toEqual(logins);
    for (const [name, value] of Object.entries(env)) expect(container.env[name], name).toBe(value);
    expect(Object.fromEntries(Object.entries(container.secretEnv).map(([name, { ref }]) => [name, ref]))).toEqual(secretEnv);
    // No password ever reaches an argument, only the names of the variables holding them.
    expect(JSON.stringify([container.command, container.args])).not.toMatch(/account\./);
  });

  test("the builder runs BuildKit's chosen image, and the builder is removed even when the build fails", () => {
    const entries = entriesOf(dockerContainer(plan(), { buildkitImage: "registry.internal/buildkit:v0.20.0" }));
    expect(entries[1]).toEqual(["run", "docker", "buildx", "create", "--driver", "docker-container", "--driver-opt", "network=host", "--driver-opt", "image=registry.internal/buildkit:v0.20.0", "--use"]);
    expect(entries.at(-1)).toEqual(["finally", "docker", "buildx", "rm"]);
  });

  test("a dry run pushes nothing, so there is no artifact", () => {
    expect(dockerContainer(plan({ userEnv: { PLUGIN_DRY_RUN: "true" } }))).not.toHaveProperty("artifact");
  });

  test("runtime flags leave the environment; docker mode's own variables win over the user's of the same name", () => {
    const container = dockerContainer(plan({ userEnv: { PLUGIN_NO_CACHE: "true", DOCKER_HOST: "tcp://elsewhere:2375", KEEP: "1" }, userSecretEnv: { DOCKER_CONFIG: { ref: "account.cfg" } } }));
    expect(container.env).toEqual({ BUILDPUSH_REGISTRY_USERNAME: "ci", DOCKER_CONFIG: dockerConfigDir, DOCKER_HOST: vmDockerHost, KEEP: "1" });
    expect(container.secretEnv).toEqual({ BUILDPUSH_REGISTRY_PASSWORD: { ref: "account.registry_pass" } });
  });

  test("the images are configurable and checked, the layer cache too", () => {
    expect(dockerContainer(plan(), { dockerImage: "registry.internal/docker:28-cli" }).image).toBe("registry.internal/docker:28-cli");
    expect(dockerBackend.checkOptions!({ dockerImage: "not an image", buildkitImage: "Not/An:Image!", layerCache: { repository: "a/b:tag" } }, []).map((finding) => [finding.code, finding.path])).toEqual([
      ["invalid-option", ["dockerImage"]],
      ["invalid-option", ["buildkitImage"]],
      ["invalid-option", ["layerCache", "repository"]],
    ]);
    expect(dockerBackend.checkOptions!({}, [])).toEqual([]);
  });
});

describe("dockerBackend: what it refuses, at the field, with the rule and a way out", () => {
  test.each<[string, PlanOverrides, BackendOptions, { code: string; field?: string; message: RegExp; hint?: RegExp }]>([
    ["a Kubernetes step: there is no daemon", { infrastructure: "kubernetes" }, {}, { code: "unsupported-in-mode", message: /builds with the VM's Docker daemon, and step build_app runs on Kubernetes/, hint: /--mode kaniko/ }],
    [
      "a registry whose password a cloud issues at run time",
      { pushCredentials: { kind: "helper", registry: "1.dkr.ecr.us-east-1.amazonaws.com", helper: "ecr-login", provider: "AWS", env: {}, secretEnv: {} } },
      {},
      { code: "unsupported-connector-auth", field: "spec.connectorRef", message: /AWS issues this registry's password at run time/, hint: /plugin mode/ },
    ],
    ["a runtime flag with no buildx equivalent", { userEnv: { PLUGIN_SKIP_TLS_VERIFY_PULL: "true" }, setByStep: ["PLUGIN_SKIP_TLS_VERIFY_PULL"] }, {}, { code: "unsupported-runtime-flag", field: "spec.envVariables.PLUGIN_SKIP_TLS_VERIFY_PULL", message: /has no docker buildx equivalent/, hint: /--mode plugin/ }],
    ["a runtime flag held in a secret", { userSecretEnv: { PLUGIN_NETWORK: { ref: "account.net" } }, setByStep: ["PLUGIN_NETWORK"] }, {}, { code: "unsupported-runtime-flag", field: "spec.envVariables.PLUGIN_NETWORK", message: /is a secret, and a runtime flag becomes an argument of docker buildx that any process on the VM can read/ }],
    ["a boolean runtime flag that does not parse", { userEnv: { PLUGIN_NO_PUSH: "yes" }, setByStep: ["PLUGIN_NO_PUSH"] }, {}, { code: "invalid-option", field: "spec.envVariables.PLUGIN_NO_PUSH", message: /is "yes", which is not a boolean/ }],
    ["PLUGIN_TAR_PATH on a step that pushes", { userEnv: { PLUGIN_TAR_PATH: "image.tar" }, setByStep: ["PLUGIN_TAR_PATH"] }, {}, { code: "unsupported-runtime-flag", message: /writes the image to a file instead of pushing it/, hint: /PLUGIN_NO_PUSH/ }],
    ["PLUGIN_TAR_PATH holding a comma", { userEnv: { PLUGIN_NO_PUSH: "true", PLUGIN_TAR_PATH: "a,dest=/etc/x" } }, {}, { code: "invalid-path", message: /holds a comma or a double quote/ }],
    ["a tag no registry accepts, in a plan built by hand", { tags: ["ok", "Not OK"] }, {}, { code: "invalid-tag", field: "spec.tags[1]", message: /is not an image reference docker can push/ }],
  ])("%s", (_rule, overrides, options, expected) => {
    const problems = problemsOf(() => dockerContainer(plan(overrides), options));
    const problem = problems.find((p) => p.code === expected.code);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    if (expected.field) expect(problem!.field).toBe(expected.field);
    expect(problem!.message).toMatch(expected.message);
    if (expected.hint) expect(problem!.hint).toMatch(expected.hint);
    expect(problem!.rule).toBeTruthy();
  });
});

test("caching: true without a layer cache: the container builds without one, and a warning at the field says what is missing", () => {
  const outcome = dockerBackend.container({ plan: plan({ caching: true }), plugin: dockerPluginStep(), stage: {}, name: "step-build-app" }, {});
  expect(outcome.ok).toBe(true);
  if (!outcome.ok) return;
  expect(buildArgv(outcome.container)).toEqual([...build, ...tagged, "--push", "."]);
  expect(outcome.warnings).toEqual([expect.objectContaining({ path: ["spec", "caching"], code: "missing-layer-cache", severity: "warning", hint: expect.stringMatching(/--layer-cache/) })]);
});

describe("the container as a runtime runs it", () => {
  const docker = fakeDocker();
  afterAll(() => docker.remove());

  test("real sh, a stand-in docker: the login reads the password on stdin, then builder, build and removal, in order", () => {
    const container = dockerContainer(plan({ buildArgs: [["V", "1 2"]] }));
    const session = docker.session();
    const secrets = { BUILDPUSH_REGISTRY_PASSWORD: "s3cret-value" };
    const [shell, ...shellArgs] = container.command!;
    const result = spawnSync(shell!, [...shellArgs, ...(container.args ?? [])], { encoding: "utf8", env: { ...container.env, ...secrets, ...session.env } });
    expect(result.status).toBe(0);
    expect(session.calls()).toEqual([
      { argv: ["login", "--username", "ci", "--password-stdin", "registry.example.com"], stdin: "s3cret-value\n" },
      { argv: ["buildx", "create", "--driver", "docker-container", "--driver-opt", "network=host", "--use"] },
      { argv: ["buildx", "build", "--file", "Dockerfile", "--build-arg", "V=1 2", ...tagged, "--push", "."] },
      { argv: ["buildx", "rm"] },
    ]);
  });

  test("docker run: the VM's socket and the addon volume are mounted, the password passed by name", () => {
    const argv = toDockerRun(dockerContainer(plan()), { workspace: "/home/ci/app", secrets: "inherit", volumes: { addon: "/tmp/step-addon" } });
    expect(argv).toEqual(expect.arrayContaining(["--env", "BUILDPUSH_REGISTRY_PASSWORD", "--mount", "type=bind,source=/tmp/step-addon,target=/addon", "--mount", "type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock"]));
    expect(argv).toContain("--workdir");
  });
});

describe("the artifact file, from buildx's metadata", () => {
  const artifact = dockerContainer(plan()).artifact!;
  const digest = `sha256:${"ab".repeat(32)}`;

  test("containerimage.digest serves every tag, as the plugin's artifact file lists them", () => {
    expect(completeArtifact(artifact, JSON.stringify({ "buildx.build.ref": "x", "containerimage.digest": digest }))).toEqual({
      kind: "docker/v1",
      data: { registryType: "Docker", registryUrl: "https://registry.example.com", images: [{ image: "registry.example.com/acme/app:1.0", digest }, { image: "registry.example.com/acme/app:latest", digest }] },
    });
  });

  test.each([
    ["metadata without a digest (a build that did not push)", "{}"],
    ["a file that is not JSON", "sha256:"],
  ])("%s is refused", (_case, text) => {
    expect(() => completeArtifact(artifact, text)).toThrow(/does not hold an image digest/);
  });
});

describe("--mode docker through the translator", () => {
  test.each<[StepType, string | undefined]>([
    ["BuildAndPushDockerRegistry", undefined],
    ["BuildAndPushECR", "unsupported-connector-auth"],
    ["BuildAndPushACR", "unsupported-connector-auth"],
    ["BuildAndPushGCR", undefined],
    ["BuildAndPushGAR", undefined],
  ])("%s on a VM", (type, refused) => {
    const translate = () => translateStep(step(type), { connectors: allConnectors, mode: "docker", infrastructure: "vm" });
    if (refused === undefined) expect(translate().image).toBe(defaultDockerImage);
    else expect(problemsOf(translate).map((p) => [p.code, p.field])).toEqual([[refused, "spec.connectorRef"]]);
  });
});

describe("GCR and GAR in docker mode (gcr-gar-and-infrastructure.md §4, §5b)", () => {
  const dockerStep = (type: StepType, spec: Record<string, unknown> = {}, options: Record<string, unknown> = {}): ContainerSpec =>
    translateStep(step(type, spec), { connectors: allConnectors, mode: "docker", infrastructure: "vm", ...options });

  test.each<[string, StepType, Record<string, unknown>, { login: string[]; tags: string[]; artifact: { registryType: string; registryUrl: string } }]>([
    [
      "GCR: Google's JSON-key login (_json_key, the key on stdin) at the host, the image <host>/<projectID>/<imageName>",
      "BuildAndPushGCR",
      {},
      { login: ["login", "gcr.io", "BUILDPUSH_REGISTRY_USERNAME", "BUILDPUSH_REGISTRY_PASSWORD"], tags: ["--tag", "gcr.io/acme-prod/app:1.0"], artifact: { registryType: "GCR", registryUrl: "gcr.io/acme-prod" } },
    ],
    [
      "GAR: the same login at the Artifact Registry host, the image REPOSITORY/IMAGE under the project",
      "BuildAndPushGAR",
      {},
      { login: ["login", "us-central1-docker.pkg.dev", "BUILDPUSH_REGISTRY_USERNAME", "BUILDPUSH_REGISTRY_PASSWORD"], tags: ["--tag", "us-central1-docker.pkg.dev/acme-prod/docker-repo/app:1.0"], artifact: { registryType: "GAR", registryUrl: "us-central1-docker.pkg.dev/acme-prod" } },
    ],
    [
      "a regional GCR host and Harness's trimming of host and projectID",
      "BuildAndPushGCR",
      { host: "eu.gcr.io/", projectID: "/acme-prod", tags: ["1.0", "latest"] },
      { login: ["login", "eu.gcr.io", "BUILDPUSH_REGISTRY_USERNAME", "BUILDPUSH_REGISTRY_PASSWORD"], tags: ["--tag", "eu.gcr.io/acme-prod/app:1.0", "--tag", "eu.gcr.io/acme-prod/app:latest"], artifact: { registryType: "GCR", registryUrl: "eu.gcr.io/acme-prod" } },
    ],
  ])("%s", (_rule, type, spec, expected) => {
    const container = dockerStep(type, spec);
    const entries = entriesOf(container);
    expect(entries.filter((entry) => entry[0] === "login")).toEqual([expected.login]);
    const argv = buildArgv(container);
    expect(argv.filter((_item, index) => argv[index] === "--tag" || argv[index - 1] === "--tag")).toEqual(expected.tags);
    expect(container.env["BUILDPUSH_REGISTRY_USERNAME"]).toBe("_json_key");
    expect(container.secretEnv["BUILDPUSH_REGISTRY_PASSWORD"]).toEqual({ ref: "account.gcp_service_account_key" });
    // Neither the key's reference nor GAR's PLUGIN_REGISTRY_TYPE reaches the command lines: docker mode runs no plugin.
    expect(JSON.stringify([container.command, container.args])).not.toMatch(/account\.|PLUGIN_/);
    expect(container.artifact?.template.data).toMatchObject(expected.artifact);
  });

  test("a base image connector logs in first, then Google's registry", () => {
    const container = dockerStep("BuildAndPushGAR", { baseImageConnectorRefs: ["account.dockerhub"] });
    expect(entriesOf(container).filter((entry) => entry[0] === "login").map((entry) => entry[1])).toEqual(["https://index.docker.io/v1/", "us-central1-docker.pkg.dev"]);
  });

  test("caching: true: the layer cache under the engine's repository, by host, project and image; build secrets as --secret", () => {
    const argv = buildArgv(dockerStep("BuildAndPushGCR", { caching: true, envDockerSecrets: { npm: "NPM_TOKEN" } }, { layerCache: { repository: "registry.internal/buildcache" } }));
    expect(argv).toEqual([
      ...build,
      "--secret",
      "id=npm,env=NPM_TOKEN",
      "--cache-from",
      "type=registry,ref=registry.internal/buildcache/gcr.io/acme-prod/app:buildcache",
      "--cache-to",
      "type=registry,ref=registry.internal/buildcache/gcr.io/acme-prod/app:buildcache,mode=max,ignore-error=true",
      "--tag",
      "gcr.io/acme-prod/app:1.0",
      "--metadata-file",
      dockerMetadataFile,
      "--push",
      ".",
    ]);
  });

  test.each<["BuildAndPushGCR" | "BuildAndPushGAR"]>([["BuildAndPushGCR"], ["BuildAndPushGAR"]])("%s with an OIDC connector is refused at connectorRef: its token is exchanged at run time, by the plugins", (type) => {
    const problems = problemsOf(() => dockerStep(type, { connectorRef: "account.gcp_oidc" }));
    expect(problems).toMatchObject([{ code: "unsupported-connector-auth", field: "spec.connectorRef", message: "docker mode logs in with a username and password, and GCP issues this registry's password at run time (step build_step)" }]);
    expect(problems[0]!.hint).toMatch(/a GCP connector with a JSON key \(ManualConfig\), or plugin mode/);
  });
});
