#!/usr/bin/env node
// @ts-check
/**
 * Second half of `pnpm build`, after `tsc -b`: bundle each package's compiled `dist/` into one
 * ES module per entry point, `dist/bundle/index.js` (and `dist/bundle/bin.js` for a package with
 * a `bin`), which the package's `exports`, `main` and `bin` point at. Types stay tsc's
 * (`dist/index.d.ts`).
 *
 * Why: Node 20's ESM loader spends about a millisecond per module resolving, reading and
 * compiling it, and core alone is dozens of modules, so an engine's short-lived worker that
 * imports core and a step package took 1.8 times a bare node start (docs/performance.md,
 * Start-up). One module per package brings that under the 1.5x target.
 *
 * Every bare import stays external (`packages: "external"`): the other @buildpush packages, so
 * there is one handler registry and one copy of each error class however a caller imports them,
 * and yaml, ajv and the rest, which keep loading from node_modules (yaml on first use).
 *
 *   node scripts/bundle-packages.mjs
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { stepPackages } from "./step-packages.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Every package, each bundled from its tsc output; the step packages are found by their
 * `buildpush` field, so a new registry's package is bundled without being listed here. The order
 * does not matter: every import of another package stays external.
 */
const bundledPackages = ["kaniko-args", "core", ...stepPackages(root).map((step) => step.directory), "cli"];

/**
 * The compiled entry points of one package: `index.js`, and `bin.js` when the package has a bin.
 * @param {string} packageDir
 */
function entryPointsOf(packageDir) {
  const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8"));
  // Every subpath of `exports` (`.` → index, `./handler` → handler) and the bin.
  const names = Object.keys(manifest.exports).map((subpath) => (subpath === "." ? "index" : subpath.replace(/^\.\//, "")));
  if (manifest.bin !== undefined) names.push("bin");
  return Object.fromEntries(names.map((name) => [name, path.join(packageDir, "dist", `${name}.js`)]));
}

for (const name of bundledPackages) {
  const packageDir = path.join(root, "packages", name);
  const entryPoints = entryPointsOf(packageDir);
  for (const file of Object.values(entryPoints)) {
    if (!existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run tsc -b before bundling`);
  }
  const outdir = path.join(packageDir, "dist", "bundle");
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    // Two entry points (a CLI's index and bin) share their modules through a chunk instead of
    // each holding a copy.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    // Bundling renames top-level names that collide between modules; error classes and
    // functions keep the `.name` their source gives them.
    keepNames: true,
    // Chained through tsc's own maps, so --enable-source-maps points at the TypeScript source.
    sourcemap: "linked",
    logLevel: "warning",
  });
}
