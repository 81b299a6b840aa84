import { describe, expect, test } from "vitest";
import { kubernetesProblems } from "../../../../test/support/kubernetes-validation.js";
import type { ContainerSpec, DockerConfigFile, TranslatedStep } from "../backends/container-spec.js";
import { containerName } from "../backends/container-layout.js";
import { toKubernetesJob, toKubernetesJobs, toKubernetesPod, toKubernetesPods } from "./kubernetes.js";
import { problemsOf } from "../../../../test/support/problems.js";

const credentials: DockerConfigFile = {
  kind: "docker-config",
  path: "/kaniko/.docker/config.json",
  auths: [{ registry: "registry.example.com", usernameRef: "org.registry_user", passwordRef: "org.registry_pass" }],
  credHelpers: {},
};

function container(name: string, overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name,
    image: "plugins/kaniko:1.13.3",
    command: ["/kaniko/kaniko-docker"],
    env: { PLUGIN_REPO: "acme/app", PLUGIN_TAGS: "1.0" },
    secretEnv: { PLUGIN_PASSWORD: { ref: "account.dockerhub_token" } },
    workingDir: "/harness",
    resources: { limits: { memory: "500Mi", cpu: "400m" }, requests: { memory: "10Mi", cpu: "10m" } },
    volumeMounts: [
      { name: "harness", mountPath: "/harness" },
      { name: "addon", mountPath: "/addon" },
    ],
    ...overrides,
  };
}

function step(identifier: string, overrides: Partial<TranslatedStep> = {}, spec: Partial<ContainerSpec> = {}): TranslatedStep {
  return { stage: "build", identifier, type: "BuildAndPushDockerRegistry", timeout: "2h", container: container(containerName(identifier), spec), ...overrides };
}

