/**
 * The bin's loader (scripts/bin-loader.mjs) as a process: it runs the program and keeps a V8
 * code cache per command in the package's own dist/cache/, uses it on the next run, replaces
 * one V8 refuses, and works without one wherever it cannot write. Run from a copy of the
 * built bin, so the suite's other runs of the CLI never share its cache. Nothing is timed.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { cliBin, repoRoot } from "../support/paths.js";
import { programOf } from "./support/bundle-imports.js";

const copy = mkdtempSync(join(tmpdir(), "buildpush-bin-loader-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));
const bundle = join(copy, "dist", "bundle");
const cacheDir = join(copy, "dist", "cache");
mkdirSync(bundle, { recursive: true });
const loader = join(bundle, "bin.cjs");
copyFileSync(cliBin, loader);
const program = programOf(readFileSync(cliBin, "utf8")) ?? "";
copyFileSync(join(cliBin, "..", program), join(bundle, program));

const args = ["translate", "examples/docker.yaml", "--connectors", "examples/connectors.yaml"];
const expected = spawnSync(process.execPath, [cliBin, ...args], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: "1" } }).stdout;

function runCopy(env: NodeJS.ProcessEnv = {}) {
  const { NODE_DISABLE_COMPILE_CACHE: _unset, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [loader, ...args], { cwd: repoRoot, encoding: "utf8", env: { ...inherited, ...env } });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(result.stdout).toBe(expected);
}

const caches = () => readdirSync(cacheDir).filter((file) => file.endsWith(".cache"));

test("the first run writes the command's cache, private to the user; the next run uses it as it is", () => {
  expect(expected).toContain('"steps"');
  runCopy();
  expect(caches()).toEqual([expect.stringMatching(new RegExp(`^translate\\.\\d+-\\d+\\.${process.version.replace(/\./g, "\\.")}-${process.arch}\\.cache$`))]);
  const file = join(cacheDir, caches()[0]!);
  expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const written = readFileSync(file);
  runCopy();
  // Accepted, so not written again.
  expect(readFileSync(file).equals(written)).toBe(true);
  expect(readdirSync(cacheDir)).toHaveLength(1);
});

test("a cache V8 refuses (here, not a cache at all) only costs a compile, and is replaced", () => {
  const file = join(cacheDir, caches()[0]!);
  writeFileSync(file, "not a V8 code cache");
  runCopy();
  expect(readFileSync(file, "utf8")).not.toBe("not a V8 code cache");
});

test("NODE_DISABLE_COMPILE_CACHE=1 writes none, and a cache folder that cannot be made means none", () => {
  rmSync(cacheDir, { recursive: true, force: true });
  runCopy({ NODE_DISABLE_COMPILE_CACHE: "1" });
  expect(() => readdirSync(cacheDir)).toThrow();
  // A file where the folder would go: the run works all the same.
  writeFileSync(cacheDir, "");
  runCopy();
  expect(statSync(cacheDir).isFile()).toBe(true);
  rmSync(cacheDir);
});
