import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectorSet, connectorsFromValues } from "@buildpush/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runPipeline } from "../../packages/cli/src/run/runner.js";
import { inspect, startRegistry, tagsOf, type Registry } from "./support/registry.js";
import { e2eGate, e2eTitle } from "./support/tools.js";
import { makeWorkspace, storageConf } from "./support/workspace.js";

const gate = e2eGate();
if (gate.skip) console.warn(`${import.meta.url.split("/").pop()}: end-to-end tests skipped: ${gate.reason}`);

/**
 * A service account key on one line (Google's files span lines; htpasswd takes one). The
 * registry stands in for Google's: it takes the user `_json_key` and the key as the password,
 * as gcr.io and *-docker.pkg.dev do (bcrypt compares the first 72 bytes of it).
 */
const jsonKey = JSON.stringify({ type: "service_account", project_id: "acme-prod", private_key_id: "e2e0123456789", private_key: "-----BEGIN PRIVATE KEY-----\nMIIE-E2E-S3CRET\n-----END PRIVATE KEY-----\n", client_email: "ci-push@acme-prod.iam.gserviceaccount.com" });

describe.skipIf(gate.skip)(e2eTitle("buildpush run: a GCR step pushes with Buildah, logging in as _json_key with the JSON key", gate), () => {
  let root: string;
  let workspace: string;
  let registry: Registry;

  beforeAll(async () => {
    if (gate.failure) throw new Error(gate.failure);
    root = mkdtempSync(join(tmpdir(), "buildpush-e2e-json-key-"));
    workspace = join(root, "workspace");
    makeWorkspace(workspace);
    registry = await startRegistry({ dir: join(root, "registry"), htpasswd: { username: "_json_key", password: jsonKey } });
  }, 60_000);

  afterAll(async () => {
    await registry?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test("the image reaches <host>/<projectID>/<imageName>, the artifact file names the GCR registry, the key is never shown", async () => {
    // The registry is plain HTTP: PLUGIN_INSECURE, as the Harness docs set it, turns TLS off.
    const pipeline = `pipeline:
  identifier: e2e
  stages:
    - stage:
        identifier: build
        type: CI
        variables:
          - {name: PLUGIN_INSECURE, type: String, value: "true"}
        spec:
          infrastructure: {type: KubernetesDirect, spec: {}}
          execution:
            steps:
              - step:
                  type: BuildAndPushGCR
                  name: Push to GCR
                  identifier: gcr
                  spec:
                    connectorRef: account.gcp
                    host: ${registry.host}
                    projectID: acme-prod
                    imageName: web
                    tags: ["1.4.0", latest]
                    dockerfile: docker/Dockerfile
                    context: app
`;
    const connectors = new ConnectorSet(connectorsFromValues([{ identifier: "gcp", type: "Gcp", spec: { credential: { type: "ManualConfig", spec: { secretKeyRef: "account.gcp_key" } } } }]));
    let output = "";
    await runPipeline({
      pipelineText: pipeline,
      pipelineFile: "pipeline.yaml",
      connectors,
      secrets: new Map([["account.gcp_key", jsonKey]]),
      secretsSource: "secrets.yaml",
      workingDir: workspace,
      artifactsDir: "artifacts",
      output: (text) => (output += text),
      env: { ...process.env, CONTAINERS_STORAGE_CONF: storageConf(root) },
      killGraceMs: 1_000,
    });

    expect((await tagsOf(registry, "acme-prod/web")).tags.sort()).toEqual(["1.4.0", "latest"]);
    const artifact = JSON.parse(readFileSync(join(workspace, "artifacts", "build.gcr.json"), "utf8")) as { data: { registryType: string; registryUrl: string; images: { image: string; digest: string }[] } };
    expect(artifact.data.registryType).toBe("GCR");
    expect(artifact.data.registryUrl).toBe(`${registry.host}/acme-prod`);
    expect(artifact.data.images.map((image) => image.image)).toEqual([`${registry.host}/acme-prod/web:1.4.0`, `${registry.host}/acme-prod/web:latest`]);
    expect(artifact.data.images[0]!.digest).toBe((await inspect(registry, "acme-prod/web", "1.4.0")).digest);
    expect(output).not.toContain("S3CRET");
    expect(output).not.toContain(Buffer.from(`_json_key:${jsonKey}`).toString("base64"));
  }, 120_000);
});
