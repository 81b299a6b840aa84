import { describe, expect, test } from "vitest";
import { translatePipeline } from "./support/translator.js";
import { allConnectors, readRepoFile } from "./support/fixtures.js";

const translate = (yaml: string, options: Parameters<typeof translatePipeline>[1] = {}) => translatePipeline(yaml, { connectors: allConnectors, ...options });

const dockerStep = (identifier: string, extraSpec = "") => `
                  type: BuildAndPushDockerRegistry
                  name: ${identifier}
                  identifier: ${identifier}
                  spec:
                    connectorRef: account.dockerhub
                    repo: acme/app
                    tags: [latest]${extraSpec}`;

function stage(identifier: string, infrastructure: string, steps: string, extra = ""): string {
  return `
    - stage:
        identifier: ${identifier}
        name: ${identifier}
        type: CI
        spec:
${infrastructure}
          execution:
            steps:
${steps}${extra}`;
}

const kubernetes = "          infrastructure:\n            type: KubernetesDirect\n            spec: {}";
const vm = "          infrastructure:\n            type: VM\n            spec: {}";
const cloud = "          runtime:\n            type: Cloud\n            spec: {}";

describe("finding build-and-push steps", () => {
  test("in stages, parallel blocks, step groups and parallel stages, in pipeline order; other steps are left alone", () => {
    const push = (id: string, indent: number) =>
      [`type: BuildAndPushDockerRegistry`, `name: ${id}`, `identifier: ${id}`, `spec: {connectorRef: account.dockerhub, repo: acme/app, tags: [latest]}`]
        .map((line) => " ".repeat(indent) + line)
        .join("\n");
    const yaml = `pipeline:
  identifier: p
  stages:
    - stage:
        identifier: first
        spec:
          execution:
            steps:
              - step:
${push("a", 18)}
              - step:
                  type: Run
                  name: test
                  identifier: test
                  spec: {command: make}
              - parallel:
                  - step:
${push("b", 22)}
                  - stepGroup:
                      identifier: g
                      steps:
                        - step:
${push("c", 28)}
    - parallel:
        - stage:
            identifier: second
            spec:
              execution:
                steps:
                  - step:
${push("d", 22)}
`;
    const result = translate(yaml);
    expect(result.steps.map((s) => `${s.stage}/${s.identifier}`)).toEqual(["first/a", "first/b", "first/c", "second/d"]);
    expect(result.steps.map((s) => [s.position?.line, s.position?.column])).toEqual([[10, 19], [21, 23], [29, 29], [40, 23]]);
  });

  test.each([
    ["KubernetesDirect", kubernetes, "plugins/kaniko:1.13.3"],
    ["VM", vm, "plugins/docker:21.1.1"],
    ["Harness Cloud", cloud, "plugins/docker:21.1.1"],
    ["no infrastructure (default kubernetes)", "", "plugins/kaniko:1.13.3"],
  ])("the stage's infrastructure picks the plugin: %s", (_name, infrastructure, image) => {
    const result = translate(`pipeline:\n  identifier: p\n  stages:${stage("s", infrastructure, `              - step:${dockerStep("a")}`)}\n`);
    expect(result.steps[0]!.container.image).toBe(image);
  });

  test("UseFromStage takes the infrastructure of the stage it names", () => {
    const useFrom = "          infrastructure:\n            type: UseFromStage\n            useFromStage: first";
    const result = translate(`pipeline:\n  identifier: p\n  stages:${stage("first", vm, `              - step:${dockerStep("a")}`)}${stage("second", useFrom, `              - step:${dockerStep("b")}`)}\n`);
    expect(result.steps[1]!.container.image).toBe("plugins/docker:21.1.1");
  });

  test("the infrastructure option overrides every stage", () => {
    const result = translate(`pipeline:\n  identifier: p\n  stages:${stage("s", kubernetes, `              - step:${dockerStep("a")}`)}\n`, { infrastructure: "vm" });
    expect(result.steps[0]!.container.image).toBe("plugins/docker:21.1.1");
  });
});

