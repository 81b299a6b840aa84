/**
 * What a user installs: each package's `exports` points at one bundled ES module per entry point
 * (scripts/bundle-packages.mjs, run by `pnpm build`, which `pnpm test` runs first). Start-up
 * depends on it (docs/performance.md), and the rest of the suite imports the TypeScript sources,
 * so this file checks the bundles themselves: where the manifests point, what the bundles import,
 * and that translating through them gives what the sources give.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { ConnectorSet } from "@buildpush/core";
import { translatePipeline } from "../support/translator.js";
import { describe, expect, test } from "vitest";
import { exampleConnectors } from "../support/fixtures.js";
import { repoRoot } from "../support/paths.js";

const packageNames = ["core", "docker", "ecr", "acr", "gcr", "gar", "kaniko-args", "cli"];

interface Manifest {
  name: string;
  exports: { ".": { types: string; import: string } };
  main: string;
  types: string;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function manifestOf(name: string): Manifest {
  return JSON.parse(readFileSync(`${repoRoot}packages/${name}/package.json`, "utf8")) as Manifest;
}

/** Every module specifier a bundle imports statically or dynamically. */
function importSpecifiers(source: string): string[] {
  const pattern = /(?:^|[;\s])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? "");
}

describe.each(packageNames)("@buildpush/%s as installed", (name) => {
  const manifest = manifestOf(name);
  const bundleDir = `${repoRoot}packages/${name}/dist/bundle/`;

  test("exports, main and bin point at built bundles; types at tsc's declarations", () => {
    const entry = manifest.exports["."];
    expect(entry.import).toBe("./dist/bundle/index.js");
    expect(manifest.main).toBe(entry.import);
    expect(entry.types).toBe("./dist/index.d.ts");
    expect(manifest.types).toBe(entry.types);
    for (const target of [entry.import, entry.types, ...Object.values(manifest.bin ?? {})]) {
      expect(existsSync(`${repoRoot}packages/${name}/${target}`), `${target} exists`).toBe(true);
    }
    for (const bin of Object.values(manifest.bin ?? {})) expect(bin).toMatch(/^\.\/dist\/bundle\/[\w-]+\.js$/);
  });

  test("each bundle imports only Node built-ins, declared dependencies and its own chunks", () => {
    const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
    const files = readdirSync(bundleDir).filter((file) => file.endsWith(".js"));
    expect(files).toContain("index.js");
    for (const file of files) {
      for (const specifier of importSpecifiers(readFileSync(bundleDir + file, "utf8"))) {
        const where = `${file} imports ${specifier}`;
        if (specifier.startsWith("node:")) expect(builtinModules, where).toContain(specifier.slice("node:".length));
        else if (specifier.startsWith(".")) expect(files, where).toContain(specifier.replace(/^\.\//, ""));
        else expect([...declared], where).toContain(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]);
      }
    }
  });
});

test("a process that imports the bundles by package name translates the examples exactly as the sources do", () => {
  const files = ["examples/pipeline.yaml", "examples/all-registries.yaml"];
  const fromSources = files.map((file) => translatePipeline(readFileSync(`${repoRoot}${file}`, "utf8"), { connectors: new ConnectorSet(exampleConnectors), file }));
  const script = `
    import { readFileSync } from "node:fs";
    import { ConnectorSet, createTranslator, parseConnectorFile } from "@buildpush/core";
    import { dockerRegistryHandler } from "@buildpush/docker";
    import { ecrHandler } from "@buildpush/ecr";
    import { acrHandler } from "@buildpush/acr";
    import { gcrHandler } from "@buildpush/gcr";
    import { garHandler } from "@buildpush/gar";
    const translator = createTranslator({ handlers: [dockerRegistryHandler, ecrHandler, acrHandler, gcrHandler, garHandler] });
    const connectors = new ConnectorSet(parseConnectorFile(readFileSync("examples/connectors.yaml", "utf8"), "examples/connectors.yaml"));
    const results = ${JSON.stringify(files)}.map((file) => translator.translatePipeline(readFileSync(file, "utf8"), { connectors, file }));
    process.stdout.write(JSON.stringify({ results, stepTypes: translator.stepTypes }));
  `;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8" });
  expect(child.stderr).toBe("");
  expect(child.status).toBe(0);
  const fromBundles = JSON.parse(child.stdout) as { results: unknown; stepTypes: unknown[] };
  expect(fromBundles.stepTypes).toEqual(["BuildAndPushACR", "BuildAndPushDockerRegistry", "BuildAndPushECR", "BuildAndPushGAR", "BuildAndPushGCR"]);
  expect(fromBundles.results).toEqual(JSON.parse(JSON.stringify(fromSources)));
});
