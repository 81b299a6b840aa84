/**
 * `buildpush explain` on VM infrastructure, run as a process the way a user runs it (the
 * installed bin, built by `pnpm build`, which `pnpm test` runs first), with the examples' VM
 * stages: what drone-docker runs and the plugin bugs a step triggers, or Harness's buildx path.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { cliBin, repoRoot } from "../../../test/support/paths.js";

const root = repoRoot;
const dir = mkdtempSync(join(tmpdir(), "buildpush-explain-vm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const connectors = ["--connectors", "examples/connectors.yaml"];

let files = 0;
/** `buildpush ARGS` from the repository root; `virtual` files are written to a temporary directory and their names replaced by those paths. */
function run(args: string[], virtual: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(virtual)) {
    paths[name] = join(dir, `${files++}-${name}`);
    writeFileSync(paths[name]!, text);
  }
  const child = spawnSync(process.execPath, [cliBin, ...args.map((arg) => paths[arg] ?? arg)], { cwd: root, encoding: "utf8" });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** The docker CLI as drone-docker runs it. */
const D = "/usr/local/bin/docker";

interface VmStep {
  identifier: string;
  image: string;
  plugin: string;
  daemon: string[] | null;
  commands: string[][];
  bugs: { id: string; variable?: string }[];
}

/** examples/ecr.yaml on a self-hosted VM pool, without its cache settings (drone-docker's path), with these stage variables. */
function ecrOnAVmWith(variables: Record<string, string>): string {
  const stageVariables = Object.entries(variables).map(([name, value]) => `          - name: ${name}\n            type: String\n            value: ${JSON.stringify(value)}`);
  return readFileSync(join(root, "examples/ecr.yaml"), "utf8")
    .replace(/          runtime:\n            type: Cloud\n            spec: \{\}\n/, "          infrastructure:\n            type: VM\n            spec:\n              type: Pool\n              spec:\n                poolName: linux-amd64\n")
    .replace(/\n +cacheFrom:\n +- .*\n +cacheTo: .*/, "")
    .replace("        type: CI\n", `        type: CI\n${stageVariables.length > 0 ? `        variables:\n${stageVariables.join("\n")}\n` : ""}`);
}

