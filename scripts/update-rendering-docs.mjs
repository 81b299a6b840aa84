#!/usr/bin/env node
// @ts-check
/**
 * Dev-only: rerun the worked examples of docs/rendering.md with the built CLI (`pnpm build`
 * first) and write their output into the page. `--check` only reports a stale page (exit 1), as
 * test/rendering-docs.test.ts does.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../packages/cli/dist/bundle/index.js";
import { findExamples, withFreshOutput } from "./rendering-docs/examples.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const page = path.join(root, "docs/rendering.md");
const current = readFileSync(page, "utf8");
// main() loads its command lazily and may return a promise: run every example first, then put
// the outputs in place (withFreshOutput takes them synchronously).
const outputs = new Map();
for (const { args } of findExamples(current)) {
  let stdout = "";
  let stderr = "";
  const status = await main(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), readFile: (file) => readFileSync(path.join(root, file), "utf8") });
  if (status !== 0) throw new Error(`buildpush ${args.join(" ")} exited ${String(status)}: ${stderr}`);
  outputs.set(args.join(" "), stdout);
}
const fresh = withFreshOutput(current, (args) => outputs.get(args.join(" ")) ?? "");
if (fresh === current) process.exit(0);
if (process.argv.includes("--check")) {
  console.error("docs/rendering.md is stale: run node scripts/update-rendering-docs.mjs");
  process.exit(1);
}
writeFileSync(page, fresh);
console.error("docs/rendering.md updated");
