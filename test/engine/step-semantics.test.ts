// Golden tables for what a step says about whether and how often it runs (when,
// failureStrategies, strategy) and the step groups around it: each shape as it is carried on the
// translated step, the strategy expansion as Harness names and numbers it, and every refusal
// at its line.
import type { Problem, TranslatedStep } from "@buildpush/core";
import { describe, expect, test } from "vitest";
import { exampleConnectors } from "../support/fixtures.js";
import { problemsOf } from "../support/problems.js";
import { translatePipeline } from "../support/translator.js";
import { buildStep, indent, lineOf, stagePipeline } from "./stage-pipeline.js";

const file = "engine.yaml";
const translate = (yaml: string) => translatePipeline(yaml, { file, connectors: exampleConnectors });
const stepWith = (lines: string, tags?: string) => stagePipeline({ steps: buildStep("push", lines, tags) });
const only = (lines: string): TranslatedStep => {
  const { steps } = translate(stepWith(lines));
  expect(steps).toHaveLength(1);
  return steps[0]!;
};
const group = (identifier: string, lines: string, steps: string) => `- stepGroup:\n    identifier: ${identifier}\n    name: ${identifier}\n${indent(lines, 4)}${lines ? "\n" : ""}    steps:\n${indent(steps, 6)}`;

describe("when", () => {
  test.each([
    ["after success (Harness's default, written)", "when: {stageStatus: Success}", { stageStatus: "Success" }],
    ["only after a failure", "when: {stageStatus: Failure}", { stageStatus: "Failure" }],
    ["always, with a JEXL condition carried as written", 'when:\n  stageStatus: All\n  condition: <+pipeline.variables.release> == "true"', { stageStatus: "All", condition: '<+pipeline.variables.release> == "true"' }],
    ["a condition written as a boolean", "when: {stageStatus: Success, condition: false}", { stageStatus: "Success", condition: "false" }],
  ])("%s", (_, lines, when) => {
    expect(only(lines).when).toEqual(when);
  });

  test("absent: nothing is carried (the engine runs it after success, as Harness does)", () => {
    expect(only("")).not.toHaveProperty("when");
  });
});

describe("failureStrategies", () => {
  const strategies = (action: string, errors = "[AllErrors]") => `failureStrategies:\n  - onFailure:\n      errors: ${errors}\n      action:\n${indent(action, 8)}`;
  test.each([
    ["Ignore", "type: Ignore", { type: "Ignore" }],
    ["MarkAsSuccess", "type: MarkAsSuccess", { type: "MarkAsSuccess" }],
    ["MarkAsFailure", "type: MarkAsFailure", { type: "MarkAsFailure" }],
    ["Abort", "type: Abort", { type: "Abort" }],
    ["StageRollback", "type: StageRollback", { type: "StageRollback" }],
    ["Retry with intervals", "type: Retry\nspec:\n  retryCount: 3\n  retryIntervals: [10s, 1m]", { type: "Retry", retryCount: 3, retryIntervals: ["10s", "1m"] }],
    ["Retry, then what follows", "type: Retry\nspec:\n  retryCount: 2\n  retryIntervals: [5s]\n  onRetryFailure:\n    action: {type: MarkAsFailure}", { type: "Retry", retryCount: 2, retryIntervals: ["5s"], onRetryFailure: { type: "MarkAsFailure" } }],
    ["ManualIntervention with its timeout", "type: ManualIntervention\nspec:\n  timeout: 1h\n  onTimeout:\n    action: {type: Abort}", { type: "ManualIntervention", timeout: "1h", onTimeout: { type: "Abort" } }],
  ])("%s", (_, action, expected) => {
    expect(only(strategies(action)).failureStrategies).toEqual([{ errors: ["AllErrors"], action: expected }]);
  });

  test("several, each with its errors, in order", () => {
    const lines = `failureStrategies:\n  - onFailure: {errors: [Timeout, Connectivity], action: {type: Retry, spec: {retryCount: 1, retryIntervals: [1s]}}}\n  - onFailure: {errors: [AllErrors], action: {type: Abort}}`;
    expect(only(lines).failureStrategies).toEqual([
      { errors: ["Timeout", "Connectivity"], action: { type: "Retry", retryCount: 1, retryIntervals: ["1s"] } },
      { errors: ["AllErrors"], action: { type: "Abort" } },
    ]);
  });

  test("a stage's and a step group's are carried where they are written", () => {
    const yaml = stagePipeline({ steps: group("wrap", "failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: Ignore}}}]", buildStep()) }).replace(
      "        type: CI\n",
      "        type: CI\n        when: {pipelineStatus: All}\n        failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: MarkAsFailure}}}]\n",
    );
    const { stages, steps } = translate(yaml);
    expect(stages[0]).toMatchObject({ when: { pipelineStatus: "All" }, failureStrategies: [{ errors: ["AllErrors"], action: { type: "MarkAsFailure" } }] });
    expect(steps[0]!.stepGroups).toEqual([{ identifier: "wrap", failureStrategies: [{ errors: ["AllErrors"], action: { type: "Ignore" } }] }]);
    expect(steps[0]).not.toHaveProperty("failureStrategies");
  });
});

