#!/usr/bin/env node
// @ts-check
/**
 * Second half of `pnpm build`, after `tsc -b`: bundle each package's compiled `dist/` into one
 * ES module per entry point, which the package's `exports`, `main` and `bin` point at. Types
 * stay tsc's (`dist/*.d.ts`).
 *
 * The packages and their entry points are read from the manifests, not listed here: every
 * `packages/<name>/package.json`, in the order of their @buildpush dependencies, and for each
 * package every target of its `exports` map (all conditions but `types`) and every `bin`. A
 * target `./dist/bundle/<entry>.js` is bundled from tsc's `dist/<entry>.js`; a new package or a
 * new subpath export needs no change here.
 *
 * Why bundle: Node 20's ESM loader spends about a millisecond per module resolving, reading and
 * compiling it, and core alone is dozens of modules, so an engine's short-lived worker that
 * imports core and a step package took 1.8 times a bare node start (docs/performance.md,
 * Start-up). One module per entry point brings that under the 1.5x target.
 *
 * Every bare import stays external (`packages: "external"`): the other @buildpush packages and
 * yaml and the rest keep loading from node_modules, so an engine that imports several packages
 * shares one copy of each dependency with them.
 *
 *   node scripts/bundle-packages.mjs
 */
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { workspaceManifests } from "./step-packages.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bundleDirPrefix = "./dist/bundle/";

/**
 * @typedef {{ name: string, exports?: unknown, bin?: string | Record<string, string>,
 *   dependencies?: Record<string, string>, peerDependencies?: Record<string, string>,
 *   devDependencies?: Record<string, string> }} Manifest
 * @typedef {{ dir: string, manifest: Manifest }} WorkspacePackage
 */

/** @returns {WorkspacePackage[]} every package under packages/ */
function workspacePackages() {
  return workspaceManifests(root).map(({ dir, manifest }) => ({ dir, manifest: /** @type {Manifest} */ (manifest) }));
}

/**
 * The packages ordered so that each comes after the workspace packages it depends on (in any
 * dependency field): a package's bundle never runs before the bundles it imports exist.
 * @param {WorkspacePackage[]} packages
 */
function inDependencyOrder(packages) {
  const byName = new Map(packages.map((pkg) => [pkg.manifest.name, pkg]));
  /** @type {WorkspacePackage[]} */
  const ordered = [];
  /** @type {Set<string>} */
  const done = new Set();
  /** @type {Set<string>} */
  const visiting = new Set();
  /** @param {WorkspacePackage} pkg */
  const visit = (pkg) => {
    const { name } = pkg.manifest;
    if (done.has(name)) return;
    if (visiting.has(name)) throw new Error(`workspace packages depend on each other in a cycle through ${name}`);
    visiting.add(name);
    const { dependencies, peerDependencies, devDependencies } = pkg.manifest;
    for (const dependency of Object.keys({ ...dependencies, ...peerDependencies, ...devDependencies })) {
      const workspaceDependency = byName.get(dependency);
      if (workspaceDependency) visit(workspaceDependency);
    }
    visiting.delete(name);
    done.add(name);
    ordered.push(pkg);
  };
  for (const pkg of [...packages].sort((a, b) => a.manifest.name.localeCompare(b.manifest.name))) visit(pkg);
  return ordered;
}

/**
 * Every file the manifest's `exports` (any subpath, any condition but `types`) and `bin` point at.
 * @param {Manifest} manifest
 */
function bundleTargets(manifest) {
  /** @type {Set<string>} */
  const targets = new Set();
  /** @param {unknown} value */
  const collect = (value) => {
    if (typeof value === "string") targets.add(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === "object") {
      for (const [key, target] of Object.entries(value)) if (key !== "types") collect(target);
    }
  };
  collect(manifest.exports);
  collect(manifest.bin);
  return [...targets];
}

/**
 * esbuild entry points of one package: output name (relative to dist/bundle, no extension) →
 * tsc's compiled file.
 * @param {WorkspacePackage} pkg
 */
function entryPointsOf({ dir, manifest }) {
  /** @type {Record<string, string>} */
  const entryPoints = {};
  for (const target of bundleTargets(manifest)) {
    if (!target.startsWith(bundleDirPrefix) || !target.endsWith(".js")) {
      throw new Error(`${manifest.name}: ${target} in exports or bin is not a bundle (${bundleDirPrefix}<entry>.js)`);
    }
    const entry = target.slice(bundleDirPrefix.length, -".js".length);
    const compiled = path.join(dir, "dist", `${entry}.js`);
    if (!existsSync(compiled)) throw new Error(`${path.relative(root, compiled)} is missing: run tsc -b before bundling`);
    entryPoints[entry] = compiled;
  }
  if (Object.keys(entryPoints).length === 0) throw new Error(`${manifest.name}: no entry point in exports or bin`);
  return entryPoints;
}

for (const pkg of inDependencyOrder(workspacePackages())) {
  const entryPoints = entryPointsOf(pkg);
  const outdir = path.join(pkg.dir, "dist", "bundle");
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    // Entry points of one package (a CLI's index and bin, core's root and handler API) share
    // their modules through a chunk instead of each holding a copy.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    // Bundling renames top-level names that collide between modules; error classes and
    // functions keep the `.name` their source gives them.
    keepNames: true,
    // Chained through tsc's own maps, so --enable-source-maps points at the TypeScript source;
    // the maps carry that source (sourcesContent), so they resolve in a tarball without src/.
    sourcemap: "linked",
    sourcesContent: true,
    logLevel: "warning",
  });
}
