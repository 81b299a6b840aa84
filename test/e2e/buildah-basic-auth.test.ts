import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, type CliIo } from "@buildpush/cli";
import { ConnectorSet, parseConnectorFile } from "@buildpush/core";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { RunFailure, runPipeline, type RunPipelineOptions } from "../../packages/cli/src/run/runner.js";
import { freePort, inspect, silentServer, startRegistry, tagsOf, type Registry } from "./support/registry.js";
import { e2eGate, e2eTitle } from "./support/tools.js";
import { connectorYaml, makeWorkspace, pipelineYaml, releaseBuildSpec, storageConf } from "./support/workspace.js";

const gate = e2eGate();
// The default reporter shows a skipped file without its suite title: say why here too.
if (gate.skip) console.warn(`${import.meta.url.split("/").pop()}: end-to-end tests skipped: ${gate.reason}`);
const password = "s3cret-E2E-pa55word";
const login = Buffer.from(`alice:${password}`).toString("base64");

describe.skipIf(gate.skip)(e2eTitle("buildpush run: Buildah against a registry with htpasswd basic auth over plain HTTP", gate), () => {
  let root: string;
  let workspace: string;
  let registry: Registry;
  let connectors: ConnectorSet;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (gate.failure) throw new Error(gate.failure);
    root = mkdtempSync(join(tmpdir(), "buildpush-e2e-auth-"));
    workspace = join(root, "workspace");
    makeWorkspace(workspace);
    env = { ...process.env, CONTAINERS_STORAGE_CONF: storageConf(root) };
    registry = await startRegistry({ dir: join(root, "registry"), htpasswd: { username: "alice", password } });
    writeFileSync(join(root, "connectors.yaml"), connectorYaml("local", registry.url, { username: "alice", passwordRef: "account.registry_pass" }));
    connectors = new ConnectorSet(parseConnectorFile(readFileSync(join(root, "connectors.yaml"), "utf8"), "connectors.yaml"));
  }, 60_000);

  afterAll(async () => {
    await registry?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** A connector for another registry host (a repository must name its connector's registry). */
  function elsewhere(host: string): Partial<RunPipelineOptions> {
    return { connectors: new ConnectorSet(parseConnectorFile(connectorYaml("elsewhere", registry.url.replace(registry.host, host), { username: "alice", passwordRef: "account.registry_pass" }), "connectors.yaml")) };
  }

  async function run(yaml: string, secrets: Record<string, string>, extra: Partial<RunPipelineOptions> = {}): Promise<{ output: string; error?: unknown; elapsedMs: number }> {
    let output = "";
    const started = Date.now();
    try {
      await runPipeline({
        pipelineText: yaml,
        pipelineFile: "pipeline.yaml",
        connectors,
        secrets: new Map(Object.entries(secrets)),
        secretsSource: "secrets.yaml",
        workingDir: workspace,
        artifactsDir: "artifacts",
        output: (text) => (output += text),
        env,
        killGraceMs: 1_000,
        ...extra,
      });
      return { output, elapsedMs: Date.now() - started };
    } catch (error) {
      return { output, error, elapsedMs: Date.now() - started };
    }
  }

  test("every tag is pushed; labels, the build arg and the target are in the image; the artifact digests are the registry's", async () => {
    const yaml = pipelineYaml([
      {
        identifier: "web",
        repo: `${registry.host}/e2e/web`,
        tags: ["1.10", "latest", "build-42"],
        connector: "account.local",
        spec: releaseBuildSpec("platform"),
      },
    ]);
    const { output, error } = await run(yaml, { "account.registry_pass": password });
    expect(error).toBeUndefined();

    expect((await tagsOf(registry, "e2e/web")).tags.sort()).toEqual(["1.10", "build-42", "latest"]);
    const artifact = JSON.parse(readFileSync(join(workspace, "artifacts", "build.web.json"), "utf8")) as { kind: string; data: { registryType: string; registryUrl: string; images: { image: string; digest: string }[] } };
    expect(artifact.kind).toBe("docker/v1");
    expect(artifact.data.registryType).toBe("Docker");
    expect(artifact.data.registryUrl).toBe(registry.url);
    expect(artifact.data.images.map((image) => image.image)).toEqual([`${registry.host}/e2e/web:1.10`, `${registry.host}/e2e/web:latest`, `${registry.host}/e2e/web:build-42`]);
    for (const { image, digest } of artifact.data.images) {
      const tag = image.slice(image.lastIndexOf(":") + 1);
      const stored = await inspect(registry, "e2e/web", tag);
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(stored.digest).toBe(digest);
      expect(stored.labels).toMatchObject({
        "org.opencontainers.image.source": "https://example.com/acme/web",
        "org.example.team": "platform",
        "org.example.version": "2.5.0",
        "org.example.stage": "release",
      });
    }
    expect(output).toContain("[Push web] ");
    expect(output).not.toContain(password);
    expect(output).not.toContain(login);
  }, 120_000);

  test("through the CLI: a dotenv secrets file, exit status 0, nothing secret printed", async () => {
    const dir = join(root, "cli");
    makeWorkspace(dir);
    writeFileSync(join(dir, "pipeline.yaml"), pipelineYaml([{ identifier: "cli", repo: `${registry.host}/e2e/cli`, tags: ["v1"], connector: "account.local", spec: `                    dockerfile: ${join(dir, "docker", "Dockerfile")}\n                    context: ${join(dir, "app")}` }]));
    writeFileSync(join(dir, "secrets.env"), `# local only\naccount.registry_pass="${password}"\n`);
    let stdout = "";
    let stderr = "";
    const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), readFile: (path) => readFileSync(path, "utf8") };
    vi.stubEnv("CONTAINERS_STORAGE_CONF", env["CONTAINERS_STORAGE_CONF"]!);
    try {
      const status = await main(["run", join(dir, "pipeline.yaml"), "--connectors", join(root, "connectors.yaml"), "--secrets", join(dir, "secrets.env"), "--artifacts", join(dir, "artifacts")], io);
      expect(stderr).toContain("1 step run, 1 image pushed");
      expect(status).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
    const artifact = JSON.parse(readFileSync(join(dir, "artifacts", "build.cli.json"), "utf8")) as { data: { images: { digest: string }[] } };
    expect(artifact.data.images[0]!.digest).toBe((await inspect(registry, "e2e/cli", "v1")).digest);
    expect(stdout + stderr).not.toContain(password);
    expect(stdout + stderr).not.toContain(login);
  }, 120_000);

  test("a wrong password fails the step with a clear error and pushes nothing", async () => {
    const yaml = pipelineYaml([{ identifier: "denied", repo: `${registry.host}/e2e/denied`, tags: ["1.0", "latest"], connector: "account.local", spec: "                    dockerfile: docker/Dockerfile\n                    context: app" }]);
    const { output, error } = await run(yaml, { "account.registry_pass": "not-the-password" });
    expect(error).toBeInstanceOf(RunFailure);
    expect((error as Error).message).toContain(`build/denied: pushing ${registry.host}/e2e/denied:1.0 failed (buildah exit status 125): ${registry.host} refused the login: check the connector's username and the value of secret account.registry_pass`);
    expect(await tagsOf(registry, "e2e/denied")).toEqual({ status: 404, tags: [] });
    const catalog = JSON.parse((await registry.request("GET", "/v2/_catalog")).body) as { repositories: string[] };
    expect(catalog.repositories).not.toContain("e2e/denied");
    expect(output + (error as Error).message).not.toContain("not-the-password");
  }, 120_000);

  test("a registry nobody listens on fails with a clear error, after Buildah's few retries", async () => {
    const port = await freePort();
    const yaml = pipelineYaml([{ identifier: "nowhere", repo: `127.0.0.1:${port}/e2e/nowhere`, tags: ["1.0"], connector: "account.elsewhere", spec: "                    dockerfile: docker/Dockerfile\n                    context: app" }]);
    const { error } = await run(yaml, { "account.registry_pass": password }, elsewhere(`127.0.0.1:${port}`));
    expect(error).toBeInstanceOf(RunFailure);
    expect((error as Error).message).toContain(`cannot reach 127.0.0.1:${port}`);
  }, 120_000);

  test("a registry that accepts connections and never answers is stopped by the step's timeout", async () => {
    const silent = await silentServer();
    try {
      const yaml = pipelineYaml([{ identifier: "hung", repo: `127.0.0.1:${silent.port}/e2e/hung`, tags: ["1.0"], connector: "account.elsewhere", timeout: "8s", spec: "                    dockerfile: docker/Dockerfile\n                    context: app" }]);
      const { error, elapsedMs } = await run(yaml, { "account.registry_pass": password }, elsewhere(`127.0.0.1:${silent.port}`));
      expect(error).toBeInstanceOf(RunFailure);
      expect((error as Error).message).toContain(`build/hung: pushing 127.0.0.1:${silent.port}/e2e/hung:1.0 timed out: the step's timeout of 8s ran out`);
      // The bound: the step's timeout plus the SIGTERM→SIGKILL grace, with room for a slow machine.
      expect(elapsedMs).toBeLessThan(8_000 + 1_000 + 10_000);
    } finally {
      await silent.close();
    }
  }, 120_000);
});