describe("buildpush explain on VM infrastructure", () => {
  test("on VM infrastructure: every docker command drone-docker runs, secrets as <secret REF>, and the bugs they trigger", () => {
    const result = run(["explain", "examples/pipeline.yaml", ...connectors, "--infra", "vm", "--format", "json"]);
    expect(result.code).toBe(0);
    const steps = JSON.parse(result.stdout).steps as VmStep[];
    const docker = steps.find((s) => s.identifier === "push_docker")!;
    expect(docker).toMatchObject({ image: "plugins/docker:21.1.1", plugin: "drone-docker", daemon: null, buildkitFrom: null });
    expect(docker).not.toHaveProperty("argv");
    expect(docker).not.toHaveProperty("failure");
    // The base image registry logs in first, then the push registry: each password on docker's command line.
    expect(docker.commands.slice(0, 3)).toEqual([
      [D, "info"],
      [D, "login", "-u", "acme", "-p", "<secret account.dockerhub_token>", "https://index.docker.io/v1/"],
      [D, "login", "-u", "acme", "-p", "<secret account.dockerhub_token>", "https://index.docker.io/v1/"],
    ]);
    expect(docker.commands.slice(-5)).toEqual([[D, "tag", "<TEMP_TAG>", "acme/app:1.4.0"], [D, "push", "acme/app:1.4.0"], [D, "tag", "<TEMP_TAG>", "acme/app:latest"], [D, "push", "acme/app:latest"], [D, "inspect", "<TEMP_TAG>"]]);
    expect(docker.bugs.map((b) => [b.id, b.variable])).toEqual([["password-on-command-line", "PLUGIN_DOCKER_PASSWORD"], ["password-on-command-line", "PLUGIN_PASSWORD"]]);
    const ecr = steps.find((s) => s.identifier === "push_ecr")!;
    expect(ecr.commands[1]).toEqual([D, "login", "-u", "AWS", "-p", "<ECR_TOKEN>", "123456789012.dkr.ecr.us-east-1.amazonaws.com"]);
    const acr = steps.find((s) => s.identifier === "push_acr")!;
    expect(acr.bugs.map((b) => b.id)).toEqual(["password-on-command-line", "ignored-runtime-flag"]);
    expect(acr.bugs[1]).toMatchObject({ variable: "PLUGIN_PUSH_RETRY" });
    expect(result.stdout).not.toMatch(/hunter|s3cret/);

    const text = run(["explain", "examples/pipeline.yaml", ...connectors, "--infra", "vm"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("  the plugin uses the VM's Docker daemon (PLUGIN_DAEMON_OFF=true)\n  the plugin runs these docker commands, in order (one command per line, as JSON):\n    [\"/usr/local/bin/docker\",\"info\"]\n");
    expect(text.stdout).toContain('    ["/usr/local/bin/docker","login","-u","acme","-p","<secret account.dockerhub_token>","https://index.docker.io/v1/"]\n');
    expect(text.stdout).toMatch(/    ! password-on-command-line \(PLUGIN_PASSWORD\): docker login -u <user> -p <password> puts the password/);
    expect(text.stdout).toMatch(/    ! ignored-runtime-flag \(PLUGIN_PUSH_RETRY\): /);
  });

  test("on VM infrastructure: runtime flags the plugin ignores and daemon options PLUGIN_DAEMON_OFF=true makes ineffective", () => {
    const result = run(["explain", "vm.yaml", ...connectors, "--format", "json"], { "vm.yaml": ecrOnAVmWith({ PLUGIN_NETWORK: "host", PLUGIN_MTU: "1400", PLUGIN_BUILDX: "true" }) });
    expect(result.code).toBe(0);
    const [step] = JSON.parse(result.stdout).steps as VmStep[];
    expect(step).toMatchObject({ image: "plugins/ecr:21.1.1", plugin: "drone-docker", daemon: null });
    expect(step!.bugs.map((b) => [b.id, b.variable])).toEqual(expect.arrayContaining([["ignored-runtime-flag", "PLUGIN_NETWORK"], ["ignored-runtime-flag", "PLUGIN_BUILDX"], ["daemon-option-without-daemon", "PLUGIN_MTU"]]));
  });

  test("on VM infrastructure: where the plugin stops, the commands up to there and why", () => {
    const result = run(["explain", "vm.yaml", ...connectors, "--format", "json"], { "vm.yaml": ecrOnAVmWith({ PLUGIN_DRY_RUN: "yes" }) });
    expect(result.code).toBe(0);
    const [step] = JSON.parse(result.stdout).steps as VmStep[];
    expect(step).toMatchObject({ commands: [], failure: expect.stringMatching(/^PLUGIN_DRY_RUN: could not parse "yes" as a boolean.*\[invalid-bool\]$/) });
    const text = run(["explain", "vm.yaml", ...connectors], { "vm.yaml": ecrOnAVmWith({ PLUGIN_DRY_RUN: "yes" }) });
    expect(text.stdout).toContain("  the plugin runs no docker command\n  the plugin stops there and exits 1: PLUGIN_DRY_RUN: could not parse");
  });

  test("on VM infrastructure: a custom registry's unqualified repo is refused (drone-docker pushes it to Docker Hub), and a tag the Docker CLI refuses fails only after the build", () => {
    const registryConnector = ["connector:", "  name: Registry", "  identifier: registry", "  type: DockerRegistry", "  spec:", "    dockerRegistryUrl: https://registry.example.com", "    auth:", "      type: UsernamePassword", "      spec:", "        username: ci", "        passwordRef: account.registry_pass", ""].join("\n");
    const pipeline = (repo: string) =>
      ecrOnAVmWith({ PLUGIN_TAG: "1.0,," })
        .replace("type: BuildAndPushECR", "type: BuildAndPushDockerRegistry")
        .replace("connectorRef: account.aws_prod", "connectorRef: account.registry")
        .replace(/\n +region: .*\n +account: .*\n +imageName: api/, `\n                    repo: ${repo}`);
    // Harness's docs: a private registry's repository is fully qualified; drone-docker would push acme/app to Docker Hub with this connector's login.
    const unqualified = run(["explain", "vm.yaml", "--connectors", "registry.yaml", "--format", "json"], { "vm.yaml": pipeline("acme/app"), "registry.yaml": registryConnector });
    expect(unqualified.code).toBe(1);
    expect(unqualified.stdout).toBe("");
    expect(unqualified.stderr).toMatch(/spec\.repo: repo "acme\/app" names no registry, .*write "registry\.example\.com\/acme\/app"\) \[repository-not-on-registry\]/);
    const result = run(["explain", "vm.yaml", "--connectors", "registry.yaml", "--format", "json"], { "vm.yaml": pipeline("registry.example.com/acme/app"), "registry.yaml": registryConnector });
    expect(result.stderr).toBe("");
    const [step] = JSON.parse(result.stdout).steps as (VmStep & { failure: string })[];
    expect(step!.commands[1]).toEqual([D, "login", "-u", "ci", "-p", "<secret account.registry_pass>", "https://registry.example.com"]);
    const image = "registry.example.com/acme/app";
    expect(step!.commands.slice(-3)).toEqual([[D, "tag", "<TEMP_TAG>", `${image}:1.0`], [D, "push", `${image}:1.0`], [D, "tag", "<TEMP_TAG>", `${image}:`]]);
    expect(step!.failure).toMatch(/the Docker CLI refuses the image reference after the whole build: .*"registry\.example\.com\/acme\/app:" .*\[invalid-reference\]$/);
    expect(step!.bugs.map((b) => b.id)).toEqual(expect.arrayContaining(["password-on-command-line", "invalid-tag"]));
    expect(step!.bugs.map((b) => b.id)).not.toContain("unqualified-repo");
  });

  test("Harness Cloud's buildx path (cacheFrom and cacheTo in examples/ecr.yaml): the buildx plugin, its cache variables, and no emulation", () => {
    const result = run(["explain", "examples/ecr.yaml", ...connectors, "--format", "json"]);
    const [step] = JSON.parse(result.stdout).steps;
    expect(step).toMatchObject({ image: "plugins/buildx-ecr:1.5.6", plugin: "buildx", bugs: [] });
    expect(step.env).toMatchObject({ PLUGIN_CACHE_FROM: "type=registry,ref=123456789012.dkr.ecr.us-east-1.amazonaws.com/api:cache", PLUGIN_METADATA_FILE: "buildx-metadata.json" });
    expect(step).not.toHaveProperty("commands");
    expect((run(["explain", "examples/ecr.yaml", ...connectors])).stdout).toMatch(/on the buildx path .* Harness runs the buildx plugin, .* buildpush does not emulate it/);
  });

  test("caching: true with --layer-cache: the layer cache in the buildx plugin's environment; a bad one is a problem", () => {
    const yaml = ecrOnAVmWith({}).replace("tags:", "caching: true\n                    tags:");
    const result = run(["explain", "vm.yaml", ...connectors, "--layer-cache", "registry.internal/buildcache", "--format", "json"], { "vm.yaml": yaml });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).steps[0].env).toMatchObject({ PLUGIN_CACHE_TO: "type=registry,ref=registry.internal/buildcache/123456789012.dkr.ecr.us-east-1.amazonaws.com/api:buildcache,mode=max,ignore-error=true", PLUGIN_BUILDER_DRIVER_OPTS: "image=harness/buildkit:1.0.21" });
    const bad = run(["explain", "vm.yaml", ...connectors, "--layer-cache", "Registry/Cache:v1"], { "vm.yaml": yaml });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/layerCache\.repository "Registry\/Cache:v1" is not a repository/);
  });

  test.each<[string, string[], string, { image: string; plugin: string; login?: string[]; pushed?: string[]; bugs: [string, string | undefined][]; env?: Record<string, string>; warnings?: string[] }]>([
    [
      "GCR on Harness Cloud, drone-docker's gcr wrapper: _json_key with the key on docker's command line, at <host>/<projectID>, the image under it",
      ["examples/gcr.yaml"],
      "push_gcr_eu",
      {
        image: "plugins/gcr:21.3.3",
        plugin: "drone-docker",
        login: [D, "login", "-u", "_json_key", "-p", "<secret account.gcp_service_account_key>", "eu.gcr.io/acme-prod"],
        pushed: [D, "push", "eu.gcr.io/acme-prod/web:42"],
        bugs: [["password-on-command-line", "PLUGIN_JSON_KEY"], ["ignored-runtime-flag", "PLUGIN_PUSH_RETRY"]],
        // The same finding as validate's warning: drone-docker has no push retry.
        warnings: ["ignored-runtime-flag spec.envVariables.PLUGIN_PUSH_RETRY"],
      },
    ],
    [
      "GAR on a VM, drone-docker's gar wrapper: the same login, REPOSITORY/IMAGE under the project",
      ["examples/gar.yaml", "--infra", "vm"],
      "push_gar",
      {
        image: "plugins/gar:21.3.3",
        plugin: "drone-docker",
        login: [D, "login", "-u", "_json_key", "-p", "<secret account.gcp_service_account_key>", "us-central1-docker.pkg.dev/acme-prod"],
        pushed: [D, "push", "us-central1-docker.pkg.dev/acme-prod/docker-repo/api:1.4.0"],
        bugs: [["password-on-command-line", "PLUGIN_JSON_KEY"]],
      },
    ],
    [
      "GAR with cacheFrom and cacheTo on Harness Cloud: the buildx-gar plugin Harness runs, its cache variables, no emulation",
      ["examples/gar.yaml"],
      "push_gar_europe",
      { image: "plugins/buildx-gar:1.5.6", plugin: "buildx", bugs: [], env: { PLUGIN_CACHE_FROM: "type=registry,ref=europe-docker.pkg.dev/acme-prod/docker-repo/api:cache", PLUGIN_METADATA_FILE: "buildx-metadata.json", PLUGIN_REGISTRY_TYPE: "gar" } },
    ],
    [
      "GCR with an OIDC connector: the access token Google issues goes through --password-stdin, so no password bug",
      ["oidc.yaml", "--infra", "vm"],
      "push_gcr_eu",
      {
        image: "plugins/gcr:21.3.3",
        plugin: "drone-docker",
        login: [D, "login", "-u", "oauth2accesstoken", "--password-stdin", "eu.gcr.io/acme-prod"],
        bugs: [["ignored-runtime-flag", "PLUGIN_PUSH_RETRY"]],
        warnings: ["ignored-runtime-flag spec.envVariables.PLUGIN_PUSH_RETRY"],
      },
    ],
  ])("%s", (_rule, args, identifier, expected) => {
    const oidc = readFileSync(join(root, "examples/gcr.yaml"), "utf8").replaceAll("connectorRef: account.gcp\n", "connectorRef: account.gcp_oidc\n");
    const result = run(["explain", ...args, ...connectors, "--format", "json"], { "oidc.yaml": oidc });
    // Only warnings on stderr, each as `CODE FIELD` (any other line stays as it is and fails the comparison).
    const warnings = result.stderr.split("\n").filter(Boolean).map((line) => /: warning: (\S+): .*\[([a-z-]+)\]$/.exec(line)?.slice(1).reverse().join(" ") ?? line);
    expect(warnings).toEqual(expected.warnings ?? []);
    expect(result.code).toBe(0);
    const step = (JSON.parse(result.stdout).steps as (VmStep & { env: Record<string, string> })[]).find((s) => s.identifier === identifier)!;
    expect(step).toMatchObject({ image: expected.image, plugin: expected.plugin });
    expect(step.bugs.map((b) => [b.id, b.variable])).toEqual(expected.bugs);
    if (expected.env) expect(step.env).toMatchObject(expected.env);
    if (expected.login === undefined) expect(step).not.toHaveProperty("commands");
    else {
      expect(step.commands.find((command) => command[1] === "login")).toEqual(expected.login);
      if (expected.pushed) expect(step.commands.filter((command) => command[1] === "push")).toEqual([expected.pushed]);
    }
    expect(result.stdout).not.toMatch(/"PLUGIN_JSON_KEY": "[^<]/);
  });
});
