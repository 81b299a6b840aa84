// @ts-check
/**
 * The step packages of the workspace, found by the `buildpush` field of their package.json
 * (`{"stepHandler": "ecrHandler", "specInterface": "EcrSpec"}`): the generator, the bench and
 * the test fixtures use this list instead of naming the packages, so a new registry is found
 * when its package is added.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * @typedef {{ directory: string, packageName: string, name: string, stepHandler: string, specInterface: string }} StepPackage
 */

/** @param {string} root the repository root @returns {StepPackage[]} in directory order */
export function stepPackages(root) {
  const packagesDir = path.join(root, "packages");
  /** @type {StepPackage[]} */
  const found = [];
  for (const directory of readdirSync(packagesDir).sort()) {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(path.join(packagesDir, directory, "package.json"), "utf8"));
    } catch {
      continue;
    }
    const marker = manifest.buildpush;
    if (marker && typeof marker.stepHandler === "string" && typeof marker.specInterface === "string") {
      found.push({ directory, packageName: manifest.name, name: directory, stepHandler: marker.stepHandler, specInterface: marker.specInterface });
    }
  }
  return found;
}

/** Every workspace package directory with a package.json: `core`, `docker`, ... */
export function workspacePackages(/** @type {string} */ root) {
  const packagesDir = path.join(root, "packages");
  return readdirSync(packagesDir).sort().filter((directory) => {
    try {
      readFileSync(path.join(packagesDir, directory, "package.json"));
      return true;
    } catch {
      return false;
    }
  });
}
