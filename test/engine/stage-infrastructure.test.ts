// Golden tables for each stage infrastructure field (gcr-gar-and-infrastructure.md §8–9):
// Harness's rule, what the translation carries, and what reaches the stage's Pod (and every
// Job's Pod, and docker run). Then every value Harness (or Kubernetes) refuses, at its line.
import { connectorsFromValues, stagePlatform, toDockerRun, toKubernetesJobs, toKubernetesPods, type KubernetesPod, type Problem } from "@buildpush/core";
import { describe, expect, test } from "vitest";
import { exampleConnectors } from "../support/fixtures.js";
import { kubernetesProblems } from "../support/kubernetes-validation.js";
import { problemsOf } from "../support/problems.js";
import { translatePipeline } from "../support/translator.js";
import { buildStep, indent, lineOf, stagePipeline } from "./stage-pipeline.js";

const file = "engine.yaml";
const kubernetes = (lines: string): string => `infrastructure:\n  type: KubernetesDirect\n  spec:\n    connectorRef: account.k8s\n${indent(lines, 4)}`;
const translate = (yaml: string) => translatePipeline(yaml, { file, connectors: exampleConnectors });

interface Accepted {
  /** The stage's spec lines. */
  spec: string;
  /** Harness's rule, in words (the row's title). */
  rule: string;
  /** What translatePipeline's stage carries. */
  infrastructure: Record<string, unknown>;
  /** What reaches the Pod (a partial object), or undefined when nothing does. */
  pod?: Record<string, unknown>;
}

