/**
 * Every kind of bad input gives a typed problem with a code, the field, the value, the rule and
 * the position in the file (issue: "Errors"). Positions are checked to the column.
 */
import { describe, expect, test } from "vitest";
import { BuildpushError, type Problem } from "@buildpush/core";
import { translatePipeline } from "./support/translator.js";
import { allConnectors } from "./support/fixtures.js";
import { pipelineWithStep, stepFirstLine, stepIndent } from "./support/pipeline-template.js";

function problemsOf(yaml: string, infrastructure?: "kubernetes" | "vm"): Problem[] {
  try {
    translatePipeline(yaml, { file: "ci/pipeline.yaml", connectors: allConnectors, ...(infrastructure ? { infrastructure } : {}) });
  } catch (error) {
    if (error instanceof BuildpushError) return [...error.problems];
    throw error;
  }
  throw new Error("expected problems, the pipeline translated");
}

const docker = (spec: string, wrapper = "") => `type: BuildAndPushDockerRegistry
name: Push
identifier: push
${wrapper}spec:
  connectorRef: account.dockerhub
${spec}`;

const ecr = (spec: string) => `type: BuildAndPushECR
name: Push
identifier: push
spec:
  connectorRef: account.aws_prod
${spec}`;

const acr = (spec: string) => `type: BuildAndPushACR
name: Push
identifier: push
spec:
  connectorRef: account.azure
${spec}`;

interface Expected {
  code: Problem["code"];
  field?: string;
  /** Line and column inside the step text (1-based). */
  at: [number, number];
  message: string | RegExp;
  hint?: RegExp;
}

