// The CLI as a process whose output cannot be written: a pipe whose reader has gone
// (`buildpush translate … | head -c 10`) ends quietly with 141, what the shell reports for any
// program a closed pipe stops; a full disk (`> /dev/full`) is one line on stderr and exit 1.
// Never a stack trace. `run` stops its builder and removes its login first.
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { processesMentioning, startCli } from "../support/cli-process.js";
import { makeRunWorkspace } from "../support/fake-buildah.js";
import { repoRoot } from "../support/paths.js";
import { pipelineWithStep } from "../support/pipeline-template.js";

const root = mkdtempSync(join(tmpdir(), "buildpush-hostile-output-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const connectors = ["--connectors", "examples/connectors.yaml"];
// A push with a login: the docker variant stops before the executor without one (kaniko-plugin.md §4), and this test needs output.
writeFileSync(join(root, "env.json"), JSON.stringify({ PLUGIN_REPO: "acme/app", PLUGIN_TAGS: "1.0", PLUGIN_USERNAME: "ci", PLUGIN_PASSWORD: "<secret>" }));
const commands: [string, string[]][] = [
  ["translate", ["translate", "examples/pipeline.yaml", ...connectors]],
  ["translate --format kubernetes", ["translate", "examples/pipeline.yaml", ...connectors, "--format", "kubernetes"]],
  ["explain", ["explain", "examples/pipeline.yaml", ...connectors]],
  // A pipeline with problems, so validate has something to print.
  ["validate (problems on stdout)", ["validate", "test/hostile/pipelines/dotdot-escapes.yaml", ...connectors]],
  ["kaniko-args", ["kaniko-args", "--variant", "docker", "--env-json", join(root, "env.json")]],
];

/**
 * A pipeline whose translation is more than the pipe holds, so the reader can go part way
 * through it: 1 000 steps, about 1.3 MB of JSON. (A shell's pipe holds 64 KiB; the socket
 * pair Node makes for a child's stdin can hold about 200 KB.)
 */
function bigPipeline(): string {
  const file = join(root, "big.yaml");
  const step = (index: number): string => `type: BuildAndPushDockerRegistry\nname: Push ${index}\nidentifier: push_${index}\nspec: {connectorRef: account.dockerhub, repo: acme/app${index}, tags: ["1.0"]}`;
  const more = Array.from({ length: 999 }, (_, index) => `              - step:\n${step(index + 1).replace(/^/gm, " ".repeat(18))}`);
  writeFileSync(file, `${pipelineWithStep(step(0))}${more.join("\n")}\n`);
  return file;
}

describe("stdout closed by its reader", () => {
  test.each(commands)("%s: closed before it writes: exit 141, nothing on stderr", async (_, args) => {
    const cli = startCli(args, { cwd: repoRoot });
    cli.child.stdout!.destroy();
    const { code } = await cli.exited;
    expect(code).toBe(141);
    expect(cli.stderr()).toBe("");
  });

  test("translate | head -c 10, a long output: head takes 10 bytes and goes: exit 141, nothing on stderr", async () => {
    const head = spawn("head", ["-c", "10"], { stdio: ["pipe", "pipe", "ignore"] });
    let taken = "";
    head.stdout.setEncoding("utf8").on("data", (chunk: string) => (taken += chunk));
    const cli = startCli(["translate", bigPipeline(), ...connectors], { cwd: repoRoot, stdout: head.stdin });
    // Only buildpush holds the pipe's writing end now, as in a shell pipeline.
    head.stdin.destroy();
    const { code } = await cli.exited;
    expect(taken).toBe('{\n  "stage');
    expect(code).toBe(141);
    // It was big: the whole translation, to a reader that stays, is much more than the pipe holds.
    const whole = startCli(["translate", bigPipeline(), ...connectors], { cwd: repoRoot });
    expect((await whole.exited).code).toBe(0);
    expect(whole.stdout().length).toBeGreaterThan(1_000_000);
    expect(cli.stderr()).toBe("");
  });

  test("run: the builder is stopped and the login removed before it ends with 141", async () => {
    const workspace = makeRunWorkspace(join(root, "run-closed"));
    const cli = startCli(workspace.args, { cwd: workspace.dir, env: { ...workspace.env, FAKE_BUILDAH_HANG: "build" } });
    cli.child.stdout!.destroy();
    const { code } = await cli.exited;
    expect(code).toBe(141);
    expect(cli.stderr()).toBe("");
    expect(readdirSync(workspace.tmp)).toEqual([]);
    expect(processesMentioning(workspace.tmp)).toEqual([]);
  });
});

describe("stdout on a full disk (/dev/full)", () => {
  test.each(commands)("%s: one line on stderr, exit 1", async (_, args) => {
    const full = openSync("/dev/full", "w");
    try {
      const cli = startCli(args, { cwd: repoRoot, stdout: full });
      const { code } = await cli.exited;
      expect(code).toBe(1);
      expect(cli.stderr()).toBe("buildpush: cannot write the output: no space left on device\n");
    } finally {
      closeSync(full);
    }
  });

  test("stdout and stderr both full: exit 1, and no loop trying to report it", async () => {
    const full = openSync("/dev/full", "w");
    try {
      const { code } = await startCli(commands[0]![1], { cwd: repoRoot, stdout: full, stderr: full }).exited;
      expect(code).toBe(1);
    } finally {
      closeSync(full);
    }
  });

  test("run: one line, exit 1, the builder stopped and the login removed", async () => {
    const workspace = makeRunWorkspace(join(root, "run-full"));
    const full = openSync("/dev/full", "w");
    try {
      const cli = startCli(workspace.args, { cwd: workspace.dir, env: { ...workspace.env, FAKE_BUILDAH_HANG: "build" }, stdout: full });
      const { code } = await cli.exited;
      expect(code).toBe(1);
      expect(cli.stderr()).toBe("buildpush: cannot write the output: no space left on device\n");
      expect(readdirSync(workspace.tmp)).toEqual([]);
      expect(processesMentioning(workspace.tmp)).toEqual([]);
    } finally {
      closeSync(full);
    }
  });
});
