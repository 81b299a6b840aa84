// Every signal that would end `buildpush run` mid-build, sent to the CLI as a process with a
// stand-in buildah that starts a child of its own: the temporary directory with the login is
// gone (with what the builder left in its TMPDIR), neither the builder nor its child survives,
// and the exit status is 128 + the signal.
// (test/e2e/buildah-signals.test.ts does the same with the real Buildah.)
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { terminatingSignals } from "../../packages/cli/src/termination.js";
import { eventually, processesMentioning, startCli, type CliProcess } from "../support/cli-process.js";
import { makeRunWorkspace, type RunWorkspace } from "../support/fake-buildah.js";

const root = mkdtempSync(join(tmpdir(), "buildpush-hostile-signals-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Start a run whose build hangs, and wait until the builder and its child are running. */
async function hungBuild(name: string, extraEnv: Record<string, string> = {}, extraArgs: string[] = []): Promise<{ workspace: RunWorkspace; cli: CliProcess }> {
  const workspace = makeRunWorkspace(join(root, name));
  const cli = startCli([...workspace.args, ...extraArgs], { cwd: workspace.dir, env: { ...workspace.env, FAKE_BUILDAH_HANG: "build", FAKE_BUILDAH_LOG: join(workspace.dir, "calls.jsonl"), ...extraEnv } });
  // The builder and the child it started both name the auth file in their arguments.
  await eventually("the builder and its child", () => (processesMentioning(workspace.tmp).length >= 2 ? true : undefined));
  return { workspace, cli };
}

function expectNothingLeft(workspace: RunWorkspace): void {
  expect(readdirSync(workspace.tmp)).toEqual([]);
  expect(processesMentioning(workspace.tmp)).toEqual([]);
}

describe("buildpush run as a process, stopped by a signal", () => {
  test.concurrent.each(terminatingSignals)("%s mid-build: builder and its child stopped, login removed, exit 128 + the signal", async (signal) => {
    const { workspace, cli } = await hungBuild(signal);
    cli.child.kill(signal);
    const { code } = await cli.exited;
    expect(code).toBe(128 + constants.signals[signal]);
    expect(cli.stderr()).toBe(`buildpush: stopped by ${signal}\n`);
    expectNothingLeft(workspace);
  });

  test("--storage-driver reaches Buildah (the argv the signals above interrupt)", async () => {
    const { workspace, cli } = await hungBuild("storage-driver", {}, ["--storage-driver", "overlay"]);
    cli.child.kill("SIGTERM");
    await cli.exited;
    const build = readFileSync(join(workspace.dir, "calls.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as { argv: string[] })[1]!;
    expect(build.argv.slice(0, 3)).toEqual(["--storage-driver", "overlay", "build"]);
  });

  test("a builder that ignores SIGTERM is killed after the grace period, and only then does buildpush exit", async () => {
    const { workspace, cli } = await hungBuild("ignores-term", { FAKE_BUILDAH_IGNORE_TERM: "1" });
    const sent = Date.now();
    cli.child.kill("SIGHUP");
    const { code } = await cli.exited;
    expect(code).toBe(129);
    // 5 s between SIGTERM and SIGKILL (runProcess's default grace).
    expect(Date.now() - sent).toBeGreaterThanOrEqual(4_900);
    expectNothingLeft(workspace);
  }, 30_000);

  test("a second signal while the builder is being stopped ends buildpush at once; the login and the builder still go", async () => {
    const { workspace, cli } = await hungBuild("impatient", { FAKE_BUILDAH_IGNORE_TERM: "1" });
    const sent = Date.now();
    cli.child.kill("SIGINT");
    await eventually("the first signal's message", () => (cli.stderr().includes("stopped by SIGINT") ? true : undefined));
    cli.child.kill("SIGINT");
    const { code } = await cli.exited;
    expect(code).toBe(130);
    expect(Date.now() - sent).toBeLessThan(4_000);
    expect(readdirSync(workspace.tmp)).toEqual([]);
    // Exiting at once, buildpush sends SIGKILL to the builder's group and cannot wait for it to land.
    await eventually("the builder and its child ending", () => (processesMentioning(workspace.tmp).length === 0 ? true : undefined), 2_000);
  }, 30_000);
});