describe("toKubernetesPod", () => {
  test("a stage's steps become the containers of one Pod with Harness's volumes", () => {
    const pod = toKubernetesPod([step("push_docker"), step("push_ecr", { timeout: "3h" }, { volumeMounts: [{ name: "harness", mountPath: "/harness" }, { name: "addon", mountPath: "/addon" }, { name: "shared-0", mountPath: "/cache" }] })]);
    expect(kubernetesProblems(pod)).toEqual([]);
    expect(pod.metadata).toEqual({
      name: "buildpush-build",
      labels: { "app.kubernetes.io/managed-by": "buildpush", "buildpush/stage": "build" },
      annotations: { "buildpush/stage": "build", "buildpush/steps": JSON.stringify({ "step-push-docker": "push_docker", "step-push-ecr": "push_ecr" }) },
    });
    expect(pod.spec.restartPolicy).toBe("Never");
    expect(pod.spec.activeDeadlineSeconds).toBe(3 * 3600);
    expect(pod.spec.containers.map((c) => c.name)).toEqual(["step-push-docker", "step-push-ecr"]);
    expect(pod.spec.volumes).toEqual([
      { name: "harness", emptyDir: {} },
      { name: "addon", emptyDir: {} },
      { name: "shared-0", emptyDir: {} },
    ]);
  });

  test("name, namespace, labels, annotations and service account come from the options", () => {
    const pod = toKubernetesPod([step("push")], { name: "build-42", namespace: "ci", labels: { team: "web" }, annotations: { "example.com/run": "42" }, serviceAccountName: "ecr-pusher" });
    expect(kubernetesProblems(pod)).toEqual([]);
    expect(pod.metadata.name).toBe("build-42");
    expect(pod.metadata.namespace).toBe("ci");
    expect(pod.metadata.labels).toMatchObject({ team: "web", "buildpush/stage": "build" });
    expect(pod.metadata.annotations).toMatchObject({ "example.com/run": "42" });
    expect(pod.spec.serviceAccountName).toBe("ecr-pusher");
  });

  test("the workspace and shared paths can be named volumes", () => {
    const pod = toKubernetesPod([step("push", {}, { volumeMounts: [{ name: "harness", mountPath: "/harness" }, { name: "addon", mountPath: "/addon" }, { name: "shared-0", mountPath: "/cache" }] })], {
      workspace: { persistentVolumeClaim: { claimName: "checkout" } },
      volumes: { "shared-0": { persistentVolumeClaim: { claimName: "build-cache" } }, addon: { emptyDir: { medium: "Memory", sizeLimit: "1Gi" } } },
    });
    expect(kubernetesProblems(pod)).toEqual([]);
    expect(pod.spec.volumes).toEqual([
      { name: "harness", persistentVolumeClaim: { claimName: "checkout" } },
      { name: "addon", emptyDir: { medium: "Memory", sizeLimit: "1Gi" } },
      { name: "shared-0", persistentVolumeClaim: { claimName: "build-cache" } },
    ]);
  });

  test("objects never share the caller's volume sources", () => {
    const claim = { persistentVolumeClaim: { claimName: "checkout" } };
    const { objects } = toKubernetesPods([step("a"), step("b", { stage: "other" })], { workspace: claim });
    const [first, second] = objects.map((pod) => pod.spec.volumes?.find((volume) => volume.name === "harness"));
    expect(first).toEqual({ name: "harness", persistentVolumeClaim: { claimName: "checkout" } });
    expect("persistentVolumeClaim" in first! && "persistentVolumeClaim" in second! && first.persistentVolumeClaim !== second.persistentVolumeClaim && first.persistentVolumeClaim !== claim.persistentVolumeClaim).toBe(true);
  });

  test("the workspace can be filled by an init container that mounts it", () => {
    const pod = toKubernetesPod([step("push")], { workspace: { initContainer: { image: "alpine/git:2.45.2", command: ["git", "clone", "--depth=1", "https://github.com/acme/app.git", "/harness"], env: { GIT_TERMINAL_PROMPT: "0" } } } });
    expect(kubernetesProblems(pod)).toEqual([]);
    expect(pod.spec.initContainers).toEqual([
      {
        name: "init-workspace",
        image: "alpine/git:2.45.2",
        command: ["git", "clone", "--depth=1", "https://github.com/acme/app.git", "/harness"],
        workingDir: "/harness",
        env: [{ name: "GIT_TERMINAL_PROMPT", value: "0" }],
        volumeMounts: [{ name: "harness", mountPath: "/harness" }],
      },
    ]);
    expect(pod.spec.volumes).toContainEqual({ name: "harness", emptyDir: {} });
  });

  test("each container's credentials file gets a volume of its own", () => {
    const pod = toKubernetesPod([step("push_a", {}, { files: [credentials] }), step("push_b", {}, { files: [credentials] })]);
    expect(kubernetesProblems(pod)).toEqual([]);
    const secretVolumes = (pod.spec.volumes ?? []).filter((volume) => "secret" in volume);
    expect(secretVolumes).toEqual([
      { name: "docker-config-0-0", secret: { secretName: "buildpush-build-step-push-a-docker-config", items: [{ key: ".dockerconfigjson", path: "config.json" }] } },
      { name: "docker-config-1-0", secret: { secretName: "buildpush-build-step-push-b-docker-config", items: [{ key: ".dockerconfigjson", path: "config.json" }] } },
    ]);
  });

  test("steps translated for VMs (no mounts) make a Pod without volumes", () => {
    const pod = toKubernetesPod([step("push", {}, { volumeMounts: undefined, workingDir: undefined })]);
    expect(kubernetesProblems(pod)).toEqual([]);
    expect(pod.spec).not.toHaveProperty("volumes");
  });

  test.each([
    ["no steps", [], {}, "steps"],
    ["two stages", [step("a"), step("b", { stage: "deploy" })], {}, "steps"],
    ["an unknown volume", [step("a")], { volumes: { "shared-9": { emptyDir: {} } } }, "volumes.shared-9"],
    ["the workspace through volumes", [step("a")], { volumes: { harness: { emptyDir: {} } } }, "volumes.harness"],
    ["a workspace nobody mounts", [step("a", {}, { volumeMounts: [] })], { workspace: { emptyDir: {} } }, "workspace"],
    ["a bad Pod name", [step("a")], { name: "Build_Pod" }, "name"],
    ["a bad namespace", [step("a")], { namespace: "ci.prod" }, "name"],
    ["a bad label value", [step("a")], { labels: { team: "web team" } }, "labels.team"],
    ["a bad label key", [step("a")], { labels: { "a/b/c": "x" } }, "labels.a/b/c"],
    ["a bad annotation key", [step("a")], { annotations: { "-x": "y" } }, "annotations.-x"],
    ["a bad service account", [step("a")], { serviceAccountName: "Pusher" }, "name"],
    ["an init container clashing with a step", [step("a", {}, { name: "init-workspace" } as Partial<ContainerSpec>)], { workspace: { initContainer: { image: "alpine/git" } } }, "containers"],
    ["an init container with a bad env name", [step("a")], { workspace: { initContainer: { image: "alpine/git", env: { "GIT-DIR": "x" } } } }, "workspace.initContainer.env.GIT-DIR"],
    ["an init container with no image reference", [step("a")], { workspace: { initContainer: { image: "Alpine Git" } } }, "workspace.initContainer.image"],
    ["an init container name that is no label", [step("a")], { workspace: { initContainer: { image: "alpine/git", name: "Init" } } }, "workspace.initContainer.name"],
    ["two steps with one container name", [step("a"), step("b", {}, { name: "step-a" } as Partial<ContainerSpec>)], {}, "containers"],
  ] as [string, TranslatedStep[], Parameters<typeof toKubernetesPod>[1], string][])("refuses %s", (_what, steps, options, field) => {
    expect(problemsOf(() => toKubernetesPod(steps, options))).toMatchObject([{ code: "invalid-option", field }]);
  });
});

