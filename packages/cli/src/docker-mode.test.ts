/**
 * `buildpush translate --mode docker`, run as a process the way a user runs it (the installed
 * bin, built by `pnpm build`, which `pnpm test` runs first): docs/docker-mode.md.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { cliBin, repoRoot } from "../../../test/support/paths.js";

const dir = mkdtempSync(join(tmpdir(), "buildpush-docker-mode-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * examples/docker.yaml on Harness Cloud (Linux, Arm64), without its kaniko-only stage variable
 * (docker mode refuses a runtime flag it has no buildx equivalent for), `extra` spec lines added.
 */
function dockerOnHarnessCloud(extra: string[] = []): string {
  const file = join(dir, `docker-${extra.length}.yaml`);
  const text = readFileSync(join(repoRoot, "examples/docker.yaml"), "utf8")
    .replace(/          infrastructure:\n            type: KubernetesDirect\n            spec:\n(              .*\n)+/, "          platform:\n            os: Linux\n            arch: Arm64\n          runtime:\n            type: Cloud\n            spec: {}\n")
    .replace(/        variables:\n(          .*\n)+/, "")
    .replace("                    runAsUser: 0\n", `                    runAsUser: 0\n${extra.map((line) => `                    ${line}\n`).join("")}`);
  writeFileSync(file, text);
  return file;
}

function buildpush(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [cliBin, ...args], { cwd: repoRoot, encoding: "utf8" });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

const connectors = ["--connectors", "examples/connectors.yaml"];
const dockerOnAVm = ["translate", dockerOnHarnessCloud(), ...connectors, "--mode", "docker"];

describe("buildpush translate --mode docker", () => {
  test("the Docker CLI and BuildKit images are the caller's; every tag goes to one docker buildx build with the repository fully qualified", () => {
    const result = buildpush([...dockerOnAVm, "--docker-image", "registry.internal/docker:28-cli", "--buildkit-image", "registry.internal/buildkit:v0.20.0"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [step] = JSON.parse(result.stdout).steps;
    expect(step.container.image).toBe("registry.internal/docker:28-cli");
    expect(step.container.command.slice(-1)).toEqual(["buildpush-docker"]);
    expect(step.container.args).toEqual(expect.arrayContaining(["--driver-opt", "image=registry.internal/buildkit:v0.20.0", "--platform", "linux/arm64", "--tag", "docker.io/acme/web:42", "--tag", "docker.io/acme/web:1.10", "--tag", "docker.io/acme/web:latest", "--push"]));
    expect(step.container.secretEnv).toEqual({ BUILDPUSH_REGISTRY_PASSWORD: { ref: "account.dockerhub_token" } });
    expect(step.container.artifact).toMatchObject({ digestFile: "/addon/docker-metadata.json", digestFormat: "buildx-metadata" });
  });

  test("--format docker: the VM's Docker socket is mounted, the password passed by name", () => {
    const result = buildpush([...dockerOnAVm, "--format", "docker", "--workspace", "/home/ci/web"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const argv = JSON.parse(result.stdout.trim().split("\n")[0]!) as string[];
    expect(argv).toEqual(expect.arrayContaining(["--env", "BUILDPUSH_REGISTRY_PASSWORD", "--mount", "type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock"]));
    expect(result.stdout).not.toMatch(/dockerhub_token/);
  });

  test("--layer-cache gives caching: true its cache; without it, the step builds without one and a warning at the field says so", () => {
    const caching = dockerOnHarnessCloud(["caching: true"]);
    const withCache = buildpush(["translate", caching, ...connectors, "--mode", "docker", "--layer-cache", "registry.internal/buildcache"]);
    expect(withCache.code).toBe(0);
    expect(JSON.parse(withCache.stdout).steps[0].container.args).toEqual(expect.arrayContaining(["--cache-to", "type=registry,ref=registry.internal/buildcache/docker.io/acme/web:buildcache,mode=max,ignore-error=true"]));
    const without = buildpush(["translate", caching, ...connectors, "--mode", "docker"]);
    expect(without.code).toBe(0);
    expect(JSON.parse(without.stdout).steps[0].container.args).not.toContain("--cache-to");
    expect(without.stderr).toMatch(/:\d+:\d+: warning: spec\.caching: caching: true, but no layer cache was given, so the step builds without one: .*\[missing-layer-cache\]$/m);
  });

  test("GAR steps (examples/gar.yaml on VMs): Google's JSON-key login at each step's host, the key by reference, the image under host and project", () => {
    const result = buildpush(["translate", "examples/gar.yaml", ...connectors, "--infra", "vm", "--mode", "docker"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const steps = JSON.parse(result.stdout).steps as { identifier: string; container: { args: string[]; env: Record<string, string>; secretEnv: Record<string, unknown>; artifact: { template: { data: unknown } } } }[];
    expect(steps.map((s) => [s.identifier, s.container.args.slice(0, 4)])).toEqual([
      ["push_gar", ["login", "us-central1-docker.pkg.dev", "BUILDPUSH_REGISTRY_USERNAME", "BUILDPUSH_REGISTRY_PASSWORD"]],
      ["push_gar_europe", ["login", "europe-docker.pkg.dev", "BUILDPUSH_REGISTRY_USERNAME", "BUILDPUSH_REGISTRY_PASSWORD"]],
    ]);
    const europe = steps[1]!.container;
    expect(europe.env["BUILDPUSH_REGISTRY_USERNAME"]).toBe("_json_key");
    expect(europe.secretEnv).toEqual({ BUILDPUSH_REGISTRY_PASSWORD: { ref: "account.gcp_service_account_key" } });
    expect(europe.args).toEqual(expect.arrayContaining(["--cache-from", "type=registry,ref=europe-docker.pkg.dev/acme-prod/docker-repo/api:cache", "--tag", "europe-docker.pkg.dev/acme-prod/docker-repo/api:1.4.0", "--push"]));
    expect(europe.artifact.template.data).toMatchObject({ registryType: "GAR", registryUrl: "europe-docker.pkg.dev/acme-prod" });
  });

  test("an ECR step is refused at its connector: AWS issues the password at run time", () => {
    const refused = buildpush(["translate", "examples/ecr.yaml", ...connectors, "--mode", "docker"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/^examples\/ecr\.yaml:\d+:\d+: spec\.connectorRef: docker mode logs in with a username and password, and AWS issues this registry's password at run time .*\[unsupported-connector-auth\]$/m);
  });

  test.each([
    [["--docker-image", "not an image"], /"not an image" is not a valid image reference for the Docker CLI/],
    [["--buildkit-image", "Bad:Image:x"], /not a valid image reference for BuildKit/],
    [["--layer-cache", "registry.internal/cache:v1"], /layerCache\.repository "registry\.internal\/cache:v1" is not a repository: the repository holds a tag/],
  ])("a bad option %j is a problem, exit 1, no stack trace", (extra, reason) => {
    const result = buildpush([...dockerOnAVm, ...extra]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  test("a Kubernetes step is refused: docker mode needs the VM's daemon", () => {
    const result = buildpush(["translate", "examples/docker.yaml", "--connectors", "examples/connectors.yaml", "--mode", "docker"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/docker mode builds with the VM's Docker daemon, and step push_docker runs on Kubernetes, which has none .*\[unsupported-in-mode\]/);
  });
});
