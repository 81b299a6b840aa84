/**
 * The packages' import rules (.dependency-cruiser.cjs), checked with dependency-cruiser: no
 * import cycle, type-only imports included, and core's folders depend only forward along the
 * flow. A second cruise over a tiny cycle proves the configuration catches one.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cruise, type ICruiseResult, type IConfiguration } from "dependency-cruiser";
import { afterAll, describe, expect, test } from "vitest";
import { repoRoot } from "../support/paths.js";

const config = createRequire(import.meta.url)(`${repoRoot}.dependency-cruiser.cjs`) as IConfiguration;

async function violationsIn(paths: string[], baseDir: string, options: IConfiguration["options"] = config.options): Promise<string[]> {
  const { output } = await cruise(paths, { ...options, validate: true, ruleSet: { forbidden: config.forbidden ?? [] }, baseDir });
  const result = output as ICruiseResult;
  return result.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}${violation.cycle ? ` (cycle ${violation.cycle.map((step) => step.name).join(" → ")})` : ""}`);
}

describe("import rules", () => {
  test("the packages' sources have no import cycle and core flows forward", async () => {
    const { output } = await cruise(["packages"], { ...config.options, ruleSet: { forbidden: config.forbidden ?? [] }, baseDir: repoRoot });
    const result = output as ICruiseResult;
    // Every import resolved: an unresolved one would hide its edges from the cycle check.
    const unresolved = result.modules.flatMap((module) => module.dependencies.filter((dependency) => dependency.couldNotResolve).map((dependency) => `${module.source} → ${dependency.module}`));
    expect(unresolved).toEqual([]);
    expect(result.summary.totalCruised).toBeGreaterThan(80);
    expect(await violationsIn(["packages"], repoRoot)).toEqual([]);
  }, 60_000);

  const dir = mkdtempSync(join(tmpdir(), "buildpush-cycle-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a cycle through type-only imports is caught", async () => {
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src/a.ts"), 'import type { B } from "./b.js";\nexport interface A { b?: B }\n');
    writeFileSync(join(dir, "src/b.ts"), 'import type { A } from "./a.js";\nexport interface B { a?: A }\n');
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true } }));
    const violations = await violationsIn(["src"], dir, { ...config.options, tsConfig: { fileName: join(dir, "tsconfig.json") } });
    expect(violations.filter((violation) => violation.startsWith("no-circular:")), violations.join("\n")).toHaveLength(1);
  }, 60_000);
});