describe("toKubernetesJob", () => {
  test("one step as a Job: labels, deadline from the timeout, no retries, Never restarts", () => {
    const job = toKubernetesJob(step("push_docker", { timeout: "1h 30m" }));
    expect(kubernetesProblems(job)).toEqual([]);
    expect(job.apiVersion).toBe("batch/v1");
    expect(job.metadata.name).toBe("buildpush-build-push-docker");
    const labels = { "app.kubernetes.io/managed-by": "buildpush", "buildpush/stage": "build", "buildpush/step": "push_docker" };
    const annotations = { "buildpush/stage": "build", "buildpush/step": "push_docker", "buildpush/step-type": "BuildAndPushDockerRegistry" };
    expect(job.metadata.labels).toEqual(labels);
    expect(job.metadata.annotations).toEqual(annotations);
    expect(job.spec.backoffLimit).toBe(0);
    expect(job.spec.activeDeadlineSeconds).toBe(5400);
    expect(job.spec.template.metadata).toEqual({ labels, annotations });
    expect(job.spec.template.spec.restartPolicy).toBe("Never");
    expect(job.spec.template.spec).not.toHaveProperty("activeDeadlineSeconds");
    expect(job.spec.template.spec.containers).toHaveLength(1);
  });

  test("options: name, retries, time to live, workspace from an init container", () => {
    const job = toKubernetesJob(step("push"), { name: "push-42", backoffLimit: 2, ttlSecondsAfterFinished: 600, workspace: { initContainer: { image: "alpine/git:2.45.2", args: ["clone", "https://github.com/acme/app.git", "."] } } });
    expect(kubernetesProblems(job)).toEqual([]);
    expect(job.metadata.name).toBe("push-42");
    expect(job.spec.backoffLimit).toBe(2);
    expect(job.spec.ttlSecondsAfterFinished).toBe(600);
    expect(job.spec.template.spec.initContainers?.[0]?.args).toEqual(["clone", "https://github.com/acme/app.git", "."]);
  });

  test("the Job's credentials Secret is named after the Job alone, its only container", () => {
    const { objects, secrets } = toKubernetesJobs([step("push_docker", {}, { files: [credentials] })]);
    expect(kubernetesProblems(objects[0])).toEqual([]);
    expect(secrets).toContainEqual({ kind: "docker-config", name: "buildpush-build-push-docker-docker-config", file: credentials });
    expect(objects[0]!.spec.template.spec.volumes).toContainEqual({ name: "docker-config-0", secret: { secretName: "buildpush-build-push-docker-docker-config", items: [{ key: ".dockerconfigjson", path: "config.json" }] } });
  });

  test("the Job's and its template's metadata are separate objects", () => {
    const job = toKubernetesJob(step("push"));
    job.spec.template.metadata.labels!["extra"] = "x";
    expect(job.metadata.labels).not.toHaveProperty("extra");
  });

  test("a step identifier that is no label value keeps its exact form in the annotation", () => {
    const job = toKubernetesJob(step(`_${"x".repeat(70)}`));
    expect(kubernetesProblems(job)).toEqual([]);
    expect(job.metadata.labels?.["buildpush/step"]).toBe("x".repeat(62));
    expect(job.metadata.annotations?.["buildpush/step"]).toBe(`_${"x".repeat(70)}`);
    expect(job.metadata.name.length).toBeLessThanOrEqual(63);
  });

  test.each([
    [{ name: "a".repeat(64) }, "name"],
    [{ name: "push.42" }, "name"],
    [{ backoffLimit: -1 }, "backoffLimit"],
    [{ backoffLimit: 1.5 }, "backoffLimit"],
    [{ ttlSecondsAfterFinished: -5 }, "ttlSecondsAfterFinished"],
  ])("refuses %j", (options, field) => {
    expect(problemsOf(() => toKubernetesJob(step("push"), options))).toMatchObject([{ code: "invalid-option", field }]);
  });

  test("a timeout that is no duration is refused", () => {
    expect(problemsOf(() => toKubernetesJob(step("push", { timeout: "soon" })))).toMatchObject([{ code: "invalid-timeout" }]);
  });
});