describe("step groups", () => {
  test("the path of step groups around a step, outermost first, with their when", () => {
    const yaml = stagePipeline({ steps: group("outer", "when: {stageStatus: Success, condition: <+stage.variables.go>}", group("inner", "", buildStep())) });
    expect(translate(yaml).steps[0]!.stepGroups).toEqual([{ identifier: "outer", when: { stageStatus: "Success", condition: "<+stage.variables.go>" } }, { identifier: "inner" }]);
  });
});

describe("strategy: expanded into instances as Harness names and numbers them", () => {
  const summary = (steps: TranslatedStep[]) => steps.map((step) => ({ identifier: step.identifier, tags: step.container.env["PLUGIN_TAGS"], strategy: step.strategy }));

  test("matrix: one instance per combination, the first axis slowest; identifier and name get one index per axis", () => {
    const yaml = stepWith("strategy:\n  matrix:\n    arch: [amd64, arm64]\n    variant: [slim, full]", '["<+matrix.arch>-<+matrix.variant>"]');
    const { steps } = translate(yaml);
    expect(summary(steps)).toEqual([
      { identifier: "push_0_0", tags: "amd64-slim", strategy: { kind: "matrix", of: "push", iteration: 0, iterations: 4, suffix: "_0_0", maxConcurrency: 4, matrix: { arch: "amd64", variant: "slim" } } },
      { identifier: "push_0_1", tags: "amd64-full", strategy: { kind: "matrix", of: "push", iteration: 1, iterations: 4, suffix: "_0_1", maxConcurrency: 4, matrix: { arch: "amd64", variant: "full" } } },
      { identifier: "push_1_0", tags: "arm64-slim", strategy: { kind: "matrix", of: "push", iteration: 2, iterations: 4, suffix: "_1_0", maxConcurrency: 4, matrix: { arch: "arm64", variant: "slim" } } },
      { identifier: "push_1_1", tags: "arm64-full", strategy: { kind: "matrix", of: "push", iteration: 3, iterations: 4, suffix: "_1_1", maxConcurrency: 4, matrix: { arch: "arm64", variant: "full" } } },
    ]);
    expect(steps.map((step) => step.container.env["PLUGIN_CUSTOM_LABELS"] ?? "")).toHaveLength(4);
  });

  test("matrix exclude keeps the indexes of what is left; maxConcurrency and nodeName are carried", () => {
    const yaml = stepWith("strategy:\n  matrix:\n    arch: [amd64, arm64]\n    os: [linux, windows]\n    exclude:\n      - {arch: arm64, os: windows}\n    maxConcurrency: 2\n    nodeName: build-<+matrix.os>-<+matrix.arch>", '["<+matrix.os>-<+matrix.arch>"]');
    const { steps } = translate(yaml);
    expect(steps.map((step) => [step.identifier, step.strategy!.iteration, step.strategy!.iterations, step.strategy!.maxConcurrency, step.strategy!.nodeName])).toEqual([
      ["push_0_0", 0, 3, 2, "build-linux-amd64"],
      ["push_0_1", 1, 3, 2, "build-windows-amd64"],
      ["push_1_0", 2, 3, 2, "build-linux-arm64"],
    ]);
  });

  test("repeat times: _0, _1, _2, with <+strategy.iteration> and <+strategy.iterations>; maxConcurrency carried", () => {
    const { steps } = translate(stepWith("strategy:\n  repeat:\n    times: 3\n    maxConcurrency: 1", '["build-<+strategy.iteration>-of-<+strategy.iterations>"]'));
    expect(summary(steps)).toEqual([0, 1, 2].map((iteration) => ({ identifier: `push_${iteration}`, tags: `build-${iteration}-of-3`, strategy: { kind: "repeat", of: "push", iteration, iterations: 3, suffix: `_${iteration}`, maxConcurrency: 1 } })));
  });

  test("repeat items: <+repeat.item> per instance", () => {
    const { steps } = translate(stepWith('strategy:\n  repeat:\n    items: ["17", "21"]', '["jdk-<+repeat.item>"]'));
    expect(summary(steps).map(({ identifier, tags, strategy }) => [identifier, tags, strategy!.item, strategy!.maxConcurrency])).toEqual([
      ["push_0", "jdk-17", "17", 2],
      ["push_1", "jdk-21", "21", 2],
    ]);
  });

  test("parallelism: every instance at once (Harness's CI expansion takes no maxConcurrency for it)", () => {
    const { steps } = translate(stepWith("strategy:\n  parallelism: 2", '["shard-<+strategy.iteration>"]'));
    expect(summary(steps).map(({ identifier, tags, strategy }) => [identifier, tags, strategy!.kind, strategy!.maxConcurrency])).toEqual([
      ["push_0", "shard-0", "parallelism", 2],
      ["push_1", "shard-1", "parallelism", 2],
    ]);
  });

  test("the name gets the suffix too, and <+strategy.identifierPostFix> is it", () => {
    const { steps } = translate(stepWith("strategy:\n  repeat: {times: 2}", '["v<+strategy.identifierPostFix>"]'));
    expect(steps.map((step) => [step.container.env["PLUGIN_TAGS"], step.container.name])).toEqual([
      ["v_0", "step-push-0"],
      ["v_1", "step-push-1"],
    ]);
  });

  test("when conditions are resolved per instance", () => {
    const { steps } = translate(stepWith('strategy:\n  matrix: {arch: [amd64, arm64]}\nwhen: {stageStatus: Success, condition: "\'<+matrix.arch>\' == \'arm64\'"}', '["<+matrix.arch>"]'));
    expect(steps.map((step) => step.when!.condition)).toEqual(["'amd64' == 'arm64'", "'arm64' == 'arm64'"]);
  });

  test("a step without a strategy reads <+strategy.iteration> as 0 of 1, as Harness does", () => {
    expect(only("").container.env["PLUGIN_TAGS"]).toBe("1.0");
    const { steps } = translate(stepWith("", '["i<+strategy.iteration>-of-<+strategy.iterations>"]'));
    expect(steps[0]!.container.env["PLUGIN_TAGS"]).toBe("i0-of-1");
  });

  test("a step group's strategy numbers the group; its steps read its values, their own strategy first", () => {
    const inner = buildStep("push", "strategy:\n  matrix: {arch: [amd64, arm64]}", '["<+matrix.arch>-<+repeat.item>"]');
    const { steps } = translate(stagePipeline({ steps: group("release", "strategy:\n  repeat: {items: [eu, us]}", inner) }));
    expect(steps.map((step) => [step.stepGroups!.map((g) => g.identifier).join("/"), step.identifier, step.container.env["PLUGIN_TAGS"]])).toEqual([
      ["release_0", "push_0", "amd64-eu"],
      ["release_0", "push_1", "arm64-eu"],
      ["release_1", "push_0", "amd64-us"],
      ["release_1", "push_1", "arm64-us"],
    ]);
    expect(steps[2]!.stepGroups![0]!.strategy).toEqual({ kind: "repeat", of: "release", iteration: 1, iterations: 2, suffix: "_1", maxConcurrency: 2, item: "us" });
  });

  test("repeat times 0 and parallelism 0 make no instance, as in Harness", () => {
    expect(translate(stepWith("strategy:\n  repeat: {times: 0}")).steps).toEqual([]);
    expect(translate(stepWith("strategy:\n  parallelism: 0")).steps).toEqual([]);
  });

  test("a matrix expression of no axis is left, and refused as unresolved at its field", () => {
    const [problem] = problemsOf(() => translate(stepWith("strategy:\n  matrix: {arch: [amd64]}", '["<+matrix.os>"]')));
    expect(problem).toMatchObject({ code: "unresolved-expression", field: "spec.tags[0]" });
  });
});

