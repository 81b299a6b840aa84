import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import type { Writable } from "node:stream";
import { cliBin } from "./paths.js";

/** `buildpush ARGS` running as its own process, as a user starts it. */
export interface CliProcess {
  child: ChildProcess;
  /** What it has printed so far (nothing for a stream given a file descriptor). */
  stdout(): string;
  stderr(): string;
  /** Its exit status, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface CliProcessOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Where stdout or stderr go instead of a pipe to the test: a file descriptor (`/dev/full`), another process's stdin. */
  stdout?: number | Writable;
  stderr?: number | Writable;
}

export function startCli(args: readonly string[], options: CliProcessOptions): CliProcess {
  const child = spawn(process.execPath, [cliBin, ...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", options.stdout ?? "pipe", options.stderr ?? "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Wait until `check` gives a value (polling every 20 ms), or fail after `timeoutMs` saying what never happened. */
export async function eventually<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The live processes whose command line holds `text` (Linux's /proc): a builder whose
 * arguments name a temporary directory is found, and so is anything it started with them.
 */
export function processesMentioning(text: string): { pid: number; argv: string[] }[] {
  const found: { pid: number; argv: string[] }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter((part) => part !== "");
    } catch {
      continue; // ended while we looked
    }
    if (argv.some((part) => part.includes(text))) found.push({ pid: Number(entry), argv });
  }
  return found;
}
