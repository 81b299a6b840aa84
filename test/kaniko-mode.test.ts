/**
 * `--mode kaniko`: the executor itself with buildpush's argv, credentials as a config file made
 * from secret references, runtime flags as executor flags, and the digest for the Artifacts view.
 */
import { describe, expect, test } from "vitest";
import { argvFromPluginEnv } from "@buildpush/kaniko-args";
import { completeArtifact, type Problem } from "@buildpush/core";
import { planStep, translatePipeline, translateStep } from "./support/translator.js";
import { allConnectors, step, type StepType } from "./support/fixtures.js";
import { pipelineWithStep, stepFirstLine, stepIndent } from "./support/pipeline-template.js";
import { problemsOf } from "./support/problems.js";

function kaniko(type: StepType, spec: Record<string, unknown> = {}, extra: Parameters<typeof translateStep>[1] = {}) {
  return translateStep(step(type, spec), { connectors: allConnectors, mode: "kaniko", ...extra });
}

describe("the executor and its argv", () => {
  test("Docker: the executor image, /kaniko/executor, and an argv without the plugin in between", () => {
    const container = kaniko("BuildAndPushDockerRegistry", { tags: ["1.0", "latest"], dockerfile: "build/Dockerfile", buildArgs: { A: "1" }, labels: { team: "web" }, target: "release" });
    expect(container.image).toBe("ghcr.io/osscontainertools/kaniko:latest");
    expect(container.command).toEqual(["/kaniko/executor"]);
    expect(container.args).toEqual([
      "--dockerfile=build/Dockerfile",
      "--context=dir://.",
      "--destination=acme/app:1.0",
      "--destination=acme/app:latest",
      "--build-arg=A=1",
      "--label=team=web",
      "--target=release",
      "--snapshot-mode=redo",
      "--digest-file=/addon/kaniko/digest",
    ]);
    expect(Object.keys(container.env).filter((name) => name.startsWith("PLUGIN_"))).toEqual([]);
  });

  test("ECR: destinations and the cache repository are full names, never doubled (the plugin's bug)", () => {
    const container = kaniko("BuildAndPushECR", { remoteCacheImage: "app-cache" });
    expect(container.args).toContain("--destination=123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0");
    expect(container.args).toContain("--cache=true");
    expect(container.args).toContain("--cache-repo=123456789012.dkr.ecr.us-east-1.amazonaws.com/app-cache");
    const plugin = translateStep(step("BuildAndPushECR", { remoteCacheImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-cache" }), { connectors: allConnectors });
    const pluginArgv = argvFromPluginEnv(plugin.env, "ecr");
    expect(pluginArgv).toContain("--cache-repo=123456789012.dkr.ecr.us-east-1.amazonaws.com/123456789012.dkr.ecr.us-east-1.amazonaws.com/app-cache");
    expect(kaniko("BuildAndPushECR", { remoteCacheImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-cache" }).args).toContain("--cache-repo=123456789012.dkr.ecr.us-east-1.amazonaws.com/app-cache");
  });

  test("the executor image and version are the caller's to choose", () => {
    const container = kaniko("BuildAndPushACR", {}, { kanikoImage: "registry.internal/kaniko:1.23.2", executorVersion: "1.23" });
    expect(container.image).toBe("registry.internal/kaniko:1.23.2");
    expect(problemsOf(() => kaniko("BuildAndPushACR", {}, { kanikoImage: "Not An Image" }))[0]).toMatchObject({ code: "invalid-option", field: "kanikoImage" });
  });
});

describe("runtime flags become executor flags", () => {
  test.each<[string, Record<string, string>, string[]]>([
    ["PLUGIN_SKIP_TLS_VERIFY", { PLUGIN_SKIP_TLS_VERIFY: "true" }, ["--skip-tls-verify=true"]],
    ["PLUGIN_NO_PUSH with a tar path", { PLUGIN_NO_PUSH: "true", PLUGIN_TAR_PATH: "/addon/image.tar" }, ["--no-push=true", "--tar-path=/addon/image.tar"]],
    ["PLUGIN_PUSH_RETRY", { PLUGIN_PUSH_RETRY: "3" }, ["--push-retry=3"]],
    ["PLUGIN_REGISTRY_MIRRORS", { PLUGIN_REGISTRY_MIRRORS: "mirror.gcr.io" }, ["--registry-mirror=mirror.gcr.io"]],
  ])("%s", (_name, variables, expected) => {
    const args = kaniko("BuildAndPushDockerRegistry", {}, { stage: { variables } }).args!;
    for (const flag of expected) expect(args).toContain(flag);
  });

  test("a flag the step sets itself keeps the step's value, as in plugin mode", () => {
    const args = kaniko("BuildAndPushDockerRegistry", {}, { stage: { variables: { PLUGIN_TAGS: "from-stage" } } }).args!;
    expect(args).toContain("--destination=acme/app:1.0");
    expect(args.join(" ")).not.toContain("from-stage");
  });

  test("variables that are not PLUGIN_* stay in the environment", () => {
    expect(kaniko("BuildAndPushDockerRegistry", { envVariables: { GOFLAGS: "-mod=vendor" } }).env["GOFLAGS"]).toBe("-mod=vendor");
  });

  test("a PLUGIN_* name with no kaniko equivalent is an error naming it, at its line", () => {
    const yaml = pipelineWithStep(`type: BuildAndPushDockerRegistry
name: Push
identifier: push
spec:
  connectorRef: account.dockerhub
  repo: acme/app
  tags: [x]
  envVariables:
    PLUGIN_CUSTOM_DNS: 10.0.0.1`);
    const all = problemsOf(() => translatePipeline(yaml, { file: "p.yaml", connectors: allConnectors, mode: "kaniko" }));
    // Beside the error, a warning: the kaniko plugin Harness runs would ignore it too (a drone-docker daemon option).
    expect(all.filter((problem) => problem.severity === "warning").map((problem) => problem.code)).toEqual(["ignored-runtime-flag"]);
    const problems = all.filter((problem) => problem.severity !== "warning");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: "unsupported-runtime-flag",
      field: "spec.envVariables.PLUGIN_CUSTOM_DNS",
      position: { file: "p.yaml", line: stepFirstLine + 8, column: stepIndent + 5 },
    });
    expect(problems[0]!.message).toMatch(/PLUGIN_CUSTOM_DNS has no kaniko equivalent/);
    expect(problems[0]!.hint).toMatch(/plugin mode/);
  });

  test("a bad runtime flag value is an error with the plugin's parsing rule", () => {
    const problems = problemsOf(() => kaniko("BuildAndPushDockerRegistry", {}, { stage: { variables: { PLUGIN_SKIP_TLS_VERIFY: "yes" } } }));
    // A stage variable is reported at the step (the closest place the step's file shows), by name.
    expect(problems[0]).toMatchObject({ code: "invalid-runtime-flag", message: expect.stringContaining("PLUGIN_SKIP_TLS_VERIFY") });
    expect(problems[0]).not.toHaveProperty("field");
  });

  test("a runtime flag held in a secret is refused: it would show in the pod's arguments", () => {
    const problems = problemsOf(() => kaniko("BuildAndPushDockerRegistry", {}, { stage: { secretVariables: { PLUGIN_REGISTRY_MIRRORS: { ref: "account.mirror" } } } }));
    expect(problems[0]).toMatchObject({ code: "unsupported-runtime-flag", message: expect.stringContaining("PLUGIN_REGISTRY_MIRRORS") });
  });
});

describe("credentials are a config file made from secret references", () => {
  test("Docker: an auths entry keyed by Docker Hub's v1 URL, then the base image registry", () => {
    const container = kaniko("BuildAndPushDockerRegistry", { baseImageConnectorRefs: ["org.private_registry"] });
    expect(container.files).toEqual([
      {
        kind: "docker-config",
        path: "/kaniko/.docker/config.json",
        auths: [
          { registry: "https://index.docker.io/v1/", username: "acme", passwordRef: "account.dockerhub_token" },
          { registry: "https://registry.example.com", usernameRef: "org.registry_user", passwordRef: "org.registry_pass" },
        ],
        credHelpers: {},
      },
    ]);
    expect(container.secretEnv).toEqual({});
  });

  test("ECR: the executor's ecr-login helper with the AWS environment", () => {
    const container = kaniko("BuildAndPushECR");
    expect(container.files?.[0]?.credHelpers).toEqual({ "123456789012.dkr.ecr.us-east-1.amazonaws.com": "ecr-login" });
    expect(container.env).toMatchObject({ AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIAEXAMPLEKEY123456" });
    expect(container.secretEnv).toEqual({ AWS_SECRET_ACCESS_KEY: { ref: "account.aws_secret_key" } });
  });

  test("ECR with the pod's own identity needs no keys", () => {
    const container = kaniko("BuildAndPushECR", { connectorRef: "aws_delegate" });
    expect(container.secretEnv).toEqual({});
    expect(container.env).not.toHaveProperty("AWS_ACCESS_KEY_ID");
  });

  test("ACR: the executor's acr-env helper with client id, secret and tenant", () => {
    const container = kaniko("BuildAndPushACR");
    expect(container.files?.[0]?.credHelpers).toEqual({ "acme.azurecr.io": "acr-env" });
    expect(container.env).toMatchObject({ AZURE_CLIENT_ID: "0b6c1c54-4b56-4b44-9d5e-1f5e2a6b7c8d", AZURE_TENANT_ID: "72f988bf-86f1-41af-91ab-2d7cd011db47" });
    expect(container.secretEnv).toEqual({ AZURE_CLIENT_SECRET: { ref: "account.azure_client_secret" } });
  });

  test.each<[string, StepType, Record<string, unknown>]>([
    ["an AWS cross-account role", "BuildAndPushECR", { connectorRef: "aws_cross" }],
    ["Azure certificate authentication", "BuildAndPushACR", { connectorRef: "azure_cert" }],
  ])("%s is refused in kaniko mode, pointing to plugin mode", (_name, type, spec) => {
    const problems = problemsOf(() => kaniko(type, spec));
    expect(problems[0]).toMatchObject({ code: "unsupported-in-mode", field: "spec.connectorRef" });
    expect(problems[0]!.hint).toMatch(/plugin mode/);
  });

  test("no secret reference or value ever reaches the argv", () => {
    const container = kaniko("BuildAndPushECR", { baseImageConnectorRefs: ["account.dockerhub"] });
    expect(container.args!.join(" ")).not.toMatch(/account\.|AKIA/);
  });
});

describe("digest and artifact", () => {
  test("the digest file and the plugin's artifact JSON shape, completed from what the executor wrote", () => {
    const container = kaniko("BuildAndPushECR", { tags: ["1.0", "latest"] });
    expect(container.args).toContain("--digest-file=/addon/kaniko/digest");
    const digest = `sha256:${"ab".repeat(32)}`;
    expect(completeArtifact(container.artifact!, `${digest}\n`)).toEqual({
      kind: "docker/v1",
      data: {
        registryType: "ECR",
        registryUrl: "123456789012.dkr.ecr.us-east-1.amazonaws.com",
        images: [
          { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0", digest },
          { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest", digest },
        ],
      },
    });
  });

  test("Docker registries report registryType Docker and the connector URL", () => {
    expect(kaniko("BuildAndPushDockerRegistry").artifact!.template.data).toMatchObject({ registryType: "Docker", registryUrl: "https://index.docker.io/v2/" });
  });

  test("a digest file without a digest is an error, not an artifact with a wrong digest", () => {
    const container = kaniko("BuildAndPushACR");
    expect(problemsOf(() => completeArtifact(container.artifact!, "")).map((p) => p.code)).toEqual(["invalid-option"]);
  });
});
