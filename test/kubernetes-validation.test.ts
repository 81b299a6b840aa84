// The checks every rendering test relies on must themselves catch what they claim to.
import type { ContainerSpec } from "@buildpush/core";
import { cloneDeep, set } from "lodash";
import { describe, expect, test } from "vitest";
import { containerProblems, containerSpecProblems, kubernetesProblems } from "./support/kubernetes-validation.js";

const goodPod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "buildpush-build", namespace: "ci", labels: { "buildpush/stage": "build" }, annotations: { "buildpush/steps": "{}" } },
  spec: {
    restartPolicy: "Never",
    activeDeadlineSeconds: 7200,
    initContainers: [{ name: "init-workspace", image: "alpine/git", volumeMounts: [{ name: "harness", mountPath: "/harness" }] }],
    containers: [
      {
        name: "step-push",
        image: "plugins/kaniko:1.13.3",
        command: ["/kaniko/kaniko-docker"],
        workingDir: "/harness",
        env: [
          { name: "PLUGIN_REPO", value: "acme/app" },
          { name: "PLUGIN_PASSWORD", valueFrom: { secretKeyRef: { name: "account.dockerhub-token", key: "value" } } },
        ],
        resources: { limits: { memory: "500Mi", cpu: "400m" }, requests: { memory: "10Mi", cpu: "10m" } },
        volumeMounts: [
          { name: "harness", mountPath: "/harness" },
          { name: "creds", mountPath: "/kaniko/.docker/config.json", subPath: "config.json", readOnly: true },
        ],
        imagePullPolicy: "IfNotPresent",
        securityContext: { runAsUser: 1000, runAsNonRoot: true, capabilities: { drop: ["ALL"] } },
      },
    ],
    volumes: [
      { name: "harness", emptyDir: {} },
      { name: "creds", secret: { secretName: "push-docker-config", items: [{ key: ".dockerconfigjson", path: "config.json" }] } },
    ],
  },
};

const goodJob = {
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name: "buildpush-build-push", labels: { "buildpush/step": "push" } },
  spec: { backoffLimit: 0, activeDeadlineSeconds: 60, ttlSecondsAfterFinished: 10, template: { metadata: { labels: { "buildpush/step": "push" } }, spec: cloneDeep(goodPod.spec) } },
};

function podWith(path: string, value: unknown): unknown {
  return set(cloneDeep(goodPod), path, value);
}

