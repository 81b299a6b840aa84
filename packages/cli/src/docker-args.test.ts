/**
 * `buildpush docker-args`, run as a process the way a user or another tool runs it (the
 * installed bin, built by `pnpm build`, which `pnpm test` runs first).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { cliBin } from "../../../test/support/paths.js";

const dir = mkdtempSync(join(tmpdir(), "buildpush-docker-args-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** `buildpush docker-args ARGS`, with `env` (an object, or raw text) written to a file passed as --env-json. */
function dockerArgs(variant: string, env: Record<string, unknown> | string, extra: string[] = []) {
  const file = join(dir, `env-${files++}.json`);
  writeFileSync(file, typeof env === "string" ? env : JSON.stringify(env));
  const child = spawnSync(process.execPath, [cliBin, "docker-args", "--variant", variant, "--env-json", file, ...extra], { encoding: "utf8" });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr, file };
}

const D = "/usr/local/bin/docker";
const VM = { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "acme/app", PLUGIN_TAGS: "1.0" };

describe("buildpush docker-args", () => {
  test("prints one JSON object {exit, daemon, commands} with argv[0] as the plugin runs it, exit status 0", () => {
    const result = dockerArgs("docker", { ...VM, PLUGIN_USERNAME: "acme", PLUGIN_PASSWORD: "<secret account.hub>" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.endsWith("}\n")).toBe(true);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(["exit", "daemon", "commands"]);
    expect(output).toEqual({
      exit: 0,
      daemon: null,
      commands: [
        [D, "info"],
        [D, "login", "-u", "acme", "-p", "<secret account.hub>", "https://index.docker.io/v1/"],
        [D, "version"],
        [D, "info"],
        [D, "build", "--rm=true", "-f", "Dockerfile", "-t", "<TEMP_TAG>", ".", "--pull=true", "--label", "org.opencontainers.image.created=<RFC3339_NOW>", "--label", "org.opencontainers.image.revision=00000000", "--label", "org.opencontainers.image.source=", "--label", "org.opencontainers.image.url="],
        [D, "tag", "<TEMP_TAG>", "acme/app:1.0"],
        [D, "push", "acme/app:1.0"],
        [D, "inspect", "<TEMP_TAG>"],
      ],
    });
  });

  test("the dockerd argv when the plugin starts its own daemon", () => {
    const output = JSON.parse(dockerArgs("docker", { PLUGIN_REPO: "acme/app", PLUGIN_MTU: "1400" }).stdout);
    expect(output.daemon).toEqual(["/usr/local/bin/dockerd", "--data-root", "/var/lib/docker", "--host=unix:///var/run/docker.sock", "--mtu", "1400"]);
  });

  test("where the Docker CLI refuses a tag after the build: the JSON ends at that command, exit 1, the reason on stderr", () => {
    const result = dockerArgs("docker", { ...VM, PLUGIN_TAGS: "1.0,," });
    expect(result.status).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output.exit).toBe(1);
    expect(output.commands.slice(-3)).toEqual([
      [D, "tag", "<TEMP_TAG>", "acme/app:1.0"],
      [D, "push", "acme/app:1.0"],
      [D, "tag", "<TEMP_TAG>", "acme/app:"],
    ]);
    expect(result.stderr).toBe(`${result.file}: the plugin would fail: the Docker CLI refuses the image reference after the whole build: Error parsing reference: "acme/app:" is not a valid repository/tag: invalid reference format; the plugin exits 1 [invalid-reference]\n`);
  });

  test("a value the plugin cannot parse: no daemon, no command, exit 1", () => {
    const result = dockerArgs("ecr", { PLUGIN_REPO: "app", PLUGIN_REGISTRY: "r.example", PLUGIN_DRY_RUN: "yes" });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ exit: 1, daemon: null, commands: [] });
    expect(result.stderr).toMatch(/the plugin would fail: PLUGIN_DRY_RUN: could not parse "yes" as a boolean .* \[invalid-bool\]\n$/);
  });

  test("auto tag on a feature branch: the plugin exits 0 having run nothing, and stderr says so", () => {
    const result = dockerArgs("docker", { PLUGIN_REPO: "acme/app", PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/heads/feature", DRONE_REPO_BRANCH: "main" });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ exit: 0, daemon: null, commands: [] });
    expect(result.stderr).toMatch(/the plugin would exit 0 without building: skipping automated docker build .* \[auto-tag-skipped\]\n$/);
  });

  test("ECR and ACR: the registry passwords AWS and Azure issue at run time are placeholders", () => {
    const ecr = JSON.parse(dockerArgs("ecr", { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "app", PLUGIN_REGISTRY: "1.dkr.ecr.eu-west-1.amazonaws.com" }).stdout);
    expect(ecr.commands[1]).toEqual([D, "login", "-u", "AWS", "-p", "<ECR_TOKEN>", "1.dkr.ecr.eu-west-1.amazonaws.com"]);
    expect(ecr.commands).toContainEqual([D, "push", "1.dkr.ecr.eu-west-1.amazonaws.com/app:latest"]);
    const acr = JSON.parse(dockerArgs("acr", { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "r.azurecr.io/app", PLUGIN_REGISTRY: "r.azurecr.io", CLIENT_ID: "i", TENANT_ID: "t", CLIENT_SECRET: "<secret account.az>" }).stdout);
    expect(acr.commands[1]).toEqual([D, "login", "-u", "00000000-0000-0000-0000-000000000000", "-p", "<ACR_TOKEN>", "r.azurecr.io"]);
  });

  test("the same environment always gives the same output", () => {
    const env = { ...VM, PLUGIN_SECRET: "id=s,src=/s", DRONE_COMMIT_SHA: "abc" };
    expect(dockerArgs("docker", env).stdout).toBe(dockerArgs("docker", env).stdout);
  });

  test("a file that is no JSON object of strings: exit 1, nothing on stdout, its text never repeated", () => {
    const syntax = dockerArgs("docker", '{\n  "PLUGIN_PASSWORD": hunter2-S3cret\n}');
    expect(syntax).toMatchObject({ status: 1, stdout: "" });
    expect(syntax.stderr).toBe(`${syntax.file}: not JSON: line 2, column 22: a character that cannot start a JSON value\n`);
    const number = dockerArgs("docker", '{"PLUGIN_PASSWORD": 12345678901234}');
    expect(number.stderr).toBe(`${number.file}: "PLUGIN_PASSWORD" must be a string (environment variables are strings), found a number\n`);
  });

  test("GCR: the wrapper logs in as _json_key with the key and pushes to the registry-prefixed repo", () => {
    const result = dockerArgs("gcr", { PLUGIN_DAEMON_OFF: "true", PLUGIN_REGISTRY: "gcr.io/acme", PLUGIN_REPO: "app", PLUGIN_TAGS: "1.0", PLUGIN_JSON_KEY: "<secret account.gcp>" });
    expect(result).toMatchObject({ status: 0, stderr: "" });
    const { commands } = JSON.parse(result.stdout) as { commands: string[][] };
    expect(commands[1]).toEqual([D, "login", "-u", "_json_key", "-p", "<secret account.gcp>", "gcr.io/acme"]);
    expect(commands).toContainEqual([D, "push", "gcr.io/acme/app:1.0"]);
  });

  test("GAR with OIDC: an access token through stdin for oauth2accesstoken; the registry from PLUGIN_LOCATION", () => {
    const oidc = { PLUGIN_OIDC_TOKEN_ID: "<oidc>", PLUGIN_PROJECT_NUMBER: "123", PLUGIN_POOL_ID: "pool", PLUGIN_PROVIDER_ID: "prov", PLUGIN_SERVICE_ACCOUNT_EMAIL: "sa@acme.iam.gserviceaccount.com" };
    const result = dockerArgs("gar", { PLUGIN_DAEMON_OFF: "true", PLUGIN_LOCATION: "europe-west1", PLUGIN_REPO: "acme/repo/app", ...oidc });
    expect(result.status).toBe(0);
    const { commands } = JSON.parse(result.stdout) as { commands: string[][] };
    expect(commands[1]).toEqual([D, "login", "-u", "oauth2accesstoken", "--password-stdin", "europe-west1-docker.pkg.dev"]);
    expect(commands).toContainEqual([D, "push", "europe-west1-docker.pkg.dev/acme/repo/app:latest"]);
    expect(result.stdout).not.toContain("<oidc>");
  });

  test("GAR without a registry or location: docker refuses -docker.pkg.dev/... after the build, exit 1", () => {
    const result = dockerArgs("gar", { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "acme/repo/app", PLUGIN_JSON_KEY: "<secret account.gcp>" });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).commands.at(-1)).toEqual([D, "tag", "<TEMP_TAG>", "-docker.pkg.dev/acme/repo/app:latest"]);
    expect(result.stderr).toMatch(/the plugin would fail: the Docker CLI refuses the image reference .* \[invalid-reference\]\n$/);
  });

  test.each([
    [["--env-json", "x.json"], /--variant takes docker, ecr, acr, gcr, gar/],
    [["--variant", "heroku", "--env-json", "x.json"], /--variant takes docker, ecr, acr, gcr, gar, not "heroku"/],
    [["--variant", "docker"], /--env-json FILE is required/],
    [["--variant", "docker", "--env-json", "/nonexistent/env.json"], /cannot read \/nonexistent\/env\.json: no such file/],
    [["--variant", "docker", "--env-json", "x.json", "extra"], /docker-args takes no positional arguments/],
  ])("wrong usage %j exits 2 with the reason and the usage, no stack trace", (args, reason) => {
    const child = spawnSync(process.execPath, [cliBin, "docker-args", ...args], { encoding: "utf8" });
    expect(child.status).toBe(2);
    expect(child.stdout).toBe("");
    expect(child.stderr).toMatch(reason);
    expect(child.stderr).toMatch(/docker-args --variant docker\|ecr\|acr\|gcr\|gar --env-json FILE/);
    expect(child.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