const accepted: [string, Accepted][] = [
  ["namespace", { spec: kubernetes("namespace: builds"), rule: "metadata.namespace", infrastructure: { namespace: "builds" }, pod: { metadata: { namespace: "builds" } } }],
  [
    "labels",
    {
      spec: kubernetes("labels:\n  team: platform\n  buildpush/stage: mine"),
      rule: "merged over the labels Harness (here: buildpush) sets; user labels win",
      infrastructure: { labels: { team: "platform", "buildpush/stage": "mine" } },
      pod: { metadata: { labels: { "app.kubernetes.io/managed-by": "buildpush", "buildpush/stage": "mine", team: "platform" } } },
    },
  ],
  ["annotations", { spec: kubernetes('annotations:\n  owner: "platform team"'), rule: "metadata.annotations", infrastructure: { annotations: { owner: "platform team" } }, pod: { metadata: { annotations: { owner: "platform team" } } } }],
  ["nodeSelector", { spec: kubernetes("nodeSelector:\n  kubernetes.io/arch: arm64\n  pool: builds"), rule: "spec.nodeSelector", infrastructure: { nodeSelector: { "kubernetes.io/arch": "arm64", pool: "builds" } }, pod: { spec: { nodeSelector: { "kubernetes.io/arch": "arm64", pool: "builds" } } } }],
  [
    "tolerations",
    {
      spec: kubernetes('tolerations:\n  - {key: dedicated, operator: Equal, value: ci, effect: NoSchedule}\n  - {key: spot, operator: Exists, value: "", effect: NoExecute, tolerationSeconds: 300}\n  - {operator: Exists}'),
      rule: "spec.tolerations; effect NoSchedule/PreferNoSchedule/NoExecute, operator Equal/Exists; empty fields left out",
      infrastructure: { tolerations: [{ key: "dedicated", operator: "Equal", value: "ci", effect: "NoSchedule" }, { key: "spot", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }, { operator: "Exists" }] },
      pod: { spec: { tolerations: [{ key: "dedicated", operator: "Equal", value: "ci", effect: "NoSchedule" }, { key: "spot", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }, { operator: "Exists" }] } },
    },
  ],
  ["serviceAccountName", { spec: kubernetes("serviceAccountName: builder"), rule: "spec.serviceAccountName", infrastructure: { serviceAccountName: "builder" }, pod: { spec: { serviceAccountName: "builder" } } }],
  ["automountServiceAccountToken false", { spec: kubernetes("automountServiceAccountToken: false"), rule: "spec.automountServiceAccountToken as given", infrastructure: { automountServiceAccountToken: false }, pod: { spec: { automountServiceAccountToken: false } } }],
  ['automountServiceAccountToken "true"', { spec: kubernetes('automountServiceAccountToken: "true"'), rule: "a boolean written as a string is read as Harness reads it", infrastructure: { automountServiceAccountToken: true }, pod: { spec: { automountServiceAccountToken: true } } }],
  ["priorityClassName", { spec: kubernetes("priorityClassName: ci-low"), rule: "spec.priorityClassName", infrastructure: { priorityClassName: "ci-low" }, pod: { spec: { priorityClassName: "ci-low" } } }],
  ["runAsUser", { spec: kubernetes("runAsUser: 1000"), rule: "the Pod's securityContext.runAsUser", infrastructure: { runAsUser: 1000 }, pod: { spec: { securityContext: { runAsUser: 1000 } } } }],
  ['runAsUser ""', { spec: kubernetes('runAsUser: ""'), rule: "an empty value is not set (the seed writes it so)", infrastructure: {} }],
  [
    "containerSecurityContext",
    {
      spec: kubernetes("containerSecurityContext:\n  runAsNonRoot: true\n  runAsUser: 1000\n  capabilities: {drop: [ALL]}"),
      rule: "copied onto every container",
      infrastructure: { containerSecurityContext: { runAsUser: 1000, runAsNonRoot: true, capabilities: { drop: ["ALL"] } } },
      pod: { spec: { containers: [{ securityContext: { runAsUser: 1000, runAsNonRoot: true, capabilities: { drop: ["ALL"] } } }] } },
    },
  ],
  ["hostNames", { spec: kubernetes("hostNames: [cache.internal, registry.internal]"), rule: "one hostAliases entry, ip 127.0.0.1, all names", infrastructure: { hostNames: ["cache.internal", "registry.internal"] }, pod: { spec: { hostAliases: [{ ip: "127.0.0.1", hostnames: ["cache.internal", "registry.internal"] }] } } }],
  [
    "volumes: EmptyDir",
    {
      spec: kubernetes("volumes:\n  - mountPath: /cache\n    type: EmptyDir\n    spec: {medium: Memory, size: 1G}\n  - mountPath: /scratch\n    type: EmptyDir\n    spec: {size: 1.5Gi}"),
      rule: "volume-N, mounted in every container; size rounded up to Mi",
      infrastructure: { volumes: [{ type: "EmptyDir", mountPath: "/cache", medium: "Memory", sizeLimit: "954Mi" }, { type: "EmptyDir", mountPath: "/scratch", sizeLimit: "1536Mi" }] },
      pod: {
        spec: {
          containers: [{ volumeMounts: [{ name: "harness" }, { name: "addon" }, { name: "volume-0", mountPath: "/cache" }, { name: "volume-1", mountPath: "/scratch" }] }],
          volumes: [{ name: "harness" }, { name: "addon" }, { name: "volume-0", emptyDir: { medium: "Memory", sizeLimit: "954Mi" } }, { name: "volume-1", emptyDir: { sizeLimit: "1536Mi" } }],
        },
      },
    },
  ],
  [
    "volumes: PersistentVolumeClaim",
    {
      spec: kubernetes("volumes:\n  - mountPath: /cache\n    type: PersistentVolumeClaim\n    spec: {claimName: build-cache, readOnly: true}"),
      rule: "persistentVolumeClaim; readOnly carried (HC23 drops it: docs/conformance.md)",
      infrastructure: { volumes: [{ type: "PersistentVolumeClaim", mountPath: "/cache", claimName: "build-cache", readOnly: true }] },
      pod: { spec: { volumes: [{ name: "harness" }, { name: "addon" }, { name: "volume-0", persistentVolumeClaim: { claimName: "build-cache", readOnly: true } }] } },
    },
  ],
  [
    "volumes: HostPath",
    {
      spec: kubernetes("volumes:\n  - mountPath: /var/lib/cache\n    type: HostPath\n    spec: {path: /mnt/cache, type: DirectoryOrCreate}"),
      rule: "hostPath with its type",
      infrastructure: { volumes: [{ type: "HostPath", mountPath: "/var/lib/cache", path: "/mnt/cache", hostPathType: "DirectoryOrCreate" }] },
      pod: { spec: { volumes: [{ name: "harness" }, { name: "addon" }, { name: "volume-0", hostPath: { path: "/mnt/cache", type: "DirectoryOrCreate" } }] } },
    },
  ],
  ["initTimeout", { spec: kubernetes("initTimeout: 10m"), rule: "how long the engine waits for the Pod: no Pod field", infrastructure: { initTimeout: "10m" } }],
  ["os", { spec: kubernetes("os: Linux"), rule: "Linux pods (Windows refuses build-and-push steps)", infrastructure: { os: "Linux" } }],
  ["imagePullPolicy", { spec: kubernetes("imagePullPolicy: Always"), rule: "every container's imagePullPolicy", infrastructure: { imagePullPolicy: "Always" }, pod: { spec: { containers: [{ imagePullPolicy: "Always" }] } } }],
  ["harnessImageConnectorRef", { spec: kubernetes("harnessImageConnectorRef: account.dockerhub"), rule: "the Docker connector Harness's own images come from", infrastructure: { harnessImageConnectorRef: "account.dockerhub" } }],
];

