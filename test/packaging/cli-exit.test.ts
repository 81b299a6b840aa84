/**
 * The bin ends its process as soon as a command's output is written (exit-when-written.ts)
 * rather than letting it end by itself: nothing it wrote may be lost on the way, however slowly
 * the reader takes it, and the status is the command's.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, expect, test } from "vitest";
import { benchConnectorsYaml, generatePipeline } from "../../bench/generate-pipeline.mjs";
import { cliBin, repoRoot } from "../support/paths.js";

const dir = mkdtempSync(join(tmpdir(), "buildpush-cli-exit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "pipeline.yaml"), generatePipeline(200));
writeFileSync(join(dir, "connectors.yaml"), benchConnectorsYaml);

/** The command's output and status, its stdout and stderr read only after `waitMs` (the pipes fill and the bin waits). */
async function runWithSlowReader(args: string[], cwd: string, waitMs: number): Promise<{ stdout: string; stderr: string; status: number | null }> {
  const child = spawn(process.execPath, [cliBin, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  // Paused after the listeners are added, so nothing is read until resume(); 'close' comes
  // only once both pipes have been read to their end.
  child.stdout.pause();
  child.stderr.pause();
  const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  await sleep(waitMs);
  child.stdout.resume();
  child.stderr.resume();
  const status = await closed;
  return { stdout, stderr, status };
}

test("a large output read slowly through a pipe arrives whole, with status 0 (needs `pnpm build`)", async () => {
  const args = ["translate", "pipeline.yaml", "--connectors", "connectors.yaml", "--layer-cache", "registry.example.com/cache"];
  const expected = spawnSync(process.execPath, [cliBin, ...args], { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  expect(expected.status).toBe(0);
  // Far more than a pipe holds (64 KiB on Linux), so the bin is still writing when the reader starts.
  expect(expected.stdout.length).toBeGreaterThan(256 * 1024);
  const slow = await runWithSlowReader(args, dir, 500);
  expect(slow.status).toBe(0);
  expect(slow.stderr).toBe("");
  expect(slow.stdout).toBe(expected.stdout);
});

test("problems read slowly arrive whole, with status 1", async () => {
  const args = ["validate", "test/hostile/pipelines/dotdot-escapes.yaml", "--connectors", "examples/connectors.yaml"];
  const expected = spawnSync(process.execPath, [cliBin, ...args], { cwd: repoRoot, encoding: "utf8" });
  expect(expected.status).toBe(1);
  expect(expected.stdout + expected.stderr).toMatch(/dotdot-escapes\.yaml:\d+:\d+/);
  const slow = await runWithSlowReader(args, repoRoot, 300);
  expect(slow).toEqual({ stdout: expected.stdout, stderr: expected.stderr, status: 1 });
});
