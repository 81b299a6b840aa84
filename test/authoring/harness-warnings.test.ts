/**
 * Warnings where Harness accepts a step that will not do what its author expects (issue 13,
 * item 3; sources: the Build and Push docs in ../shared/seeds/, kaniko-plugin.md, docker-plugin.md),
 * and the errors beside them: a Docker repository that does not name its connector's registry, an
 * ECR image name holding the registry (refused on Kubernetes, kept on VMs).
 */
import { describe, expect, test } from "vitest";
import { ConnectorSet, connectorsFromValues, type Problem } from "@buildpush/core";
import { exampleConnectors, extraConnectors } from "../support/fixtures.js";
import { pipelineWithStage } from "../support/pipeline-template.js";
import { ACR_TRAITS, DOCKER_TRAITS, ECR_TRAITS, GAR_TRAITS, GCR_TRAITS, pluginReadsFlag, runtimeFlagDocs, UNDEFINED_FLAG_EFFECT } from "../support/internals.js";
import { planPipeline, translatePipeline, validatePipeline } from "../support/translator.js";

const kubernetes = "infrastructure:\n  type: KubernetesDirect\n  spec: {connectorRef: account.k8s, namespace: builds, os: Linux}";
const nonRoot = (context: string) => `infrastructure:\n  type: KubernetesDirect\n  spec:\n    connectorRef: account.k8s\n    namespace: builds\n    containerSecurityContext: ${context}`;
const vm = "infrastructure:\n  type: VM\n  spec:\n    type: Pool\n    spec: {poolName: linux}\nplatform: {os: Linux, arch: Amd64}";
const cloud = "platform: {os: Linux, arch: Amd64}\nruntime:\n  type: Cloud\n  spec: {}";