describe("KubernetesDirect: each field as Harness applies it", () => {
  test.each(accepted)("%s", (_, row) => {
    const yaml = stagePipeline({ spec: row.spec });
    const translation = translate(yaml);
    expect(translation.stages.map(({ identifier, name, infrastructure }) => ({ identifier, name, infrastructure }))).toEqual([{ identifier: "build", name: "build", infrastructure: { type: "KubernetesDirect", connectorRef: "account.k8s", ...row.infrastructure } }]);
    const pod = toKubernetesPods(translation.steps, { stages: translation.stages }).objects[0]!;
    const job = toKubernetesJobs(translation.steps, { stages: translation.stages }).objects[0]!;
    if (row.pod) {
      expect(pod).toMatchObject(row.pod);
      // The Job's Pod gets the same placement; its metadata the same namespace.
      const { metadata, spec } = row.pod as { metadata?: { namespace?: string }; spec?: object };
      if (spec) expect(job.spec.template.spec).toMatchObject(spec);
      if (metadata?.namespace) expect(job.metadata.namespace).toBe(metadata.namespace);
    }
    expect(kubernetesProblems(pod)).toEqual([]);
    expect(kubernetesProblems(job)).toEqual([]);
  });

  test("without the stages, a rendering applies none of it (the caller chose so)", () => {
    const translation = translate(stagePipeline({ spec: kubernetes("nodeSelector: {kubernetes.io/arch: arm64}") }));
    expect(toKubernetesPods(translation.steps).objects[0]!.spec.nodeSelector).toBeUndefined();
  });

  test("the caller's namespace and service account go over the stage's", () => {
    const translation = translate(stagePipeline({ spec: kubernetes("namespace: builds\nserviceAccountName: builder") }));
    const pod = toKubernetesPods(translation.steps, { stages: translation.stages, namespace: "other", serviceAccountName: "pusher" }).objects[0] as KubernetesPod;
    expect(pod.metadata.namespace).toBe("other");
    expect(pod.spec.serviceAccountName).toBe("pusher");
  });

  test("stages that do not hold the step's stage are refused rather than silently not applied", () => {
    const translation = translate(stagePipeline({ spec: kubernetes("namespace: builds") }));
    expect(problemsOf(() => toKubernetesPods(translation.steps, { stages: [] }))).toMatchObject([{ code: "invalid-option", field: "stages" }]);
  });
});

