// Build contexts and Dockerfiles read from outside the workspace (issue 18, item 1): a context
// written SCHEME://… is read by kaniko from that source (dir:/// is the container's root, where
// the registry login is mounted) and Buildah fetches http(s)://, git:// and github.com/…. They
// are refused unless the caller allows remote contexts; dir:// paths stay inside the workspace.
import { describe, expect, test } from "vitest";
import { exampleConnectors } from "../support/fixtures.js";
import { problemsOf } from "../support/problems.js";
import { runCli } from "../support/run-cli.js";
import { translateStep } from "../support/translator.js";

const step = (spec: Record<string, unknown>) => ({ type: "BuildAndPushDockerRegistry", name: "Push", identifier: "push", spec: { connectorRef: "account.dockerhub", repo: "acme/app", tags: ["1.0"], ...spec } });
const modes = ["plugin", "kaniko", "buildah"] as const;
const remote = ["s3://bucket/context.tar.gz", "gs://bucket/context.tar.gz", "git://github.com/acme/app.git", "https://example.com/context.tar.gz", "http://example.com/c.tar", "tar://stdin", "az://account/container", "DIR:///", "x://y"];

describe("remote build contexts", () => {
  test.each(modes)("in %s mode, every remote context, Dockerfile and PLUGIN_CONTEXT is refused by default", (mode) => {
    for (const context of remote) {
      expect(problemsOf(() => translateStep(step({ context }), { connectors: exampleConnectors, mode })).map((p) => [p.code, p.field]), context).toEqual([["invalid-path", "spec.context"]]);
    }
    expect(problemsOf(() => translateStep(step({ dockerfile: "https://example.com/Dockerfile" }), { connectors: exampleConnectors, mode }))[0]).toMatchObject({ code: "invalid-path", field: "spec.dockerfile" });
    for (const flag of ["PLUGIN_CONTEXT", "PLUGIN_DOCKERFILE"]) {
      expect(problemsOf(() => translateStep(step({ envVariables: { [flag]: "s3://bucket/x" } }), { connectors: exampleConnectors, mode }))[0]).toMatchObject({ code: "invalid-path", field: `spec.envVariables.${flag}` });
    }
  });

  test.each(modes)("in %s mode, dir:// paths are held to the workspace like plain paths", (mode) => {
    for (const context of ["dir:///", "dir://../..", "dir:///kaniko/.docker", "dir:///harness/../etc"]) {
      const [problem] = problemsOf(() => translateStep(step({ context }), { connectors: exampleConnectors, mode }));
      expect(problem, context).toMatchObject({ code: "invalid-path", field: "spec.context" });
      expect(problem!.message).toMatch(/outside the workspace|climb out/);
    }
  });

  test("dir:// inside the workspace is kaniko's local directory; Buildah is given the path itself", () => {
    expect(translateStep(step({ context: "dir://app" }), { connectors: exampleConnectors }).env["PLUGIN_CONTEXT"]).toBe("dir://app");
    expect(translateStep(step({ context: "dir://app" }), { connectors: exampleConnectors, mode: "kaniko" }).args).toContain("--context=dir://app");
    const buildah = translateStep(step({ context: "dir:///harness/app", dockerfile: "dir://app/Dockerfile" }), { connectors: exampleConnectors, mode: "buildah" }).args!;
    expect(buildah).toContain("/harness/app");
    expect(buildah).not.toContain("dir:///harness/app");
    expect(buildah[buildah.indexOf("--file") + 1]).toBe("app/Dockerfile");
  });

  test("a local github.com/… directory stays local for Buildah, which would otherwise clone it", () => {
    const buildah = translateStep(step({ context: "github.com/acme/app" }), { connectors: exampleConnectors, mode: "buildah" }).args!;
    expect(buildah).toContain("./github.com/acme/app");
    expect(buildah).not.toContain("github.com/acme/app");
  });

  test("allowRemoteContext lets a caller opt in: the source reaches the builder as written", () => {
    const allow = { connectors: exampleConnectors, allowRemoteContext: true };
    expect(translateStep(step({ context: "s3://bucket/context.tar.gz" }), allow).env["PLUGIN_CONTEXT"]).toBe("s3://bucket/context.tar.gz");
    expect(translateStep(step({ context: "git://github.com/acme/app.git" }), { ...allow, mode: "kaniko" }).args).toContain("--context=git://github.com/acme/app.git");
    expect(translateStep(step({ context: "https://example.com/c.tar.gz", dockerfile: "https://example.com/Dockerfile" }), { ...allow, mode: "buildah" }).args).toEqual(expect.arrayContaining(["https://example.com/c.tar.gz", "https://example.com/Dockerfile"]));
    // dir:// is a local path, allowed or not.
    expect(problemsOf(() => translateStep(step({ context: "dir:///" }), allow))[0]).toMatchObject({ code: "invalid-path" });
  });

  test("a remote source Buildah cannot fetch is refused in Buildah mode even when allowed", () => {
    const allow = { connectors: exampleConnectors, allowRemoteContext: true, mode: "buildah" };
    expect(problemsOf(() => translateStep(step({ context: "s3://bucket/c.tar.gz" }), allow))[0]).toMatchObject({ code: "unsupported-in-mode", field: "spec.context" });
    expect(problemsOf(() => translateStep(step({ dockerfile: "git://github.com/acme/Dockerfile" }), allow))[0]).toMatchObject({ code: "unsupported-in-mode", field: "spec.dockerfile" });
  });

  test("through the CLI: refused unless --allow-remote-context is given", async () => {
    const pipeline = (context: string) =>
      `pipeline:\n  identifier: p\n  stages:\n    - stage:\n        identifier: s\n        spec:\n          infrastructure: {type: KubernetesDirect, spec: {}}\n          execution:\n            steps:\n              - step:\n                  type: BuildAndPushDockerRegistry\n                  name: Push\n                  identifier: push\n                  spec: {connectorRef: account.dockerhub, repo: acme/app, tags: [latest], context: "${context}"}\n`;
    const files = { "p.yaml": pipeline("s3://bucket/c.tar.gz"), "root.yaml": pipeline("dir:///") };
    for (const command of ["translate", "validate", "explain"]) {
      const refused = await runCli([command, "p.yaml", "--connectors", "examples/connectors.yaml"], files);
      expect(refused.code, command).toBe(1);
      expect(refused.stdout + refused.stderr).toContain("remote source (s3://)");
      const allowed = await runCli([command, "p.yaml", "--connectors", "examples/connectors.yaml", "--allow-remote-context"], files);
      expect(allowed.code, `${command} --allow-remote-context: ${allowed.stderr}`).toBe(0);
      expect((await runCli([command, "root.yaml", "--connectors", "examples/connectors.yaml", "--allow-remote-context", "--mode", "kaniko"].slice(0, command === "translate" ? 7 : 5), files)).code).toBe(1);
    }
  });
});
