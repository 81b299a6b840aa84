import { fileURLToPath } from "node:url";
import { runCli as run } from "../../../../test/support/run-cli.js";
import { describe, expect, test } from "vitest";
import { parseAllDocuments } from "yaml";
import { kubernetesProblems } from "../../../../test/support/kubernetes-validation.js";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const connectors = ["--connectors", "examples/connectors.yaml"];

/** kubectl reads YAML 1.1, so the output is read back the same way. */
function documents(yamlText: string): Record<string, any>[] {
  return parseAllDocuments(yamlText, { version: "1.1" }).map((document) => {
    expect(document.errors).toEqual([]);
    return document.toJS();
  });
}

function stage(identifier: string, steps: string): string {
  return `
    - stage:
        name: ${identifier}
        identifier: ${identifier}
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec: { connectorRef: account.k8s, namespace: ci, os: Linux }
          execution:
            steps:${steps}`;
}

function dockerStep(identifier: string, extra = ""): string {
  return `
              - step:
                  type: BuildAndPushDockerRegistry
                  name: ${identifier}
                  identifier: ${identifier}
                  spec:
                    connectorRef: account.dockerhub
                    repo: acme/${identifier}
                    tags: ["1.0"]${extra}`;
}

const pipeline = (...stages: string[]): string => `pipeline:\n  name: p\n  identifier: p\n  stages:${stages.join("")}\n`;

describe("translate --format kubernetes", () => {
  test("the bundled example: one Pod for its stage, valid, led by the Secrets it reads", async () => {
    const result = await run(["translate", "examples/pipeline.yaml", ...connectors, "--format", "kubernetes"]);
    expect(result.code).toBe(0);
    const pods = documents(result.stdout);
    expect(pods.map((pod) => [pod.kind, pod.metadata.name, pod.spec.containers.map((c: { name: string }) => c.name)])).toEqual([["Pod", "buildpush-build", ["step-push-docker", "step-push-ecr", "step-push-acr"]]]);
    for (const pod of pods) expect(kubernetesProblems(pod)).toEqual([]);
    const header = result.stdout.slice(0, result.stdout.indexOf("apiVersion"));
    expect(header).toContain("#   Secret account.dockerhub-token, key value: the value of account.dockerhub_token\n");
    expect(header).toContain("#   Secret account.aws-secret-key, key value: the value of account.aws_secret_key\n");
    expect(header.split("\n").every((line) => line === "" || line.startsWith("#"))).toBe(true);
  });

  test("--job: a Job per step, each valid, no YAML aliases between metadata and template", async () => {
    const result = await run(["translate", "examples/pipeline.yaml", ...connectors, "--format", "kubernetes", "--job"]);
    expect(result.code).toBe(0);
    const jobs = documents(result.stdout);
    expect(jobs.map((job) => [job.kind, job.metadata.name])).toEqual([
      ["Job", "buildpush-build-push-docker"],
      ["Job", "buildpush-build-push-ecr"],
      ["Job", "buildpush-build-push-acr"],
    ]);
    for (const job of jobs) expect(kubernetesProblems(job)).toEqual([]);
    expect(result.stdout).not.toMatch(/[&*]a\d/);
  });

  test("a Pod per stage of a pipeline with two stages", async () => {
    const text = pipeline(stage("build", dockerStep("web") + dockerStep("api")), stage("release", dockerStep("web")));
    const result = await run(["translate", "two.yaml", ...connectors, "--format", "kubernetes"], { "two.yaml": text });
    expect(result.code).toBe(0);
    const pods = documents(result.stdout);
    expect(pods.map((pod) => [pod.metadata.name, pod.spec.containers.length])).toEqual([
      ["buildpush-build", 2],
      ["buildpush-release", 1],
    ]);
    for (const pod of pods) expect(kubernetesProblems(pod)).toEqual([]);
  });

  test("namespace, service account, workspace claim and the secret table reach the objects", async () => {
    const result = await run(["translate", "examples/docker.yaml", ...connectors, "--format", "kubernetes", "--job", "--namespace", "ci", "--service-account", "pusher", "--workspace-claim", "checkout", "--secret", "account.dockerhub_token=dockerhub/token"]);
    expect(result.code).toBe(0);
    const [job] = documents(result.stdout);
    expect(kubernetesProblems(job)).toEqual([]);
    expect(job!.metadata.namespace).toBe("ci");
    expect(job!.spec.template.spec.serviceAccountName).toBe("pusher");
    expect(job!.spec.template.spec.volumes).toContainEqual({ name: "harness", persistentVolumeClaim: { claimName: "checkout" } });
    expect(job!.spec.template.spec.containers[0].env).toContainEqual({ name: "PLUGIN_PASSWORD", valueFrom: { secretKeyRef: { name: "dockerhub", key: "token" } } });
    expect(result.stdout).toContain("#   Secret dockerhub, key token: the value of account.dockerhub_token\n");
  });

  test("kaniko mode: the credentials file is a dockerconfigjson Secret the header describes", async () => {
    const result = await run(["translate", "examples/docker.yaml", ...connectors, "--format", "kubernetes", "--job", "--mode", "kaniko"]);
    expect(result.code).toBe(0);
    const [job] = documents(result.stdout);
    expect(kubernetesProblems(job)).toEqual([]);
    const secretVolume = job!.spec.template.spec.volumes.find((volume: { secret?: unknown }) => volume.secret);
    expect(secretVolume.secret.items).toEqual([{ key: ".dockerconfigjson", path: "config.json" }]);
    expect(result.stdout).toContain(`#   Secret ${secretVolume.secret.secretName}, type kubernetes.io/dockerconfigjson: https://index.docker.io/v1/ as acme with account.dockerhub_token\n`);
  });

  test("strings YAML 1.1 would read as booleans, numbers or nulls stay strings for kubectl", async () => {
    const values = ["yes", "on", "Off", "y", "1:20", "0x1F", "~", "null", "0755", "1.10", "2001-12-14"];
    const env = values.map((value, index) => `V${index}: "${value}"`).join(", ");
    const text = pipeline(stage("build", dockerStep("web", `\n                    envVariables: { ${env} }`)));
    const result = await run(["translate", "p.yaml", ...connectors, "--format", "kubernetes"], { "p.yaml": text });
    expect(result.code).toBe(0);
    const [pod] = documents(result.stdout);
    const byName = new Map(pod!.spec.containers[0].env.map((variable: { name: string; value?: unknown }) => [variable.name, variable.value]));
    values.forEach((value, index) => expect(byName.get(`V${index}`)).toBe(value));
    expect(kubernetesProblems(pod)).toEqual([]);
  });
});