describe("bad input → a problem naming file, line, column, field, value and rule", () => {
  test.each<[string, string, Expected]>([
    ["identifier that breaks Harness's rule", "type: BuildAndPushDockerRegistry\nname: Push\nidentifier: 1-push\nspec:\n  connectorRef: account.dockerhub\n  repo: a/b\n  tags: [x]", { code: "invalid-identifier", field: "identifier", at: [3, 13], message: 'step identifier "1-push" is not valid', hint: /_1_push/ }],
    ["name that breaks Harness's rule", "type: BuildAndPushDockerRegistry\nname: Push!\nidentifier: push\nspec:\n  connectorRef: account.dockerhub\n  repo: a/b\n  tags: [x]", { code: "invalid-name", field: "name", at: [2, 7], message: 'step name "Push!" is not valid' }],
    ["missing required field", docker("  tags: [x]"), { code: "missing-field", field: "spec.repo", at: [4, 1], message: "Failed to resolve mandatory field repo in step type BuildAndPushDockerRegistry with identifier push" }],
    ["unresolved <+input> in a required field", docker("  repo: <+input>\n  tags: [x]"), { code: "unresolved-input", field: "spec.repo", at: [6, 9], message: "Failed to resolve mandatory field repo in step type BuildAndPushDockerRegistry with identifier push" }],
    ["unresolved <+input> in an optional field", docker("  repo: a/b\n  tags: [x]\n  target: <+input>.allowedValues(a,b)"), { code: "unresolved-input", field: "spec.target", at: [8, 11], message: /runtime input that was never resolved/ }],
    ["unresolved expression", docker("  repo: a/b\n  tags: [<+pipeline.sequenceId>]"), { code: "unresolved-expression", field: "spec.tags[0]", at: [7, 10], message: /never resolved/ }],
    ["empty tags", docker("  repo: a/b\n  tags: []"), { code: "empty-tags", field: "spec.tags", at: [7, 9], message: "Environment variable PLUGIN_TAGS can't be empty or null" }],
    ["empty ECR account", ecr('  account: ""\n  region: us-east-1\n  imageName: app\n  tags: [x]'), { code: "missing-field", field: "spec.account", at: [6, 12], message: "Environment variable PLUGIN_REGISTRY can't be empty or null" }],
    ["ACR repository starting with /", acr("  repository: /app\n  tags: [x]"), { code: "invalid-repository", field: "spec.repository", at: [6, 15], message: "Environment variable PLUGIN_REPO can't be empty or null" }],
    ["unknown connector", "type: BuildAndPushDockerRegistry\nname: Push\nidentifier: push\nspec:\n  connectorRef: account.nope\n  repo: a/b\n  tags: [x]", { code: "unknown-connector", field: "spec.connectorRef", at: [5, 17], message: 'connector "account.nope" is not defined in the account' }],
    ["connector of the wrong type for the step", "type: BuildAndPushDockerRegistry\nname: Push\nidentifier: push\nspec:\n  connectorRef: account.aws_prod\n  repo: a/b\n  tags: [x]", { code: "wrong-connector-type", field: "spec.connectorRef", at: [5, 17], message: /is a Aws connector, but a BuildAndPushDockerRegistry step needs a DockerRegistry connector/ }],
    ["ACR with a connector that inherits delegate credentials", "type: BuildAndPushACR\nname: Push\nidentifier: push\nspec:\n  connectorRef: azure_delegate\n  repository: a.azurecr.io/b\n  tags: [x]", { code: "unsupported-connector-auth", field: "spec.connectorRef", at: [5, 17], message: /inherits the delegate's credentials/ }],
    ["more than one base image connector", docker("  repo: a/b\n  tags: [x]\n  baseImageConnectorRefs: [account.dockerhub, anonymous_hub]"), { code: "too-many-base-image-connectors", field: "spec.baseImageConnectorRefs", at: [8, 27], message: "Only a single base image connector is allowed." }],
    ["base image connector that is not a Docker registry", docker("  repo: a/b\n  tags: [x]\n  baseImageConnectorRefs: [account.azure]"), { code: "wrong-connector-type", field: "spec.baseImageConnectorRefs[0]", at: [8, 28], message: /base images are pulled with a DockerRegistry connector/ }],
    ["bad memory", docker("  repo: a/b\n  tags: [x]\n  resources:\n    limits:\n      memory: 5GB"), { code: "invalid-memory", field: "spec.resources.limits.memory", at: [10, 15], message: "Invalid format for memory: 5GB", hint: /500Mi/ }],
    ["bad cpu", docker("  repo: a/b\n  tags: [x]\n  resources:\n    limits:\n      cpu: two"), { code: "invalid-cpu", field: "spec.resources.limits.cpu", at: [10, 12], message: "Invalid format for cpu: two" }],
    ["runAsUser that is not a number", docker("  repo: a/b\n  tags: [x]\n  runAsUser: abc"), { code: "invalid-run-as-user", field: "spec.runAsUser", at: [8, 14], message: "Invalid value abc, Value should be number" }],
    ["negative runAsUser", docker("  repo: a/b\n  tags: [x]\n  runAsUser: -1"), { code: "invalid-run-as-user", field: "spec.runAsUser", at: [8, 14], message: "Invalid value -1, Value should be number" }],
    ["tag a registry would reject", docker("  repo: a/b\n  tags: [feature/foo]"), { code: "invalid-tag", field: "spec.tags[0]", at: [7, 10], message: '"feature/foo" is not a valid tag', hint: /feature-foo/ }],
    ["tag with a space", docker('  repo: a/b\n  tags: ["1.0 beta"]'), { code: "invalid-tag", field: "spec.tags[0]", at: [7, 10], message: /not a valid tag/ }],
    ["repository with uppercase letters", docker("  repo: Acme/App\n  tags: [x]"), { code: "invalid-repository", field: "spec.repo", at: [6, 9], message: /must be lowercase/, hint: /acme\/app/ }],
    ["repository with a tag in it", docker("  repo: acme/app:1.0\n  tags: [x]"), { code: "invalid-repository", field: "spec.repo", at: [6, 9], message: /holds a tag/ }],
    ["build arg value holding a comma", docker("  repo: a/b\n  tags: [x]\n  buildArgs:\n    LIST: a,b"), { code: "invalid-map-entry", field: "spec.buildArgs.LIST", at: [9, 11], message: /holds a comma/, hint: /PLUGIN_BUILD_ARGS_NEW/ }],
    ["label value holding a comma", docker("  repo: a/b\n  tags: [x]\n  labels:\n    owners: a,b"), { code: "invalid-map-entry", field: "spec.labels.owners", at: [9, 13], message: /holds a comma/ }],
    ["unknown key on the step", docker("  repo: a/b\n  tags: [x]", "tags: [x]\n"), { code: "unknown-field", field: "tags", at: [4, 1], message: /unknown field "tags" on a BuildAndPushDockerRegistry step/, hint: /belongs under spec/ }],
    ["boolean field given a word", docker("  repo: a/b\n  tags: [x]\n  optimize: yes"), { code: "wrong-type", field: "spec.optimize", at: [8, 13], message: /expected true or false, found the string "yes"/ }],
    ["list field given a string", docker("  repo: a/b\n  tags: latest"), { code: "wrong-type", field: "spec.tags", at: [7, 9], message: /expected a list of strings/ }],
    ["bad timeout", docker("  repo: a/b\n  tags: [x]", "timeout: 10 minutes\n"), { code: "invalid-timeout", field: "timeout", at: [4, 10], message: /is not a duration/ }],
    ["invalid ECR region", ecr("  account: \"123456789012\"\n  region: US-EAST-1\n  imageName: app\n  tags: [x]"), { code: "invalid-registry", field: "spec.region", at: [7, 11], message: /is not an AWS region/, hint: /us-east-1/ }],
    ["bad envVariables name", docker("  repo: a/b\n  tags: [x]\n  envVariables:\n    MY-VAR: x"), { code: "invalid-env-name", field: "spec.envVariables.MY-VAR", at: [9, 5], message: /not a valid environment variable name/ }],
    ["build secret id holding a comma", docker("  repo: a/b\n  tags: [x]\n  envDockerSecrets:\n    \"a,src=/etc/shadow\": TOKEN"), { code: "invalid-map-entry", field: 'spec.envDockerSecrets["a,src=/etc/shadow"]', at: [9, 5], message: /cannot name a build secret/ }],
    ["envDockerSecrets value that is no variable name", docker("  repo: a/b\n  tags: [x]\n  envDockerSecrets:\n    npm: npm-token"), { code: "invalid-map-entry", field: "spec.envDockerSecrets.npm", at: [9, 10], message: 'envDockerSecrets.npm is "npm-token", which is not the name of an environment variable', hint: /Secret stage or pipeline variable/ }],
    ["fileDockerSecrets path outside the workspace", ecr('  account: "1"\n  region: us-east-1\n  imageName: app\n  tags: [x]\n  fileDockerSecrets:\n    key: ../../root/.ssh/id_rsa'), { code: "invalid-path", field: "spec.fileDockerSecrets.key", at: [11, 10], message: /is not a path inside the workspace: its \.\. segments climb out/ }],
    ["fileDockerSecrets path holding a comma", acr("  repository: a.azurecr.io/b\n  tags: [x]\n  fileDockerSecrets:\n    key: a,src=b"), { code: "invalid-path", field: "spec.fileDockerSecrets.key", at: [9, 10], message: /holds a comma or a double quote/ }],
    ["a build secret id given twice", docker("  repo: a/b\n  tags: [x]\n  envDockerSecrets:\n    npm: NPM\n  fileDockerSecrets:\n    npm: .npmrc"), { code: "invalid-map-entry", field: "spec.fileDockerSecrets.npm", at: [11, 5], message: /given twice, in envDockerSecrets and in fileDockerSecrets/ }],
  ])("%s", (_case, stepYaml, expected) => {
    const problems = problemsOf(pipelineWithStep(stepYaml));
    const problem = problems.find((p) => p.code === expected.code);
    expect(problem, JSON.stringify(problems, null, 2)).toBeDefined();
    if (expected.field) expect(problem!.field).toBe(expected.field);
    if (typeof expected.message === "string") expect(problem!.message).toBe(expected.message);
    else expect(problem!.message).toMatch(expected.message);
    if (expected.hint) expect(problem!.hint).toMatch(expected.hint);
    expect(problem!.rule, "every problem states its rule").toBeTruthy();
    expect(problem!.position).toEqual({ file: "ci/pipeline.yaml", line: stepFirstLine - 1 + expected.at[0], column: stepIndent + expected.at[1] });
  });

  test("caching: true on VM infrastructure without a layer cache: a warning at the field says what is missing", () => {
    const { steps, warnings } = translatePipeline(pipelineWithStep(docker("  repo: a/b\n  tags: [x]\n  caching: true")), { file: "ci/pipeline.yaml", connectors: allConnectors, infrastructure: "vm" });
    expect(steps).toHaveLength(1);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: "missing-layer-cache",
        severity: "warning",
        field: "spec.caching",
        message: "caching: true, but no layer cache was given, so the step builds without one: Harness Cloud keeps layers in storage of its own, and this translation names none (step push)",
        rule: expect.stringMatching(/the layerCache option \(buildpush --layer-cache REPOSITORY\)/),
        position: { file: "ci/pipeline.yaml", line: stepFirstLine + 7, column: stepIndent + 12 },
      }),
    ]);
  });

  test("build secrets on Kubernetes are refused at their field: kaniko would build without them", () => {
    const problems = problemsOf(pipelineWithStep(docker("  repo: a/b\n  tags: [x]\n  envDockerSecrets:\n    npm: NPM_TOKEN")));
    expect(problems).toEqual([
      expect.objectContaining({
        code: "unsupported-in-mode",
        field: "spec.envDockerSecrets",
        message: "the kaniko plugin Harness runs on Kubernetes has no build secrets: envDockerSecrets (npm) would not reach the build (step push)",
        hint: expect.stringMatching(/VM infrastructure/),
        position: { file: "ci/pipeline.yaml", line: stepFirstLine + 7, column: stepIndent + 3 },
      }),
    ]);
  });

  test("ECR base image connector on VM infrastructure is refused", () => {
    const problems = problemsOf(pipelineWithStep(ecr('  account: "1"\n  region: us-east-1\n  imageName: app\n  tags: [x]\n  baseImageConnectorRefs: [account.dockerhub]')), "vm");
    expect(problems.map((p) => p.message)).toContain("Base image connector is not allowed for VM Infrastructure.");
  });

  test("build-and-push steps are refused on Windows Kubernetes pods", () => {
    const problems = problemsOf(pipelineWithStep(docker("  repo: a/b\n  tags: [x]"), "type: KubernetesDirect\n            spec: {os: Windows}"));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toBe("BuildAndPushDockerRegistry step not allowed in windows kubernetes builds");
  });

  test("every problem of every step is reported, sorted by position, not only the first", () => {
    const problems = problemsOf(pipelineWithStep(docker("  repo: Acme/App\n  tags: [feature/x, ok, 'a b']\n  runAsUser: abc\n  colour: blue")));
    expect(problems.map((p) => p.code)).toEqual(["invalid-repository", "invalid-tag", "invalid-tag", "invalid-run-as-user", "unknown-field"]);
    const lines = problems.map((p) => p.position!.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  test("YAML syntax errors and duplicate keys carry positions; a duplicate names the first definition", () => {
    const problems = problemsOf(pipelineWithStep(docker("  repo: a/b\n  repo: c/d\n  tags: [x]")));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.code).toBe("yaml-duplicate-key");
    expect(problems[0]!.position).toEqual({ file: "ci/pipeline.yaml", line: stepFirstLine + 6, column: stepIndent + 3 });
    expect(problems[0]!.message).toMatch(new RegExp(`first defined at line ${stepFirstLine + 5}, column ${stepIndent + 3}`));
    const syntax = problemsOf("pipeline:\n  stages: [\n");
    expect(syntax[0]!.code).toBe("yaml-syntax");
    expect(syntax[0]!.position?.line).toBeGreaterThan(0);
  });

  test("a file that is not a pipeline says what was expected", () => {
    const problems = problemsOf("- just\n- a list\n");
    expect(problems[0]).toMatchObject({ code: "not-a-pipeline", position: { file: "ci/pipeline.yaml", line: 1, column: 1 } });
  });
});
