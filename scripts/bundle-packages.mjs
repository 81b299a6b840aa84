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
 * What `exports` points at keeps every bare import external (`packages: "external"`): the
 * other @buildpush packages and yaml and the rest keep loading from node_modules, so an engine
 * that imports several packages shares one copy of each dependency with them. A `bin` is a
 * program, not a library: it is bundled with its dependencies, and the modules it imports
 * with `import()` (the CLI's commands) become chunks loaded when they run (docs/performance.md,
 * CLI start-up).
 *
 *   node scripts/bundle-packages.mjs
 */
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { binLoaderSource } from "./bin-loader.mjs";
import { yamlDebugSwitchesOff } from "./yaml-debug-switches.mjs";
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
 * Every file a manifest field points at: `exports` (any subpath, any condition but `types`) or `bin`.
 * @param {unknown} field
 */
function bundleTargets(field) {
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
  collect(field);
  return [...targets];
}

/**
 * esbuild entry points of one package field (`exports` or `bin`): output name (relative to
 * dist/bundle, no extension) → tsc's compiled file.
 * @param {WorkspacePackage} pkg
 * @param {"exports" | "bin"} field
 */
function entryPointsOf({ dir, manifest }, field) {
  // A bin is a CommonJS loader (scripts/bin-loader.mjs): Node starts one faster than an ES module.
  const extension = field === "bin" ? ".cjs" : ".js";
  /** @type {Record<string, string>} */
  const entryPoints = {};
  for (const target of bundleTargets(manifest[field])) {
    if (!target.startsWith(bundleDirPrefix) || !target.endsWith(extension)) {
      throw new Error(`${manifest.name}: ${target} in ${field} is not a bundle (${bundleDirPrefix}<entry>${extension})`);
    }
    const entry = target.slice(bundleDirPrefix.length, -extension.length);
    const compiled = path.join(dir, "dist", `${entry}.js`);
    if (!existsSync(compiled)) throw new Error(`${path.relative(root, compiled)} is missing: run tsc -b before bundling`);
    entryPoints[entry] = compiled;
  }
  return entryPoints;
}

/**
 * The program as the loader reads it. The bin's #! line is the loader's; here it becomes a
 * comment, so lines stay where the source map says. Every character is ASCII, so the loader
 * reads it as a one-byte string (latin1): esbuild escapes strings but leaves a regular
 * expression's or a comment's non-ASCII characters, and one character past U+00FF made V8
 * hold the whole program as two-byte text, 8% of a command's start-up. A `\uXXXX` escape means
 * the same in a regular expression, a string and a comment; only a String.raw template would
 * read it differently, so one stops the build.
 * @param {string} text
 * @param {string} file
 */
function asciiProgram(text, file) {
  const program = text.startsWith("#!") ? `//${text}` : text;
  if (!/[^\x00-\x7f]/.test(program)) return program;
  if (program.includes("String.raw")) throw new Error(`${file}: non-ASCII text and a String.raw template; escaping the text could change the template`);
  return program.replace(/[^\x00-\x7f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * For a bin: a workspace package resolves to tsc's output (`dist/<entry>.js`) rather than to
 * its bundle, so the program is bundled from the packages' own modules: what it does not use
 * is left out.
 * @param {WorkspacePackage[]} packages
 * @returns {import("esbuild").Plugin}
 */
function workspaceSources(packages) {
  /** @type {Map<string, string>} specifier → compiled file */
  const compiled = new Map();
  for (const { dir, manifest } of packages) {
    const exports = /** @type {Record<string, unknown>} */ (manifest.exports ?? {});
    for (const [subpath, conditions] of Object.entries(exports)) {
      const target = bundleTargets(conditions)[0];
      if (target === undefined || !target.startsWith(bundleDirPrefix)) continue;
      compiled.set(subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice("./".length)}`, path.join(dir, "dist", target.slice(bundleDirPrefix.length)));
    }
  }
  return {
    name: "workspace-sources",
    setup(build) {
      build.onResolve({ filter: /^@buildpush\// }, (args) => {
        const file = compiled.get(args.path);
        return file === undefined ? undefined : { path: file };
      });
    },
  };
}

/** @type {import("esbuild").BuildOptions} */
const common = {
  bundle: true,
  // Entry points bundled together (core's root and handler API, a CLI's index) share their
  // modules through chunks instead of each holding a copy.
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // No keepNames: it wraps every closure in a defineProperty call each time the closure is
  // made, 11% of what translating a pipeline adds to parsing it. Bundling renames only the
  // top-level names that collide between modules, never an exported one's `.name`
  // (test/packaging/bundles.test.ts checks every export).
  keepNames: false,
  // Chained through tsc's own maps, so --enable-source-maps points at the TypeScript source;
  // the maps carry that source (sourcesContent), so they resolve in a tarball without src/.
  sourcemap: "linked",
  sourcesContent: true,
  logLevel: "warning",
};

const allPackages = inDependencyOrder(workspacePackages());
for (const pkg of allPackages) {
  const library = entryPointsOf(pkg, "exports");
  const programs = entryPointsOf(pkg, "bin");
  if (Object.keys(library).length + Object.keys(programs).length === 0) throw new Error(`${pkg.manifest.name}: no entry point in exports or bin`);
  const outdir = path.join(pkg.dir, "dist", "bundle");
  rmSync(outdir, { recursive: true, force: true });
  // What a library exports keeps every bare import external, so an engine shares one copy of
  // each dependency with the packages.
  if (Object.keys(library).length > 0) await build({ ...common, entryPoints: library, outdir, packages: "external" });
  // A bin is a program nobody imports: it is bundled with its dependencies (the @buildpush
  // packages and yaml) into one script, `<bin>.program.cjs`, which the bin's own file runs
  // from a V8 code cache (scripts/bin-loader.mjs; docs/performance.md, CLI start-up). The
  // modules the program imports with `import()` (the CLI's commands) run when first used.
  for (const [entry, compiled] of Object.entries(programs)) {
    const program = `${entry}.program.cjs`;
    await build({
      ...common,
      entryPoints: [compiled],
      outfile: path.join(outdir, program),
      splitting: false,
      format: "cjs",
      // yaml's per-token debugging switches would write to the program's stdout (scripts/yaml-debug-switches.mjs).
      plugins: [workspaceSources(allPackages), yamlDebugSwitchesOff()],
      // The loader hands the program its URL, for code that resolves files from import.meta.url.
      define: { "import.meta.url": "__programUrl" },
    });
    const programFile = path.join(outdir, program);
    writeFileSync(programFile, asciiProgram(readFileSync(programFile, "utf8"), programFile));
    chmodSync(programFile, 0o644);
    const loader = path.join(outdir, `${entry}.cjs`);
    writeFileSync(loader, binLoaderSource(program));
    chmodSync(loader, 0o755);
  }
  rmSync(path.join(pkg.dir, "dist", "cache"), { recursive: true, force: true });
}
