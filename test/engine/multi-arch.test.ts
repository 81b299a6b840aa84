// The overview seed's multi-architecture pipeline (test/engine/multi-arch.yaml): a stage per
// architecture, each pushing my-repo/ciquickstart:1.0. What the arm64 stage says about where it
// runs must reach every rendering, and the second push of the same tag must not go unsaid.
import { parseConnectorFile, toKubernetesJobs, toKubernetesPods, type KubernetesJob, type KubernetesPod } from "@buildpush/core";
import { describe, expect, test } from "vitest";
import { readRepoFile } from "../support/fixtures.js";
import { kubernetesProblems } from "../support/kubernetes-validation.js";
import { runCli } from "../support/run-cli.js";
import { translatePipeline, validatePipeline } from "../support/translator.js";

const file = "test/engine/multi-arch.yaml";
const yaml = readRepoFile(file);
const connectorYaml = `connector:
  identifier: my_docker_hub
  name: my docker hub
  orgIdentifier: default
  projectIdentifier: my_project
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://index.docker.io/v2/
    providerType: DockerHub
    auth:
      type: UsernamePassword
      spec:
        username: ci
        passwordRef: account.docker_hub_token
`;
const connectorFile = "connectors/my-docker-hub.yaml";
const connectors = parseConnectorFile(connectorYaml, connectorFile);
// The CLI resolves the pipeline's expressions, so the codebase's runtime input needs a value.
const inputSetFile = "input-sets/main-branch.yaml";
const inputSetYaml = `inputSet:
  identifier: main_branch
  pipeline:
    properties:
      ci:
        codebase:
          build:
            type: branch
            spec:
              branch: main
`;
const cliFiles = { [connectorFile]: connectorYaml, [inputSetFile]: inputSetYaml };

const armSelector = { "kubernetes.io/arch": "arm64" };
const armToleration = [{ key: "kubernetes.io/arch", operator: "Equal", value: "arm64", effect: "NoSchedule" }];