const connectors = new ConnectorSet([
  ...exampleConnectors,
  ...extraConnectors,
  ...connectorsFromValues([
    { identifier: "hub_mirror", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://index.docker.io/v1/", auth: { type: "UsernamePassword", spec: { username: "puller", passwordRef: "account.puller" } } } },
    { identifier: "aws_via_delegate", type: "Aws", spec: { credential: { type: "ManualConfig", spec: { accessKeyRef: "account.k", secretKeyRef: "account.s" } }, executeOnDelegate: true } },
  ]),
]);

/** A one-stage pipeline: `stageSpec` under the stage's spec, one step, stage variables. */
function pipeline(stageSpec: string, step: string, variables: Record<string, string> = {}): string {
  const vars = Object.entries(variables).map(([name, value]) => `  - {name: ${name}, type: String, value: "${value}"}`).join("\n");
  const entry = `              - step:\n${step.trim().split("\n").map((line) => " ".repeat(18) + line).join("\n")}\n`;
  return pipelineWithStage(stageSpec, entry, vars ? { stageKeys: `variables:\n${vars}` } : {});
}

const docker = (spec = "", connectorRef = "account.dockerhub") => `type: BuildAndPushDockerRegistry\nname: Push\nidentifier: push\nspec:\n  connectorRef: ${connectorRef}\n  repo: acme/app\n  tags: [latest]\n${spec}`;
const ecr = (spec = "", connectorRef = "account.aws_prod", imageName = "app") => `type: BuildAndPushECR\nname: Push\nidentifier: push\nspec:\n  connectorRef: ${connectorRef}\n  account: "123456789012"\n  region: us-east-1\n  imageName: ${imageName}\n  tags: [latest]\n${spec}`;
const google = (type: "GCR" | "GAR", spec = "") =>
  `type: BuildAndPush${type}\nname: Push\nidentifier: push\nspec:\n  connectorRef: account.gcp\n  host: ${type === "GCR" ? "gcr.io" : "us-central1-docker.pkg.dev"}\n  projectID: acme-prod\n  imageName: ${type === "GCR" ? "app" : "docker-repo/app"}\n  tags: [latest]\n${spec}`;
const acr = "type: BuildAndPushACR\nname: Push\nidentifier: push\nspec:\n  connectorRef: account.azure\n  repository: acme.azurecr.io/app\n  tags: [latest]";
const env = (name: string, value: string) => `  envVariables:\n    ${name}: "${value}"`;

function check(yaml: string, infrastructure?: "kubernetes" | "vm"): Problem[] {
  return validatePipeline(yaml, { file: "ci.yaml", connectors, ...(infrastructure ? { infrastructure } : {}) });
}

const codes = (problems: Problem[]) => problems.map((problem) => `${problem.code} (${problem.severity})`);

describe("a runtime flag the step's plugin does not read is a warning", () => {
  test.each<[string, string, string | undefined, RegExp?]>([
    ["PLUGIN_DRY_RUN on Kubernetes: the kaniko plugin reads PLUGIN_NO_PUSH", pipeline(kubernetes, docker(env("PLUGIN_DRY_RUN", "true"))), "spec.envVariables.PLUGIN_DRY_RUN", /PLUGIN_NO_PUSH/],
    ["PLUGIN_SKIP_TLS_VERIFY on Kubernetes with ECR: only the docker variant reads it", pipeline(kubernetes, ecr(env("PLUGIN_SKIP_TLS_VERIFY", "true"))), "spec.envVariables.PLUGIN_SKIP_TLS_VERIFY", /PLUGIN_SKIP_TLS_VERIFY_REGISTRY/],
    ["PLUGIN_SKIP_TLS_VERIFY on Kubernetes with ACR", pipeline(kubernetes, acr + "\n" + env("PLUGIN_SKIP_TLS_VERIFY", "1")), "spec.envVariables.PLUGIN_SKIP_TLS_VERIFY"],
    ["PLUGIN_SKIP_TLS_VERIFY on Kubernetes with Docker: read", pipeline(kubernetes, docker(env("PLUGIN_SKIP_TLS_VERIFY", "true"))), undefined],
    ["PLUGIN_SKIP_TLS_VERIFY on a VM: drone-docker has no such flag", pipeline(vm, docker(env("PLUGIN_SKIP_TLS_VERIFY", "true"))), "spec.envVariables.PLUGIN_SKIP_TLS_VERIFY", /daemon/],
    ["PLUGIN_NO_PUSH on a VM: drone-docker reads it (an alias of PLUGIN_DRY_RUN)", pipeline(vm, docker(env("PLUGIN_NO_PUSH", "true"))), undefined],
    ["PLUGIN_NO_PUSH on Kubernetes: read", pipeline(kubernetes, docker(env("PLUGIN_NO_PUSH", "true"))), undefined],
    ["PLUGIN_TAR_PATH on Harness Cloud", pipeline(cloud, docker(env("PLUGIN_TAR_PATH", "/harness/image.tar"))), "spec.envVariables.PLUGIN_TAR_PATH"],
    ["a daemon option on a VM: Harness turns the daemon off", pipeline(vm, docker(env("PLUGIN_CUSTOM_DNS", "8.8.8.8"))), "spec.envVariables.PLUGIN_CUSTOM_DNS", /PLUGIN_DAEMON_OFF/],
    ["PLUGIN_CREATE_REPOSITORY on a Docker step: only the ECR plugin reads it", pipeline(kubernetes, docker(env("PLUGIN_CREATE_REPOSITORY", "true"))), "spec.envVariables.PLUGIN_CREATE_REPOSITORY"],
    ["PLUGIN_CREATE_REPOSITORY on an ECR step: read", pipeline(kubernetes, ecr(env("PLUGIN_CREATE_REPOSITORY", "true"))), undefined],
    ["PLUGIN_TAR_PATH on Kubernetes with GCR: kaniko-gcr has no tar-path flag", pipeline(kubernetes, google("GCR", env("PLUGIN_TAR_PATH", "/harness/image.tar"))), "spec.envVariables.PLUGIN_TAR_PATH", /kaniko-gcr .*no tarball is written/],
    ["PLUGIN_TAR_PATH on Kubernetes with GAR: read", pipeline(kubernetes, google("GAR", env("PLUGIN_TAR_PATH", "/harness/image.tar"))), undefined],
    ["PLUGIN_PUSH_ONLY on Kubernetes with GCR: kaniko-gcr has no push-only flag", pipeline(kubernetes, google("GCR", env("PLUGIN_PUSH_ONLY", "true"))), "spec.envVariables.PLUGIN_PUSH_ONLY", /built and pushed as usual/],
    ["PLUGIN_PUSH_ONLY on Kubernetes with Docker: the kaniko plugin's push-only reads it", pipeline(kubernetes, docker(env("PLUGIN_PUSH_ONLY", "true"))), undefined],
    ["PLUGIN_SKIP_TLS_VERIFY on Kubernetes with GAR: only the docker variant reads it", pipeline(kubernetes, google("GAR", env("PLUGIN_SKIP_TLS_VERIFY", "true"))), "spec.envVariables.PLUGIN_SKIP_TLS_VERIFY", /PLUGIN_SKIP_TLS_VERIFY_REGISTRY/],
    ["PLUGIN_IGNORE_PATHS on Kubernetes with GCR", pipeline(kubernetes, google("GCR", env("PLUGIN_IGNORE_PATHS", "/tmp"))), "spec.envVariables.PLUGIN_IGNORE_PATHS", /PLUGIN_IGNORE_PATH$/],
    ["PLUGIN_PUSH_ONLY on a VM with GCR: drone-docker reads it", pipeline(vm, google("GCR", env("PLUGIN_PUSH_ONLY", "true"))), undefined],
    ["PLUGIN_TAR_PATH on Harness Cloud with cacheFrom: the buildx plugin runs, whose flags are not confirmed: no warning", pipeline(cloud, docker(`  cacheFrom: ["type=registry,ref=acme/app:cache"]\n${env("PLUGIN_TAR_PATH", "/harness/image.tar")}`)), undefined],
    ["PLUGIN_CUSTOM_DNS on a VM with cacheTo (the buildx path): no warning", pipeline(vm, google("GAR", `  cacheTo: "type=registry,ref=us-central1-docker.pkg.dev/acme-prod/docker-repo/app:cache"\n${env("PLUGIN_CUSTOM_DNS", "8.8.8.8")}`)), undefined],
    ["PLUGIN_TAR_PATH on Kubernetes with cacheFrom: kaniko still runs, and still ignores nothing it reads (GCR: warned)", pipeline(kubernetes, google("GCR", `  cacheFrom: ["type=registry,ref=gcr.io/acme-prod/app:cache"]\n${env("PLUGIN_TAR_PATH", "/harness/image.tar")}`)), "spec.envVariables.PLUGIN_TAR_PATH"],
    ["a false value changes nothing where it is ignored", pipeline(kubernetes, docker(env("PLUGIN_DRY_RUN", "false"))), undefined],
    ["a name no known plugin has is left alone", pipeline(kubernetes, docker(env("PLUGIN_SOMETHING_NEW", "true"))), undefined],
  ])("%s", (_case, yaml, field, hint) => {
    const problems = check(yaml);
    if (field === undefined) {
      expect(codes(problems)).toEqual([]);
      return;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "ignored-runtime-flag", severity: "warning", field, message: expect.stringMatching(/has no effect/), rule: expect.stringMatching(/each plugin reads its own runtime flags/) });
    // At the variable's key.
    expect(problems[0]!.position).toMatchObject({ file: "ci.yaml", line: yaml.split("\n").findIndex((line) => line.includes(`${field.split(".").pop()}:`)) + 1 });
    if (hint) expect(problems[0]!.hint).toMatch(hint);
  });

  test("a stage variable is reported at the step, naming the variable; the step translates all the same", () => {
    const yaml = pipeline(kubernetes, docker(), { PLUGIN_DRY_RUN: "true" });
    const [warning, ...rest] = check(yaml);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ code: "ignored-runtime-flag", message: expect.stringMatching(/^PLUGIN_DRY_RUN has no effect: .*stage or pipeline variable/) });
    expect(warning!.field).toBeUndefined();
    const translation = translatePipeline(yaml, { connectors });
    expect(translation.steps).toHaveLength(1);
    expect(translation.warnings).toEqual([expect.objectContaining({ code: "ignored-runtime-flag" })]);
  });
});

