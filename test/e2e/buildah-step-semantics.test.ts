import { describe, expect, test } from "vitest";
import { RunFailure, runPipeline } from "../../packages/cli/src/run/runner.js";
import { useAuthRegistry } from "./support/auth-registry.js";
import { tagsOf } from "./support/registry.js";
import { e2eGate, e2eTitle } from "./support/tools.js";
import { pipelineYaml } from "./support/workspace.js";

const gate = e2eGate();
if (gate.skip) console.warn(`${import.meta.url.split("/").pop()}: end-to-end tests skipped: ${gate.reason}`);
const password = "s3cret-E2E-semantics";

/** Lines under a step (when, failureStrategies), placed after its identifier. */
function withStepLines(yaml: string, identifier: string, lines: string): string {
  const indented = lines
    .split("\n")
    .map((line) => `                  ${line}`)
    .join("\n");
  return yaml.replace(`                  identifier: ${identifier}\n`, `                  identifier: ${identifier}\n${indented}\n`);
}

describe.skipIf(gate.skip)(e2eTitle("buildpush run honours when and failure strategies against a registry", gate), () => {
  const fixture = useAuthRegistry("buildpush-e2e-semantics-", password, gate);

  async function run(yaml: string, secret: string): Promise<{ output: string; error?: unknown }> {
    const { connectors, workspace, env } = fixture;
    let output = "";
    try {
      await runPipeline({ pipelineText: yaml, pipelineFile: "pipeline.yaml", connectors, secrets: new Map([["account.registry_pass", secret]]), workingDir: workspace, artifactsDir: "artifacts", output: (text) => (output += text), env, killGraceMs: 1_000 });
      return { output };
    } catch (error) {
      return { output, error };
    }
  }

  const spec = "                    dockerfile: docker/Dockerfile\n                    context: app";

  test("a step whose condition is false pushes nothing; the step after it pushes", async () => {
    const { registry } = fixture;
    const yaml = withStepLines(
      pipelineYaml([
        { identifier: "skipped", repo: `${registry.host}/e2e/skipped`, tags: ["1.0"], connector: "account.local", spec },
        { identifier: "pushed", repo: `${registry.host}/e2e/pushed`, tags: ["1.0"], connector: "account.local", spec },
      ]),
      "skipped",
      "when: {stageStatus: Success, condition: false}",
    );
    const { output, error } = await run(yaml, password);
    expect(error).toBeUndefined();
    expect(output).toContain('==> build/skipped (Push skipped): skipped: its when.condition "false" is false\n');
    expect(await tagsOf(registry, "e2e/skipped")).toEqual({ status: 404, tags: [] });
    expect((await tagsOf(registry, "e2e/pushed")).tags).toEqual(["1.0"]);
  }, 180_000);

  test("a Retry strategy retries a refused push the given number of times, waiting between, then the failure stands", async () => {
    const { registry } = fixture;
    const yaml = withStepLines(
      pipelineYaml([{ identifier: "retried", repo: `${registry.host}/e2e/retried`, tags: ["1.0"], connector: "account.local", spec }]),
      "retried",
      "failureStrategies:\n  - onFailure:\n      errors: [Authentication]\n      action:\n        type: Retry\n        spec: {retryCount: 2, retryIntervals: [1s]}",
    );
    const started = Date.now();
    const { output, error } = await run(yaml, "not-the-password");
    expect(error).toBeInstanceOf(RunFailure);
    expect((error as Error).message).toContain(`build/retried: pushing ${registry.host}/e2e/retried:1.0 failed (buildah exit status 125): ${registry.host} refused the login`);
    // One push and two retries, each a build and a push of its own.
    expect(output.split("\n").filter((line) => line === `==> build/retried: pushing ${registry.host}/e2e/retried:1.0`)).toHaveLength(3);
    expect(output).toContain("; retry 1 of 2 in 1s (the step's failure strategy on Authentication: Retry)\n");
    expect(output).toContain("; retry 2 of 2 in 1s (the step's failure strategy on Authentication: Retry)\n");
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(await tagsOf(registry, "e2e/retried")).toEqual({ status: 404, tags: [] });
    expect(output).not.toContain("not-the-password");
  }, 300_000);
});
