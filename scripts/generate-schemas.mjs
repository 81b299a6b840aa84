#!/usr/bin/env node
// @ts-check
/**
 * Dev-only: regenerate the schemas, field tables, precompiled validators and step docs from the
 * JSDoc'd spec interfaces. `node scripts/generate-schemas.mjs` writes them;
 * `--check` only reports stale files (exit 1), as the stale test does.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateFiles } from "./schema-gen/generate.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
const stale = [];
for (const [file, content] of generateFiles(root)) {
  const target = path.join(root, file);
  let current;
  try {
    current = readFileSync(target, "utf8");
  } catch {
    current = undefined;
  }
  if (current === content) continue;
  stale.push(file);
  if (!check) {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}
if (check && stale.length > 0) {
  process.stderr.write(`stale generated files (run pnpm generate):\n${stale.map((f) => `  ${f}`).join("\n")}\n`);
  process.exit(1);
}
process.stdout.write(stale.length === 0 ? "generated files are up to date\n" : `wrote ${stale.length} file(s):\n${stale.map((f) => `  ${f}`).join("\n")}\n`);