interface Refused {
  lines: string;
  code: Problem["code"];
  field: string;
  message: string | RegExp;
  line: string;
}

const refused: [string, Refused][] = [
  ["when without stageStatus", { lines: "when: {condition: 'true'}", code: "missing-field", field: "when", message: "when has no stageStatus", line: "when:" }],
  ["a stageStatus Harness does not know", { lines: "when: {stageStatus: Succeeded}", code: "invalid-option", field: "when.stageStatus", message: 'when.stageStatus "Succeeded" is not one Harness accepts', line: "when:" }],
  ["a condition that is a map", { lines: "when:\n  stageStatus: All\n  condition: {x: 1}", code: "wrong-type", field: "when.condition", message: "when.condition cannot be a map", line: "condition:" }],
  ["a misspelt when field", { lines: "when: {stageStatus: All, condtion: 'true'}", code: "unknown-field", field: "when.condtion", message: 'unknown field "condtion" in when', line: "when:" }],
  ["an error type Harness does not know", { lines: "failureStrategies:\n  - onFailure: {errors: [Everything], action: {type: Ignore}}", code: "invalid-option", field: "failureStrategies[0].onFailure.errors[0]", message: 'errors[0] "Everything" is not one Harness accepts', line: "Everything" }],
  ["no errors", { lines: "failureStrategies:\n  - onFailure: {errors: [], action: {type: Ignore}}", code: "invalid-option", field: "failureStrategies[0].onFailure.errors", message: "onFailure.errors is empty", line: "errors: []" }],
  ["an action Harness does not know", { lines: "failureStrategies:\n  - onFailure: {errors: [AllErrors], action: {type: Skip}}", code: "invalid-option", field: "failureStrategies[0].onFailure.action.type", message: 'action.type "Skip" is not one Harness accepts', line: "Skip" }],
  ["Retry without retryIntervals", { lines: "failureStrategies:\n  - onFailure:\n      errors: [AllErrors]\n      action:\n        type: Retry\n        spec: {retryCount: 2}", code: "missing-field", field: "failureStrategies[0].onFailure.action.spec", message: "a Retry action has no retryIntervals", line: "retryCount: 2" }],
  ["a retry interval in words", { lines: "failureStrategies:\n  - onFailure:\n      errors: [AllErrors]\n      action:\n        type: Retry\n        spec: {retryCount: 2, retryIntervals: [10 seconds]}", code: "invalid-timeout", field: "failureStrategies[0].onFailure.action.spec.retryIntervals[0]", message: 'retryIntervals[0] "10 seconds" is not valid', line: "10 seconds" }],
  ["retryCount 0", { lines: "failureStrategies:\n  - onFailure:\n      errors: [AllErrors]\n      action:\n        type: Retry\n        spec: {retryCount: 0, retryIntervals: [1s]}", code: "wrong-type", field: "failureStrategies[0].onFailure.action.spec.retryCount", message: "retryCount 0 is not a whole number from 1 to 10000", line: "retryCount: 0" }],
  ["a strategy of two kinds", { lines: "strategy:\n  parallelism: 2\n  repeat: {times: 2}", code: "invalid-option", field: "strategy", message: "strategy names repeat and parallelism: Harness takes one", line: "strategy:" }],
  ["a matrix that leaves nothing", { lines: "strategy:\n  matrix:\n    arch: [arm64]\n    exclude: [{arch: arm64}]", code: "invalid-option", field: "strategy.matrix", message: "Total number of iterations found to be 0 for this strategy. Please check pipeline yaml", line: "matrix:" }],
  ["a matrix axis of maps", { lines: "strategy:\n  matrix:\n    target: [{os: linux}]", code: "invalid-option", field: "strategy.matrix.target[0]", message: /buildpush expands axes of single values/, line: "target:" }],
  ["a matrix axis that is no list", { lines: "strategy:\n  matrix:\n    arch: arm64", code: "wrong-type", field: "strategy.matrix.arch", message: "matrix.arch must be a list", line: "arch: arm64" }],
  ["repeat with a slice", { lines: "strategy:\n  repeat: {items: [a, b, c], start: 1}", code: "invalid-option", field: "strategy.repeat.start", message: "repeat.start is not expanded by buildpush", line: "start: 1" }],
  ["repeat with times and items", { lines: "strategy:\n  repeat: {times: 2, items: [a]}", code: "invalid-option", field: "strategy.repeat", message: "repeat has both times and items", line: "repeat:" }],
  ["parallelism in words", { lines: "strategy:\n  parallelism: two", code: "wrong-type", field: "strategy.parallelism", message: "parallelism two is not a whole number", line: "parallelism: two" }],
  ["more instances than buildpush expands", { lines: "strategy:\n  repeat: {times: 300}", code: "invalid-option", field: "strategy.repeat", message: "the strategy makes 300 instances", line: "repeat:" }],
  ["an unresolved strategy", { lines: "strategy:\n  matrix: <+input>", code: "unresolved-input", field: "strategy.matrix", message: 'matrix holds "<+input>", which was never resolved', line: "matrix:" }],
];

