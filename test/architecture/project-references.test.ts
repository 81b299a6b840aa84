/**
 * `tsc -b` builds the packages from the project references in the tsconfig files, which
 * scripts/project-references.mjs derives from the manifests (`pnpm generate` writes them), so a
 * new package is never listed by hand. This fails when a committed tsconfig is stale, and shows
 * the derivation on a workspace of its own.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { projectReferenceFiles } from "../../scripts/project-references.mjs";
import { repoRoot } from "../support/paths.js";

const workspaces: string[] = [];
afterEach(() => {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A workspace in a temporary folder: package `@x/<folder>` for each folder, with its workspace dependencies. */
function workspace(packages: Record<string, { dependencies?: string[]; peerDependencies?: string[] }>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "buildpush-references-"));
  workspaces.push(root);
  writeFileSync(path.join(root, "tsconfig.json"), `{ "files": [] }\n`);
  for (const [folder, { dependencies = [], peerDependencies = [] }] of Object.entries(packages)) {
    const dir = path.join(root, "packages", folder);
    mkdirSync(dir, { recursive: true });
    const versions = (names: string[]) => Object.fromEntries(names.map((name) => [name, "workspace:*"]));
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `@x/${folder}`, dependencies: { lodash: "^4", ...versions(dependencies) }, peerDependencies: versions(peerDependencies) }));
    writeFileSync(path.join(dir, "tsconfig.json"), `{ "compilerOptions": { "outDir": "dist" } }\n`);
  }
  return root;
}

const referencesIn = (text: string): unknown => (JSON.parse(text) as { references?: unknown }).references;

describe("project references", () => {
  test("every committed tsconfig.json has the references its manifests give (run pnpm generate)", () => {
    const files = projectReferenceFiles(repoRoot);
    expect(files.map(({ file }) => path.relative(repoRoot, file))).toContain("tsconfig.json");
    for (const { file, current, fresh } of files) expect(current, `${path.relative(repoRoot, file)} is stale: run pnpm generate`).toBe(fresh);
  });

  test("the root lists every package after the packages it depends on; each package its workspace dependencies only", () => {
    const root = workspace({ app: { dependencies: ["@x/step"] }, base: {}, step: { peerDependencies: ["@x/base"] } });
    const fresh = new Map(projectReferenceFiles(root).map(({ file, fresh }) => [path.relative(root, file), referencesIn(fresh)]));
    expect(fresh.get("tsconfig.json")).toEqual([{ path: "packages/base" }, { path: "packages/step" }, { path: "packages/app" }]);
    expect(fresh.get(path.join("packages", "app", "tsconfig.json"))).toEqual([{ path: "../step" }]);
    expect(fresh.get(path.join("packages", "step", "tsconfig.json"))).toEqual([{ path: "../base" }]);
    expect(fresh.get(path.join("packages", "base", "tsconfig.json"))).toEqual([]);
    expect(readFileSync(path.join(root, "packages", "app", "tsconfig.json"), "utf8")).not.toContain("references");
  });

  test("packages that depend on each other in a cycle are an error naming the cycle", () => {
    const root = workspace({ a: { dependencies: ["@x/b"] }, b: { dependencies: ["@x/a"] } });
    expect(() => projectReferenceFiles(root)).toThrow("workspace packages depend on each other in a cycle: a → b → a");
  });
});
