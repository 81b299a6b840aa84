import { describe, expect, test } from "vitest";
import type { ContainerSpec, DockerConfigFile } from "../backends/container-spec.js";
import { dockerEnvFileText, toDockerRun, type DockerRunOptions } from "./docker-run.js";
import { problemsOf } from "../../../../test/support/problems.js";

/** A VM plugin container as translateStep makes it: image, env, resources, nothing else. */
const vmSpec: ContainerSpec = {
  name: "step-push",
  image: "plugins/docker:21.1.1",
  env: { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "acme/app", PLUGIN_TAGS: "1.0,latest" },
  secretEnv: { PLUGIN_PASSWORD: { ref: "account.dockerhub_token" } },
  resources: { limits: { memory: "500Mi", cpu: "400m" }, requests: { memory: "10Mi", cpu: "10m" } },
};

/** A Kubernetes kaniko container: command, working directory, mounts, security context. */
const kanikoSpec: ContainerSpec = {
  name: "step-push",
  image: "plugins/kaniko:1.13.3",
  command: ["/kaniko/kaniko-docker"],
  env: { PLUGIN_REPO: "acme/app" },
  secretEnv: {},
  workingDir: "/harness",
  resources: { limits: { memory: "2048Mi", cpu: "1500m" }, requests: { memory: "10Mi", cpu: "10m" } },
  securityContext: { runAsUser: 1000, runAsGroup: 1001 },
  volumeMounts: [
    { name: "harness", mountPath: "/harness" },
    { name: "addon", mountPath: "/addon" },
  ],
  imagePullPolicy: "IfNotPresent",
};

const credentials: DockerConfigFile = { kind: "docker-config", path: "/kaniko/.docker/config.json", auths: [{ registry: "r.example.com", passwordRef: "org.pass" }], credHelpers: {} };

