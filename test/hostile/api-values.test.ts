// Values an engine hands the API that no YAML file holds (issue 18, items 17 and 18): every
// option is checked and a wrong one is a BuildpushError with a code and the option's name, never
// a TypeError from inside translation and never silently ignored; values of the wrong kind in a
// step (a Map, a Set, a Date, a boxed String) are refused with words that say what they are.
import { BuildpushError, createTranslator, defaultBackends, type Problem } from "@buildpush/core";
import { describe, expect, test } from "vitest";
import { exampleConnectors, readRepoFile } from "../support/fixtures.js";
import { problemsOf } from "../support/problems.js";
import { planPipeline, planStep, stepHandlers, translatePipeline, translateStep, translator, validatePipeline } from "../support/translator.js";

const step = (spec: Record<string, unknown> = {}) => ({ type: "BuildAndPushDockerRegistry", name: "Push", identifier: "push", spec: { connectorRef: "account.dockerhub", repo: "acme/app", tags: ["1.0"], ...spec } });
const pipeline = readRepoFile("examples/pipeline.yaml");
const connectors = exampleConnectors;
const brief = (problems: Problem[]) => problems.map((p) => [p.code, p.field]);

/** Every public function, given `options` merged over working ones. */
const calls: [string, (options: Record<string, unknown>) => unknown][] = [
  ["translateStep", (options) => translateStep(step(), { connectors, ...options } as never)],
  ["planStep", (options) => planStep(step(), { connectors, ...options } as never)],
  ["translatePipeline", (options) => translatePipeline(pipeline, { connectors, ...options } as never)],
  ["planPipeline", (options) => planPipeline(pipeline, { connectors, ...options } as never)],
  ["checkOptions", (options) => translator.checkOptions({ ...options } as never)],
];

describe("options of the wrong kind", () => {
  test.each(["k8s", 1, {}, null, ["vm"]])("infrastructure %j is an invalid-option naming it, in every function", (infrastructure) => {
    for (const [name, call] of calls) expect(brief(problemsOf(() => call({ infrastructure }))), name).toEqual([["invalid-option", "infrastructure"]]);
    expect(brief(validatePipeline(pipeline, { connectors, infrastructure } as never))).toEqual([["invalid-option", "infrastructure"]]);
  });

  test.each([
    ["mode", 5],
    ["nonRoot", "yes"],
    ["allowRemoteContext", 1],
    ["allowedRegistryHosts", "registry.corp"],
    ["images", "plugins/kaniko=x"],
    ["kanikoImage", {}],
    ["executorVersion", 1.23],
    ["buildahImage", null],
    ["dockerImage", 7],
    ["buildkitImage", {}],
    ["layerCache", "registry.internal/buildcache"],
  ])("%s: %j is refused", (option, value) => {
    for (const [name, call] of calls) if (name !== "planStep" && name !== "planPipeline") expect(brief(problemsOf(() => call({ [option]: value }))), name).toEqual([["invalid-option", option]]);
  });

  test.each([
    ["connectors", "examples/connectors.yaml"],
    ["connectors", { dockerhub: {} }],
    ["workspaceRoot", "harness"],
    ["workspaceRoot", 0],
    ["file", 12],
    ["file", "a\nb.yaml"],
    ["yamlLimits", 1000],
    ["scope", "p"],
    ["scope", { projectIdentifier: "../p" }],
    ["templates", "templates.yaml"],
    ["templates", ["templates.yaml"]],
    ["templates", [{ file: "templates.yaml" }]],
    ["templates", [{ file: "a\nb.yaml", text: "" }]],
    ["templates", [{ file: "templates.yaml", text: "", version: 1 }]],
  ])("%s: %j is refused", (option, value) => {
    const call = option === "file" || option === "yamlLimits" ? calls[2]![1] : option === "scope" ? calls[0]![1] : calls[2]![1];
    expect(problemsOf(() => call({ [option]: value }))[0]).toMatchObject({ code: "invalid-option", path: expect.arrayContaining([option]) });
  });

  test("options that are not a map, and unknown options, are refused; a translator with backends of its own lets unknown options through to them", () => {
    for (const options of ["vm", 5, ["vm"], new Map()]) expect(brief(problemsOf(() => translateStep(step(), options as never)))).toEqual([["invalid-option", undefined]]);
    expect(brief(problemsOf(() => translateStep(step(), { connectors, infrastucture: "vm" } as never)))).toEqual([["invalid-option", "infrastucture"]]);
    expect(brief(problemsOf(() => translateStep(step(), { connectors, stage: { variables: {} }, workspace: "/x" } as never)))).toEqual([["invalid-option", "workspace"]]);
    const custom = createTranslator({ handlers: stepHandlers, backends: { ...defaultBackends } });
    expect(() => custom.translateStep(step() as never, { connectors, myBackendFlag: true } as never)).not.toThrow();
  });

  test("translateStep's containerName and source are checked", () => {
    expect(brief(problemsOf(() => translateStep(step(), { connectors, containerName: "Step One" })))).toEqual([["invalid-option", "containerName"]]);
    expect(brief(problemsOf(() => translateStep(step(), { connectors, source: {} as never })))).toEqual([["invalid-option", "source"]]);
  });
});