describe("the runtime flag table agrees with kaniko-args on the flags only some kaniko plugin binaries define", () => {
  const traits = { docker: DOCKER_TRAITS, ecr: ECR_TRAITS, acr: ACR_TRAITS, gcr: GCR_TRAITS, gar: GAR_TRAITS } as const;
  // kaniko-acr defines create-repository but never reads it (drone-kaniko cmd/kaniko-acr/main.go): defined, without effect.
  const definedWithoutEffect = new Set(["PLUGIN_CREATE_REPOSITORY acr"]);
  const rows = Object.keys(UNDEFINED_FLAG_EFFECT)
    .filter((flag) => flag in runtimeFlagDocs)
    .flatMap((flag) => (Object.keys(traits) as (keyof typeof traits)[]).map((variant) => [flag, variant] as const));

  test("the table documents the flags that tell the binaries apart", () => {
    expect(rows.map(([flag]) => flag)).toEqual(expect.arrayContaining(["PLUGIN_SKIP_TLS_VERIFY", "PLUGIN_TAR_PATH", "PLUGIN_PUSH_ONLY", "PLUGIN_SOURCE_TAR_PATH", "PLUGIN_IGNORE_PATHS", "PLUGIN_EXPAND_REPO"]));
  });

  test.each(rows)("%s on the %s variant", (flag, variant) => {
    const defined = traits[variant].defines.has(flag as never) && !definedWithoutEffect.has(`${flag} ${variant}`);
    expect(pluginReadsFlag(flag, "kubernetes", variant)).toBe(defined);
  });
});