describe("VM and Harness Cloud: platform and runtime", () => {
  const cloud = (platform: string, runtime = "runtime:\n  type: Cloud\n  spec: {}") => `${platform}\n${runtime}`;
  test.each([
    ["platform, read in any case", cloud("platform: {os: linux, arch: arm64}"), { type: "Cloud", platform: { os: "Linux", arch: "Arm64" } }, "linux/arm64"],
    ["platform Amd64", cloud("platform: {os: Linux, arch: Amd64}"), { type: "Cloud", platform: { os: "Linux", arch: "Amd64" } }, "linux/amd64"],
    ["platform without arch: no --platform (the machine's own)", cloud("platform: {os: Linux}"), { type: "Cloud", platform: { os: "Linux" } }, undefined],
    ["Cloud runtime spec", cloud("platform: {os: Linux, arch: Amd64}", "runtime:\n  type: Cloud\n  spec: {size: large, imageName: ubuntu-latest, nestedVirtualization: true}"), { type: "Cloud", platform: { os: "Linux", arch: "Amd64" }, runtime: { size: "large", imageName: "ubuntu-latest", nestedVirtualization: true } }, "linux/amd64"],
    ["Docker runtime", cloud("platform: {os: Linux, arch: Arm64}", "runtime:\n  type: Docker\n  spec: {}"), { type: "Docker", platform: { os: "Linux", arch: "Arm64" } }, "linux/arm64"],
    ["VM pool", "infrastructure:\n  type: VM\n  spec:\n    type: Pool\n    spec: {poolName: linux-arm, os: Linux, initTimeout: 15m}", { type: "VM", platform: { os: "Linux" }, poolName: "linux-arm", initTimeout: "15m" }, undefined],
    ["a Mac's containers are Linux ones", cloud("platform: {os: MacOS, arch: Arm64}"), { type: "Cloud", platform: { os: "MacOS", arch: "Arm64" } }, "linux/arm64"],
  ])("%s", (_, spec, infrastructure, platform) => {
    const translation = translate(stagePipeline({ spec }));
    expect(translation.stages[0]!.infrastructure).toEqual(infrastructure);
    expect(stagePlatform(translation.stages[0])).toBe(platform);
    const argv = toDockerRun(translation.steps[0]!.container, { secrets: "inherit", ...(platform ? { platform } : {}) });
    if (platform) expect(argv.slice(0, 5)).toEqual(["docker", "run", "--rm", "--platform", platform]);
    else expect(argv).not.toContain("--platform");
  });

  test("a Kubernetes stage's nodeSelector arch is its docker platform too", () => {
    const translation = translate(stagePipeline({ spec: kubernetes("nodeSelector: {kubernetes.io/arch: arm64}") }));
    expect(stagePlatform(translation.stages[0])).toBe("linux/arm64");
  });

  test("platform on a KubernetesDirect stage is a warning: Harness ignores it there", () => {
    const translation = translate(stagePipeline({ spec: `${kubernetes("namespace: builds")}\nplatform: {os: Linux, arch: Arm64}` }));
    expect(translation.warnings).toMatchObject([{ severity: "warning", field: "pipeline.stages[0].stage.spec.platform", message: "platform is ignored on a KubernetesDirect stage" }]);
  });
});

interface Refused {
  spec: string;
  code: Problem["code"];
  /** The field, from the stage's spec. */
  field: string;
  message: RegExp | string;
  /** Text on the line the problem points at. */
  line: string;
}

