/**
 * `pnpm bench` keeps working: a tiny run (200 steps, one round) must finish and write every
 * section of bench/results.json. Its timings are not checked here (speed targets live in the
 * benchmark's own output, docs/performance.md); what is checked is what does not depend on the
 * machine: every target is reported, and importing the packages compiles no schema and loads no
 * CommonJS package but core's own dependencies (yaml and the edit-distance package, imported
 * statically so that bundlers can follow them).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { repoRoot } from "../support/paths.js";

interface BenchResults {
  settings: { steps: number };
  perCall: { name: string; opsPerSecond: number; bytesPerCall: number | null }[];
  targets: { name: string; value: string; target: string; pass: boolean }[];
  importCompiles: { functionConstructorCalls: string[]; ajvCompilerModules: string[]; commonJsModules: string[] };
  cliPipeline: { cliPeakRssBytes: number; parseAsBundled: { wallMs: number[] }; asBundledWallRatio: number };
}

test("a quick pnpm bench run reports every target, and the import compiles and loads nothing it should not (needs `pnpm build`)", () => {
  const dir = mkdtempSync(join(tmpdir(), "buildpush-bench-"));
  try {
    const out = join(dir, "results.json");
    const run = spawnSync(process.execPath, ["bench/run.mjs", "--quick", "--steps", "200", "--rounds", "1", "--out", out], { cwd: repoRoot, encoding: "utf8" });
    expect(run.stderr).not.toMatch(/failed \(exit/);
    expect(run.status).toBe(0);
    const results = JSON.parse(readFileSync(out, "utf8")) as BenchResults;
    expect(results.settings.steps).toBe(200);
    expect(results.targets.map((target) => target.name.replace(/ \(.*$/, ""))).toEqual([
      "CLI start-up: the buildpush command translating one step vs bare node",
      "CLI on 200 steps vs parsing the file with yaml alone",
      "translation adds at most 25% to YAML parsing",
      "import core + a step package + translate one step vs bare node",
      "no schema compiled at import",
      "memory grows linearly",
    ]);
    for (const target of results.targets) expect(target.value).toMatch(/\d/);
    expect(results.perCall.map((entry) => entry.name)).toEqual(expect.arrayContaining(["translateStep", "planStep (all checks + plan)"]));
    for (const entry of results.perCall) expect(entry.opsPerSecond).toBeGreaterThan(0);
    expect(results.importCompiles.functionConstructorCalls).toEqual([]);
    expect(results.importCompiles.ajvCompilerModules).toEqual([]);
    const packagesLoaded = new Set(results.importCompiles.commonJsModules.map((file) => /node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1]));
    expect([...packagesLoaded].sort()).toEqual(["fastest-levenshtein", "yaml"]);
    expect(run.stdout).toContain("| no schema compiled at import");
    expect(run.stdout).toMatch(/\| peak RSS per MiB of YAML, CLI on 200 steps +\| \d/);
    expect(results.cliPipeline.cliPeakRssBytes).toBeGreaterThan(0);
    // The parse with yaml as the CLI bundles it ran in each round, and the CLI is compared with it too.
    expect(results.cliPipeline.parseAsBundled.wallMs).toHaveLength(1);
    expect(results.cliPipeline.asBundledWallRatio).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/\| CLI on 200 steps vs that parse \(median of rounds, wall \/ CPU\) +\| \d/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
