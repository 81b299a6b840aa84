import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectorSet, parseConnectorFile } from "@buildpush/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RunFailure, runPipeline } from "../../packages/cli/src/run/runner.js";
import { inspect, startRegistry, tagsOf, type Registry } from "./support/registry.js";
import { e2eGate, e2eTitle } from "./support/tools.js";
import { connectorYaml, makeWorkspace, pipelineYaml, storageConf } from "./support/workspace.js";

const gate = e2eGate();
// The default reporter shows a skipped file without its suite title: say why here too.
if (gate.skip) console.warn(`${import.meta.url.split("/").pop()}: end-to-end tests skipped: ${gate.reason}`);

describe.skipIf(gate.skip)(e2eTitle("buildpush run: Buildah against a TLS registry with a self-signed certificate", gate), () => {
  let root: string;
  let workspace: string;
  let registry: Registry;
  let connectors: ConnectorSet;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (gate.failure) throw new Error(gate.failure);
    root = mkdtempSync(join(tmpdir(), "buildpush-e2e-tls-"));
    workspace = join(root, "workspace");
    makeWorkspace(workspace);
    env = { ...process.env, CONTAINERS_STORAGE_CONF: storageConf(root) };
    registry = await startRegistry({ dir: join(root, "registry"), tls: true });
    connectors = new ConnectorSet(parseConnectorFile(connectorYaml("tls", registry.url), "connectors.yaml"));
  }, 60_000);

  afterAll(async () => {
    await registry?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function run(yaml: string): Promise<{ output: string; error?: unknown }> {
    let output = "";
    try {
      await runPipeline({ pipelineText: yaml, pipelineFile: "pipeline.yaml", connectors, secrets: new Map(), workingDir: workspace, artifactsDir: "artifacts", output: (text) => (output += text), env });
      return { output };
    } catch (error) {
      return { output, error };
    }
  }

  const spec = "                    dockerfile: docker/Dockerfile\n                    context: app\n                    target: release";

  test("with the stage variable PLUGIN_SKIP_TLS_VERIFY=true, as the docs describe, every tag is pushed and the digests match", async () => {
    const yaml = pipelineYaml([{ identifier: "secure", repo: `${registry.host}/e2e/secure`, tags: ["1.0", "stable"], connector: "account.tls", spec }], { PLUGIN_SKIP_TLS_VERIFY: "true" });
    const { error } = await run(yaml);
    expect(error).toBeUndefined();
    expect((await tagsOf(registry, "e2e/secure")).tags.sort()).toEqual(["1.0", "stable"]);
    const artifact = JSON.parse(readFileSync(join(workspace, "artifacts", "build.secure.json"), "utf8")) as { data: { registryUrl: string; images: { image: string; digest: string }[] } };
    expect(artifact.data.registryUrl).toBe(registry.url);
    for (const tag of ["1.0", "stable"]) {
      // Checked over TLS against the registry's own certificate.
      const stored = await inspect(registry, "e2e/secure", tag);
      expect(artifact.data.images.find((image) => image.image === `${registry.host}/e2e/secure:${tag}`)?.digest).toBe(stored.digest);
      expect(stored.labels["org.example.stage"]).toBe("release");
    }
  }, 120_000);

  test("without it, the untrusted certificate fails the step with a message that says what to set, and nothing is pushed", async () => {
    const yaml = pipelineYaml([{ identifier: "untrusted", repo: `${registry.host}/e2e/untrusted`, tags: ["1.0"], connector: "account.tls", spec }]);
    const { error } = await run(yaml);
    expect(error).toBeInstanceOf(RunFailure);
    expect((error as Error).message).toContain(`${registry.host} presented a TLS certificate that is not trusted: use a trusted certificate, or set the stage variable PLUGIN_SKIP_TLS_VERIFY=true`);
    expect(await tagsOf(registry, "e2e/untrusted")).toEqual({ status: 404, tags: [] });
  }, 120_000);
});
