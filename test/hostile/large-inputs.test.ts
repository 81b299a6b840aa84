// Large (but allowed) inputs give their answer in time that grows with their size: each shape
// here once took quadratic time or overflowed the stack. No timing is asserted (speed targets
// live in the benchmarks); the test timeout is what a quadratic step would run into (30 000
// problems compared pairwise took over a minute).
import { BuildpushError, type Problem } from "@buildpush/core";
import { translatePipeline, translateStep, validatePipeline } from "../support/translator.js";
import { problemLimit } from "@buildpush/core";
import { problemsOf as apiProblemsOf } from "../support/problems.js";
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
  test(`${many} bad tags: the first ${problemLimit} kept and located, the rest counted (a pairwise check against the schema's errors, and spreading them into push(), did not scale)`, () => {
    const problems = problemsOf(pipelineWithSpec(`                    tags: [${Array(many).fill('"a b"').join(", ")}]`));
    expect(problems).toHaveLength(problemLimit + 1);
    expect(problems[problemLimit - 1]).toMatchObject({ code: "invalid-tag", field: `spec.tags[${problemLimit - 1}]`, position: { line: 17 } });
    expect(problems[problemLimit]).toMatchObject({ code: "too-many-problems", message: `${many - problemLimit} more problems not shown`, value: many - problemLimit });
  });

  test(`${manyKeys} bad label names: each kept one located at its key (a linear key search per problem did not scale)`, () => {
    const labels = Array.from({ length: manyKeys }, (_, i) => `"k=${i}": v`).join(", ");
    const problems = problemsOf(pipelineWithSpec(`                    tags: [x]\n                    labels: {${labels}}`));
    expect(problems).toHaveLength(problemLimit + 1);
    expect(problems[problemLimit - 1]).toMatchObject({ code: "invalid-map-entry", field: `spec.labels["k=${problemLimit - 1}"]` });
    expect(problems[problemLimit]).toMatchObject({ code: "too-many-problems", value: manyKeys - problemLimit });
  });

  test("1 000 000 bad tags through the API: a bounded list and bounded memory (they took 10-13 s and 1.9 GB)", () => {
    const tags = Array<string>(1_000_000).fill("a b");
    const before = process.memoryUsage().heapUsed;
    const problems = apiProblemsOf(() => translateStep({ type: "BuildAndPushDockerRegistry", name: "x", identifier: "x", spec: { connectorRef: "account.dockerhub", repo: "acme/app", tags } }, { connectors: exampleConnectors }));
    expect(problems).toHaveLength(problemLimit + 1);
    expect(problems.at(-1)).toEqual({ code: "too-many-problems", severity: "error", message: "999000 more problems not shown", value: 999_000, rule: expect.stringContaining(`at most ${problemLimit} problems`) });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(300_000_000);
  });

  test("a pipeline whose steps together break the limit: the first problems by position, and one count of the rest", () => {
    const steps = Array.from({ length: 3 }, (_, n) => `              - step:\n                  type: BuildAndPushDockerRegistry\n                  name: s${n}\n                  identifier: s${n}\n                  spec: {connectorRef: account.dockerhub, repo: acme/app, tags: [${Array(700).fill('"a b"').join(", ")}]}`).join("\n");
    const text = `pipeline:\n  identifier: p\n  stages:\n    - stage:\n        identifier: s\n        spec:\n          infrastructure: {type: KubernetesDirect, spec: {}}\n          execution:\n            steps:\n${steps}\n`;
    const problems = problemsOf(text);
    expect(problems).toHaveLength(problemLimit + 1);
    expect(problems.at(-1)).toMatchObject({ code: "too-many-problems", value: 2100 - problemLimit });
    expect(validatePipeline(text, { connectors: exampleConnectors })).toHaveLength(problemLimit + 1);
  });

  test("a flat list of 160 000 items is read (checking its keys once spread it into push() and overflowed the stack)", () => {
    const problems = problemsOf(`pipeline: {identifier: p, stages: [${"1,".repeat(160_000)}]}\n`);
    // The stages are not stages: nothing to translate, and nothing crashed.
    expect(problems).toEqual([]);
  });
});