describe("translate --format docker", () => {
  test("one JSON argv per step and line, secrets named for the caller's environment", async () => {
    const result = await run(["translate", "examples/pipeline.yaml", ...connectors, "--format", "docker", "--infra", "vm"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    const argvs = lines.map((line) => JSON.parse(line) as string[]);
    expect(argvs.map((argv) => argv.at(-1))).toEqual(["plugins/docker:21.1.1", "plugins/ecr:21.1.1", "plugins/acr:21.1.1"]);
    for (const argv of argvs) {
      expect(argv.slice(0, 3)).toEqual(["docker", "run", "--rm"]);
      expect(argv).toContain("type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock");
      expect(argv).toEqual(expect.arrayContaining(["--env", "REGISTRY_TOKEN"]));
    }
  });

  test("--workspace and --env-file-dir give the workspace mount and each step's env file", async () => {
    const result = await run(["translate", "examples/docker.yaml", ...connectors, "--format", "docker", "--infra", "vm", "--workspace", "/src/web", "--env-file-dir", "/run/secrets"]);
    expect(result.code).toBe(0);
    const argv = JSON.parse(result.stdout) as string[];
    expect(argv).toEqual(expect.arrayContaining(["--workdir", "/harness", "--env-file", "/run/secrets/build.push_docker.env", "--mount", "type=bind,source=/src/web,target=/harness"]));
    expect(argv).not.toContain("PLUGIN_PASSWORD");
  });

  test("kaniko mode needs --credentials-dir for its config file, then bind-mounts it", async () => {
    const without = await run(["translate", "examples/docker.yaml", ...connectors, "--format", "docker", "--mode", "kaniko"]);
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/^buildpush: step push_docker needs a credentials file: give --credentials-dir DIR/);
    const result = await run(["translate", "examples/docker.yaml", ...connectors, "--format", "docker", "--mode", "kaniko", "--credentials-dir", "/run/bp"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toContain("type=bind,source=/run/bp/build.push_docker/config.json,target=/kaniko/.docker/config.json,readonly");
  });
});

describe("render options are checked", () => {
  test.each([
    [["--format", "k8s"], /--format takes json or yaml \(the containers\), or kubernetes or docker/],
    [["--format", "docker", "--job"], /--job goes with --format kubernetes/],
    [["--format", "json", "--namespace", "ci"], /--namespace goes with --format kubernetes/],
    [["--format", "kubernetes", "--workspace", "/src"], /--workspace goes with --format docker/],
    [["--format", "kubernetes", "--secret", "account.x"], /--secret takes REF=SECRET\/KEY/],
    [["--format", "kubernetes", "--secret", "account.x=Bad_Name/key"], /not a Secret name/],
    [["--format", "docker", "--env-file-dir", "secrets"], /--env-file-dir takes an absolute path/],
  ])("%j is a usage error", async (args, message) => {
    const result = await run(["translate", "examples/docker.yaml", ...connectors, ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });

  test("a bad namespace is a problem of the option, exit 1", async () => {
    const result = await run(["translate", "examples/docker.yaml", ...connectors, "--format", "kubernetes", "--namespace", "CI"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^buildpush: name: "CI" is not a name Kubernetes accepts .*\[invalid-option\]/);
  });
});