describe("kaniko needs root", () => {
  test.each<[string, string, string, string | undefined]>([
    ["runAsNonRoot: true, no runAsUser on the step", nonRoot("{runAsNonRoot: true}"), "", "kaniko-needs-root"],
    ["runAsNonRoot: true, runAsUser: 0 on the step (the docs' way)", nonRoot("{runAsNonRoot: true}"), "  runAsUser: 0", undefined],
    ["a stage running as user 1000", nonRoot("{runAsUser: 1000}"), "", "kaniko-needs-root"],
    ["a stage running as user 1000, the step as 0", nonRoot("{runAsUser: 1000}"), "  runAsUser: 0", undefined],
    ["the step running as user 1000", kubernetes, "  runAsUser: 1000", "kaniko-needs-root"],
    ["a root stage", kubernetes, "", undefined],
  ])("%s", (_case, stage, spec, code) => {
    const problems = check(pipeline(stage, docker(spec)));
    expect(codes(problems)).toEqual(code ? [`${code} (warning)`] : []);
    if (code) expect(problems[0]!.hint).toMatch(/runAsUser: 0/);
  });

  test("not on a VM: drone-docker uses the VM's daemon", () => {
    expect(check(pipeline(vm, docker("  runAsUser: 1000")))).toEqual([]);
  });
});

describe("a base image connector for the push registry's host", () => {
  test.each<[string, string, string | undefined]>([
    ["another connector for Docker Hub (v1 and v2 URLs are one host)", docker("  baseImageConnectorRefs: [account.hub_mirror]"), "base-image-connector-shares-prefix"],
    ["the push connector itself", docker("  baseImageConnectorRefs: [account.dockerhub]"), undefined],
    ["a registry of its own", docker("  baseImageConnectorRefs: [org.private_registry]"), undefined],
  ])("%s", (_case, step, code) => {
    const problems = check(pipeline(kubernetes, step));
    expect(codes(problems)).toEqual(code ? [`${code} (warning)`] : []);
    if (code) expect(problems[0]).toMatchObject({ field: "spec.baseImageConnectorRefs[0]", rule: expect.stringMatching(/same URL prefix/) });
  });
});

describe("ACR outside Kubernetes, AWS through a delegate on Harness Cloud", () => {
  test.each<[string, string, string[]]>([
    ["ACR on Harness Cloud", pipeline(cloud, acr), ["step-not-supported-on-infrastructure (warning)"]],
    ["ACR on a VM", pipeline(vm, acr), ["step-not-supported-on-infrastructure (warning)"]],
    ["ACR on Kubernetes", pipeline(kubernetes, acr), []],
    ["ECR on Harness Cloud, executeOnDelegate: true", pipeline(cloud, ecr("", "account.aws_via_delegate")), ["connector-through-delegate (warning)"]],
    ["ECR on Harness Cloud, IRSA (the delegate's pod identity)", pipeline(cloud, ecr("", "account.aws_irsa")), ["connector-through-delegate (warning)"]],
    ["ECR on Harness Cloud, InheritFromDelegate", pipeline(cloud, ecr("", "aws_delegate")), ["connector-through-delegate (warning)"]],
    ["ECR on Harness Cloud, through the platform (executeOnDelegate: false)", pipeline(cloud, ecr()), []],
    ["ECR on a self-hosted VM, through a delegate", pipeline(vm, ecr("", "account.aws_via_delegate")), []],
  ])("%s", (_case, yaml, expected) => {
    expect(codes(check(yaml))).toEqual(expected);
  });
});

