/**
 * Harness templates (issue 13, item 4): Step, StepGroup and Stage templates in Harness's v0
 * template YAML (`template:` root; several documents per file) expand the pipeline's
 * `template: {templateRef, versionLabel, templateInputs}` uses; without the file, a warning names
 * the template. Problems in an expanded template point into the template file, problems in what
 * templateInputs give into the pipeline.
 */
import { describe, expect, test } from "vitest";
import { allConnectors } from "../support/fixtures.js";
import { pipelineWithStage } from "../support/pipeline-template.js";
import { runCli } from "../support/run-cli.js";
import { planPipeline, translatePipeline, validatePipeline } from "../support/translator.js";

const templates = `template:
  name: Build and push
  identifier: build_and_push
  versionLabel: v1
  type: Step
  spec:
    type: BuildAndPushDockerRegistry
    timeout: 20m
    spec:
      connectorRef: account.dockerhub
      repo: <+input>
      tags: <+input>
      dockerfile: Dockerfile
---
template:
  name: Build and push
  identifier: build_and_push
  versionLabel: v2
  isStable: true
  type: Step
  spec:
    type: BuildAndPushDockerRegistry
    spec:
      connectorRef: account.dockerhub
      repo: acme/v2
      tags: [latest]
---
template:
  name: Bad tag
  identifier: bad_tag
  versionLabel: "1"
  type: Step
  spec:
    type: BuildAndPushDockerRegistry
    spec:
      connectorRef: account.dockerhub
      repo: acme/app
      tags: [feature/x]
---
template:
  name: Images
  identifier: images
  versionLabel: "1"
  type: StepGroup
  spec:
    steps:
      - step:
          type: BuildAndPushDockerRegistry
          name: Web
          identifier: web
          spec:
            connectorRef: account.dockerhub
            repo: acme/web
            tags: [<+input>]
      - step:
          name: Api
          identifier: api
          template:
            templateRef: build_and_push
            versionLabel: v2
---
template:
  name: CI stage
  identifier: ci_stage
  versionLabel: "1"
  type: Stage
  spec:
    type: CI
    spec:
      infrastructure:
        type: KubernetesDirect
        spec: {connectorRef: account.k8s, namespace: builds}
      execution:
        steps:
          - step:
              type: BuildAndPushECR
              name: Ecr
              identifier: ecr
              spec:
                connectorRef: account.aws_prod
                account: "123456789012"
                region: <+input>
                imageName: app
                tags: [latest]
`;

const templateFiles = [{ file: "templates.yaml", text: templates }];

const kubernetes = "infrastructure:\n  type: KubernetesDirect\n  spec: {connectorRef: account.k8s, namespace: builds}";

/** A pipeline whose first stage holds `steps` (YAML at the steps' indentation), then `stage`. */
function pipeline(steps: string, stage = ""): string {
  return pipelineWithStage(kubernetes, steps, { more: stage });
}

const stepUse = (ref: string, version?: string, inputs = "") => `              - step:
                  name: Push
                  identifier: push
                  template:
                    templateRef: ${ref}
${version ? `                    versionLabel: ${version}\n` : ""}${inputs}`;

const v1Inputs = `                    templateInputs:
                      type: BuildAndPushDockerRegistry
                      spec:
                        repo: acme/app
                        tags: [latest, "1.0"]
`;