describe("the seed's multi-architecture pipeline", () => {
  const translation = translatePipeline(yaml, { file, connectors });

  test("each stage is in the translation with its infrastructure", () => {
    expect(translation.stages).toEqual([
      { identifier: "upload", name: "K8", infrastructure: { type: "KubernetesDirect", connectorRef: "K8Linux", namespace: "ci", nodeSelector: {}, automountServiceAccountToken: true, os: "Linux" } },
      {
        identifier: "CI_Golden_ARM",
        name: "K8s Linux arm",
        infrastructure: { type: "KubernetesDirect", connectorRef: "k8sarm", namespace: "ci-gold-arm-delegate", nodeSelector: armSelector, tolerations: armToleration, automountServiceAccountToken: true, os: "Linux" },
      },
    ]);
    expect(translation.steps.map((step) => `${step.stage}/${step.identifier}`)).toEqual(["upload/DockerPushStep", "CI_Golden_ARM/DockerPushStep"]);
  });

  test("the arm64 stage's Pod carries its nodeSelector, toleration, namespace and token mount; the amd64 one none of the arm64 placement", () => {
    const { objects } = toKubernetesPods(translation.steps, { stages: translation.stages });
    const [amd, arm] = objects as [KubernetesPod, KubernetesPod];
    expect(arm.metadata.namespace).toBe("ci-gold-arm-delegate");
    expect(arm.spec.nodeSelector).toEqual(armSelector);
    expect(arm.spec.tolerations).toEqual(armToleration);
    expect(arm.spec.automountServiceAccountToken).toBe(true);
    expect(amd.metadata.namespace).toBe("ci");
    expect(amd.spec.nodeSelector).toBeUndefined();
    expect(amd.spec.tolerations).toBeUndefined();
    for (const pod of objects) expect(kubernetesProblems(pod)).toEqual([]);
  });

  test("so does the arm64 step's Job, in its Pod template", () => {
    const { objects } = toKubernetesJobs(translation.steps, { stages: translation.stages });
    const arm = objects[1] as KubernetesJob;
    expect(arm.metadata.namespace).toBe("ci-gold-arm-delegate");
    expect(arm.spec.template.spec.nodeSelector).toEqual(armSelector);
    expect(arm.spec.template.spec.tolerations).toEqual(armToleration);
    for (const job of objects) expect(kubernetesProblems(job)).toEqual([]);
  });

  test("the second push of my-repo/ciquickstart:1.0 is a warning naming both steps; the pipeline still translates", () => {
    expect(translation.warnings).toMatchObject([
      {
        code: "duplicate-push",
        severity: "warning",
        field: "spec.tags[0]",
        value: "my-repo/ciquickstart:1.0",
        message: `my-repo/ciquickstart:1.0 is pushed by step upload/DockerPushStep at ${file}:61:19 too: the later push replaces the earlier image`,
        position: { file, line: 129, column: 25 },
      },
    ]);
    expect(translation.warnings[0]!.hint).toContain("manifest list");
    expect(validatePipeline(yaml, { file, connectors }).map((problem) => problem.code)).toEqual(["duplicate-push"]);
  });

  describe("through the CLI", () => {
    const args = (...more: string[]) => ["translate", file, "--connectors", connectorFile, "--input-set", inputSetFile, ...more];

    test("the JSON lists the stages with their infrastructure; the warning goes to stderr with its line", async () => {
      const { code, stdout, stderr } = await runCli(args(), cliFiles);
      expect(code).toBe(0);
      const output = JSON.parse(stdout) as { stages: unknown[]; steps: unknown[] };
      expect(Object.keys(output)).toEqual(["stages", "steps"]);
      expect(output.stages).toEqual(translation.stages);
      expect(stderr).toBe(`${file}:129:25: warning: spec.tags[0]: my-repo/ciquickstart:1.0 is pushed by step upload/DockerPushStep at ${file}:61:19 too: the later push replaces the earlier image (rule: ${translation.warnings[0]!.rule}; ${translation.warnings[0]!.hint}) [duplicate-push]\n`);
    });

    test.each([
      ["Pods", [], "  "],
      ["Jobs", ["--job"], "      "],
    ])("--format kubernetes (%s): the arm64 object carries the placement, the amd64 one does not", async (_, extra, indent) => {
      const { code, stdout } = await runCli(args("--format", "kubernetes", ...extra), cliFiles);
      expect(code).toBe(0);
      const [amd, arm] = stdout.split("\n---\n") as [string, string];
      const placement = [`${indent}nodeSelector:`, `${indent}  kubernetes.io/arch: arm64`, `${indent}tolerations:`, `${indent}  - key: kubernetes.io/arch`, `${indent}    operator: Equal`, `${indent}    value: arm64`, `${indent}    effect: NoSchedule`].join("\n");
      expect(arm).toContain(placement);
      expect(arm).toContain("  namespace: ci-gold-arm-delegate\n");
      expect(amd).not.toContain("tolerations:");
    });

    test("--format docker: the arm64 step runs with --platform linux/arm64, the amd64 one (which names no architecture) without", async () => {
      const { code, stdout } = await runCli(args("--format", "docker"), cliFiles);
      expect(code).toBe(0);
      const [amd, arm] = stdout.trim().split("\n").map((line) => JSON.parse(line) as string[]);
      expect(arm!.slice(0, 5)).toEqual(["docker", "run", "--rm", "--platform", "linux/arm64"]);
      expect(amd).not.toContain("--platform");
    });

    test("validate prints the warning and exits 0", async () => {
      const { code, stdout, stderr } = await runCli(["validate", file, "--connectors", connectorFile], cliFiles);
      expect(code).toBe(0);
      expect(stdout).toContain(`${file}:129:25: warning: spec.tags[0]: my-repo/ciquickstart:1.0 is pushed by step upload/DockerPushStep`);
      expect(stderr).toBe(`${file}: 2 build-and-push steps, 1 warning\n`);
    });
  });
});
