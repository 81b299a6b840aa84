// Input the CLI must not read whole: /dev/zero, /dev/urandom, a FIFO nobody writes to, a pipe
// that never ends. Each ends with exit 1 or 2 and one line naming the file, the limit and the
// flag that raises it; the bin runs as a process, as a user runs it. No time is asserted (speed
// lives in the benchmark): the spawn timeout only turns a hang into a failure instead of a stuck
// suite. Then --max-yaml-bytes and --max-yaml-tokens on every file a command reads, in-process.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultYamlLimits } from "@buildpush/core";
import { Lexer } from "yaml";
import { afterAll, describe, expect, test } from "vitest";
import { benchConnectorsYaml, generatePipeline } from "../../../bench/generate-pipeline.mjs";
import { cliBin, repoRoot } from "../../../test/support/paths.js";
import { exampleConnectorArgs, runCli } from "../../../test/support/run-cli.js";

interface Exit {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The bin as a process; killed after `limitMs` so a hang fails the test (it is not a speed check). */
function bin(args: string[], limitMs = 30_000): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliBin, ...args], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"], timeout: limitMs });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** A shell writing into `fifo` (after `delay` seconds), killed when the test is done with it. */
function writer(fifo: string, command: string, delay = 0) {
  const child = spawn("sh", ["-c", `sleep ${delay}; ${command} > '${fifo}'`], { stdio: "ignore" });
  return { stop: () => child.kill("SIGKILL"), exited: new Promise<void>((resolve) => child.on("close", () => resolve())) };
}

