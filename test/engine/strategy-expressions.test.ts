// A looping strategy's expressions (<+matrix.KEY>, <+strategy.iteration>, <+repeat.item>) with
// issue 13's expression handling: resolved per instance when the pipeline's values are given
// (--set, --values, an input set), never counted as values missing; checked per instance as
// written (validate), not refused and not mistaken for one tag pushed twice.
import { describe, expect, test } from "vitest";
import { exampleConnectors } from "../support/fixtures.js";
import { problemsOf } from "../support/problems.js";
import { runCli, exampleConnectorArgs } from "../support/run-cli.js";
import { translatePipeline, validatePipeline } from "../support/translator.js";
import { buildStep, lineOf, stagePipeline } from "./stage-pipeline.js";

const file = "engine.yaml";
const matrix = "strategy:\n  matrix:\n    arch: [amd64, arm64]";
const tagsOf = (steps: readonly { identifier: string; container: { env: Record<string, string> } }[]) => steps.map((step) => [step.identifier, step.container.env["PLUGIN_TAGS"]]);

describe("translating with values: strategy expressions resolved per instance, the others from the values", () => {
  test.each([
    ["a matrix axis beside a value", matrix, '["<+matrix.arch>-<+pipeline.sequenceId>"]', [["push_0", "amd64-42"], ["push_1", "arm64-42"]]],
    ["<+strategy.iteration> of a repeat", "strategy:\n  repeat:\n    times: 2", '["<+pipeline.sequenceId>.<+strategy.iteration>"]', [["push_0", "42.0"], ["push_1", "42.1"]]],
    ["<+repeat.item>", "strategy:\n  repeat:\n    items: [alpine, debian]", '["<+repeat.item>"]', [["push_0", "alpine"], ["push_1", "debian"]]],
  ])("%s", (_, strategy, tags, expected) => {
    const translation = translatePipeline(stagePipeline({ steps: buildStep("push", strategy, tags) }), { file, connectors: exampleConnectors, values: { "pipeline.sequenceId": "42" } });
    expect(tagsOf(translation.steps)).toEqual(expected);
    expect(translation.warnings).toEqual([]);
  });

  test("a strategy expression is not a value the caller must give: only the others are named missing", () => {
    const yaml = stagePipeline({ steps: buildStep("push", matrix, '["<+matrix.arch>-<+codebase.shortCommitSha>"]') });
    const problems = problemsOf(() => translatePipeline(yaml, { file, connectors: exampleConnectors, values: {} }));
    expect(problems.map((problem) => [problem.code, problem.message])).toEqual([["unresolved-expression", "this expression has no value: <+codebase.shortCommitSha>"]]);
  });

  test("a strategy expression where no strategy gives it stays unresolved, refused at its field", () => {
    const yaml = stagePipeline({ steps: buildStep("push", "", '["<+matrix.arch>"]') });
    expect(problemsOf(() => translatePipeline(yaml, { file, connectors: exampleConnectors, values: {} }))).toMatchObject([{ code: "unresolved-expression", field: "spec.tags[0]", position: { line: lineOf(yaml, "<+matrix.arch>") } }]);
  });

  test("a when condition's other expressions are left for the engine, not named missing", () => {
    const translation = translatePipeline(stagePipeline({ steps: buildStep("push", 'when:\n  stageStatus: Success\n  condition: <+matrix.arch> == "arm64" && <+pipeline.variables.release> == "true"\n' + matrix, '["<+matrix.arch>"]') }), { file, connectors: exampleConnectors, values: {} });
    expect(translation.steps.map((step) => step.when?.condition)).toEqual(['amd64 == "arm64" && <+pipeline.variables.release> == "true"', 'arm64 == "arm64" && <+pipeline.variables.release> == "true"']);
  });

  test("buildpush translate --set: the CLI resolves both kinds", async () => {
    const yaml = stagePipeline({ steps: buildStep("push", matrix, '["<+matrix.arch>-<+pipeline.sequenceId>"]') });
    const { code, stdout } = await runCli(["translate", file, ...exampleConnectorArgs, "--set", "pipeline.sequenceId=7"], { [file]: yaml });
    expect(code).toBe(0);
    expect(tagsOf((JSON.parse(stdout) as { steps: { identifier: string; container: { env: Record<string, string> } }[] }).steps)).toEqual([["push_0", "amd64-7"], ["push_1", "arm64-7"]]);
  });
});

describe("validating as written: each instance checked with its own values", () => {
  const asWritten = (yaml: string) => validatePipeline(yaml, { file, asWritten: true });

  test.each([
    ["a tag of a matrix axis", buildStep("push", matrix, '["<+matrix.arch>"]')],
    ["a matrix axis beside another expression", buildStep("push", matrix, '["<+matrix.arch>-<+pipeline.sequenceId>"]')],
    ["<+strategy.iteration>", buildStep("push", "strategy:\n  parallelism: 2", '["build-<+strategy.iteration>"]')],
    ["parallelism that is a runtime input", buildStep("push", "strategy:\n  parallelism: <+input>", '["build-<+strategy.iteration>"]')],
    ["a matrix axis that is an expression", buildStep("push", "strategy:\n  matrix:\n    arch: <+pipeline.variables.archs>", '["<+matrix.arch>"]')],
    ["repeat items that are an expression", buildStep("push", "strategy:\n  repeat:\n    items: <+pipeline.variables.bases>", '["<+repeat.item>"]')],
  ])("%s: no problems", (_, steps) => {
    expect(asWritten(stagePipeline({ steps }))).toEqual([]);
  });

  test("what no instance can mend is still reported, once, at its line", () => {
    const yaml = stagePipeline({ steps: buildStep("push", matrix, '["<+matrix.arch>:bad"]') });
    const problems = asWritten(yaml);
    expect(problems).toMatchObject([{ code: "invalid-tag", field: "spec.tags[0]", position: { line: lineOf(yaml, ":bad") } }]);
  });

  test("instances of one tag are one push overwriting another; the same expression in two stages is too, told as written", () => {
    const oneTag = asWritten(stagePipeline({ steps: buildStep("push", matrix, '["1.0"]') }));
    expect(oneTag.map((problem) => [problem.code, problem.value])).toEqual([["duplicate-push", "acme/app:1.0"]]);
    const twoStages = asWritten(stagePipeline({ identifier: "amd", steps: buildStep("push", "", '["v<+pipeline.sequenceId>"]') }, { identifier: "arm", steps: buildStep("push", "", '["v<+pipeline.sequenceId>"]') }));
    expect(twoStages.map((problem) => [problem.code, problem.value])).toEqual([["duplicate-push", "acme/app:v<+pipeline.sequenceId>"]]);
  });

  test("two different expressions are two tags", () => {
    expect(asWritten(stagePipeline({ identifier: "amd", steps: buildStep("push", "", '["v<+pipeline.sequenceId>"]') }, { identifier: "arm", steps: buildStep("push", "", '["v<+codebase.shortCommitSha>"]') }))).toEqual([]);
  });
});
