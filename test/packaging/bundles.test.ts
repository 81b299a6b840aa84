/**
 * What a user installs: each package's `exports` points at one bundled ES module per entry point
 * (scripts/bundle-packages.mjs, run by `pnpm build`, which `pnpm test` runs first). Start-up
 * depends on it (docs/performance.md), and the rest of the suite imports the TypeScript sources,
 * so this file checks the manifests and the bundles themselves: where the manifests point, what
 * the bundles import, and that translating through them gives the reviewed output. The packed
 * tarballs, installed as an engine installs them, are installed-tarballs.test.ts's.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { describe, expect, test } from "vitest";
import { exampleConnectors } from "../support/fixtures.js";
import { repoRoot } from "../support/paths.js";
import { translatePipeline } from "../support/translator.js";
import { importSpecifiers, packageOf, programOf, requiredSpecifiers } from "./support/bundle-imports.js";
import { isLibrary, workspacePackages } from "./support/workspace.js";

const packages = workspacePackages();
const core = "@buildpush/core";

describe.each(packages.map((pkg) => [pkg.manifest.name, pkg] as const))("%s", (_name, pkg) => {
  const { manifest, dir, folder } = pkg;

  test("every export has types, import and default; import and default are the same bundle, types tsc's declarations", () => {
    const entries = Object.entries(manifest.exports ?? {});
    expect(entries.map(([subpath]) => subpath)).toContain(".");
    for (const [subpath, conditions] of entries) {
      const entry = subpath === "." ? "index" : subpath.slice("./".length);
      // Order matters to resolvers: types first, default last.
      expect(conditions, subpath).toEqual({ types: `./dist/${entry}.d.ts`, import: `./dist/bundle/${entry}.js`, default: `./dist/bundle/${entry}.js` });
      expect(Object.keys(conditions), subpath).toEqual(["types", "import", "default"]);
      for (const target of Object.values(conditions)) expect(existsSync(`${dir}${target}`), `${target} exists`).toBe(true);
    }
    expect(manifest.main).toBe(manifest.exports?.["."]?.["import"]);
    expect(manifest.types).toBe(manifest.exports?.["."]?.["types"]);
    for (const bin of Object.values(manifest.bin ?? {})) {
      expect(bin).toMatch(/^\.\/dist\/bundle\/[\w-]+\.cjs$/);
      expect(existsSync(`${dir}${bin}`), `${bin} exists`).toBe(true);
    }
  });

  test("says what it is, where it comes from, which Node it needs, and ships its README and LICENSE", () => {
    expect(manifest.type).toBe("module");
    expect(manifest.license).toBe("Apache-2.0");
    expect(manifest.description).toMatch(/\S{10}/);
    expect(manifest.keywords?.length).toBeGreaterThan(0);
    expect(manifest.repository).toEqual({ type: "git", url: "git+https://github.com/buildpush/buildpush.git", directory: `packages/${folder}` });
    // require() of an ES module works unflagged from Node 20.19 on.
    expect(manifest.engines).toEqual({ node: ">=20.19" });
    expect(manifest.files).toEqual(["dist/bundle", "dist/**/*.d.ts", "README.md", "LICENSE"]);
    // A library's modules do nothing on import, so bundlers may drop what an engine does not use.
    if (isLibrary(pkg)) expect(manifest.sideEffects).toBe(false);
    expect(readFileSync(`${dir}LICENSE`, "utf8")).toBe(readFileSync(`${repoRoot}LICENSE`, "utf8"));
    expect(existsSync(`${dir}README.md`)).toBe(true);
  });

  test("a library that uses core takes it as a peer with a caret range; only the CLI depends on it", () => {
    const usesCore = readdirSync(`${dir}dist/bundle`).some((file) => file.endsWith(".js") && importSpecifiers(readFileSync(`${dir}dist/bundle/${file}`, "utf8")).map(packageOf).includes(core));
    if (!usesCore || manifest.name === core) return;
    if (isLibrary(pkg)) {
      // The engine chooses core's version; pnpm pack writes workspace:^ as ^<version>.
      expect(manifest.peerDependencies?.[core]).toBe("workspace:^");
      expect(manifest.devDependencies?.[core]).toBe("workspace:*");
      expect(manifest.dependencies?.[core]).toBeUndefined();
    } else {
      expect(manifest.dependencies?.[core]).toBe("workspace:*");
    }
  });

  test("each bundle imports only Node built-ins, declared dependencies and peers, and its own chunks", () => {
    const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
    const bundleDir = `${dir}dist/bundle/`;
    const files = readdirSync(bundleDir).filter((file) => file.endsWith(".js"));
    expect(files).toContain("index.js");
    for (const file of files) {
      for (const specifier of importSpecifiers(readFileSync(bundleDir + file, "utf8"))) {
        const where = `${file} imports ${specifier}`;
        if (specifier.startsWith("node:")) expect(builtinModules, where).toContain(specifier.slice("node:".length));
        else if (specifier.startsWith(".")) expect(files, where).toContain(specifier.replace(/^\.\//, ""));
        else expect([...declared], where).toContain(packageOf(specifier));
      }
    }
  });
});