describe("toDockerRun", () => {
  test("a VM plugin: env, secrets from the env file, the host's Docker socket, limits", () => {
    expect(toDockerRun(vmSpec, { secrets: { envFile: "/run/buildpush/push.env" } })).toEqual([
      "docker", "run", "--rm",
      "--memory", "524288000", "--cpus", "0.4",
      "--env", "PLUGIN_DAEMON_OFF=true",
      "--env", "PLUGIN_REPO=acme/app",
      "--env", "PLUGIN_TAGS=1.0,latest",
      "--env-file", "/run/buildpush/push.env",
      "--mount", "type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock",
      "plugins/docker:21.1.1",
    ]);
  });

  test("a VM plugin with a workspace: mounted at /harness, which becomes the working directory", () => {
    const argv = toDockerRun(vmSpec, { secrets: "inherit", workspace: "/home/ci/checkout" });
    expect(argv).toEqual(expect.arrayContaining(["--workdir", "/harness"]));
    expect(argv.slice(argv.indexOf("--workdir"), argv.indexOf("--workdir") + 2)).toEqual(["--workdir", "/harness"]);
    expect(argv).toContain("type=bind,source=/home/ci/checkout,target=/harness");
  });

  test("a kaniko container: entrypoint, user, pull policy, the spec's mounts", () => {
    expect(toDockerRun(kanikoSpec, { workspace: "/src", volumes: { addon: "buildpush-addon" } })).toEqual([
      "docker", "run", "--rm",
      "--workdir", "/harness",
      "--user", "1000:1001",
      "--memory", "2147483648", "--cpus", "1.5",
      "--pull", "missing",
      "--env", "PLUGIN_REPO=acme/app",
      "--mount", "type=bind,source=/src,target=/harness",
      "--mount", "type=volume,source=buildpush-addon,target=/addon",
      "--entrypoint", "/kaniko/kaniko-docker",
      "plugins/kaniko:1.13.3",
    ]);
  });

  test("unmapped mounts are anonymous volumes, removed with the container", () => {
    const argv = toDockerRun(kanikoSpec);
    expect(argv.filter((_, i) => argv[i - 1] === "--mount")).toEqual(["type=volume,target=/harness", "type=volume,target=/addon"]);
  });

  test("the rest of the command and the args follow the image, in order", () => {
    const argv = toDockerRun({ ...kanikoSpec, command: ["/busybox/sh", "-c"], args: ["echo $HOME; exit 1"] });
    expect(argv.slice(argv.indexOf("--entrypoint"))).toEqual(["--entrypoint", "/busybox/sh", "plugins/kaniko:1.13.3", "-c", "echo $HOME; exit 1"]);
  });

  test("secrets inherited from the caller's environment are named, never valued", () => {
    const argv = toDockerRun(vmSpec, { secrets: "inherit" });
    expect(argv.slice(argv.indexOf("PLUGIN_TAGS=1.0,latest") + 1, argv.indexOf("PLUGIN_TAGS=1.0,latest") + 3)).toEqual(["--env", "PLUGIN_PASSWORD"]);
    expect(argv.join(" ")).not.toContain("account.dockerhub_token");
  });

  test.each([
    ["program, name, labels", { program: "podman", name: "build-1", labels: { "buildpush.stage": "build" }, secrets: "inherit" }, (argv: string[]) => expect(argv.slice(0, 7)).toEqual(["podman", "run", "--rm", "--name", "build-1", "--label", "buildpush.stage=build"])],
    ["no --rm", { remove: false, secrets: "inherit" }, (argv: string[]) => expect(argv).not.toContain("--rm")],
    ["no limits", { resourceLimits: false, secrets: "inherit" }, (argv: string[]) => expect(argv.some((arg) => arg === "--memory" || arg === "--cpus")).toBe(false)],
    ["no socket", { dockerSocket: false, secrets: "inherit" }, (argv: string[]) => expect(argv.join(" ")).not.toContain("docker.sock")],
    ["another socket", { dockerSocket: "/run/user/1000/docker.sock", secrets: "inherit" }, (argv: string[]) => expect(argv).toContain("type=bind,source=/run/user/1000/docker.sock,target=/var/run/docker.sock")],
  ] as [string, DockerRunOptions, (argv: string[]) => void][])("option: %s", (_what, options, check) => {
    check(toDockerRun(vmSpec, options));
  });

  test("the socket is mounted only for plugins that build with the host's daemon, unless asked", () => {
    expect(toDockerRun(kanikoSpec).join(" ")).not.toContain("docker.sock");
    expect(toDockerRun(kanikoSpec, { dockerSocket: true })).toContain("type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock");
  });

  test("a credentials file is bind-mounted read-only from the host file the caller names", () => {
    const argv = toDockerRun({ ...kanikoSpec, files: [credentials] }, { files: { "/kaniko/.docker/config.json": "/tmp/run-1/config.json" } });
    expect(argv).toContain("type=bind,source=/tmp/run-1/config.json,target=/kaniko/.docker/config.json,readonly");
  });

  test("security context: privileged, no new privileges, read-only root, capabilities", () => {
    const argv = toDockerRun({ ...kanikoSpec, securityContext: { runAsUser: 0, privileged: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { add: ["NET_ADMIN"], drop: ["ALL"] } } });
    expect(argv.slice(argv.indexOf("--user"), argv.indexOf("--memory"))).toEqual(["--user", "0", "--privileged", "--security-opt", "no-new-privileges", "--read-only", "--cap-add", "NET_ADMIN", "--cap-drop", "ALL"]);
  });

  test("mount paths with commas or quotes are quoted as docker's CSV reader expects", () => {
    const argv = toDockerRun(kanikoSpec, { workspace: '/src/a,b "c"' });
    expect(argv).toContain('type=bind,"source=/src/a,b ""c""",target=/harness');
  });

  test("values are passed as they are: no shell, so nothing needs quoting", () => {
    const argv = toDockerRun({ ...kanikoSpec, env: { MESSAGE: "it's \"$(rm -rf /)\"; `x`\nline two" } });
    expect(argv).toContain("MESSAGE=it's \"$(rm -rf /)\"; `x`\nline two");
  });

  test.each([
    ["secrets and no way to pass them", vmSpec, {}, "secrets"],
    ["a credentials file and no host file", { ...kanikoSpec, files: [credentials] }, {}, "files./kaniko/.docker/config.json"],
    ["a relative host file", { ...kanikoSpec, files: [credentials] }, { files: { "/kaniko/.docker/config.json": "config.json" } }, "files./kaniko/.docker/config.json"],
    ["a volume the spec does not mount", kanikoSpec, { volumes: { "shared-3": "/cache" } }, "volumes.shared-3"],
    ["runAsNonRoot without a user", { ...kanikoSpec, securityContext: { runAsNonRoot: true } }, {}, "container.securityContext"],
    ["runAsGroup without a user", { ...kanikoSpec, securityContext: { runAsGroup: 10 } }, {}, "container.securityContext"],
    ["a NUL in a value", { ...kanikoSpec, env: { A: "x\0y" } }, {}, "env"],
  ] as [string, ContainerSpec, DockerRunOptions, string][])("refuses %s", (_what, spec, options, field) => {
    expect(problemsOf(() => toDockerRun(spec, options))).toMatchObject([{ field }]);
  });

  test("every problem is reported at once", () => {
    const problems = problemsOf(() => toDockerRun({ ...vmSpec, files: [credentials] }, { volumes: { x: "/x" } }));
    expect(problems.map((problem) => problem.field).sort()).toEqual(["files./kaniko/.docker/config.json", "secrets", "volumes.x"]);
  });

  test("a bad memory limit is a problem, not a wrong flag", () => {
    expect(problemsOf(() => toDockerRun({ ...kanikoSpec, resources: { ...kanikoSpec.resources, limits: { memory: "lots", cpu: "1" } } }))).toMatchObject([{ code: "invalid-memory" }]);
  });
});

describe("dockerEnvFileText", () => {
  test("one NAME=value line per secret variable, from the caller's resolver", () => {
    const spec = { ...vmSpec, secretEnv: { PLUGIN_PASSWORD: { ref: "account.a" }, TOKEN: { ref: "account.b" } } };
    expect(dockerEnvFileText(spec, (ref) => `value-of-${ref} = with spaces `)).toBe("PLUGIN_PASSWORD=value-of-account.a = with spaces \nTOKEN=value-of-account.b = with spaces \n");
  });

  test.each(["two\nlines", "carriage\r", "nul\0"])("a value an env file cannot hold is refused without showing it: %j", (value) => {
    const problems = problemsOf(() => dockerEnvFileText(vmSpec, () => value));
    expect(problems).toMatchObject([{ code: "invalid-option", field: "secretEnv.PLUGIN_PASSWORD", value: "account.dockerhub_token" }]);
    expect(JSON.stringify(problems)).not.toContain(value.slice(0, 3));
  });
});
