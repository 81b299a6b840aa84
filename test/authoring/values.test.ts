/**
 * Values for translate, explain and run (issue 13, item 2): `--set`, `--values`, `--input-set` on
 * the command line, a map or a resolver in the API. Secrets stay references in every output.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { BuildpushError } from "@buildpush/core";
import { cliBin, repoRoot } from "../support/paths.js";
import { translatePipeline } from "../support/translator.js";
import { allConnectors } from "../support/fixtures.js";

const pipeline = `pipeline:
  identifier: app
  name: app
  variables:
    - name: repo
      type: String
      value: acme/app
    - name: channel
      type: String
      value: <+input>.default(stable)
  stages:
    - stage:
        identifier: build
        name: build
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec: {connectorRef: k8s, namespace: ci}
          execution:
            steps:
              - step:
                  type: BuildAndPushDockerRegistry
                  name: Push
                  identifier: push
                  spec:
                    connectorRef: account.dockerhub
                    repo: <+pipeline.variables.repo>
                    tags:
                      - v<+pipeline.sequenceId>
                      - <+codebase.shortCommitSha>
                      - <+pipeline.variables.channel>
                    target: <+input>
                    envVariables:
                      NPM_TOKEN: <+secrets.getValue("account.npm_token")>
`;

const inputSet = `inputSet:
  identifier: release
  name: release
  pipeline:
    identifier: app
    stages:
      - stage:
          identifier: build
          type: CI
          spec:
            execution:
              steps:
                - step:
                    identifier: push
                    type: BuildAndPushDockerRegistry
                    spec:
                      target: release
`;

function work(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "buildpush-values-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const buildpush = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [cliBin, ...args, "--connectors", `${repoRoot}examples/connectors.yaml`], { cwd, encoding: "utf8" });

describe("translate with values", () => {
  test("--set, --values and --input-set resolve every expression; the secret is a reference", () => {
    const cwd = work({ "pipeline.yaml": pipeline, "values.yaml": "pipeline:\n  sequenceId: 42\ncodebase.shortCommitSha: 1a2b3c4\n", "release.yaml": inputSet });
    const result = buildpush(cwd, "translate", "pipeline.yaml", "--values", "values.yaml", "--set", "pipeline.sequenceId=43", "--input-set", "release.yaml");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const { container } = JSON.parse(result.stdout).steps[0];
    expect(container.env).toMatchObject({ PLUGIN_REPO: "acme/app", PLUGIN_TAGS: "v43,1a2b3c4,stable", PLUGIN_TARGET: "release" });
    expect(container.secretEnv.NPM_TOKEN).toEqual({ ref: "account.npm_token" });
    expect(container.env).not.toHaveProperty("NPM_TOKEN");
    expect(result.stdout).not.toMatch(/secrets\.getValue/);
  });

  test("what is still unresolved is one error naming every missing expression, with a --set hint", () => {
    const cwd = work({ "pipeline.yaml": pipeline });
    const result = buildpush(cwd, "translate", "pipeline.yaml");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pipeline\.yaml:\d+:\d+: spec\.tags\[0\]: these expressions have no value: <\+pipeline\.sequenceId>, <\+codebase\.shortCommitSha>, 1 runtime input \(<\+input>\) .*--set pipeline\.sequenceId=VALUE.*--input-set FILE.*\[unresolved-expression\]$/);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  test("explain takes the same values", () => {
    const cwd = work({ "pipeline.yaml": pipeline });
    const result = buildpush(cwd, "explain", "pipeline.yaml", "--set", "pipeline.sequenceId=7", "--set", "codebase.shortCommitSha=abc", "--set", "target=x", "--input-set", "/dev/null");
    expect(result.status).toBe(1);
    const ok = buildpush(work({ "pipeline.yaml": pipeline, "release.yaml": inputSet }), "explain", "pipeline.yaml", "--set", "pipeline.sequenceId=7", "--set", "codebase.shortCommitSha=abc", "--input-set", "release.yaml");
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toMatch(/PLUGIN_TAGS=v7,abc,stable/);
    expect(ok.stdout).toMatch(/NPM_TOKEN=<secret account\.npm_token>/);
  });

  test("a secret is never given a value", () => {
    const result = buildpush(work({ "pipeline.yaml": pipeline }), "translate", "pipeline.yaml", "--set", 'secrets.getValue("account.npm_token")=hunter2');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/secrets are never given values/);
  });

  test("an input set that gives a field the pipeline does not take as input is refused, at its line", () => {
    const bad = inputSet.replace("target: release", "target: release\n                      repo: other/app");
    const result = buildpush(work({ "pipeline.yaml": pipeline, "bad.yaml": bad }), "translate", "pipeline.yaml", "--input-set", "bad.yaml", "--set", "pipeline.sequenceId=1", "--set", "codebase.shortCommitSha=a");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^bad\.yaml:18:29: inputSet\.pipeline\.stages\[0\]\.stage\.spec\.execution\.steps\[0\]\.step\.spec\.repo: the input set gives a value for a field that is not a runtime input/m);
  });
});

describe("the API: values as a map or a resolver", () => {
  test.each([
    ["a map", { "pipeline.sequenceId": "9", "codebase.shortCommitSha": "f00", "target": "ignored" }],
    ["a resolver", (body: string) => ({ "pipeline.sequenceId": "9", "codebase.shortCommitSha": "f00" })[body]],
  ])("%s", (_case, values) => {
    const { steps } = translatePipeline(pipeline.replace("target: <+input>", "target: <+input>.default(release)"), { connectors: allConnectors, values });
    expect(steps[0]!.container.env).toMatchObject({ PLUGIN_TAGS: "v9,f00,stable", PLUGIN_TARGET: "release" });
    expect(steps[0]!.container.secretEnv["NPM_TOKEN"]).toEqual({ ref: "account.npm_token" });
  });

  test("without values the API keeps its per-field problems", () => {
    try {
      translatePipeline(pipeline, { connectors: allConnectors });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BuildpushError);
      expect((error as BuildpushError).problems.map((p) => p.field)).toContain("spec.tags[0]");
    }
  });

  test("a String variable whose value is a secret expression becomes a secret reference", () => {
    const yaml = pipeline.replace("  stages:\n", '    - name: TOKEN\n      type: String\n      value: <+secrets.getValue("org.token")>\n  stages:\n');
    const { steps } = translatePipeline(yaml, { connectors: allConnectors, values: { "pipeline.sequenceId": "1", "codebase.shortCommitSha": "a", target: "x" }, inputSet });
    expect(steps[0]!.container.secretEnv["TOKEN"]).toEqual({ ref: "org.token" });
    expect(JSON.stringify(steps)).not.toMatch(/getValue/);
  });
});