test("a bin is a loader that runs one program bundling what it runs: the @buildpush packages and yaml inside, only built-ins and declared dependencies required", () => {
  for (const pkg of packages.filter((candidate) => candidate.manifest.bin)) {
    const declared = Object.keys(pkg.manifest.dependencies ?? {});
    for (const bin of Object.values(pkg.manifest.bin ?? {})) {
      const loader = readFileSync(`${pkg.dir}${bin}`, "utf8");
      expect(loader.startsWith("#!/usr/bin/env node\n")).toBe(true);
      expect(requiredSpecifiers(loader).every((specifier) => specifier.startsWith("node:")), requiredSpecifiers(loader).join(", ")).toBe(true);
      const program = programOf(loader);
      expect(program, `${bin} names its program`).toMatch(/^[\w-]+\.program\.cjs$/);
      const source = readFileSync(`${pkg.dir}dist/bundle/${program}`, "utf8");
      // One script: nothing imported, every package it needs inside but the ones it requires lazily (declared).
      expect(importSpecifiers(source)).toEqual([]);
      for (const specifier of requiredSpecifiers(source)) {
        if (builtinModules.includes(specifier.replace(/^node:/, ""))) continue;
        expect(declared, `${program} requires ${specifier}`).toContain(packageOf(specifier));
      }
      expect(source).toContain("node_modules/yaml/dist/index.js");
      // The loader reads it as one byte a character.
      expect(/[^\x00-\x7f]/.test(source)).toBe(false);
    }
  }
});

test("every function and class an entry point exports keeps the name it is exported as (the bundles are built without keepNames)", () => {
  const entries = packages.flatMap((pkg) => Object.values(pkg.manifest.exports ?? {}).map((conditions) => `${pkg.dir}${conditions["import"]}`));
  const script = `
    const renamed = [];
    for (const file of ${JSON.stringify(entries)}) {
      const module = await import(file);
      for (const [name, value] of Object.entries(module)) if (typeof value === "function" && value.name !== name) renamed.push(file + ": " + name + " is named " + value.name);
    }
    process.stdout.write(JSON.stringify(renamed));
  `;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8" });
  expect(child.stderr).toBe("");
  expect(JSON.parse(child.stdout)).toEqual([]);
  expect(entries.length).toBeGreaterThan(5);
});

test("core has a second entry point for handler and backend authors", () => {
  const coreManifest = packages.find((pkg) => pkg.manifest.name === core)?.manifest;
  expect(Object.keys(coreManifest?.exports ?? {})).toEqual([".", "./handler"]);
});

test("a process that composes a translator from the bundles by package name translates the example as reviewed", () => {
  // No side-effect imports: the handlers are values the engine passes to createTranslator.
  const script = `
    import { readFileSync } from "node:fs";
    import { createTranslator, parseConnectorFile } from "@buildpush/core";
    import { dockerRegistryHandler } from "@buildpush/docker";
    import { ecrHandler } from "@buildpush/ecr";
    import { acrHandler } from "@buildpush/acr";
    const translator = createTranslator({ handlers: [dockerRegistryHandler, ecrHandler, acrHandler] });
    const connectors = parseConnectorFile(readFileSync("examples/connectors.yaml", "utf8"), "examples/connectors.yaml");
    const result = translator.translatePipeline(readFileSync("examples/pipeline.yaml", "utf8"), { connectors, file: "pipeline.yaml" });
    process.stdout.write(JSON.stringify({ stepTypes: translator.stepTypes, warnings: result.warnings, output: JSON.stringify({ stages: result.stages, steps: result.steps }, null, 2) + "\\n" }));
  `;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8" });
  expect(child.stderr).toBe("");
  expect(child.status).toBe(0);
  const fromBundles = JSON.parse(child.stdout) as { stepTypes: unknown; warnings: unknown; output: string };
  expect(fromBundles.warnings).toEqual([]);
  expect(fromBundles.stepTypes).toEqual(["BuildAndPushACR", "BuildAndPushDockerRegistry", "BuildAndPushECR"]);
  // The reviewed translation test/pipeline.test.ts keeps (with the file named as it names it).
  expect(fromBundles.output).toBe(readFileSync(`${repoRoot}examples/expected/pipeline.json`, "utf8"));
});

test("the bundles of all five step packages (gcr importing gar's) translate examples/all-registries.yaml as the sources do", () => {
  const file = "examples/all-registries.yaml";
  const fromSources = translatePipeline(readFileSync(`${repoRoot}${file}`, "utf8"), { connectors: exampleConnectors, file });
  const script = `
    import { readFileSync } from "node:fs";
    import { createTranslator, parseConnectorFile } from "@buildpush/core";
    import { dockerRegistryHandler } from "@buildpush/docker";
    import { ecrHandler } from "@buildpush/ecr";
    import { acrHandler } from "@buildpush/acr";
    import { gcrHandler } from "@buildpush/gcr";
    import { garHandler } from "@buildpush/gar";
    const translator = createTranslator({ handlers: [dockerRegistryHandler, ecrHandler, acrHandler, gcrHandler, garHandler] });
    const connectors = parseConnectorFile(readFileSync("examples/connectors.yaml", "utf8"), "examples/connectors.yaml");
    process.stdout.write(JSON.stringify(translator.translatePipeline(readFileSync(${JSON.stringify(file)}, "utf8"), { connectors, file: ${JSON.stringify(file)} })));
  `;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8" });
  expect(child.stderr).toBe("");
  expect(child.status).toBe(0);
  expect(JSON.parse(child.stdout)).toEqual(JSON.parse(JSON.stringify(fromSources)));
});
