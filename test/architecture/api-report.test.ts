/**
 * The public API of every entry point is recorded in api/*.api.md (@microsoft/api-extractor,
 * scripts/api-report.mjs). This fails when an export, a type or a signature changed without
 * the report being updated: run `pnpm api:update` and review the diff of the report.
 */
import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";
import { repoRoot } from "../support/paths.js";

test("the API reports in api/ match every entry point's declarations (needs `pnpm build`)", () => {
  const run = spawnSync(process.execPath, ["scripts/api-report.mjs", "--check"], { cwd: repoRoot, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe("API reports are up to date\n");
  expect(run.status).toBe(0);
}, 60_000);
