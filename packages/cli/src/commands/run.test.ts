import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultBuildahImage } from "../../../../test/support/internals.js";
import { cliBin } from "../../../../test/support/paths.js";
import { runCli as cli } from "../../../../test/support/run-cli.js";
import { describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("../../../../", import.meta.url));

const connectors = ["--connectors", "examples/connectors.yaml"];

describe("buildpush run: input mistakes stop it before anything runs", () => {
  test("no pipeline file is a usage error", async () => {
    const result = await cli(["run"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^buildpush: no pipeline file given\n\nUsage: buildpush/);
  });

  test("a broken secrets file is a problem with its position, never its text", async () => {
    const result = await cli(["run", "examples/docker.yaml", ...connectors, "--secrets", "local.yaml"], { "local.yaml": "account.dockerhub_token: {t0ps3cret\n" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^local\.yaml:\d+:\d+: the secrets file is not valid YAML here/);
    expect(result.stderr).not.toContain("t0ps3cret");
  });

  test("a secret the connectors need but the file lacks is named, with where to add it", async () => {
    const result = await cli(["run", "examples/docker.yaml", ...connectors, "--secrets", "local.env"], { "local.env": "other=value\n" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^buildpush: secret account\.dockerhub_token \(the password for docker\.io, step push_docker\) has no value in local\.env /);
    expect(result.stderr).toContain("add `account.dockerhub_token: VALUE` (YAML) or `account.dockerhub_token=VALUE` (dotenv) to the secrets file");
    expect(result.stderr).toContain("[missing-connector-secret]");
  });

  test("without --secrets, the message says no secrets file was given", async () => {
    const result = await cli(["run", "examples/docker.yaml", ...connectors]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("has no value because no secrets file was given (--secrets FILE)");
  });

  test("a step Buildah cannot push (an ECR step) is refused with the reason", async () => {
    const result = await cli(["run", "examples/ecr.yaml", ...connectors]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the Buildah backend cannot log in with an AWS connector");
  });
});

describe("buildpush translate --mode / --non-root", () => {
  test.each([
    [["--mode", "buildah"], defaultBuildahImage],
    [["--non-root"], defaultBuildahImage],
    [["--mode", "buildah", "--buildah-image", "registry.internal/buildah:v1"], "registry.internal/buildah:v1"],
    [[], "plugins/kaniko:1.13.3"],
  ])("%j runs %s", async (flags, image) => {
    const result = await cli(["translate", "examples/docker.yaml", ...connectors, ...flags]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).steps[0].container.image).toBe(image);
  });

  test("an unknown mode is a usage error listing the modes", async () => {
    const result = await cli(["translate", "examples/docker.yaml", ...connectors, "--mode", "docker"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^buildpush: --mode takes plugin or .*buildah, not "docker"/);
  });

  test("a bad Buildah image is a problem", async () => {
    const result = await cli(["translate", "examples/docker.yaml", ...connectors, "--mode", "buildah", "--buildah-image", "Not An Image"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"Not An Image" is not a valid image reference for the Buildah image');
  });
});

describe("buildpush run as a process (needs `pnpm build`, which `pnpm test` runs first)", () => {
  test("SIGTERM mid-build stops Buildah, removes the auth file and exits 143 (and --storage-driver reaches Buildah)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "buildpush-signal-"));
    try {
      const bin = join(dir, "bin");
      const scratch = join(dir, "tmp");
      mkdirSync(bin);
      mkdirSync(scratch);
      mkdirSync(join(dir, "app"));
      writeFileSync(join(dir, "Dockerfile"), "FROM scratch\n");
      // A buildah that reports its pid and arguments when building and then never finishes.
      writeFileSync(join(bin, "buildah"), `#!/usr/bin/env node\nif (process.argv.includes("build")) { require("node:fs").writeFileSync(${JSON.stringify(join(dir, "pid"))}, JSON.stringify({ pid: process.pid, argv: process.argv.slice(2) })); setInterval(() => {}, 1000); }\n`);
      chmodSync(join(bin, "buildah"), 0o755);
      writeFileSync(join(dir, "secrets.env"), "account.dockerhub_token=t0ps3cret\n");
      writeFileSync(
        join(dir, "pipeline.yaml"),
        "pipeline:\n  identifier: p\n  stages:\n    - stage:\n        identifier: s\n        type: CI\n        spec:\n          execution:\n            steps:\n              - step:\n                  type: BuildAndPushDockerRegistry\n                  name: Build\n                  identifier: b\n                  spec: {connectorRef: account.dockerhub, repo: acme/web, tags: [\"1\"], context: app}\n",
      );
      const child = spawn(process.execPath, [cliBin, "run", "pipeline.yaml", "--connectors", join(root, "examples/connectors.yaml"), "--secrets", "secrets.env", "--storage-driver", "overlay"], {
        cwd: dir,
        env: { ...process.env, PATH: `${bin}${delimiter}${process.env["PATH"]}`, TMPDIR: scratch },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      let builder: { pid: number; argv: string[] } | undefined;
      for (let i = 0; i < 200 && !builder; i++) {
        // Read until the file holds the whole record: it may be seen before it is written.
        try {
          builder = JSON.parse(readFileSync(join(dir, "pid"), "utf8")) as { pid: number; argv: string[] };
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      if (!builder) throw new Error("the stand-in buildah never started");
      const builderPid = builder.pid;
      expect(builder.argv.slice(0, 3)).toEqual(["--storage-driver", "overlay", "build"]);
      expect(readdirSync(scratch)).toHaveLength(1);
      child.kill("SIGTERM");
      expect(await exited).toBe(143);
      expect(stderr).toContain("buildpush: stopped by SIGTERM");
      expect(readdirSync(scratch)).toEqual([]);
      let builderAlive = true;
      for (let i = 0; i < 100 && builderAlive; i++) {
        try {
          process.kill(builderPid, 0);
          await new Promise((resolve) => setTimeout(resolve, 50));
        } catch {
          builderAlive = false;
        }
      }
      expect(builderAlive).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
