// @ts-check
/**
 * The workspace's packages, read from packages/<folder>/package.json, the way
 * pnpm-workspace.yaml finds them: the one place that lists them. The bundler, the generator,
 * the bench, vitest and the tests read this instead of naming packages. Step packages are the
 * ones whose package.json has a `buildpush` field (`{"stepHandler": "ecrHandler",
 * "specInterface": "EcrSpec"}`), so a new registry is found when its package is added.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * @typedef {{ name: string, buildpush?: { stepHandler?: unknown, specInterface?: unknown } } & Record<string, any>} Manifest
 * @typedef {{ folder: string, dir: string, manifest: Manifest }} WorkspaceManifest
 * @typedef {{ directory: string, packageName: string, name: string, stepHandler: string, specInterface: string }} StepPackage
 */

/** @param {string} root the repository root @returns {WorkspaceManifest[]} in folder order */
export function workspaceManifests(root) {
  const packagesDir = path.join(root, "packages");
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(packagesDir, entry.name, "package.json")))
    .map((entry) => entry.name)
    .sort()
    .map((folder) => {
      const dir = path.join(packagesDir, folder);
      return { folder, dir, manifest: /** @type {Manifest} */ (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"))) };
    });
}

/** Every workspace package's folder: `core`, `docker`, ... @param {string} root */
export function workspacePackages(root) {
  return workspaceManifests(root).map(({ folder }) => folder);
}

/** The step packages, in folder order. @param {string} root @returns {StepPackage[]} */
export function stepPackages(root) {
  /** @type {StepPackage[]} */
  const found = [];
  for (const { folder, manifest } of workspaceManifests(root)) {
    const marker = manifest.buildpush;
    if (marker && typeof marker.stepHandler === "string" && typeof marker.specInterface === "string") {
      found.push({ directory: folder, packageName: manifest.name, name: folder, stepHandler: marker.stepHandler, specInterface: marker.specInterface });
    }
  }
  return found;
}
