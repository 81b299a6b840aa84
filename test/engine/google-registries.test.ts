// Issue 14 for the GCR and GAR steps (issue 16): what a stage says about where it runs reaches
// their Pods, Jobs and docker runs; harnessImageConnectorRef prefixes their plugin images; the
// cross-step checks see their pushes (host/projectID/imageName) and identifiers.
import { connectorsFromValues, stagePlatform, toDockerRun, toKubernetesJobs, toKubernetesPods } from "@buildpush/core";
import { describe, expect, test } from "vitest";
import { exampleConnectors } from "../support/fixtures.js";
import { kubernetesProblems } from "../support/kubernetes-validation.js";
import { problemsOf } from "../support/problems.js";
import { translatePipeline, validatePipeline } from "../support/translator.js";
import { indent, lineOf, stagePipeline } from "./stage-pipeline.js";

const file = "engine.yaml";
const connectors = [
  ...exampleConnectors,
  ...connectorsFromValues([{ identifier: "mirror", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://mirror.example.com:5000/harness/", auth: { type: "UsernamePassword", spec: { username: "puller", passwordRef: "account.mirror_token" } } } }]),
];
const translate = (yaml: string) => translatePipeline(yaml, { file, connectors });

type Google = "BuildAndPushGCR" | "BuildAndPushGAR";
/** What each step pushes: GCR to gcr.io/acme-prod/web, GAR to a repository of us-docker.pkg.dev/acme-prod. */
const registries: Record<Google, { host: string; imageName: string; image: string; plugins: { kubernetes: string; vm: string; buildx: string } }> = {
  BuildAndPushGCR: { host: "gcr.io", imageName: "web", image: "gcr.io/acme-prod/web", plugins: { kubernetes: "plugins/kaniko-gcr", vm: "plugins/gcr", buildx: "plugins/buildx-gcr" } },
  BuildAndPushGAR: { host: "us-docker.pkg.dev", imageName: "images/web", image: "us-docker.pkg.dev/acme-prod/images/web", plugins: { kubernetes: "plugins/kaniko-gar", vm: "plugins/gar", buildx: "plugins/buildx-gar" } },
};
const types = Object.keys(registries) as Google[];

/** A GCR or GAR step entry; `extra` lines go under the step (strategy, when). */
function googleStep(type: Google, identifier = "push", tags = '["1.0"]', extra = ""): string {
  const { host, imageName } = registries[type];
  return `- step:
    type: ${type}
    name: Push ${identifier}
    identifier: ${identifier}
    spec:
      connectorRef: account.gcp
      host: ${host}
      projectID: acme-prod
      imageName: ${imageName}
      tags: ${tags}${extra ? `\n${indent(extra, 4)}` : ""}`;
}

const armKubernetes = `infrastructure:
  type: KubernetesDirect
  spec:
    connectorRef: account.gke
    namespace: builds-arm
    nodeSelector: {kubernetes.io/arch: arm64}
    tolerations:
      - {key: kubernetes.io/arch, operator: Equal, value: arm64, effect: NoSchedule}
    serviceAccountName: builder`;
const armCloud = "platform:\n  os: Linux\n  arch: Arm64\nruntime:\n  type: Cloud\n  spec: {}";
const armSelector = { "kubernetes.io/arch": "arm64" };
const armToleration = [{ key: "kubernetes.io/arch", operator: "Equal", value: "arm64", effect: "NoSchedule" }];

describe.each(types)("%s: the stage's infrastructure reaches its renderings", (type) => {
  test("KubernetesDirect: the stage carries it; the Pod and every Job get the node selector, toleration, namespace and service account", () => {
    const translation = translate(stagePipeline({ spec: armKubernetes, steps: googleStep(type) }));
    expect(translation.stages[0]!.infrastructure).toMatchObject({ type: "KubernetesDirect", namespace: "builds-arm", nodeSelector: armSelector, tolerations: armToleration, serviceAccountName: "builder" });
    const pod = toKubernetesPods(translation.steps, { stages: translation.stages }).objects[0]!;
    expect(pod.metadata.namespace).toBe("builds-arm");
    expect(pod.spec).toMatchObject({ nodeSelector: armSelector, tolerations: armToleration, serviceAccountName: "builder" });
    const job = toKubernetesJobs(translation.steps, { stages: translation.stages }).objects[0]!;
    expect(job.metadata.namespace).toBe("builds-arm");
    expect(job.spec.template.spec).toMatchObject({ nodeSelector: armSelector, tolerations: armToleration, serviceAccountName: "builder" });
    expect(kubernetesProblems(pod)).toEqual([]);
    expect(kubernetesProblems(job)).toEqual([]);
  });

  test("Harness Cloud on Arm64: the stage's platform, and docker run gets --platform linux/arm64", () => {
    const translation = translate(stagePipeline({ spec: armCloud, steps: googleStep(type) }));
    expect(translation.stages[0]!.infrastructure).toMatchObject({ type: "Cloud", platform: { os: "Linux", arch: "Arm64" } });
    const platform = stagePlatform(translation.stages[0]);
    expect(platform).toBe("linux/arm64");
    const argv = toDockerRun(translation.steps[0]!.container, { platform: platform!, secrets: "inherit" });
    expect(argv.slice(0, 5)).toEqual(["docker", "run", "--rm", "--platform", "linux/arm64"]);
  });

  test("an infrastructure value Harness refuses is an error at its line for this step's stage too", () => {
    const yaml = stagePipeline({ spec: armKubernetes.replace("effect: NoSchedule", "effect: NoScheduled"), steps: googleStep(type) });
    expect(problemsOf(() => translate(yaml))).toMatchObject([{ code: "invalid-option", message: "Invalid value NoScheduled for effect in toleration", position: { line: lineOf(yaml, "NoScheduled") } }]);
  });
});

describe.each(types)("%s: harnessImageConnectorRef prefixes its plugin images", (type) => {
  const { plugins } = registries[type];

  test("on Kubernetes: the kaniko plugin image comes from the connector's registry; the login is the Pod's image pull Secret", () => {
    const translation = translate(stagePipeline({ spec: "infrastructure:\n  type: KubernetesDirect\n  spec:\n    connectorRef: account.gke\n    harnessImageConnectorRef: account.mirror", steps: googleStep(type) }));
    expect(translation.steps[0]!.container.image).toMatch(new RegExp(`^mirror\\.example\\.com:5000/harness/${plugins.kubernetes}:`));
    expect(translation.stages[0]!.imagePullLogin).toEqual({ registry: "https://mirror.example.com:5000/harness/", username: "puller", passwordRef: "account.mirror_token" });
    expect(toKubernetesPods(translation.steps, { stages: translation.stages }).objects[0]!.spec.imagePullSecrets).toEqual([{ name: "buildpush-build-image-pull" }]);
  });

  test("on a VM pool: the drone-docker plugin image", () => {
    const translation = translate(stagePipeline({ spec: "infrastructure:\n  type: VM\n  spec:\n    type: Pool\n    spec: {poolName: p, os: Linux, harnessImageConnectorRef: account.mirror}", steps: googleStep(type) }));
    expect(translation.steps[0]!.container.image).toMatch(new RegExp(`^mirror\\.example\\.com:5000/harness/${plugins.vm}:`));
  });

  test("on a VM's buildx path (issue 15): the buildx plugin image", () => {
    const step = googleStep(type).replace('tags: ["1.0"]', 'tags: ["1.0"]\n      caching: true');
    const translation = translate(stagePipeline({ spec: "infrastructure:\n  type: VM\n  spec:\n    type: Pool\n    spec: {poolName: p, os: Linux, harnessImageConnectorRef: account.mirror}", steps: step }));
    expect(translation.steps[0]!.container.image).toMatch(new RegExp(`^mirror\\.example\\.com:5000/harness/${plugins.buildx}:`));
  });

  test("a GCP connector is not one Harness pulls images with: an error at the field", () => {
    const yaml = stagePipeline({ spec: "infrastructure:\n  type: KubernetesDirect\n  spec:\n    connectorRef: account.gke\n    harnessImageConnectorRef: account.gcp", steps: googleStep(type) });
    expect(problemsOf(() => translate(yaml))).toMatchObject([{ code: "wrong-connector-type", field: "pipeline.stages[0].stage.spec.infrastructure.spec.harnessImageConnectorRef", position: { line: lineOf(yaml, "harnessImageConnectorRef") } }]);
  });
});

describe.each(types)("%s: the cross-step checks", (type) => {
  const { image } = registries[type];
  const warningsOf = (yaml: string) => validatePipeline(yaml, { file, connectors }).filter((problem) => problem.code === "duplicate-push");

  test("a stage per architecture, both pushing the same image and tag: a warning at the later tag naming the earlier step", () => {
    const yaml = stagePipeline({ identifier: "amd", steps: googleStep(type) }, { identifier: "arm", spec: armKubernetes, steps: googleStep(type) });
    const [warning, ...more] = warningsOf(yaml);
    expect(more).toEqual([]);
    expect(warning).toMatchObject({ severity: "warning", field: "spec.tags[0]", value: `${image}:1.0`, position: { line: lineOf(yaml, 'tags: ["1.0"]', "identifier: arm") } });
    expect(warning!.message).toMatch(new RegExp(`^${image.replace(/\./g, "\\.")}:1\\.0 is pushed by step amd/push at ${file}:\\d+:\\d+ too`));
    expect(translate(yaml).warnings).toEqual([warning]);
  });

  test("none when each architecture has a tag of its own", () => {
    expect(warningsOf(stagePipeline({ identifier: "amd", steps: googleStep(type, "push", '["1.0-amd64"]') }, { identifier: "arm", spec: armKubernetes, steps: googleStep(type, "push", '["1.0-arm64"]') }))).toEqual([]);
  });

  test("none for the same tag of another project", () => {
    const other = googleStep(type, "other").replace("projectID: acme-prod", "projectID: acme-test");
    expect(warningsOf(stagePipeline({ steps: [googleStep(type), other].join("\n") }))).toEqual([]);
  });

  test("two steps of one identifier in a stage: an error naming both positions", () => {
    const yaml = stagePipeline({ steps: [googleStep(type), googleStep(type, "push", '["2.0"]')].join("\n") });
    const problems = problemsOf(() => translate(yaml)).filter((problem) => problem.code === "invalid-identifier");
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^step identifier push is also the identifier of pipeline\.stages\[0\]\.stage\.spec\.execution\.steps\[0\]\.step \(engine\.yaml:\d+:\d+\)$/);
  });

  test("a matrix over architectures with one tag: its instances overwrite each other, warned; a tag per instance is not", () => {
    const matrix = "strategy:\n  matrix:\n    arch: [amd64, arm64]";
    const same = stagePipeline({ steps: googleStep(type, "push", '["1.0"]', matrix) });
    expect(warningsOf(same).map((warning) => warning.message)).toEqual([expect.stringMatching(/:1\.0 is pushed by step build\/push_0 at /)]);
    const perInstance = translate(stagePipeline({ steps: googleStep(type, "push", '["1.0-<+matrix.arch>"]', matrix) }));
    expect(perInstance.warnings).toEqual([]);
    expect(perInstance.steps.map((step) => [step.identifier, step.container.env["PLUGIN_TAGS"]])).toEqual([
      ["push_0", "1.0-amd64"],
      ["push_1", "1.0-arm64"],
    ]);
  });
});