describe("what a step inherits", () => {
  test("pipeline variables, then stage variables over them, then the plugin's", () => {
    const yaml = `pipeline:
  identifier: p
  variables:
    - {name: SHARED, type: String, value: from-pipeline}
    - {name: ONLY_PIPELINE, type: Number, value: 1.50}
  stages:${stage("s", kubernetes, `              - step:${dockerStep("a")}`, `
        variables:
          - {name: SHARED, type: String, value: from-stage}
          - {name: PLUGIN_REPO, type: String, value: ignored}
          - {name: TOKEN, type: Secret, value: account.token}`)}
`;
    const container = translate(yaml).steps[0]!.container;
    expect(container.env).toMatchObject({ SHARED: "from-stage", ONLY_PIPELINE: "1.50", PLUGIN_REPO: "acme/app" });
    expect(container.secretEnv["TOKEN"]).toEqual({ ref: "account.token" });
  });

  test("containerSecurityContext with an empty runAsUser is ignored, and the step's runAsUser wins", () => {
    const infra = "          infrastructure:\n            type: KubernetesDirect\n            spec:\n              containerSecurityContext:\n                runAsUser: \"\"\n                runAsNonRoot: true";
    const withoutUser = translate(`pipeline:\n  identifier: p\n  stages:${stage("s", infra, `              - step:${dockerStep("a")}`)}\n`).steps[0]!.container;
    expect(withoutUser.securityContext).toEqual({ runAsNonRoot: true });
    const withUser = translate(`pipeline:\n  identifier: p\n  stages:${stage("s", infra, `              - step:${dockerStep("a", "\n                    runAsUser: 0")}`)}\n`).steps[0]!.container;
    expect(withUser.securityContext).toEqual({ runAsNonRoot: false, runAsUser: 0 });
  });

  test("the step's timeout is carried, defaulting to 2h", () => {
    const steps = `              - step:${dockerStep("a")}\n              - step:${dockerStep("b")}\n                  timeout: 1h 30m`;
    const result = translate(`pipeline:\n  identifier: p\n  stages:${stage("s", kubernetes, steps)}\n`);
    expect(result.steps.map((s) => s.timeout)).toEqual(["2h", "1h 30m"]);
  });

  test("container names are DNS-1123 labels, unique within a stage", () => {
    const steps = `              - step:${dockerStep("Push_App")}\n              - step:${dockerStep("push_app")}`;
    const names = translate(`pipeline:\n  identifier: p\n  stages:${stage("s", kubernetes, steps)}\n`).steps.map((s) => s.container.name);
    expect(names).toEqual(["step-push-app", "step-push-app-2"]);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });
});

describe("YAML scalars keep their text where the field is a string", () => {
  test("tags: [1.10, 010] gives the tags 1.10 and 010", () => {
    const result = translate(`pipeline:\n  identifier: p\n  stages:${stage("s", kubernetes, `              - step:${dockerStep("a").replace("tags: [latest]", "tags: [1.10, 010, 1e3, true]")}`)}\n`);
    expect(result.steps[0]!.container.env["PLUGIN_TAGS"]).toBe("1.10,010,1e3,true");
  });

  test("map values keep their text too", () => {
    const step = dockerStep("a", "\n                    buildArgs:\n                      GO: 1.20\n                    labels:\n                      build: 0042");
    const env = translate(`pipeline:\n  identifier: p\n  stages:${stage("s", kubernetes, `              - step:${step}`)}\n`).steps[0]!.container.env;
    expect(env["PLUGIN_BUILD_ARGS"]).toBe("GO=1.20");
    expect(env["PLUGIN_CUSTOM_LABELS"]).toBe("build=0042");
  });
});

describe("the bundled examples", () => {
  test.each(["pipeline", "docker", "ecr", "acr", "gcr", "gar", "all-registries"])("examples/%s.yaml translates, and the output is byte-identical each time", (name) => {
    const yaml = readRepoFile(`examples/${name}.yaml`);
    const first = JSON.stringify(translate(yaml, { file: `examples/${name}.yaml` }));
    const second = JSON.stringify(translate(yaml, { file: `examples/${name}.yaml` }));
    expect(second).toBe(first);
    expect(JSON.parse(first).steps.length).toBeGreaterThan(0);
  });

  test("examples/pipeline.yaml gives the reviewed output", async () => {
    const output = translate(readRepoFile("examples/pipeline.yaml"));
    expect(output.warnings).toEqual([]);
    // The stages and steps, as the CLI's JSON prints them.
    await expect(`${JSON.stringify({ stages: output.stages, steps: output.steps }, null, 2)}\n`).toMatchFileSnapshot("../examples/expected/pipeline.json");
  });
});
