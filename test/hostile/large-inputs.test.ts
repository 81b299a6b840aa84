// Large (but allowed) inputs give their answer in time that grows with their size: each shape
// here once took quadratic time or overflowed the stack. No timing is asserted (speed targets
// live in the benchmarks); the test timeout is what a quadratic step would run into (30 000
// problems compared pairwise took over a minute).
import { BuildpushError, type Problem } from "@buildpush/core";
import { translatePipeline } from "../support/translator.js";
import { describe, expect, test } from "vitest";
import { exampleConnectors } from "../support/fixtures.js";

function pipelineWithSpec(specLines: string): string {
  return `pipeline:
  identifier: p
  stages:
    - stage:
        identifier: s
        spec:
          infrastructure: {type: KubernetesDirect, spec: {}}
          execution:
            steps:
              - step:
                  type: BuildAndPushDockerRegistry
                  name: x
                  identifier: x
                  spec:
                    connectorRef: account.dockerhub
                    repo: acme/app
${specLines}
`;
}

function problemsOf(text: string): Problem[] {
  try {
    translatePipeline(text, { file: "big.yaml", connectors: exampleConnectors });
  } catch (error) {
    if (error instanceof BuildpushError) return [...error.problems];
    throw error;
  }
  return [];
}

/** Enough that a quadratic step would run past the test timeout; label keys need more (their scan was cheaper per step). */
const many = 20_000;
const manyKeys = 30_000;

describe("large inputs", () => {
  test(`${many} bad tags: one problem each (a pairwise check against the schema's errors, and spreading them into push(), did not scale)`, () => {
    const problems = problemsOf(pipelineWithSpec(`                    tags: [${Array(many).fill('"a b"').join(", ")}]`));
    expect(problems).toHaveLength(many);
    expect(problems[many - 1]).toMatchObject({ code: "invalid-tag", field: `spec.tags[${many - 1}]`, position: { line: 17 } });
  });

  test(`${manyKeys} bad label names: each located at its key (a linear key search per problem did not scale)`, () => {
    const labels = Array.from({ length: manyKeys }, (_, i) => `"k=${i}": v`).join(", ");
    const problems = problemsOf(pipelineWithSpec(`                    tags: [x]\n                    labels: {${labels}}`));
    expect(problems).toHaveLength(manyKeys);
    expect(problems[manyKeys - 1]).toMatchObject({ code: "invalid-map-entry", field: `spec.labels["k=${manyKeys - 1}"]` });
  });

  test("a flat list of 160 000 items is read (checking its keys once spread it into push() and overflowed the stack)", () => {
    const problems = problemsOf(`pipeline: {identifier: p, stages: [${"1,".repeat(160_000)}]}\n`);
    // The stages are not stages: nothing to translate, and nothing crashed.
    expect(problems).toEqual([]);
  });
});