const refused: [string, Refused][] = [
  ["a toleration effect outside Harness's set", { spec: kubernetes("tolerations:\n  - {key: a, operator: Equal, value: b, effect: NoScheduled}"), code: "invalid-option", field: "infrastructure.spec.tolerations[0].effect", message: "Invalid value NoScheduled for effect in toleration", line: "NoScheduled" }],
  ["a toleration operator outside Harness's set", { spec: kubernetes("tolerations:\n  - key: a\n    operator: In\n    value: b"), code: "invalid-option", field: "infrastructure.spec.tolerations[0].operator", message: "Invalid value In for operator in toleration", line: "operator: In" }],
  ["a value with operator Exists (Kubernetes)", { spec: kubernetes("tolerations:\n  - key: a\n    operator: Exists\n    value: b"), code: "invalid-option", field: "infrastructure.spec.tolerations[0].value", message: /operator Exists cannot have a value/, line: "value: b" }],
  ["no key without operator Exists (Kubernetes)", { spec: kubernetes("tolerations:\n  - effect: NoSchedule"), code: "invalid-option", field: "infrastructure.spec.tolerations[0].operator", message: /without a key must have operator Exists/, line: "- effect: NoSchedule" }],
  ["tolerationSeconds without NoExecute (Kubernetes)", { spec: kubernetes("tolerations:\n  - key: a\n    operator: Exists\n    effect: NoSchedule\n    tolerationSeconds: 60"), code: "invalid-option", field: "infrastructure.spec.tolerations[0].tolerationSeconds", message: /effect is NoSchedule/, line: "tolerationSeconds: 60" }],
  ["a malformed EmptyDir size", { spec: kubernetes("volumes:\n  - mountPath: /cache\n    type: EmptyDir\n    spec: {size: 1GB}"), code: "invalid-option", field: "infrastructure.spec.volumes[0].spec.size", message: 'size "1GB" is not valid', line: "1GB" }],
  [
    "privileged with allowPrivilegeEscalation false",
    { spec: kubernetes("containerSecurityContext:\n  privileged: true\n  allowPrivilegeEscalation: false"), code: "invalid-option", field: "infrastructure.spec.containerSecurityContext.allowPrivilegeEscalation", message: /'allowPrivilegeEscalation' field cannot be set to 'false' while the 'privileged' field is 'true'/, line: "allowPrivilegeEscalation: false" },
  ],
  ["a misspelt field", { spec: kubernetes("nodeSelecter: {kubernetes.io/arch: arm64}"), code: "unknown-field", field: "infrastructure.spec.nodeSelecter", message: 'unknown field "nodeSelecter" in the KubernetesDirect infrastructure', line: "nodeSelecter" }],
  ["a namespace Kubernetes refuses", { spec: kubernetes("namespace: Builds_1"), code: "invalid-option", field: "infrastructure.spec.namespace", message: 'namespace "Builds_1" is not valid', line: "Builds_1" }],
  ["an unresolved runtime input", { spec: kubernetes("namespace: <+input>"), code: "unresolved-input", field: "infrastructure.spec.namespace", message: 'namespace holds "<+input>", which was never resolved', line: "<+input>" }],
  ["a node selector value Kubernetes refuses", { spec: kubernetes('nodeSelector: {pool: "arm 64"}'), code: "invalid-map-entry", field: 'infrastructure.spec.nodeSelector.pool', message: 'nodeSelector.pool "arm 64" is not valid', line: "arm 64" }],
  ["a node selector that is a list", { spec: kubernetes("nodeSelector: [arm64]"), code: "wrong-type", field: "infrastructure.spec.nodeSelector", message: "nodeSelector must be a map, found a list", line: "[arm64]" }],
  ["a boolean written as yes", { spec: kubernetes("automountServiceAccountToken: yes"), code: "wrong-type", field: "infrastructure.spec.automountServiceAccountToken", message: 'automountServiceAccountToken cannot be the string "yes"', line: "automountServiceAccountToken" }],
  ["a pod runAsUser that is no number", { spec: kubernetes("runAsUser: root"), code: "invalid-run-as-user", field: "infrastructure.spec.runAsUser", message: "runAsUser root is not a whole number from 0 to 2147483647", line: "runAsUser: root" }],
  ["hostNames as a string", { spec: kubernetes("hostNames: cache.internal"), code: "wrong-type", field: "infrastructure.spec.hostNames", message: "hostNames must be a list", line: "hostNames" }],
  ["a volume at /harness", { spec: kubernetes("volumes:\n  - mountPath: /harness\n    type: EmptyDir"), code: "invalid-path", field: "infrastructure.spec.volumes[0].mountPath", message: /\/harness is already mounted there/, line: "mountPath: /harness" }],
  ["two volumes at one path", { spec: kubernetes("volumes:\n  - mountPath: /cache\n    type: EmptyDir\n  - mountPath: /cache/\n    type: EmptyDir"), code: "invalid-path", field: "infrastructure.spec.volumes[1].mountPath", message: /volumes\[0\] is mounted there too/, line: "mountPath: /cache/" }],
  ["a volume at a shared path", { spec: `sharedPaths: [/cache]\n${kubernetes("volumes:\n  - mountPath: /cache\n    type: EmptyDir")}`, code: "invalid-path", field: "infrastructure.spec.volumes[0].mountPath", message: /is a shared path too/, line: "mountPath: /cache" }],
  ["a volume type Harness does not know", { spec: kubernetes("volumes:\n  - mountPath: /cache\n    type: Secret"), code: "invalid-option", field: "infrastructure.spec.volumes[0].type", message: 'type "Secret" is not one Harness accepts', line: "type: Secret" }],
  ["a claim without claimName", { spec: kubernetes("volumes:\n  - mountPath: /cache\n    type: PersistentVolumeClaim\n    spec: {readOnly: true}"), code: "missing-field", field: "infrastructure.spec.volumes[0].spec", message: "a PersistentVolumeClaim volume needs a claimName", line: "readOnly" }],
  ["an initTimeout without unit", { spec: kubernetes("initTimeout: 10 minutes"), code: "invalid-timeout", field: "infrastructure.spec.initTimeout", message: 'initTimeout "10 minutes" is not valid', line: "10 minutes" }],
  ["an os Harness does not know", { spec: kubernetes("os: Ubuntu"), code: "invalid-option", field: "infrastructure.spec.os", message: 'os "Ubuntu" is not one Harness accepts', line: "os: Ubuntu" }],
  ["podSpecOverlay (deliberately not merged)", { spec: kubernetes('podSpecOverlay: "nodeName: x"'), code: "invalid-option", field: "infrastructure.spec.podSpecOverlay", message: "podSpecOverlay is not carried to the Pod", line: "podSpecOverlay" }],
  ["a platform arch Harness does not know", { spec: "platform: {os: Linux, arch: x86}\nruntime:\n  type: Cloud\n  spec: {}", code: "invalid-option", field: "platform.arch", message: 'platform.arch "x86" is not one Harness accepts', line: "x86" }],
  ["a Cloud size Harness does not know", { spec: "platform: {os: Linux}\nruntime:\n  type: Cloud\n  spec: {size: huge}", code: "invalid-option", field: "runtime.spec.size", message: 'size "huge" is not one Harness accepts', line: "huge" }],
  ["a misspelt runtime field", { spec: "runtime:\n  type: Cloud\n  spec: {imagename: ubuntu-latest}", code: "unknown-field", field: "runtime.spec.imagename", message: /unknown field "imagename"/, line: "imagename" }],
];