describe("template uses are expanded from --templates", () => {
  test("a Step template: the template's spec with its <+input> fields filled from templateInputs, name and identifier from the use", () => {
    const [step, ...rest] = planPipeline(pipeline(stepUse("account.build_and_push", "v1", v1Inputs)), { connectors: allConnectors, templates: templateFiles });
    expect(rest).toEqual([]);
    expect(step!.plan).toMatchObject({ identifier: "push", name: "Push", image: "acme/app", tags: ["latest", "1.0"], dockerfile: "Dockerfile", timeout: "20m" });
  });

  test("without versionLabel the stable version is used", () => {
    const [step] = planPipeline(pipeline(stepUse("build_and_push")), { connectors: allConnectors, templates: templateFiles });
    expect(step!.plan.image).toBe("acme/v2");
  });

  test("a StepGroup template, with a step template inside it, and a Stage template", () => {
    const yaml = pipeline(
      `              - stepGroup:
                  name: Images
                  identifier: images
                  template:
                    templateRef: images
                    versionLabel: "1"
                    templateInputs:
                      steps:
                        - step:
                            identifier: web
                            type: BuildAndPushDockerRegistry
                            spec:
                              tags: [v1]`,
      `    - stage:
        name: Release
        identifier: release
        template:
          templateRef: ci_stage
          versionLabel: "1"
          templateInputs:
            type: CI
            spec:
              execution:
                steps:
                  - step:
                      identifier: ecr
                      type: BuildAndPushECR
                      spec:
                        region: eu-west-1
`,
    );
    const translation = translatePipeline(yaml, { connectors: allConnectors, templates: templateFiles });
    expect(translation.warnings).toEqual([]);
    expect(translation.steps.map((step) => [step.stage, step.identifier, step.container.image])).toEqual([
      ["build", "web", expect.stringMatching(/^plugins\/kaniko:/)],
      ["build", "api", expect.stringMatching(/^plugins\/kaniko:/)],
      ["release", "ecr", expect.stringMatching(/^plugins\/kaniko-ecr:/)],
    ]);
    const planned = planPipeline(yaml, { connectors: allConnectors, templates: templateFiles });
    expect(planned.map((step) => step.plan.image)).toEqual(["acme/web", "acme/v2", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app"]);
  });

  test("a problem the template holds points into the template file; one templateInputs give into the pipeline", () => {
    const inTemplate = validatePipeline(pipeline(stepUse("bad_tag", '"1"')), { file: "ci.yaml", connectors: allConnectors, templates: templateFiles });
    expect(inTemplate).toEqual([expect.objectContaining({ code: "invalid-tag", field: "spec.tags[0]", position: { file: "templates.yaml", line: 38, column: 14 } })]);
    const fromInputs = v1Inputs.replace("tags: [latest, \"1.0\"]", "tags: [feature/x]");
    const inPipeline = validatePipeline(pipeline(stepUse("build_and_push", "v1", fromInputs)), { file: "ci.yaml", connectors: allConnectors, templates: templateFiles });
    expect(inPipeline).toEqual([expect.objectContaining({ code: "invalid-tag", position: { file: "ci.yaml", line: 25, column: 32 } })]);
  });

  test("templateInputs for a field that is not a runtime input is an error in the pipeline", () => {
    const inputs = `                    templateInputs:
                      spec:
                        dockerfile: other/Dockerfile
`;
    const problems = validatePipeline(pipeline(stepUse("build_and_push", "v1", inputs)), { file: "ci.yaml", connectors: allConnectors, templates: templateFiles, asWritten: true });
    expect(problems).toContainEqual(expect.objectContaining({ code: "invalid-template", severity: "error", message: expect.stringMatching(/templateInputs gives a value for a field that is not a runtime input/), position: expect.objectContaining({ file: "ci.yaml", line: 23 }) }));
  });

  test.each<[string, string, RegExp]>([
    ["a use of a template of another type", pipeline(stepUse("images", '"1"')), /uses "images", a StepGroup template/],
    ["a use written as a string", pipeline("              - step:\n                  name: Push\n                  identifier: push\n                  template: build_and_push"), /uses a template written as the string "build_and_push"/],
  ])("%s is an error", (_case, yaml, message) => {
    expect(validatePipeline(yaml, { connectors: allConnectors, templates: templateFiles })).toContainEqual(expect.objectContaining({ code: "invalid-template", severity: "error", message: expect.stringMatching(message) }));
  });

  test("a template file document buildpush cannot use is an error at its line", () => {
    const problems = validatePipeline(pipeline(stepUse("x")), { connectors: allConnectors, templates: [{ file: "t.yaml", text: "template:\n  identifier: p\n  versionLabel: v1\n  type: Pipeline\n  spec: {}\n" }] });
    expect(problems).toContainEqual(expect.objectContaining({ code: "invalid-template", message: expect.stringMatching(/type "Pipeline", which buildpush does not expand/), position: { file: "t.yaml", line: 4, column: 9 } }));
  });
});

describe("a template that could not be expanded is a warning naming it", () => {
  test("without --templates: a warning at the use, and the pipeline's other steps are checked", () => {
    const yaml = pipeline(`${stepUse("account.build_and_push", "v1")}              - step:
                  type: BuildAndPushDockerRegistry
                  name: Other
                  identifier: other
                  spec: {connectorRef: account.dockerhub, repo: acme/other, tags: [x]}`);
    const problems = validatePipeline(yaml, { file: "ci.yaml", connectors: allConnectors });
    expect(problems).toEqual([
      expect.objectContaining({
        code: "unknown-template",
        severity: "warning",
        message: 'the step push uses the template "account.build_and_push" (version "v1"), which was not given: its build-and-push steps are not checked',
        hint: expect.stringMatching(/--templates FILE/),
        position: { file: "ci.yaml", line: 18, column: 19 },
      }),
    ]);
    expect(translatePipeline(yaml, { connectors: allConnectors }).steps.map((step) => step.identifier)).toEqual(["other"]);
  });

  test("with --templates that do not hold it (or that version)", () => {
    for (const yaml of [pipeline(stepUse("nope")), pipeline(stepUse("build_and_push", "v9"))]) {
      expect(validatePipeline(yaml, { connectors: allConnectors, templates: templateFiles })).toEqual([expect.objectContaining({ code: "unknown-template", message: expect.stringMatching(/which none of the template files given holds/) })]);
    }
  });

  test("a pipeline template is not expanded, and says so", () => {
    const yaml = "pipeline:\n  identifier: p\n  name: p\n  template:\n    templateRef: golden\n    versionLabel: v1\n";
    expect(validatePipeline(yaml)).toEqual([expect.objectContaining({ code: "unknown-template", message: expect.stringMatching(/pipeline template/) })]);
  });
});

describe("on the command line", () => {
  test("validate: the warning without --templates (exit 0), the template's problem with it (exit 1)", async () => {
    const yaml = pipeline(stepUse("bad_tag", '"1"'));
    const without = await runCli(["validate", "ci.yaml"], { "ci.yaml": yaml });
    expect(without.code).toBe(0);
    expect(without.stdout).toMatch(/^ci\.yaml:18:19: warning: pipeline\.stages\[0\]\.stage\.spec\.execution\.steps\[0\]\.step\.template: the step push uses the template "bad_tag" .*\[unknown-template\]\n$/);
    expect(without.stderr).toBe("ci.yaml: 0 build-and-push steps, 1 warning\n");
    const withTemplates = await runCli(["validate", "ci.yaml", "--templates", "templates.yaml"], { "ci.yaml": yaml, "templates.yaml": templates });
    expect(withTemplates.code).toBe(1);
    expect(withTemplates.stdout).toMatch(/^templates\.yaml:38:14: spec\.tags\[0\]: "feature\/x" is not a valid tag .*\[invalid-tag\]\n$/);
  });

  test("translate takes --templates too", async () => {
    const result = await runCli(["translate", "ci.yaml", "--templates", "templates.yaml", "--connectors", "examples/connectors.yaml"], { "ci.yaml": pipeline(stepUse("build_and_push")), "templates.yaml": templates });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).steps.map((step: { identifier: string }) => step.identifier)).toEqual(["push"]);
  });
});