const dir = mkdtempSync(join(tmpdir(), "buildpush-input-size-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fifo(name: string): string {
  const path = join(dir, name);
  execFileSync("mkfifo", [path]);
  return path;
}

const oneLine = (text: string) => text.trimEnd().split("\n");
const sizeLine = (file: string, limit: string) => new RegExp(`^${file.replace(/[./]/g, "\\$&")}:1:1: the file is larger than ${limit}, the limit for an input file; reading stopped there .*--max-yaml-bytes SIZE raises the limit.* \\[yaml-syntax\\]$`, "m");

describe("endless and unwritten input, the bin as a process", () => {
  test.each(["/dev/zero", "/dev/urandom"])("translate %s stops at the size limit: exit 1, one line", async (device) => {
    const result = await bin(["translate", device]);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(sizeLine(device, "32 MiB"));
  });

  test("validate reports it with its other problems on stdout; --max-yaml-bytes lowers the limit for connector files too", async () => {
    const result = await bin(["validate", "examples/docker.yaml", "--connectors", "/dev/urandom", "--max-yaml-bytes", "1MiB"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(sizeLine("/dev/urandom", "1 MiB"));
    expect(result.stderr).toBe("");
  });

  test("a FIFO nobody opens for writing is refused after a short wait for a writer: exit 2, one line, no usage text", async () => {
    const path = fifo("nobody");
    const result = await bin(["validate", path]);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`buildpush: cannot read ${path}: it is a pipe (FIFO) that nothing was written to and that no process has open for writing; start the writer first, or pass a file\n`);
  });

  test("a FIFO is read when its writer opens it first, or a moment after the command starts", async () => {
    for (const delay of [0, 0.2]) {
      const path = fifo(`writer-${delay}`);
      const write = writer(path, `cat '${repoRoot}examples/docker.yaml'`, delay);
      const result = await bin(["validate", path, ...exampleConnectorArgs.map((arg) => (arg.endsWith(".yaml") ? `${repoRoot}${arg}` : arg))]);
      await write.exited;
      expect(result.stderr).toBe(`${path}: 1 build-and-push step, no problems\n`);
      expect(result.status).toBe(0);
    }
  });

  test("a FIFO whose writer never stops is cut at the size limit", async () => {
    const path = fifo("endless");
    const write = writer(path, "cat /dev/zero");
    try {
      const result = await bin(["translate", path, "--max-yaml-bytes", "4MiB"]);
      expect(result.status).toBe(1);
      expect(oneLine(result.stderr)).toHaveLength(1);
      expect(result.stderr).toMatch(sizeLine(path, "4 MiB"));
    } finally {
      write.stop();
    }
  });
});

describe("--max-yaml-bytes and --max-yaml-tokens on every file a command reads", () => {
  const pipeline = readFileSync(`${repoRoot}examples/docker.yaml`, "utf8");
  const connectors = readFileSync(`${repoRoot}examples/connectors.yaml`, "utf8");
  const secrets = "account.dockerhub_token: t0ps3cret\n";

  test.each([
    ["translate", ["translate", "big.yaml"], "big.yaml"],
    ["validate", ["validate", "big.yaml"], "big.yaml"],
    ["explain", ["explain", "big.yaml"], "big.yaml"],
    ["run", ["run", "big.yaml"], "big.yaml"],
    ["translate's connector file", ["translate", "examples/docker.yaml", "--connectors", "big.yaml"], "big.yaml"],
    ["run's connector file", ["run", "examples/docker.yaml", "--connectors", "big.yaml"], "big.yaml"],
    ["run's secrets file", ["run", "examples/docker.yaml", ...exampleConnectorArgs, "--secrets", "big.yaml"], "big.yaml"],
    ["translate's values file", ["translate", "examples/docker.yaml", ...exampleConnectorArgs, "--values", "big.yaml"], "big.yaml"],
    ["validate's input set", ["validate", "examples/docker.yaml", ...exampleConnectorArgs, "--input-set", "big.yaml"], "big.yaml"],
  ])("%s: a file over --max-yaml-bytes is a problem at its first line naming the flag", async (_name, args, file) => {
    const files = { "big.yaml": `${pipeline}# ${"x".repeat(2000)}\n` };
    const small = await runCli([...args, "--max-yaml-bytes", "2KiB"], files);
    expect(small.code).toBe(1);
    expect(small.stdout + small.stderr).toMatch(sizeLine(file, "2 KiB"));
    const raised = await runCli([...args, "--max-yaml-bytes", String(files["big.yaml"].length)], files);
    expect(raised.stdout + raised.stderr).not.toContain("the limit for an input file");
  });

  test("the limit counts bytes, not characters", async () => {
    const text = `${pipeline}# ${"é".repeat(600)}\n`;
    const bytes = Buffer.byteLength(text);
    expect((await runCli(["validate", "p.yaml", ...exampleConnectorArgs, "--max-yaml-bytes", String(bytes - 1)], { "p.yaml": text })).stdout).toMatch(/the file is larger than \d+ bytes/);
    expect(await runCli(["validate", "p.yaml", ...exampleConnectorArgs, "--max-yaml-bytes", String(bytes)], { "p.yaml": text })).toMatchObject({ code: 0 });
  });

  test.each([
    // Each dense file holds more tokens than examples/connectors.yaml, so the limit that refuses it admits the other inputs.
    ["the pipeline", ["validate", "dense.yaml", ...exampleConnectorArgs], "dense.yaml", (dense: string) => ({ "dense.yaml": `${pipeline}# ${dense}\nx: [${"1,".repeat(1000)}]\n` })],
    ["a connector file", ["validate", "examples/docker.yaml", "--connectors", "dense.yaml"], "dense.yaml", (dense: string) => ({ "dense.yaml": `${connectors}# ${dense}\nx: [${"1,".repeat(1000)}]\n` })],
    ["the secrets file", ["run", "examples/docker.yaml", ...exampleConnectorArgs, "--secrets", "dense.yaml"], "dense.yaml", (dense: string) => ({ "dense.yaml": `${secrets}# ${dense}\nx: [${"1,".repeat(1000)}]\n` })],
    ["a values file", ["translate", "examples/docker.yaml", ...exampleConnectorArgs, "--values", "dense.yaml"], "dense.yaml", (dense: string) => ({ "dense.yaml": `pipeline:\n  sequenceId: 42 # ${dense}\nx: [${"1,".repeat(1000)}]\n` })],
    ["an input set", ["validate", "examples/docker.yaml", ...exampleConnectorArgs, "--input-set", "dense.yaml"], "dense.yaml", (dense: string) => ({ "dense.yaml": `inputSet:\n  identifier: s # ${dense}\n  x: [${"1,".repeat(1000)}]\n` })],
  ])("--max-yaml-tokens bounds %s, and the problem names the flag", async (_name, args, file, files) => {
    const inputs = files("y".repeat(10));
    const text = inputs["dense.yaml"];
    const tokens = [...new Lexer().lex(text)].length;
    const refused = await runCli([...args, "--max-yaml-tokens", String(tokens - 1)], inputs);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(new RegExp(`^${file.replace(".", "\\.")}:\\d+:\\d+: the file holds more than ${tokens - 1} YAML tokens .*--max-yaml-tokens N raises the limit\\) \\[yaml-syntax\\]$`, "m"));
    const admitted = await runCli([...args, "--max-yaml-tokens", String(tokens)], inputs);
    expect(admitted.stdout + admitted.stderr).not.toContain("YAML tokens");
  });

  test.each([
    ["--max-yaml-bytes", "1x", /--max-yaml-bytes takes a size in bytes, e\.g\. 67108864, 64MiB or 512KiB, not "1x"/],
    ["--max-yaml-bytes", "0", /--max-yaml-bytes takes a size/],
    ["--max-yaml-bytes", "1.5MiB", /--max-yaml-bytes takes a size/],
    ["--max-yaml-tokens", "4M", /--max-yaml-tokens takes a whole number, e\.g\. 8000000, not "4M"/],
    ["--max-yaml-tokens", "0", /--max-yaml-tokens takes a whole number/],
  ])("%s %s is a usage error", async (flag, value, reason) => {
    const result = await runCli(["translate", "examples/docker.yaml", flag, value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason);
  });

  test("sizes take KiB, MiB and GiB (or K, M, G), in powers of 1024", async () => {
    const text = `${pipeline}# ${"x".repeat(2048)}\n`;
    for (const [value, refused] of [["3K", true], ["3KiB", true], ["1M", false], ["1mib", false], ["1G", false], ["1GiB", false]] as const) {
      const result = await runCli(["validate", "p.yaml", ...exampleConnectorArgs, "--max-yaml-bytes", value], { "p.yaml": text });
      expect(result.stdout.includes("the limit for an input file"), value).toBe(refused);
    }
  });
});

test("the defaults admit the benchmark's 10 000-step pipeline and its connectors, with room to spare", () => {
  const text = generatePipeline(10_000);
  expect(Buffer.byteLength(text)).toBeLessThan(defaultYamlLimits.maxLength * 0.6);
  let tokens = 0;
  for (const _ of new Lexer().lex(text)) tokens++;
  expect(tokens).toBeLessThan(defaultYamlLimits.maxTokens * 0.75);
  expect(benchConnectorsYaml.length).toBeLessThan(defaultYamlLimits.maxLength);
}, 60_000);

test("kaniko-args reads its --env-json file to a fixed 1 MiB: /dev/zero is one line, exit 1", async () => {
  const result = await bin(["kaniko-args", "--variant", "docker", "--env-json", "/dev/zero"]);
  expect(result.status).toBe(1);
  expect(oneLine(result.stderr)).toHaveLength(1);
  expect(result.stderr.trimEnd()).toMatch(/^\/dev\/zero:1:1: the file is larger than 1 MiB, the limit for an input file; reading stopped there \(rule: .*; the limit is fixed\) \[yaml-syntax\]$/);
});