describe("a stage whose infrastructure is not known no longer silently becomes Kubernetes", () => {
  const noInfra = pipeline("cloneCodebase: true", docker());
  test.each<[string, string, RegExp | undefined, "kubernetes" | "vm" | undefined]>([
    ["no infrastructure, no runtime", noInfra, /no infrastructure and no runtime: buildpush assumes Kubernetes/, undefined],
    ["an infrastructure type buildpush does not know", pipeline("infrastructure:\n  type: KubernetesEks\n  spec: {}", docker()), /infrastructure type "KubernetesEks", which buildpush does not know/, undefined],
    ["a runtime type buildpush does not know", pipeline("runtime:\n  type: Mac\n  spec: {}", docker()), /runtime type "Mac"/, undefined],
    ["--infra says which", noInfra, undefined, "vm"],
  ])("%s", (_case, yaml, message, infrastructure) => {
    const problems = check(yaml, infrastructure);
    if (!message) return expect(problems).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ code: "no-infrastructure", severity: "warning", message: expect.stringMatching(message), hint: expect.stringMatching(/--infra/) })]);
    // Kubernetes all the same: the kaniko plugin.
    expect(planPipeline(yaml, { connectors })[0]!.plan.infrastructure).toBe("kubernetes");
  });

  test("a stage with no build-and-push step is not warned about", () => {
    const yaml = pipeline("cloneCodebase: true", "type: Run\nname: Test\nidentifier: test\nspec: {command: make test}");
    expect(check(yaml)).toEqual([]);
  });
});

describe("a Docker registry step's repo must name its connector's registry (an error)", () => {
  test.each<[string, string, string, boolean]>([
    ["a private registry, repo without it: pushed to Docker Hub", "org.private_registry", "acme/app", true],
    ["a private registry, repo on another registry", "org.private_registry", "other.example.com/acme/app", true],
    ["a private registry, fully qualified", "org.private_registry", "registry.example.com/acme/app", false],
    ["Docker Hub, user/repo", "account.dockerhub", "acme/app", false],
    ["Docker Hub, docker.io/user/repo", "account.dockerhub", "docker.io/acme/app", false],
  ])("%s", (_case, connectorRef, repo, refused) => {
    const yaml = pipeline(kubernetes, `type: BuildAndPushDockerRegistry\nname: Push\nidentifier: push\nspec:\n  connectorRef: ${connectorRef}\n  repo: ${repo}\n  tags: [latest]`);
    const problems = check(yaml);
    if (!refused) return expect(problems).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ code: "repository-not-on-registry", severity: "error", field: "spec.repo", value: repo, hint: expect.stringMatching(/write "registry\.example\.com\/acme\/app"/), position: { file: "ci.yaml", line: 21, column: 27 } }),
    ]);
  });

  test("as written without connector files it is not checked (the connector is not known)", () => {
    const yaml = pipeline(kubernetes, docker("", "org.private_registry"));
    expect(validatePipeline(yaml, { asWritten: true })).toEqual([]);
  });
});

describe("an ECR imageName that holds the registry", () => {
  const registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
  test("on Kubernetes it is refused: kaniko-ecr always puts the registry before it", () => {
    const problems = check(pipeline(kubernetes, ecr("", "account.aws_prod", `${registry}/app`)));
    expect(problems).toEqual([expect.objectContaining({ code: "invalid-repository", field: "spec.imageName", message: expect.stringMatching(/doubled/), hint: 'write "app"' })]);
  });

  test("on a VM (and the local runner) it is kept: the drone-docker ECR wrapper prefixes only a repository without it", () => {
    for (const stage of [vm, "platform: {os: Linux, arch: Amd64}\nruntime:\n  type: Docker\n  spec: {}"]) {
      const yaml = pipeline(stage, ecr("", "account.aws_prod", `${registry}/app`));
      expect(check(yaml)).toEqual([]);
      const [step] = planPipeline(yaml, { connectors });
      expect(step!.plan.image).toBe(`${registry}/app`);
      expect(step!.plugin.variables.env["PLUGIN_REPO"]).toBe(`${registry}/app`);
    }
  });

  test("on a VM, another registry in imageName is still refused", () => {
    const problems = check(pipeline(vm, ecr("", "account.aws_prod", "999999999999.dkr.ecr.eu-west-1.amazonaws.com/app")));
    expect(codes(problems)).toEqual(["invalid-repository (error)"]);
  });
});