describe("what Harness refuses, or buildpush cannot carry, is an error at its line", () => {
  test.each(refused)("%s", (_, row) => {
    const yaml = stepWith(row.lines);
    const problems = problemsOf(() => translate(yaml));
    expect(problems).toHaveLength(1);
    const [problem] = problems as [Problem];
    expect(problem.code).toBe(row.code);
    expect(problem.field).toBe(`pipeline.stages[0].stage.spec.execution.steps[0].step.${row.field}`);
    if (typeof row.message === "string") expect(problem.message).toContain(row.message);
    else expect(problem.message).toMatch(row.message);
    expect(problem.rule).toBeTruthy();
    expect(problem.position).toMatchObject({ file, line: lineOf(yaml, row.line, "identifier: push") });
  });

  test("a stage strategy is refused: buildpush does not run a stage several times", () => {
    const yaml = stagePipeline({}).replace("        type: CI\n", "        type: CI\n        strategy:\n          repeat: {times: 2}\n");
    const [problem, ...more] = problemsOf(() => translate(yaml));
    expect(more).toEqual([]);
    expect(problem).toMatchObject({ code: "invalid-option", field: "pipeline.stages[0].stage.strategy", message: "a stage's looping strategy is not expanded by buildpush", position: { line: lineOf(yaml, "strategy:") } });
  });

  test("a stage's when is Harness's pipelineStatus: a step's stageStatus there is told apart", () => {
    const yaml = stagePipeline({}).replace("        type: CI\n", "        type: CI\n        when: {stageStatus: Success}\n");
    const problems = problemsOf(() => translate(yaml));
    expect(problems.map((problem) => [problem.code, problem.field, problem.message])).toEqual([
      ["missing-field", "pipeline.stages[0].stage.when", "when has no pipelineStatus"],
      ["unknown-field", "pipeline.stages[0].stage.when.stageStatus", 'unknown field "stageStatus" in when'],
    ]);
    expect(problems[0]!.hint).toBe("a stage's when names pipelineStatus, not stageStatus: write pipelineStatus: Success");
  });
});
