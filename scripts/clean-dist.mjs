#!/usr/bin/env node
// @ts-check
/**
 * First step of `pnpm build`: remove every package's dist/ (and tsc's build info), so a file
 * moved or deleted in src/ leaves no stale .js or .d.ts behind for a tarball to ship.
 */
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const packagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../packages");
for (const name of readdirSync(packagesDir)) {
  rmSync(path.join(packagesDir, name, "dist"), { recursive: true, force: true });
  rmSync(path.join(packagesDir, name, "tsconfig.tsbuildinfo"), { force: true });
}