describe("what Harness or Kubernetes refuses is an error at its line, with the field, rule and (where it helps) a hint", () => {
  test.each(refused)("%s", (_, row) => {
    const yaml = stagePipeline({ spec: row.spec });
    const problems = problemsOf(() => translate(yaml));
    expect(problems).toHaveLength(1);
    const [problem] = problems as [Problem];
    expect(problem.code).toBe(row.code);
    expect(problem.field).toBe(`pipeline.stages[0].stage.spec.${row.field}`);
    if (typeof row.message === "string") expect(problem.message).toContain(row.message);
    else expect(problem.message).toMatch(row.message);
    expect(problem.rule).toBeTruthy();
    expect(problem.position).toMatchObject({ file, line: lineOf(yaml, row.line, "spec:") });
  });

  test("a misspelt field is told the nearest one", () => {
    const [problem] = problemsOf(() => translate(stagePipeline({ spec: kubernetes("nodeSelecter: {a: b}") })));
    expect(problem!.hint).toBe('did you mean "nodeSelector"?');
  });

  test("every problem of a stage is reported at once", () => {
    const problems = problemsOf(() => translate(stagePipeline({ spec: kubernetes("namespace: Builds_1\nos: Ubuntu\ntolerations: [{effect: Sometimes}]") })));
    expect(problems.map((problem) => problem.field)).toEqual([
      "pipeline.stages[0].stage.spec.infrastructure.spec.namespace",
      "pipeline.stages[0].stage.spec.infrastructure.spec.os",
      // Sorted by position: the missing operator is reported where the toleration starts.
      "pipeline.stages[0].stage.spec.infrastructure.spec.tolerations[0].operator",
      "pipeline.stages[0].stage.spec.infrastructure.spec.tolerations[0].effect",
    ]);
  });
});

