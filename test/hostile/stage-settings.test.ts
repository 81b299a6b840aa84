// What a stage gives its steps, read or refused, never dropped (issue 18, items 8, 9 and 11): the
// container security context, variables declared twice, and stage identifiers, which name files
// and log lines.
import { BuildpushError, stepFileName } from "@buildpush/core";
import { describe, expect, test } from "vitest";
import { exampleConnectors } from "../support/fixtures.js";
import { dockerPipeline } from "../support/pipeline-template.js";
import { problemsOf } from "../support/problems.js";
import { runCli } from "../support/run-cli.js";
import { translatePipeline } from "../support/translator.js";

const pipeline = ({ stageId = "build", variables = "", infra = "" } = {}) =>
  dockerPipeline({ stageIdentifier: stageId, stage: variables ? ["variables:", ...variables.split("\n").map((line) => `  ${line}`)] : [], infrastructureSpec: infra ? infra.split("\n") : [] });

const container = (yaml: string) => translatePipeline(yaml, { connectors: exampleConnectors }).steps[0]!.container;
const codes = (yaml: string) => problemsOf(() => translatePipeline(yaml, { connectors: exampleConnectors })).map((p) => [p.code, p.field?.replace("pipeline.stages[0].stage.spec.infrastructure.spec.", "")]);

describe("containerSecurityContext", () => {
  test('"true" and "false" read as booleans, as a spec\'s booleans do; procMount Default is what every container gets', () => {
    const infra = 'containerSecurityContext:\n  runAsNonRoot: "true"\n  allowPrivilegeEscalation: "false"\n  procMount: Default\n  capabilities: {drop: [ALL], add: []}';
    expect(container(pipeline({ infra })).securityContext).toEqual({ runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"], add: [] } });
  });

  test.each([
    ["a word for a boolean", "runAsNonRoot: yes", "wrong-type", "containerSecurityContext.runAsNonRoot"],
    ["a number for a boolean", "readOnlyRootFilesystem: 1", "wrong-type", "containerSecurityContext.readOnlyRootFilesystem"],
    ["a list for a boolean", "privileged: [false]", "wrong-type", "containerSecurityContext.privileged"],
    ["an unresolved expression", "runAsNonRoot: <+stage.variables.nonroot>", "unresolved-expression", "containerSecurityContext.runAsNonRoot"],
    ["drop as a string", "capabilities: {drop: ALL}", "wrong-type", "containerSecurityContext.capabilities.drop"],
    ["capabilities as a list", "capabilities: [ALL]", "wrong-type", "containerSecurityContext.capabilities"],
    ["a misspelt capabilities key", "capabilities: {dorp: [ALL]}", "unknown-field", "containerSecurityContext.capabilities.dorp"],
    ["a misspelt setting", "runAsNonroot: true", "unknown-field", "containerSecurityContext.runAsNonroot"],
    ["a control character in a capability", 'capabilities: {add: ["NET_ADMIN\\n"]}', "invalid-character", "containerSecurityContext.capabilities.add[0]"],
    ["procMount Unmasked, which buildpush does not carry", "procMount: Unmasked", "invalid-option", "containerSecurityContext.procMount"],
    ["runAsGroup past 2^31 - 1", "runAsGroup: 2147483648", "invalid-run-as-user", "containerSecurityContext.runAsGroup"],
  ])("%s is refused at its line, never dropped", (_name, setting, code, field) => {
    expect(codes(pipeline({ infra: `containerSecurityContext:\n  ${setting}` }))).toEqual([[code, field]]);
  });

  test("a security context that is not a map is refused", () => {
    expect(codes(pipeline({ infra: "containerSecurityContext: nonroot" }))).toEqual([["wrong-type", "containerSecurityContext"]]);
  });

  test("a number too large for JavaScript is quoted as written, not as null", () => {
    const [problem] = problemsOf(() => translatePipeline(pipeline({ infra: "containerSecurityContext:\n  runAsUser: 1e400" }), { connectors: exampleConnectors }));
    expect(problem!.message).toBe("Invalid value 1e400, Value should be number");
  });
});

describe("variables", () => {
  test("a variable declared twice is refused naming both declarations, whatever their types", () => {
    const problems = problemsOf(() => translatePipeline(pipeline({ variables: "- {name: TOKEN, type: Secret, value: account.token}\n- {name: TOKEN, type: String, value: x}" }), { connectors: exampleConnectors }));
    expect(problems).toMatchObject([
      { code: "duplicate-variable", field: "pipeline.stages[0].stage.variables[1].name", message: "variable TOKEN is declared twice: pipeline.stages[0].stage.variables[0] (Secret) and pipeline.stages[0].stage.variables[1] (String)" },
    ]);
  });

  test("a stage variable over a pipeline variable of the same name is not a duplicate: the stage's wins, of either type", () => {
    const yaml = dockerPipeline({ pipeline: ["variables:", "  - {name: TOKEN, type: Secret, value: account.token}"], stage: ["variables:", "  - {name: TOKEN, type: String, value: plain}"] });
    const { env, secretEnv } = container(yaml);
    expect(env["TOKEN"]).toBe("plain");
    expect(secretEnv).not.toHaveProperty("TOKEN");
  });
});

describe("stage identifiers", () => {
  test.each([
    ["climbs out of a directory", '"../../../tmp/x"'],
    ["holds a line break and an escape sequence", '"build\\r\\n==> pushed \\e[0m"'],
    ["starts with a digit", "1build"],
    ["is a number", "12"],
    ["is a list", "[build]"],
  ])("one that %s is refused", (_name, stageId) => {
    expect(codes(pipeline({ stageId }))).toEqual([["invalid-identifier", "pipeline.stages[0].stage.identifier"]]);
  });

  test("translate --format docker never builds an env file or credentials path from one", async () => {
    const run = await runCli(["translate", "p.yaml", "--connectors", "examples/connectors.yaml", "--mode", "kaniko", "--format", "docker", "--env-file-dir", "/run/secrets", "--credentials-dir", "/run/creds"], { "p.yaml": pipeline({ stageId: '"../../../tmp/x"' }) });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("invalid-identifier");
    expect(run.stderr).not.toContain("/run/secrets/..");
  });

  test("stepFileName refuses a step an engine built by hand with a path for a stage", () => {
    expect(stepFileName({ stage: "build", identifier: "push" })).toBe("build.push");
    expect(() => stepFileName({ stage: "../x", identifier: "push" })).toThrow(BuildpushError);
    expect(problemsOf(() => stepFileName({ stage: "a/b", identifier: "c\n" })).map((p) => p.field)).toEqual(["stage", "identifier"]);
  });
});