describe("kubernetesProblems", () => {
  test("a well-formed Pod and Job pass every check", () => {
    expect(kubernetesProblems(goodPod)).toEqual([]);
    expect(kubernetesProblems(goodJob)).toEqual([]);
  });

  test.each([
    ["a wrong type (schema)", "spec.containers[0].env[0].value", 3, /env\/0\/value: must be string/],
    ["an enum value (schema)", "spec.containers[0].imagePullPolicy", "Sometimes", /imagePullPolicy: must be equal to one of the allowed values/],
    ["a bad quantity (schema)", "spec.containers[0].resources.limits.memory", "lots", /memory: must match format "quantity"/],
    ["an unknown container field", "spec.containers[0].workdir", "/x", /containers\/0\/workdir: unknown field/],
    ["an unknown nested field", "spec.containers[0].env[1].valueFrom.secretKeyRef.optionall", true, /secretKeyRef\/optionall: unknown field/],
    ["an unknown top-level field", "specs", {}, /\/specs: unknown field/],
    ["a Pod name that is no subdomain", "metadata.name", "Build_Pod", /metadata\/name: .* DNS-1123 subdomain/],
    ["a namespace that is no label", "metadata.namespace", "a.b", /metadata\/namespace/],
    ["a bad label value", "metadata.labels.team", "web team", /labels\/team: .* not a label value/],
    ["a bad annotation key", "metadata.annotations", { "a/b/c": "x" }, /not an annotation key/],
    ["a container name that is no label", "spec.containers[0].name", "step.push", /containers\/0\/name: .* DNS-1123 label/],
    ["an env name that is no C identifier", "spec.containers[0].env[0].name", "PLUGIN-REPO", /env\/0\/name: .* C identifier/],
    ["a duplicate env name", "spec.containers[0].env[1].name", "PLUGIN_REPO", /env: PLUGIN_REPO is set twice/],
    ["a Secret name that is no subdomain", "spec.containers[0].env[1].valueFrom.secretKeyRef.name", "Account_Token", /secretKeyRef\/name: .* DNS-1123 subdomain/],
    ["a Secret key with a space", "spec.containers[0].env[1].valueFrom.secretKeyRef.key", "my key", /secretKeyRef\/key: .* not a Secret key/],
    ["value and valueFrom together", "spec.containers[0].env[1].value", "x", /value and valueFrom together/],
    ["a duplicate mount path", "spec.containers[0].volumeMounts[1].mountPath", "/harness", /volumeMounts: \/harness is mounted twice/],
    ["a relative mount path", "spec.containers[0].volumeMounts[0].mountPath", "harness", /"harness" is not absolute/],
    ["a mount of an undeclared volume", "spec.containers[0].volumeMounts[0].name", "workspace", /mounts "workspace", which the Pod does not declare/],
    ["a volume name that is no label", "spec.volumes[1].name", "Creds", /volumes\/1\/name: .* DNS-1123 label/],
    ["a duplicate volume name", "spec.volumes[1].name", "harness", /two volumes are named harness/],
    ["a duplicate container name", "spec.initContainers[0].name", "step-push", /two containers are named step-push/],
    ["a secret volume's bad Secret name", "spec.volumes[1].secret.secretName", "Bad_Name", /secretName: not a DNS-1123 subdomain/],
    ["a zero deadline", "spec.activeDeadlineSeconds", 0, /activeDeadlineSeconds: not a positive integer/],
    ["runAsNonRoot with root", "spec.containers[0].securityContext.runAsUser", 0, /runAsNonRoot with runAsUser 0/],
    ["no containers", "spec.containers", [], /at least one container/],
  ])("catches %s", (_what, path, value, pattern) => {
    const problems = kubernetesProblems(podWith(path, value));
    expect(problems.some((problem) => pattern.test(problem)), problems.join("\n")).toBe(true);
  });

  test.each([
    ["a Job name longer than a label", "metadata.name", "j".repeat(64), /metadata\/name: .* DNS-1123 label/],
    ["a Job whose Pods restart Always", "spec.template.spec.restartPolicy", "Always", /restartPolicy: a Job's Pods restart Never or OnFailure/],
    ["an unknown Job spec field", "spec.backofflimit", 1, /\/spec\/backofflimit: unknown field/],
    ["a bad template label", "spec.template.metadata.labels.x", "-bad", /template\/metadata\/labels\/x/],
    ["a bad container in the template", "spec.template.spec.containers[0].name", "Push", /template\/spec\/containers\/0\/name/],
  ])("catches %s in a Job", (_what, path, value, pattern) => {
    const problems = kubernetesProblems(set(cloneDeep(goodJob), path, value));
    expect(problems.some((problem) => pattern.test(problem)), problems.join("\n")).toBe(true);
  });

  test("a kind it does not know is a problem, not a pass", () => {
    expect(kubernetesProblems({ apiVersion: "v1", kind: "Service", metadata: { name: "x" } })[0]).toMatch(/not a kind these checks know/);
  });
});

describe("a stage's placement of its Pod (issue 14)", () => {
  const placed = {
    ...cloneDeep(goodPod),
    spec: {
      ...cloneDeep(goodPod.spec),
      serviceAccountName: "builder",
      automountServiceAccountToken: false,
      priorityClassName: "ci-low",
      nodeSelector: { "kubernetes.io/arch": "arm64" },
      tolerations: [{ key: "kubernetes.io/arch", operator: "Equal", value: "arm64", effect: "NoSchedule" }, { key: "spot", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }],
      securityContext: { runAsUser: 1000 },
      hostAliases: [{ ip: "127.0.0.1", hostnames: ["cache.internal"] }],
      volumes: [...cloneDeep(goodPod.spec.volumes), { name: "volume-0", persistentVolumeClaim: { claimName: "cache", readOnly: true } }, { name: "volume-1", hostPath: { path: "/mnt", type: "DirectoryOrCreate" } }, { name: "volume-2", emptyDir: { medium: "Memory", sizeLimit: "954Mi" } }],
    },
  };
  const placedWith = (path: string, value: unknown): unknown => set(cloneDeep(placed), path, value);

  test("a Pod with every placement field passes", () => {
    expect(kubernetesProblems(placed)).toEqual([]);
  });

  test.each([
    ["an unknown toleration field", "spec.tolerations[0].tolerationSecond", 3, /tolerations\/0\/tolerationSecond: unknown field/],
    ["tolerationSeconds as text (schema)", "spec.tolerations[1].tolerationSeconds", "300", /tolerationSeconds: must be integer/],
    ["a node selector value that is no label value", "spec.nodeSelector.pool", "arm 64", /nodeSelector\/pool: "arm 64" is not a label value/],
    ["a value with operator Exists", "spec.tolerations[1].value", "x", /tolerations\/1\/value: must be empty when operator is Exists/],
    ["an empty key without Exists", "spec.tolerations[0].key", "", /tolerations\/0\/operator: must be Exists when key is empty/],
    ["tolerationSeconds without NoExecute", "spec.tolerations[1].effect", "NoSchedule", /tolerations\/1\/tolerationSeconds: only with effect NoExecute/],
    ["an effect that is no taint effect", "spec.tolerations[0].effect", "NoScheduled", /tolerations\/0\/effect: "NoScheduled" is not a taint effect/],
    ["a host alias name that is no subdomain", "spec.hostAliases[0].hostnames[0]", "Cache_Internal", /hostAliases\/0\/hostnames/],
    ["a priority class that is no subdomain", "spec.priorityClassName", "CI Low", /priorityClassName: not a DNS-1123 subdomain/],
    ["a Pod securityContext field that does not exist", "spec.securityContext.runAsUserr", 1, /securityContext\/runAsUserr: unknown field/],
    ["a volume source field that does not exist", "spec.volumes[2].persistentVolumeClaim.readonly", true, /persistentVolumeClaim\/readonly: unknown field/],
  ])("catches %s", (_what, path, value, pattern) => {
    const problems = kubernetesProblems(placedWith(path, value));
    expect(problems.some((problem) => pattern.test(problem)), problems.join("\n")).toBe(true);
  });
});

describe("containerProblems", () => {
  test("a good container passes, a bad one shows schema, field and rule problems together", () => {
    expect(containerProblems(goodPod.spec.containers[0])).toEqual([]);
    const problems = containerProblems({ name: "Push", image: "x", imagePullPolicy: "Sometimes", extra: 1, env: [{ name: "A" }, { name: "A" }] });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/imagePullPolicy/), expect.stringMatching(/extra: unknown field/), expect.stringMatching(/name: "Push"/), expect.stringMatching(/A is set twice/)]));
  });
});