describe("toKubernetesPods and toKubernetesJobs", () => {
  test("a Pod per stage in order, names kept apart, required Secrets listed once", () => {
    const steps = [step("a"), step("b", { stage: "Build" }), step("c", { stage: "build" }, { files: [credentials] })];
    const { objects, secrets } = toKubernetesPods(steps, { namespace: "ci" });
    for (const pod of objects) expect(kubernetesProblems(pod)).toEqual([]);
    expect(objects.map((pod) => [pod.metadata.name, pod.spec.containers.map((c) => c.name)])).toEqual([
      ["buildpush-build", ["step-a", "step-c"]],
      ["buildpush-build-2", ["step-b"]],
    ]);
    expect(secrets).toEqual([
      { kind: "key", ref: "account.dockerhub_token", name: "account.dockerhub-token", key: "value" },
      { kind: "docker-config", name: "buildpush-build-step-c-docker-config", file: credentials },
    ]);
  });

  test("a Job per step, names kept apart", () => {
    const { objects } = toKubernetesJobs([step("push"), step("push", { stage: "build" }), step("Push")]);
    for (const job of objects) expect(kubernetesProblems(job)).toEqual([]);
    expect(objects.map((job) => job.metadata.name)).toEqual(["buildpush-build-push", "buildpush-build-push-2", "buildpush-build-push-3"]);
  });

  test("two credentials files given one Secret name by the caller is an error", () => {
    const other = { ...credentials, auths: [{ registry: "other.example.com", passwordRef: "org.other" }] };
    const steps = [step("a", {}, { files: [credentials] }), step("b", {}, { files: [other] })];
    expect(problemsOf(() => toKubernetesJobs(steps, { dockerConfigSecretName: () => "shared-config" }))).toMatchObject([{ code: "invalid-option", field: "dockerConfigSecretName" }]);
  });
});

describe("problems of one step", () => {
  test("carry the step's position in the pipeline file", () => {
    const position = { file: "pipeline.yaml", line: 12, column: 9 };
    const bad = step("push", { position }, { securityContext: { runAsNonRoot: true, runAsUser: 0 } });
    expect(problemsOf(() => toKubernetesJob(bad))).toMatchObject([{ code: "invalid-run-as-user", position }]);
    expect(problemsOf(() => toKubernetesPod([step("ok"), bad]))).toMatchObject([{ code: "invalid-run-as-user", position }]);
    expect(problemsOf(() => toKubernetesJob(step("push", { position, timeout: "soon" })))).toMatchObject([{ code: "invalid-timeout", position }]);
  });
});