describe("a StageContext from the API", () => {
  test.each([
    ["a Symbol", Symbol("x")],
    ["a function", () => "x"],
    ["a Date", new Date(0)],
    ["a map", { nested: "x" }],
    ["a number", 3],
    ["a boxed String", new String("x")],
  ])("a variable holding %s is refused, never put in the environment", (_name, value) => {
    const problems = problemsOf(() => translateStep(step(), { connectors, stage: { variables: { A: value } as never } }));
    expect(brief(problems)).toEqual([["invalid-option", "stage.variables.A"]]);
    expect(JSON.stringify(problems)).not.toContain("1970");
  });

  test("variable names, secret references, the security context, the pull policy and shared paths are held to the YAML rules", () => {
    const stage = {
      variables: JSON.parse('{"1BAD": "x", "__proto__": "y", "CTRL": "a\\u001bb"}') as Record<string, string>,
      secretVariables: { TOKEN: { ref: "pasted secret!" }, OTHER: "account.x" },
      containerSecurityContext: { runAsNonRoot: "true", runAsUser: -1, capabilities: { drop: "ALL" }, seccomp: 1 },
      imagePullPolicy: "always",
      sharedPaths: ["/harness", "cache", "/cache", "/cache/"],
      identifier: "../x",
    };
    const problems = problemsOf(() => translateStep(step(), { connectors, stage: stage as never }));
    expect(brief(problems)).toEqual([
      ["invalid-env-name", "stage.variables[\"1BAD\"]"],
      ["invalid-env-name", "stage.variables.__proto__"],
      ["invalid-character", "stage.variables.CTRL"],
      ["invalid-secret-reference", "stage.secretVariables.TOKEN"],
      ["invalid-secret-reference", "stage.secretVariables.OTHER"],
      ["invalid-option", "stage.containerSecurityContext.runAsNonRoot"],
      ["invalid-run-as-user", "stage.containerSecurityContext.runAsUser"],
      ["invalid-option", "stage.containerSecurityContext.capabilities.drop"],
      ["invalid-option", "stage.containerSecurityContext.seccomp"],
      ["invalid-option", "stage.imagePullPolicy"],
      ["invalid-path", "stage.sharedPaths[0]"],
      ["invalid-path", "stage.sharedPaths[1]"],
      ["invalid-path", "stage.sharedPaths[3]"],
      ["invalid-option", "stage.identifier"],
    ]);
    expect(JSON.stringify(problems)).not.toContain("pasted secret");
  });

  test("a well-formed StageContext still translates", () => {
    const container = translateStep(step(), { connectors, stage: { identifier: "build", variables: { A: "1" }, secretVariables: { B: { ref: "account.b" } }, containerSecurityContext: { runAsNonRoot: true, capabilities: { drop: ["ALL"] } }, imagePullPolicy: "Always", sharedPaths: ["/cache"] } });
    expect(container.env["A"]).toBe("1");
    expect(container.secretEnv["B"]).toEqual({ ref: "account.b" });
  });

  test("issue 14's stage keys: the infrastructure, the image registry and its login, when and failure strategies are held to their shapes", () => {
    const stage = {
      name: 3,
      infrastructure: { type: "KubernetesDirect", volumes: [{ type: "EmptyDir", mountPath: "cache" }, { type: "EmptyDir", mountPath: "/harness" }] },
      harnessImageRegistry: "mirror.example.com/a b",
      harnessImageLogin: { kind: "basic", registry: "https://mirror.example.com", username: "u", passwordRef: "pasted secret!" },
      when: "always",
      failureStrategies: { onFailure: "Ignore" },
    };
    const problems = problemsOf(() => translateStep(step(), { connectors, stage: stage as never }));
    expect(brief(problems)).toEqual([
      ["invalid-option", "stage.name"],
      ["invalid-path", "stage.infrastructure.volumes[0].mountPath"],
      ["invalid-path", "stage.infrastructure.volumes[1].mountPath"],
      ["invalid-option", "stage.harnessImageRegistry"],
      ["invalid-secret-reference", "stage.harnessImageLogin"],
      ["invalid-option", "stage.when"],
      ["invalid-option", "stage.failureStrategies"],
    ]);
    expect(JSON.stringify(problems)).not.toContain("pasted secret");
    expect(brief(problemsOf(() => translateStep(step(), { connectors, stage: { infrastructure: { type: "k8s" } } as never })))).toEqual([["invalid-option", "stage.infrastructure"]]);
  });

  test("a PlannedStep's stageContext is a StageContext translateStep takes: its image registry and volumes reach the container", () => {
    const yaml = `pipeline:
  identifier: p
  name: p
  stages:
    - stage:
        identifier: build
        name: Build
        type: CI
        when: {pipelineStatus: Success}
        failureStrategies:
          - onFailure: {errors: [AllErrors], action: {type: Ignore}}
        spec:
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.k8s
              harnessImageConnectorRef: account.mirror
              volumes:
                - {mountPath: /cache, type: EmptyDir}
          execution:
            steps:
              - step: {type: BuildAndPushDockerRegistry, name: Push, identifier: push, spec: {connectorRef: account.dockerhub, repo: acme/app, tags: ["1.0"]}}
`;
    const mirror = [...connectors, { type: "DockerRegistry" as const, identifier: "mirror", url: "https://mirror.example.com/harness", auth: { type: "UsernamePassword" as const, username: "puller", passwordRef: "account.mirror_token" } }];
    const [planned] = planPipeline(yaml, { connectors: mirror });
    expect(Object.keys(planned!.stageContext)).toEqual(expect.arrayContaining(["name", "infrastructure", "harnessImageRegistry", "harnessImageLogin", "failureStrategies"]));
    const container = translateStep(step(), { connectors, stage: planned!.stageContext });
    expect(container.image).toMatch(/^mirror\.example\.com\/harness\/plugins\/kaniko:/);
    expect(container.volumeMounts).toContainEqual({ name: "volume-0", mountPath: "/cache" });
  });
});

