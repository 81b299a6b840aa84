/**
 * The workspace as an engine team gets it: every package packed by `pnpm pack` and the tarballs
 * installed by plain npm into a project of its own, outside the repository, so nothing resolves
 * through the workspace's node_modules.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../support/paths.js";
import { workspacePackages } from "./workspace.js";

export interface ProcessResult {
  status: number | null;
  /** The signal that ended the process, e.g. SIGTERM when it ran out of time. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Set when the process could not start, e.g. ENOENT for a command not on PATH. */
  error?: Error;
}

/**
 * The environment a user's shell would give a child: without the npm_* and pnpm_* settings the
 * test runner's `pnpm test` exports (npm would read them as its own configuration), NODE_PATH
 * (it would let the installed project resolve what it does not install) and NODE_OPTIONS.
 */
export function userEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_|^NODE_(PATH|OPTIONS)$/i.test(name)));
}

/**
 * Runs an argv (never a shell string) to completion, or until `timeoutMs` has passed (then it is
 * killed: a test's own timeout would report a hung install as skipped tests); resolves with what
 * happened, never rejects.
 */
export function run(command: string, args: string[], cwd: string, timeoutMs = 60_000): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: userEnvironment(), stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error) => resolve({ status: null, signal: null, stdout, stderr, error }));
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** A failure message that shows what the process printed. */
export function describeRun(what: string, result: ProcessResult): string {
  const cause = result.error
    ? `could not start: ${result.error.message}`
    : result.signal
      ? `was killed by ${result.signal} (it ran out of time)`
      : `exited with ${result.status}`;
  return `${what} ${cause}\n--- stderr\n${result.stderr}\n--- stdout\n${result.stdout}`;
}

/**
 * pnpm itself when the test runs under it (`pnpm test` sets npm_execpath to pnpm's CLI, which is
 * how CI's `npx -y pnpm@10 test` reaches it), else the `pnpm` on PATH.
 */
function pnpmCommand(): [string, string[]] {
  const execPath = process.env["npm_execpath"];
  return execPath && /pnpm/i.test(path.basename(execPath)) ? [process.execPath, [execPath]] : ["pnpm", []];
}

export interface PackedPackage {
  name: string;
  /** Absolute path of the .tgz. */
  tarball: string;
  /** The paths inside the tarball, relative to its `package/` folder. */
  files: string[];
}

/**
 * `pnpm -r pack` of every workspace package into `destination` (pnpm rewrites `workspace:`
 * ranges as it packs, which npm pack would not). Fails unless it packed exactly the packages
 * under packages/.
 */
export async function packWorkspace(destination: string): Promise<PackedPackage[]> {
  mkdirSync(destination, { recursive: true });
  const [command, prefix] = pnpmCommand();
  const result = await run(command, [...prefix, "--recursive", "pack", "--pack-destination", destination, "--json"], repoRoot);
  if (result.status !== 0) throw new Error(describeRun("`pnpm --recursive pack` (the packaging tests pack every package with pnpm)", result));
  const reported = JSON.parse(result.stdout) as { name: string; filename: string; files: { path: string }[] } | { name: string; filename: string; files: { path: string }[] }[];
  const packed = (Array.isArray(reported) ? reported : [reported]).map(({ name, filename, files }) => ({
    name,
    tarball: path.resolve(destination, filename),
    files: files.map((file) => file.path).sort(),
  }));
  const expected = workspacePackages().filter((pkg) => !pkg.manifest.private).map((pkg) => pkg.manifest.name).sort();
  const names = packed.map((pkg) => pkg.name).sort();
  if (JSON.stringify(names) !== JSON.stringify(expected)) throw new Error(`pnpm packed ${names.join(", ")}; the workspace has ${expected.join(", ")}`);
  return packed;
}

/**
 * A fresh project at `projectDir` whose dependencies are the tarballs, installed by plain npm.
 * Their own dependencies (yaml, ...) come from npm's cache or the npm registry; an install that
 * cannot reach either fails the tests with npm's own message, never skips them.
 */
export async function installTarballs(projectDir: string, packed: PackedPackage[]): Promise<void> {
  mkdirSync(projectDir, { recursive: true });
  const dependencies = Object.fromEntries(packed.map((pkg) => [pkg.name, `file:${pkg.tarball}`]));
  writeFileSync(
    path.join(projectDir, "package.json"),
    `${JSON.stringify({ name: "engine-under-test", version: "1.0.0", private: true, type: "module", dependencies }, null, 2)}\n`,
  );
  // Bounded retries: without a registry, npm's defaults retry for minutes before failing.
  const retries = ["--fetch-retries=2", "--fetch-retry-mintimeout=1000", "--fetch-retry-maxtimeout=4000", "--fetch-timeout=30000"];
  const result = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock", ...retries], projectDir, 150_000);
  if (result.status !== 0) {
    throw new Error(
      describeRun("`npm install` of the packed tarballs (it needs npm on PATH, and the npm registry or npm's cache for their dependencies)", result),
    );
  }
}
