/**
 * Golden tables for every authoring rule (issue 13, item 1): `validatePipeline(..., { asWritten: true })`
 * checks a pipeline as its author wrote it, expressions and all. Each row is a step as written
 * and the problems it must give (code and field), or none.
 */
import { describe, expect, test } from "vitest";
import type { Problem } from "@buildpush/core";
import { validatePipeline } from "../support/translator.js";
import { allConnectors } from "../support/fixtures.js";
import { pipelineWithStep, stepFirstLine, stepIndent } from "../support/pipeline-template.js";

const docker = (spec: string) => `type: BuildAndPushDockerRegistry
name: Push
identifier: push
spec:
${spec}`;

const ecr = (spec: string) => `type: BuildAndPushECR
name: Push
identifier: push
spec:
  connectorRef: account.aws_prod
${spec}`;

function asWritten(yaml: string): Problem[] {
  return validatePipeline(yaml, { file: "ci/pipeline.yaml", connectors: allConnectors, asWritten: true });
}

const codes = (problems: Problem[]) => problems.map((p) => [p.code, p.field]);

describe("literal parts of an expression are still checked", () => {
  test.each<[string, string, [string, string][]]>([
    ["a tag that is a version prefix and an expression", docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [v<+pipeline.sequenceId>]"), []],
    ["a tag that joins two expressions", docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [<+codebase.branch>-<+pipeline.sequenceId>]"), []],
    ["a tag with a / before the expression", docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [feature/<+codebase.branch>]"), [["invalid-tag", "spec.tags[0]"]]],
    ["a tag with a space around an expression", docker('  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: ["build <+pipeline.sequenceId>"]'), [["invalid-tag", "spec.tags[0]"]]],
    ["an uppercase repository around an expression", docker("  connectorRef: account.dockerhub\n  repo: Acme/<+pipeline.variables.app>\n  tags: [latest]"), [["invalid-repository", "spec.repo"]]],
    ["a repository whose host is an expression", docker("  connectorRef: account.dockerhub\n  repo: <+pipeline.variables.host>/team/app\n  tags: [latest]"), []],
    ["an ECR account with digits and an expression", ecr('  account: "12<+pipeline.variables.suffix>"\n  region: us-east-1\n  imageName: app\n  tags: [latest]'), []],
    ["an ECR region whose number is an expression", ecr('  account: "123456789012"\n  region: us-east-<+pipeline.variables.n>\n  imageName: app\n  tags: [latest]'), []],
    ["an ECR region in capitals around an expression", ecr('  account: "123456789012"\n  region: US-<+pipeline.variables.r>\n  imageName: app\n  tags: [latest]'), [["invalid-registry", "spec.region"]]],
    ["a build arg value with a comma beside an expression", docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [latest]\n  buildArgs:\n    LIST: a,<+pipeline.variables.b>"), [["invalid-map-entry", "spec.buildArgs.LIST"]]],
    ["a dockerfile outside the workspace with an expression", docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [latest]\n  dockerfile: /etc/<+pipeline.variables.f>"), [["invalid-path", "spec.dockerfile"]]],
  ])("%s", (_case, step, expected) => {
    expect(codes(asWritten(pipelineWithStep(step)))).toEqual(expected);
  });

  test("the problem shows the value as written, at its position, with file, line, column, field and rule", () => {
    const [problem, ...rest] = asWritten(pipelineWithStep(docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [feature/<+codebase.branch>]")));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: "invalid-tag", severity: "error", field: "spec.tags[0]", value: "feature/<+codebase.branch>", message: '"feature/<+codebase.branch>" is not a valid tag' });
    expect(problem!.rule).toBeTruthy();
    expect(problem!.position).toEqual({ file: "ci/pipeline.yaml", line: stepFirstLine - 1 + 7, column: stepIndent + 10 });
    // A hint made from a stand-in would show the stand-in: it is left out.
    expect(JSON.stringify(problem)).not.toMatch(/feature-0|feature\/0|feature\/a/);
  });
});

describe("a field that is wholly an expression fits any field type", () => {
  test.each<[string, string]>([
    ["a required string", docker("  connectorRef: account.dockerhub\n  repo: <+pipeline.variables.repo>\n  tags: [latest]")],
    ["a list", docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: <+input>")],
    ["a list item", docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [<+pipeline.sequenceId>]")],
    ["a boolean", docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [latest]\n  optimize: <+input>")],
    ["an integer", docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [latest]\n  runAsUser: <+pipeline.variables.uid>")],
    ["a map", docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [latest]\n  buildArgs: <+input>")],
    ["a memory limit", docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [latest]\n  resources:\n    limits:\n      memory: <+input>")],
    ["the connector: its step is checked against a stand-in connector", docker("  connectorRef: <+input>\n  repo: acme/app\n  tags: [latest]")],
    ["the base image connector", docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [latest]\n  baseImageConnectorRefs: [<+pipeline.variables.hub>]")],
    ["an ECR account and region", ecr("  account: <+input>\n  region: <+pipeline.variables.region>\n  imageName: app\n  tags: [latest]")],
    ["the step's timeout", docker("  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [latest]").replace("spec:", "timeout: <+input>\nspec:")],
  ])("%s", (_case, step) => {
    expect(asWritten(pipelineWithStep(step))).toEqual([]);
  });

  test("every other check of the step still runs beside an expression", () => {
    const problems = asWritten(pipelineWithStep(docker("  connectorRef: <+input>\n  repo: UPPER/app\n  tags: [<+pipeline.sequenceId>, 'a b']")));
    expect(codes(problems)).toEqual([
      ["invalid-repository", "spec.repo"],
      ["invalid-tag", "spec.tags[1]"],
    ]);
  });

  test("an unknown connector hides the repository check no more", () => {
    const problems = asWritten(pipelineWithStep(docker("  connectorRef: account.nope\n  repo: UPPER/app\n  tags: [latest]")));
    expect(codes(problems)).toEqual([
      ["unknown-connector", "spec.connectorRef"],
      ["invalid-repository", "spec.repo"],
    ]);
  });

  test("a runtime input in a required field is no error as written (translate still asks for it)", () => {
    expect(asWritten(pipelineWithStep(docker("  connectorRef: account.dockerhub\n  repo: <+input>\n  tags: [latest]")))).toEqual([]);
    expect(codes(validatePipeline(pipelineWithStep(docker("  connectorRef: account.dockerhub\n  repo: <+input>\n  tags: [latest]")), { connectors: allConnectors }))).toEqual([["unresolved-input", "spec.repo"]]);
  });
});

describe("<+input> modifiers: the values they give are checked", () => {
  test.each<[string, string, [string, string, RegExp?][]]>([
    ["allowed values that are all good tags", "<+input>.allowedValues(latest,stable)", []],
    ["a default that is a good tag", "<+input>.default(latest)", []],
    ["an allowed value that is no tag", "<+input>.allowedValues(latest,feature/x)", [["invalid-tag", "spec.tags[0]", /"feature\/x" is a value its runtime input gives/]]],
    ["a default that is no tag", "<+input>.default(a b)", [["invalid-tag", "spec.tags[0]"]]],
    ["an escaped value keeps its comma (and is then no tag)", "<+input>.allowedValues(\\'a,b\\',c)", [["invalid-tag", "spec.tags[0]", /"a,b"/]]],
    ["a default that is not an allowed value", "<+input>.default(x).allowedValues(a,b)", [["invalid-runtime-input", "spec.tags[0]", /default "x" is not one of the allowed values/]]],
    ["a regex that is not one", "<+input>.regex([a-)", [["invalid-runtime-input", "spec.tags[0]", /not a regular expression/]]],
    ["a default the regex refuses", "<+input>.default(v1).regex(^[0-9]+$)", [["invalid-runtime-input", "spec.tags[0]", /does not match/]]],
    ["a modifier Harness does not have", "<+input>.defualt(x)", [["invalid-runtime-input", "spec.tags[0]", /is not a modifier/]]],
    ["modifiers buildpush does not read are accepted", "<+input>.executionInput()", []],
  ])("%s", (_case, input, expected) => {
    const problems = asWritten(pipelineWithStep(docker(`  connectorRef: account.dockerhub\n  repo: acme/app\n  tags:\n    - ${input}`)));
    expect(codes(problems)).toEqual(expected.map(([code, field]) => [code, field]));
    expected.forEach(([, , message], index) => {
      if (message) expect(problems[index]!.message).toMatch(message);
    });
  });
});

describe("variables resolve from the pipeline's own variables", () => {
  const withVariables = (step: string, pipelineVariables: string, stageVariables = "[]") =>
    pipelineWithStep(step)
      .replace("  stages:\n", `  variables: ${pipelineVariables}\n  stages:\n`)
      .replace("        type: CI\n", `        type: CI\n        variables: ${stageVariables}\n`);

  test.each<[string, string, string, string, [string, string][]]>([
    ["a fixed pipeline variable is checked as its value: a bad repository", "repo: <+pipeline.variables.repo>", "[{name: repo, type: String, value: Acme/App}]", "[]", [["invalid-repository", "spec.repo"]]],
    ["a fixed pipeline variable with a good value", "repo: <+pipeline.variables.repo>", "[{name: repo, type: String, value: acme/app}]", "[]", []],
    ["a stage variable", "repo: <+stage.variables.repo>", "[]", "[{name: repo, type: String, value: Acme/App}]", [["invalid-repository", "spec.repo"]]],
    ["a stage variable named through the pipeline's stages", "repo: <+pipeline.stages.s.variables.repo>", "[]", "[{name: repo, type: String, value: Acme/App}]", [["invalid-repository", "spec.repo"]]],
    ["a variable that holds <+input> stays unknown", "repo: <+pipeline.variables.repo>", "[{name: repo, type: String, value: <+input>}]", "[]", []],
    ["a variable whose value holds an expression is checked by its literal parts", "repo: <+pipeline.variables.repo>", '[{name: repo, type: String, value: "Acme/<+pipeline.sequenceId>"}]', "[]", [["invalid-repository", "spec.repo"]]],
    ["a variable of a number", "repo: acme/app\n  tags: [<+pipeline.variables.n>]", "[{name: n, type: Number, value: 12}]", "[]", []],
    ["an unknown variable stays unknown", "repo: <+pipeline.variables.nope>", "[]", "[]", []],
  ])("%s", (_case, field, pipelineVariables, stageVariables, expected) => {
    const spec = field.includes("tags") ? `  connectorRef: account.dockerhub\n  ${field}` : `  connectorRef: account.dockerhub\n  ${field}\n  tags: [latest]`;
    expect(codes(asWritten(withVariables(docker(spec), pipelineVariables, stageVariables)))).toEqual(expected);
  });
});

describe("secret expressions are references, never values", () => {
  test.each<[string, string, [string, string][]]>([
    ["the whole value of an envVariables entry", '  envVariables:\n    TOKEN: <+secrets.getValue("account.token")>', []],
    ["single quotes", "  envVariables:\n    TOKEN: <+secrets.getValue('token')>", []],
    ["composed into text", '  envVariables:\n    AUTH: Bearer <+secrets.getValue("token")>', [["secret-not-allowed", "spec.envVariables.AUTH"]]],
    ["in a build arg, which reaches the container as plain text", '  buildArgs:\n    TOKEN: <+secrets.getValue("token")>', [["secret-not-allowed", "spec.buildArgs.TOKEN"]]],
    ["in a label", '  labels:\n    token: <+secrets.getValue("token")>', [["secret-not-allowed", "spec.labels.token"]]],
    ["naming something that is no secret reference", '  envVariables:\n    TOKEN: <+secrets.getValue("no such/secret")>', [["invalid-secret-reference", "spec.envVariables.TOKEN"]]],
  ])("%s", (_case, extra, expected) => {
    const problems = asWritten(pipelineWithStep(docker(`  connectorRef: account.dockerhub\n  repo: acme/app\n  tags: [latest]\n${extra}`)));
    expect(codes(problems)).toEqual(expected);
  });
});
