#!/usr/bin/env node
// @ts-check
/**
 * Dev-only: write the TypeScript project references that `tsc -b` needs from the workspace's
 * manifests, so a new package is never listed by hand. Each package's tsconfig.json references
 * the workspace packages its package.json depends on (dependencies, peerDependencies and
 * devDependencies); the root tsconfig.json references every package, dependencies first.
 * `--check` only reports stale files (exit 1), as test/architecture/project-references.test.ts
 * does. Run by `pnpm generate`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { workspaceManifests } from "./step-packages.mjs";

/**
 * @typedef {{ path: string }} Reference
 * @typedef {{ file: string, fresh: string, current: string }} ConfigFile
 */

/**
 * The workspace packages a manifest depends on, as folders, sorted.
 * @param {Record<string, any>} manifest
 * @param {Map<string, string>} folderByName package name → folder
 */
function workspaceDependencies(manifest, folderByName) {
  const names = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
  ]);
  return [...names].flatMap((name) => folderByName.get(name) ?? []).sort();
}

/**
 * Folders in an order where every package comes after the packages it depends on (ties in
 * folder order), or an error naming a cycle, which `tsc -b` could not build either.
 * @param {Map<string, string[]>} dependenciesOf folder → folders it depends on
 */
function buildOrder(dependenciesOf) {
  /** @type {string[]} */
  const order = [];
  /** @type {Set<string>} */
  const done = new Set();
  /** @param {string} folder @param {string[]} trail */
  const visit = (folder, trail) => {
    if (done.has(folder)) return;
    if (trail.includes(folder)) throw new Error(`workspace packages depend on each other in a cycle: ${[...trail, folder].join(" → ")}`);
    for (const dependency of dependenciesOf.get(folder) ?? []) visit(dependency, [...trail, folder]);
    done.add(folder);
    order.push(folder);
  };
  for (const folder of [...dependenciesOf.keys()].sort()) visit(folder, []);
  return order;
}

/**
 * A tsconfig.json with its `references` replaced, formatted as the repository writes it.
 * @param {string} file @param {Reference[]} references
 * @returns {ConfigFile}
 */
function withReferences(file, references) {
  const current = readFileSync(file, "utf8");
  /** @type {Record<string, unknown>} */
  let config;
  try {
    config = JSON.parse(current);
  } catch (error) {
    throw new Error(`${file} is not plain JSON (${error instanceof Error ? error.message : String(error)}); project references can only be written into plain JSON`);
  }
  config["references"] = references;
  // One reference a line, as the files were written by hand.
  const fresh = JSON.stringify(config, null, 2).replace(/\{\n\s*"path": ("[^"\n]*")\n\s*\}/g, "{ \"path\": $1 }");
  return { file, current, fresh: `${fresh}\n` };
}

/**
 * Every tsconfig.json whose references come from the manifests, with its current and fresh text.
 * @param {string} root the repository root
 * @returns {ConfigFile[]}
 */
export function projectReferenceFiles(root) {
  const manifests = workspaceManifests(root);
  const folderByName = new Map(manifests.map(({ folder, manifest }) => [manifest.name, folder]));
  const dependenciesOf = new Map(manifests.map(({ folder, manifest }) => [folder, workspaceDependencies(manifest, folderByName)]));
  const files = manifests.map(({ folder, dir }) =>
    withReferences(path.join(dir, "tsconfig.json"), (dependenciesOf.get(folder) ?? []).map((dependency) => ({ path: `../${dependency}` }))),
  );
  files.push(withReferences(path.join(root, "tsconfig.json"), buildOrder(dependenciesOf).map((folder) => ({ path: `packages/${folder}` }))));
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const stale = projectReferenceFiles(root).filter(({ fresh, current }) => fresh !== current);
  if (process.argv.includes("--check")) {
    for (const { file } of stale) console.error(`${path.relative(root, file)}: project references are stale: run pnpm generate`);
    process.exit(stale.length > 0 ? 1 : 0);
  }
  for (const { file, fresh } of stale) {
    writeFileSync(file, fresh);
    console.error(`${path.relative(root, file)}: project references updated`);
  }
}
