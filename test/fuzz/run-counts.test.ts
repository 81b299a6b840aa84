// docs/reliability.md states how many inputs the property tests generate: keep it true.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { repoRoot } from "../support/paths.js";
import { runs } from "./support/hostile.js";

test("docs/reliability.md states each property's case count and their total", () => {
  const docs = readFileSync(`${repoRoot}docs/reliability.md`, "utf8");
  const scale = Number(process.env["BUILDPUSH_FUZZ_SCALE"] ?? 1) || 1;
  const count = (n: number) => String(n / scale).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  // The reorder count runs three properties (steps, connectors, pipelines).
  const total = Object.values(runs).reduce((sum, n) => sum + n, 0) + 2 * runs.reorder;
  expect(docs).toContain(`That is ${count(total)} generated inputs per run.`);
  for (const n of [runs.anySpec, runs.mutatedStep, runs.mutatedPipeline, runs.yamlText, runs.connectorValues, runs.connectorText, runs.injection]) expect(docs).toMatch(new RegExp(`\\| ${count(n)}( \\(× 3 builders\\))? \\|`));
  expect(docs).toContain(`| 3 × ${count(runs.reorder)} |`);
});
