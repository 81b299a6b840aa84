/**
 * Warnings beside errors (issue 13, item 3): what Harness accepts but will not do what the
 * author expects. A warning never stops a translation; it comes back with the result.
 */
import { describe, expect, test } from "vitest";
import type { Problem } from "@buildpush/core";
import { translatePipeline, validatePipeline } from "../support/translator.js";
import { allConnectors } from "../support/fixtures.js";
import { pipelineWithStep, stepFirstLine, stepIndent } from "../support/pipeline-template.js";

const docker = (spec: string) => `type: BuildAndPushDockerRegistry
name: Push
identifier: push
spec:
  connectorRef: account.dockerhub
${spec}`;

function warningsOf(yaml: string): Problem[] {
  const problems = validatePipeline(yaml, { file: "ci/pipeline.yaml", connectors: allConnectors });
  expect(problems.filter((p) => p.severity !== "warning"), "no errors").toEqual([]);
  return problems;
}

describe("unknown spec keys are warnings: Harness ignores them", () => {
  test.each<[string, string, { field: string; at: [number, number]; hint?: RegExp }]>([
    ["a misspelt key, with the nearest known key", docker("  repo: a/b\n  tags: [x]\n  tagz: [y]"), { field: "spec.tagz", at: [8, 3], hint: /did you mean "tags"/ }],
    ["a key of another CI system (platform:), which Harness runs", docker("  repo: a/b\n  tags: [x]\n  platform: linux/arm64"), { field: "spec.platform", at: [8, 3] }],
    ["a key under resources Harness does not read", docker("  repo: a/b\n  tags: [x]\n  resources:\n    limits: {memory: 1Gi}\n    request: {memory: 1Gi}"), { field: "spec.resources.request", at: [10, 5] }],
  ])("%s", (_case, stepYaml, expected) => {
    const yaml = pipelineWithStep(stepYaml);
    const [warning, ...rest] = warningsOf(yaml);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ code: "unknown-field", severity: "warning", field: expected.field, message: expect.stringMatching(/Harness ignores this key/) });
    expect(warning!.rule).toBeTruthy();
    if (expected.hint) expect(warning!.hint).toMatch(expected.hint);
    expect(warning!.position).toEqual({ file: "ci/pipeline.yaml", line: stepFirstLine - 1 + expected.at[0], column: stepIndent + expected.at[1] });
    // The step translates all the same, and the API hands the warning back with the result.
    const translation = translatePipeline(yaml, { file: "ci/pipeline.yaml", connectors: allConnectors });
    expect(translation.steps).toHaveLength(1);
    expect(translation.warnings).toEqual([warning]);
  });

  test("an unknown key hides no error: a bad tag beside it is still an error", () => {
    const problems = validatePipeline(pipelineWithStep(docker("  repo: a/b\n  tags: [feature/x]\n  tagz: [y]")), { connectors: allConnectors });
    expect(problems.map((p) => [p.code, p.severity])).toEqual([
      ["invalid-tag", "error"],
      ["unknown-field", "warning"],
    ]);
  });
});
