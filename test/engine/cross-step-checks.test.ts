// Checks across steps: identifiers Harness requires to differ, and pushes of one repository:tag.
import { describe, expect, test } from "vitest";
import { exampleConnectors } from "../support/fixtures.js";
import { problemsOf } from "../support/problems.js";
import { translatePipeline, validatePipeline } from "../support/translator.js";
import { buildStep, indent, lineOf, stagePipeline } from "./stage-pipeline.js";

const file = "engine.yaml";
const translate = (yaml: string) => translatePipeline(yaml, { file, connectors: exampleConnectors });
const runStep = (identifier: string) => `- step:\n    type: Run\n    name: ${identifier}\n    identifier: ${identifier}\n    spec: {command: make}`;
const group = (identifier: string, steps: string) => `- stepGroup:\n    identifier: ${identifier}\n    name: ${identifier}\n    steps:\n${indent(steps, 6)}`;
const parallel = (...steps: string[]) => `- parallel:\n${indent(steps.join("\n"), 4)}`;

describe("two steps with one identifier in a stage are an error naming both positions", () => {
  test.each([
    ["two build steps", [buildStep("push"), buildStep("push", "", '["2.0"]')].join("\n"), "pipeline.stages[0].stage.spec.execution.steps[0].step", "step"],
    ["a Run step and a build step", [runStep("push"), buildStep("push")].join("\n"), "pipeline.stages[0].stage.spec.execution.steps[0].step", "step"],
    ["a step in a parallel block and one after it", [parallel(buildStep("push"), runStep("lint")), buildStep("push", "", '["2.0"]')].join("\n"), "pipeline.stages[0].stage.spec.execution.steps[0].parallel[0].step", "step"],
    ["a step group and a step", [group("push", runStep("lint")), buildStep("push")].join("\n"), "pipeline.stages[0].stage.spec.execution.steps[0].stepGroup", "step"],
    ["two steps of one step group", group("build", [buildStep("push"), buildStep("push", "", '["2.0"]')].join("\n")), "pipeline.stages[0].stage.spec.execution.steps[0].stepGroup.steps[0].step", "step"],
  ])("%s", (_, steps, first, kind) => {
    const yaml = stagePipeline({ steps });
    const problems = problemsOf(() => translate(yaml)).filter((problem) => problem.code === "invalid-identifier");
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    const lines = yaml.split("\n");
    const [firstLine, secondLine] = lines.flatMap((line, index) => (line.trim() === "identifier: push" ? [index + 1] : []));
    expect(problem).toMatchObject({ code: "invalid-identifier", value: "push", position: { file, line: secondLine } });
    expect(problem!.message).toBe(`${kind} identifier push is also the identifier of ${first} (${file}:${firstLine}:${lines[firstLine! - 1]!.indexOf("push") + 1})`);
    expect(problem!.rule).toContain("Harness requires it");
    expect(problem!.hint).toBe("give one of them another identifier");
  });

  test.each([
    ["steps of different step groups (Harness tells them apart by the group)", [group("amd", buildStep("push", "", '["amd"]')), group("arm", buildStep("push", "", '["arm"]'))].join("\n")],
    ["a step and a step of a step group", [buildStep("push", "", '["top"]'), group("arm", buildStep("push", "", '["arm"]'))].join("\n")],
  ])("not: %s", (_, steps) => {
    expect(translate(stagePipeline({ steps })).steps).toHaveLength(2);
  });

  test("not: steps of different stages", () => {
    expect(translate(stagePipeline({ identifier: "a" }, { identifier: "b", steps: buildStep("push", "", '["2.0"]') })).steps).toHaveLength(2);
  });
});

describe("two steps pushing one repository:tag get a warning naming both", () => {
  const warningsOf = (yaml: string) => validatePipeline(yaml, { file, connectors: exampleConnectors }).filter((problem) => problem.code === "duplicate-push");

  test("a stage per architecture, each pushing acme/app:1.0: the later push is warned at its tag, the pipeline still translates", () => {
    const yaml = stagePipeline({ identifier: "amd" }, { identifier: "arm" });
    const [warning, ...more] = warningsOf(yaml);
    expect(more).toEqual([]);
    // A step is placed where its map starts: the line after `- step:`.
    const firstStep = lineOf(yaml, "type: BuildAndPushDockerRegistry");
    expect(warning).toMatchObject({
      severity: "warning",
      field: "spec.tags[0]",
      value: "acme/app:1.0",
      message: `acme/app:1.0 is pushed by step amd/push at ${file}:${firstStep}:19 too: the later push replaces the earlier image`,
      position: { file, line: lineOf(yaml, 'tags: ["1.0"]', "identifier: arm") },
    });
    expect(warning!.hint).toMatch(/manifest list/);
    expect(translate(yaml).warnings).toEqual([warning]);
  });

  test("each repeated tag once; the same repository named two ways is the same repository", () => {
    const yaml = stagePipeline({ steps: [buildStep("a", "", '["1.0", "latest"]'), buildStep("b", "", '["latest", "1.0", "2.0"]').replace("repo: acme/app", "repo: docker.io/acme/app")].join("\n") });
    expect(warningsOf(yaml).map((warning) => warning.value)).toEqual(["docker.io/acme/app:latest", "docker.io/acme/app:1.0"]);
  });

  test.each([
    ["different tags", [buildStep("a"), buildStep("b", "", '["2.0"]')].join("\n")],
    ["different repositories", [buildStep("a"), buildStep("b").replace("repo: acme/app", "repo: acme/web")].join("\n")],
    ["a step that builds without pushing (PLUGIN_NO_PUSH)", [buildStep("a"), buildStep("b", 'envVariables: {PLUGIN_NO_PUSH: "true"}')].join("\n")],
  ])("none for %s", (_, steps) => {
    expect(warningsOf(stagePipeline({ steps }))).toEqual([]);
  });
});

describe("steps of different step groups that share an identifier keep apart in what is named after them", () => {
  test("--format docker: each gets its own env file, named with its step groups", async () => {
    const { runCli, exampleConnectorArgs } = await import("../support/run-cli.js");
    const yaml = stagePipeline({ steps: [group("amd", buildStep("push", "", '["amd"]')), group("arm", buildStep("push", "", '["arm"]'))].join("\n") });
    const { code, stdout } = await runCli(["translate", "engine.yaml", ...exampleConnectorArgs, "--format", "docker", "--env-file-dir", "/run/buildpush"], { "engine.yaml": yaml });
    expect(code).toBe(0);
    const envFiles = stdout.trim().split("\n").map((line) => { const argv = JSON.parse(line) as string[]; return argv[argv.indexOf("--env-file") + 1]; });
    expect(envFiles).toEqual(["/run/buildpush/build.amd.push.env", "/run/buildpush/build.arm.push.env"]);
  });
});
