import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runCli as run } from "../../../test/support/run-cli.js";
import { describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));

const connectors = ["--connectors", "examples/connectors.yaml"];

/** The bundled ECR-on-Kubernetes example with its cache given as a full path, and a runtime flag. */
function ecrPipelineWithPluginBugs(): string {
  return readFileSync(`${root}examples/pipeline.yaml`, "utf8")
    .replace("remoteCacheImage: app-cache", "remoteCacheImage: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app-cache")
    .replace("name: PLUGIN_SKIP_TLS_VERIFY\n            type: String\n            value: \"false\"", "name: PLUGIN_SKIP_TLS_VERIFY_REGISTRY\n            type: String\n            value: \"true\"");
}

describe("buildpush explain", () => {
  test("prints each step's plugin environment and the executor argv, secrets as references", async () => {
    const result = await run(["explain", "examples/pipeline.yaml", ...connectors]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("build/push_docker: BuildAndPushDockerRegistry  (examples/pipeline.yaml:38:23)");
    expect(result.stdout).toContain("    PLUGIN_PASSWORD=<secret account.dockerhub_token>");
    expect(result.stdout).toContain('    "--destination=acme/app:1.4.0"');
    expect(result.stdout).toContain('    "--cache-repo=123456789012.dkr.ecr.us-east-1.amazonaws.com/app-cache"');
    expect(result.stdout).toContain("plugin bugs this step triggers: none");
  });

  test("highlights the plugin bugs a step triggers", async () => {
    const result = await run(["explain", "bugs.yaml", ...connectors, "--format", "json"], { "bugs.yaml": ecrPipelineWithPluginBugs() });
    expect(result.code).toBe(0);
    const steps = JSON.parse(result.stdout).steps as { identifier: string; argv: string[]; bugs: { id: string }[] }[];
    const ecr = steps.find((s) => s.identifier === "push_ecr")!;
    expect(ecr.bugs.map((b) => b.id)).toEqual(expect.arrayContaining(["cache-repo-doubled", "skip-tls-verify-registry-without-value"]));
    expect(ecr.argv).toContain("--cache-repo=123456789012.dkr.ecr.us-east-1.amazonaws.com/123456789012.dkr.ecr.us-east-1.amazonaws.com/app-cache");
    const text = await run(["explain", "bugs.yaml", ...connectors], { "bugs.yaml": ecrPipelineWithPluginBugs() });
    expect(text.stdout).toMatch(/! cache-repo-doubled/);
  });

  test("a pipeline with problems exits 1 with them, as translate does", async () => {
    const result = await run(["explain", "examples/pipeline.yaml"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/\[unknown-connector\]/);
  });
});

describe("buildpush kaniko-args", () => {
  test("prints the plugin's argv as a JSON array, bugs included", async () => {
    const env = { PLUGIN_REPO: "acme/app", PLUGIN_TAGS: "1.0, 2.0", PLUGIN_SKIP_TLS_VERIFY_REGISTRY: "true", PLUGIN_USERNAME: "acme", PLUGIN_PASSWORD: "<secret account.hub>" };
    const result = await run(["kaniko-args", "--variant", "docker", "--env-json", "env.json"], { "env.json": JSON.stringify(env) });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      "--dockerfile=Dockerfile",
      "--context=dir://.",
      "--destination=acme/app:1.0",
      "--destination=acme/app:2.0",
      "--digest-file=/kaniko/digest-file",
      "--skip-tls-verify-registry",
    ]);
  });

  test("exits 1 with the plugin's reason when the plugin would fail", async () => {
    const result = await run(["kaniko-args", "--variant", "acr", "--env-json", "env.json"], { "env.json": JSON.stringify({ PLUGIN_REPO: "a.azurecr.io/app" }) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^env\.json: the plugin would fail: .*registry.* \[missing-registry\]\n$/);
  });

  test("a docker-variant push without a login stops before the executor, as the plugin does", async () => {
    const result = await run(["kaniko-args", "--variant", "docker", "--env-json", "env.json"], { "env.json": JSON.stringify({ PLUGIN_REPO: "acme/app", PLUGIN_REGISTRY: "https://registry.example.com" }) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^env\.json: the plugin would fail: Username must be specified for registry: https:\/\/registry\.example\.com .*\[missing-credentials\]\n$/);
  });

  test.each([
    ["not JSON", "{", /not JSON: line 1, column 2/],
    ["not an object", "[1]", /expected a JSON object/],
    ["a non-string value", '{"PLUGIN_TAGS": 1}', /"PLUGIN_TAGS" must be a string \(environment variables are strings\), found a number/],
  ])("a file that is %s exits 1 saying why", async (_case, text, reason) => {
    const result = await run(["kaniko-args", "--variant", "ecr", "--env-json", "env.json"], { "env.json": text });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(reason);
  });

  test.each([
    [["kaniko-args", "--env-json", "env.json"], /--variant takes docker, ecr, acr, gcr, gar/],
    [["kaniko-args", "--variant", "heroku", "--env-json", "env.json"], /not "heroku"/],
    [["kaniko-args", "--variant", "docker"], /--env-json FILE is required/],
  ])("wrong usage %j exits 2", async (args, reason) => {
    const result = await run(args, { "env.json": "{}" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason);
  });
});

describe("buildpush translate --mode kaniko", () => {
  test("gives executor containers with the chosen image, and refuses an executor version it does not know", async () => {
    const result = await run(["translate", "examples/pipeline.yaml", ...connectors, "--mode", "kaniko", "--kaniko-image", "registry.internal/kaniko:1.23.2", "--executor-version", "1.23"]);
    expect(result.code).toBe(0);
    const steps = JSON.parse(result.stdout).steps as { container: { image: string; command: string[]; args: string[]; artifact: { digestFile: string } } }[];
    for (const { container } of steps) {
      expect(container.image).toBe("registry.internal/kaniko:1.23.2");
      expect(container.command).toEqual(["/kaniko/executor"]);
      expect(container.args).toContain("--digest-file=/addon/kaniko/digest");
      expect(container.artifact.digestFile).toBe("/addon/kaniko/digest");
    }
    const unknown = await run(["translate", "examples/pipeline.yaml", ...connectors, "--mode", "kaniko", "--executor-version", "0.1"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/0\.1/);
  });
});