describe("UseFromStage", () => {
  test("a stage that uses an earlier stage's infrastructure gets its placement too", () => {
    const yaml = stagePipeline(
      { identifier: "amd", spec: kubernetes("namespace: builds") },
      { identifier: "arm", spec: kubernetes("namespace: builds\nnodeSelector: {kubernetes.io/arch: arm64}"), steps: buildStep("push_arm", "", '["1.0-arm64"]') },
      { identifier: "again", spec: "infrastructure:\n  type: UseFromStage\n  useFromStage: arm", steps: buildStep("push_again", "", '["1.0-again"]') },
    );
    const translation = translate(yaml);
    expect(translation.stages[2]!.infrastructure).toEqual(translation.stages[1]!.infrastructure);
    expect(toKubernetesPods(translation.steps, { stages: translation.stages }).objects[2]!.spec.nodeSelector).toEqual({ "kubernetes.io/arch": "arm64" });
  });
});

describe("harnessImageConnectorRef: Harness pulls its images, the plugin's among them, from the connector's registry", () => {
  const connectors = [...exampleConnectors, ...connectorsFromValues([
    { identifier: "mirror", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://mirror.example.com:5000/harness/", auth: { type: "Anonymous" } } },
    { identifier: "bad_url", type: "DockerRegistry", spec: { dockerRegistryUrl: "mirror.example.com", auth: { type: "Anonymous" } } },
  ])];
  const imageOf = (ref: string, options: { images?: Record<string, string>; infrastructure?: string } = {}) => {
    const spec = options.infrastructure ?? kubernetes(`harnessImageConnectorRef: ${ref}`);
    return translatePipeline(stagePipeline({ spec }), { file, connectors, ...(options.images ? { images: options.images } : {}) }).steps[0]!.container.image;
  };

  test("the registry's host, port and path go before the image", () => {
    expect(imageOf("account.mirror")).toMatch(/^mirror\.example\.com:5000\/harness\/plugins\/kaniko:/);
  });

  test("on a VM pool too", () => {
    expect(imageOf("", { infrastructure: "infrastructure:\n  type: VM\n  spec:\n    type: Pool\n    spec: {poolName: p, os: Linux, harnessImageConnectorRef: account.mirror}" })).toMatch(/^mirror\.example\.com:5000\/harness\/plugins\/docker:/);
  });

  test("on a VM's buildx path (issue 15) too: the buildx plugin image comes from the registry", () => {
    const pool = "infrastructure:\n  type: VM\n  spec:\n    type: Pool\n    spec: {poolName: p, os: Linux, harnessImageConnectorRef: account.mirror}";
    const yaml = stagePipeline({ spec: pool, steps: buildStep("push").replace('tags: ["1.0"]', 'tags: ["1.0"]\n      caching: true') });
    expect(translatePipeline(yaml, { file, connectors }).steps[0]!.container.image).toMatch(/^mirror\.example\.com:5000\/harness\/plugins\/buildx:/);
  });

  test("Docker Hub adds nothing (Harness's own rule)", () => {
    expect(imageOf("account.dockerhub")).toMatch(/^plugins\/kaniko:/);
  });

  test("an image override names the image as the caller wants it", () => {
    expect(imageOf("account.mirror", { images: { "plugins/kaniko": "registry.internal/kaniko:1" } })).toBe("registry.internal/kaniko:1");
  });

  test.each([
    ["an unknown connector", "account.nowhere", "unknown-connector", 'connector "account.nowhere" is not defined'],
    ["a connector of another type", "account.aws_prod", "wrong-connector-type", "is a Aws connector, but Harness pulls its images with a DockerRegistry connector"],
    ["a connector whose URL is no URL", "account.bad_url", "invalid-connector", 'Malformed registryUrl "mirror.example.com" in docker connector id: bad_url'],
  ])("%s is an error at the field", (_, ref, code, message) => {
    const yaml = stagePipeline({ spec: kubernetes(`harnessImageConnectorRef: ${ref}`) });
    const [problem, ...more] = problemsOf(() => translatePipeline(yaml, { file, connectors }));
    expect(more).toEqual([]);
    expect(problem).toMatchObject({ code, field: "pipeline.stages[0].stage.spec.infrastructure.spec.harnessImageConnectorRef", position: { line: lineOf(yaml, "harnessImageConnectorRef") } });
    expect(problem!.message).toContain(message);
  });
});

describe("harnessImageConnectorRef's login pulls the images: an image pull Secret of the Pod", () => {
  const connectors = [...exampleConnectors, ...connectorsFromValues([{ identifier: "mirror", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://mirror.example.com/harness", auth: { type: "UsernamePassword", spec: { username: "puller", passwordRef: "account.mirror_token" } } } }])];

  test("the stage carries the login by reference; Pods and Jobs name the Secret, which the rendering lists", () => {
    const translation = translatePipeline(stagePipeline({ spec: kubernetes("harnessImageConnectorRef: account.mirror") }), { file, connectors });
    // Keyed by the connector's URL, as a Docker config file keys a login (the kubelet matches it by host and path).
    expect(translation.stages[0]!.imagePullLogin).toEqual({ registry: "https://mirror.example.com/harness", username: "puller", passwordRef: "account.mirror_token" });
    const pods = toKubernetesPods(translation.steps, { stages: translation.stages });
    expect(pods.objects[0]!.spec.imagePullSecrets).toEqual([{ name: "buildpush-build-image-pull" }]);
    expect(pods.secrets).toContainEqual({ kind: "docker-config", name: "buildpush-build-image-pull", file: { kind: "docker-config", path: "", auths: [{ registry: "https://mirror.example.com/harness", username: "puller", passwordRef: "account.mirror_token" }], credHelpers: {} } });
    expect(kubernetesProblems(pods.objects[0])).toEqual([]);
    const jobs = toKubernetesJobs(translation.steps, { stages: translation.stages });
    expect(jobs.objects[0]!.spec.template.spec.imagePullSecrets).toEqual([{ name: "buildpush-build-image-pull" }]);
  });

  test("an anonymous image connector needs no Secret", () => {
    const anonymous = [...exampleConnectors, ...connectorsFromValues([{ identifier: "open_mirror", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://mirror.example.com", auth: { type: "Anonymous" } } }])];
    const translation = translatePipeline(stagePipeline({ spec: kubernetes("harnessImageConnectorRef: account.open_mirror") }), { file, connectors: anonymous });
    expect(translation.stages[0]).not.toHaveProperty("imagePullLogin");
  });
});