describe("spec values no YAML file holds", () => {
  test.each([
    ["labels", new Map([["a", "b"]]), "a Map"],
    ["labels", new Set(["a"]), "a Set"],
    ["labels", new Date(0), "a Date"],
    ["buildArgs", new String("1.0"), "a String object"],
    ["envVariables", new (class Env {})(), "an object that is not a plain map"],
    ["tags", new Set(["1.0"]), "a Set"],
  ])("%s given as %s is refused saying what it is (it became no labels, or 0=1,1=.,2=0)", (field, value, words) => {
    const [problem] = problemsOf(() => translateStep(step({ [field]: value })));
    expect(problem).toMatchObject({ code: "wrong-type", field: `spec.${field}` });
    expect(problem!.message).toContain(`found ${words}`);
  });

  test("a Date where a string belongs is a Date in the message, not a map (item 18)", () => {
    expect(problemsOf(() => translateStep(step({ repo: new Date(0) })))[0]!.message).toContain("found a Date");
  });

  test("runAsUser: 1e400 is quoted as written, not as null (item 18)", () => {
    const yaml = pipeline.replace(/(\n(\s+)repo: [^\n]+)/, "$1\n$2runAsUser: 1e400");
    const problem = problemsOf(() => translatePipeline(yaml, { connectors })).find((p) => p.field === "spec.runAsUser");
    expect(problem?.message).toBe("Invalid value 1e400, Value should be number");
    expect(problemsOf(() => translateStep(step({ runAsUser: Infinity })))[0]!.message).toBe("Invalid value Infinity, Value should be number");
  });

  test("connectors an engine builds by hand are checked like parsed ones", () => {
    const problems = problemsOf(() => translateStep(step(), { connectors: [{ identifier: "../hub", type: "DockerRegistry", url: "https://u:p@r.example", auth: { type: "Anonymous" } } as never] }));
    expect(brief(problems)).toEqual([
      ["invalid-connector", "connectors[0].identifier"],
      ["invalid-registry", "connectors[0].url"],
    ]);
    expect(JSON.stringify(problems)).not.toContain("u:p@");
    expect(problemsOf(() => translateStep(step(), { connectors: [null as never] }))[0]).toMatchObject({ code: "invalid-connector" });
  });

  test("every error above is a BuildpushError", () => {
    expect(() => translateStep(step(), { infrastructure: "k8s" as never })).toThrow(BuildpushError);
  });
});