describe("containerSpecProblems", () => {
  const spec: ContainerSpec = {
    name: "step-push",
    image: "plugins/kaniko:1.13.3",
    env: { PLUGIN_REPO: "acme/app" },
    secretEnv: { PLUGIN_PASSWORD: { ref: "account.x" } },
    resources: { limits: { memory: "500Mi", cpu: "400m" }, requests: { memory: "10Mi", cpu: "10m" } },
    volumeMounts: [{ name: "harness", mountPath: "/harness" }],
  };

  test("a good spec passes", () => {
    expect(containerSpecProblems(spec)).toEqual([]);
  });

  test.each([
    [{ name: "Step" }, /name: "Step"/],
    [{ env: { "A-B": "x" } }, /"A-B" is not a C identifier/],
    [{ env: { PLUGIN_PASSWORD: "x" } }, /PLUGIN_PASSWORD is both plain and secret/],
    [{ volumeMounts: [{ name: "harness", mountPath: "/x" }, { name: "addon", mountPath: "/x" }] }, /\/x is mounted twice/],
    [{ files: [{ kind: "docker-config", path: "/harness", auths: [], credHelpers: {} }] }, /\/harness is mounted twice/],
    [{ volumeMounts: [{ name: "harness", mountPath: "x" }] }, /x is not absolute/],
    [{ volumeMounts: [{ name: "Harness", mountPath: "/x" }] }, /"Harness" is not a DNS-1123 label/],
  ] as [Partial<ContainerSpec>, RegExp][])("catches %j", (overrides, pattern) => {
    const problems = containerSpecProblems({ ...spec, ...overrides });
    expect(problems.some((problem) => pattern.test(problem)), problems.join("\n")).toBe(true);
  });
});
