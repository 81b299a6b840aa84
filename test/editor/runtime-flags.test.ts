/**
 * Under `envVariables`, the editor offers the PLUGIN_* runtime flags as documented keys (issue 13,
 * item 6): what each does, the executor flag or docker behaviour it becomes, on which
 * infrastructure and plugin, and whether this step's plugin reads it, from core's table (the
 * one the `ignored-runtime-flag` warning reads). Driven through the real yaml-language-server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentation, pipelineWithStep, positionOf, propertyKind, YamlLanguageServer } from "./yaml-language-server.js";
import { runtimeFlagDocs } from "../support/internals.js";

let server: YamlLanguageServer;
beforeAll(async () => {
  server = await YamlLanguageServer.start();
});
afterAll(async () => {
  await server?.stop();
});

const ecrSpec = ["connectorRef: account.aws", "account: \"123456789012\"", "region: us-east-1", "imageName: app", "tags: [latest]"];

describe("runtime flags under envVariables", () => {
  it("completion offers every flag of the table, each with its words", async () => {
    const text = pipelineWithStep("BuildAndPushECR", [...ecrSpec, "envVariables:", "  ", ""]);
    const { uri } = await server.open(text);
    const items = await server.completion(uri, positionOf(text, "  \n", 2, "envVariables:\n"));
    const flags = items.filter((item) => item.kind === propertyKind);
    expect(flags.map((item) => item.label).sort()).toEqual(Object.keys(runtimeFlagDocs).sort());
    const noPush = flags.find((item) => item.label === "PLUGIN_NO_PUSH")!;
    expect(documentation(noPush)).toContain(runtimeFlagDocs["PLUGIN_NO_PUSH"]!.does);
    expect(documentation(noPush)).toContain("`--no-push`");
  });

  it("hover says what the flag becomes on each infrastructure, and when this step's plugin ignores it", async () => {
    const text = pipelineWithStep("BuildAndPushECR", [...ecrSpec, "envVariables:", "  PLUGIN_SKIP_TLS_VERIFY: \"true\"", "  PLUGIN_TAR_PATH: /harness/image.tar", "  MY_OWN: x"]);
    const { uri, diagnostics } = await server.open(text);
    expect(diagnostics).toEqual([]);
    const skipTls = await server.hover(uri, positionOf(text, "PLUGIN_SKIP_TLS_VERIFY:", 3));
    expect(skipTls).toMatch(/On Kubernetes, ignored by this step's kaniko plugin: only the Docker registry variant/);
    expect(skipTls).toMatch(/On VMs, Harness Cloud and the local runner, ignored/);
    const tar = await server.hover(uri, positionOf(text, "PLUGIN_TAR_PATH:", 3));
    expect(tar).toContain("`--tar-path`");
    // A name of the user's own is still accepted, as before.
    expect(await server.hover(uri, positionOf(text, "MY_OWN:", 2))).not.toMatch(/Runtime flag/);
  });

  it("GCR and GAR steps get the flags too, with what their own plugin reads (kaniko-gcr has no tar-path)", async () => {
    const google = (type: "GCR" | "GAR") =>
      pipelineWithStep(`BuildAndPush${type}`, ["connectorRef: account.gcp", `host: ${type === "GCR" ? "gcr.io" : "us-central1-docker.pkg.dev"}`, "projectID: acme-prod", "imageName: app", "tags: [latest]", "envVariables:", "  PLUGIN_TAR_PATH: /harness/image.tar"]);
    const gcr = google("GCR");
    const opened = await server.open(gcr);
    expect(opened.diagnostics).toEqual([]);
    expect(await server.hover(opened.uri, positionOf(gcr, "PLUGIN_TAR_PATH:", 3))).toMatch(/On Kubernetes, ignored by this step's kaniko plugin: kaniko-gcr .* has no tar-path flag/);
    const gar = google("GAR");
    const { uri } = await server.open(gar);
    expect(await server.hover(uri, positionOf(gar, "PLUGIN_TAR_PATH:", 3))).toMatch(/On Kubernetes, the kaniko plugin passes `--tar-path` to the executor \(Docker registry, ECR, ACR, GAR steps only\)/);
  });

  it("for a Docker registry step the same flag is read on Kubernetes", async () => {
    const text = pipelineWithStep("BuildAndPushDockerRegistry", ["connectorRef: account.hub", "repo: acme/app", "tags: [latest]", "envVariables:", "  PLUGIN_SKIP_TLS_VERIFY: \"true\""]);
    const { uri } = await server.open(text);
    expect(await server.hover(uri, positionOf(text, "PLUGIN_SKIP_TLS_VERIFY:", 3))).toMatch(/On Kubernetes, the kaniko plugin passes `--skip-tls-verify=true` to the executor \(Docker registry steps only\)/);
  });
});
