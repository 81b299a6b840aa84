/**
 * The YAML examples of Harness's own pages (../shared/seeds/), copied verbatim into
 * test/authoring/seeds/: `buildpush validate` accepts them as written, expressions and all.
 * Step snippets are placed in a one-stage Kubernetes pipeline, the stage-variables snippet in a
 * stage, without a character of them changed. No connector files are given, as in a pre-merge
 * check: connectors live in Harness.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cliBin, repoRoot } from "../support/paths.js";
import { validatePipeline } from "../support/translator.js";

const dir = `${repoRoot}test/authoring/seeds/`;
const files = readdirSync(dir).filter((name) => name.endsWith(".yaml")).sort();

/** The example as a pipeline file: as it is when it is one, else inside the smallest pipeline that holds it. */
function asPipeline(name: string, text: string): string {
  if (text.startsWith("pipeline:")) return text;
  const stage = (steps: string, variables = "") => `pipeline:
  identifier: seed
  name: seed
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
${steps}${variables}`;
  if (name.endsWith("-variables.yaml")) return stage(readFileSync(`${dir}004-ecr-step.yaml`, "utf8"), text);
  return stage(text);
}

describe("the seeds' YAML examples validate as written", () => {
  test("the corpus holds every YAML example of the seeds with a build-and-push step or its settings", () => {
    expect(files).toEqual(["000-acr-step.yaml", "002-docker-step.yaml", "003-multiarch-pipeline.yaml", "003-quickstart-pipeline.yaml", "004-ecr-step.yaml", "004-stage-variables.yaml"]);
    for (const file of files) {
      const seed = readdirSync(`${repoRoot}../shared/seeds/`).find((name) => name.startsWith(file.slice(0, 3)));
      expect(readFileSync(`${repoRoot}../shared/seeds/${seed}`, "utf8"), `${file} is copied verbatim from ${seed}`).toContain(readFileSync(`${dir}${file}`, "utf8"));
    }
  });

  /**
   * Two step snippets name their repository with an uppercase placeholder for the reader to
   * replace (`DOCKER_USERNAME/DOCKER_REPO_NAME`): a registry refuses it, so it is reported, and it
   * is all that is (the expression tag beside it is fine, and no longer hides it).
   */
  const placeholders: Record<string, [string, string][]> = {
    "000-acr-step.yaml": [["invalid-repository", "spec.repository"]],
    "002-docker-step.yaml": [["invalid-repository", "spec.repo"]],
    // A warning: `my-project` is Harness's placeholder, not an identifier (connectors are then looked up as for no project).
    // and a warning of issue 14: both stages push my-repo/ciquickstart:1.0, the later overwriting the earlier.
    "003-multiarch-pipeline.yaml": [
      ["invalid-identifier", "pipeline.projectIdentifier"],
      ["duplicate-push", "spec.tags[0]"],
    ],
  };
  /**
   * The ECR page's "Set kaniko runtime flags" example sets PLUGIN_SKIP_TLS_VERIFY, which only the
   * Docker registry variant of the kaniko plugin reads (kaniko-plugin.md §2, row 8): Harness runs
   * it, and a warning says the flag does nothing for an ECR step.
   */
  const warnings: Record<string, [string, string | undefined][]> = {
    "004-stage-variables.yaml": [["ignored-runtime-flag", undefined]],
  };

  test.each(files)("%s: no problems but its placeholders (the API, as written)", (file) => {
    const yaml = asPipeline(file, readFileSync(`${dir}${file}`, "utf8"));
    expect(validatePipeline(yaml, { file, asWritten: true }).map((p) => [p.code, p.field])).toEqual([...(placeholders[file] ?? []), ...(warnings[file] ?? [])]);
  });

  test.each(files.filter((file) => !placeholders[file]))("%s: `buildpush validate` exits 0", (file) => {
    const work = mkdtempSync(join(tmpdir(), "buildpush-seed-"));
    writeFileSync(join(work, file), asPipeline(file, readFileSync(`${dir}${file}`, "utf8")));
    const result = spawnSync(process.execPath, [cliBin, "validate", file], { cwd: work, encoding: "utf8" });
    const warned = warnings[file] ?? [];
    expect(result.stdout.split("\n").filter(Boolean).map((line) => /: warning: .*\[([a-z-]+)\]$/.exec(line)?.[1])).toEqual(warned.map(([code]) => code));
    expect(result.stderr).toMatch(new RegExp(`^${file}: \\d build-and-push steps?, ${warned.length === 0 ? "no problems" : `${warned.length} warnings?`}\\n$`));
    expect(result.status).toBe(0);
  });

  test("they use expressions: translating them without values names every missing one", () => {
    const yaml = asPipeline("002-docker-step.yaml", readFileSync(`${dir}002-docker-step.yaml`, "utf8"));
    const problems = validatePipeline(yaml, { values: {} });
    expect(problems.map((p) => p.code)).toContain("unresolved-expression");
    expect(problems.find((p) => p.code === "unresolved-expression")!.message).toMatch(/<\+pipeline\.sequenceId>/);
  });
});
