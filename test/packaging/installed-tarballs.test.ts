/**
 * What an engine team does with buildpush: pack every package, install the tarballs with plain
 * npm into a project of its own, compile the README's API example with both module resolutions
 * TypeScript users have, run it, bundle it, and install it the untidy way npm sometimes does
 * (a second copy of core under each step package). Every run must print the same thing. The
 * package READMEs' examples are compiled and run the same way.
 *
 * The compilers are the repository's own typescript and esbuild, run on the installed project:
 * what they resolve depends on where the compiled file is, not where the compiler is, and
 * installing them into the project by path would make npm link into pnpm's store.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, test } from "vitest";
import { repoRoot } from "../support/paths.js";
import { describeRun, installTarballs, packWorkspace, run, type ProcessResult } from "./support/packed.js";
import { firstTypeScriptBlock, readmeApiExample, statedOutput } from "./support/readme-example.js";
import { beforeAllOrFail } from "./support/set-up.js";
import { isLibrary, workspacePackages } from "./support/workspace.js";

const example = readmeApiExample(readFileSync(`${repoRoot}README.md`, "utf8"));
/** Each package README's example (its "## Example" section), for the packages that show TypeScript. */
const packageExamples = workspacePackages().flatMap(({ folder, dir }) => {
  const source = existsSync(`${dir}README.md`) ? firstTypeScriptBlock(readFileSync(`${dir}README.md`, "utf8"), "## Example") : undefined;
  return source === undefined ? [] : [{ folder, file: `readme-${folder}`, source }];
});
const requireHere = createRequire(import.meta.url);
const tsc = path.join(path.dirname(requireHere.resolve("typescript/package.json")), "bin", "tsc");
const typeRoot = path.join(path.dirname(requireHere.resolve("@types/node/package.json")), "..");

/** What the example prints for the pipeline: one line per step, from the reviewed translation. */
const expectedStepLines = (
  JSON.parse(readFileSync(`${repoRoot}examples/expected/pipeline.json`, "utf8")) as { steps: { stage: string; identifier: string; container: { image: string } }[] }
).steps.map(({ stage, identifier, container }) => `${stage}/${identifier}: ${container.image}`);

type Compilation = "node16" | "bundler" | "package-readmes";

/** Memoised: each compilation runs once, and the set-up starts them all side by side. */
const compilations = new Map<Compilation, Promise<ProcessResult>>();
function compile(project: string, mode: Compilation): Promise<ProcessResult> {
  let compilation = compilations.get(mode);
  if (!compilation) {
    const moduleOptions = mode === "bundler" ? { module: "esnext", moduleResolution: "bundler" } : { module: "node16", moduleResolution: "node16" };
    const config = {
      compilerOptions: {
        ...moduleOptions,
        target: "es2022",
        strict: true,
        // Once, with node16, the installed packages' declarations are checked too (a .d.ts naming
        // a file the tarball lacks is an error, not an `any`); it triples tsc's time, as it
        // checks @types/node with them, so the other compilations skip it.
        skipLibCheck: mode !== "node16",
        noEmitOnError: true,
        types: ["node"],
        typeRoots: [typeRoot],
        rootDir: ".",
        outDir: `out/${mode}`,
      },
      files: mode === "package-readmes" ? packageExamples.map(({ file }) => `${file}.ts`) : ["example.ts"],
    };
    writeFileSync(path.join(project, `tsconfig.${mode}.json`), JSON.stringify(config, null, 2));
    compilation = run(process.execPath, [tsc, "-p", `tsconfig.${mode}.json`], project);
    compilations.set(mode, compilation);
  }
  return compilation;
}

let work = "";
const engine = beforeAllOrFail(async () => {
  work = mkdtempSync(path.join(tmpdir(), "buildpush-packaging-"));
  const project = path.join(work, "engine");
  await installTarballs(project, await packWorkspace(path.join(work, "tarballs")));
  writeFileSync(path.join(project, "example.ts"), example);
  for (const { file, source } of packageExamples) writeFileSync(path.join(project, `${file}.ts`), source);
  for (const mode of ["node16", "bundler", "package-readmes"] as const) void compile(project, mode);
  return { work, project };
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The run's stdout, after checking it exited 0 and printed nothing on stderr. */
function expectSuccess(what: string, result: ProcessResult): string {
  expect(result.status, describeRun(what, result)).toBe(0);
  expect(result.stderr, describeRun(what, result)).toBe("");
  return result.stdout;
}

/** The example compiled with node16 resolution, run from the repository root as the README says. */
let reference: Promise<string> | undefined;
function referenceOutput(): Promise<string> {
  const { project } = engine();
  reference ??= compile(project, "node16").then(async (compiled) => {
    expectSuccess("tsc (node16)", compiled);
    return expectSuccess("the example compiled with node16", await run(process.execPath, [path.join(project, "out/node16/example.js")], repoRoot));
  });
  return reference;
}

/** esbuild's bundle of the example in `project`, as an engine that ships one file would make it. */
async function bundle(project: string, outfile: string): Promise<void> {
  const result = await build({
    entryPoints: [path.join(project, "example.ts")],
    absWorkingDir: project,
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // yaml's Node build is CommonJS and requires Node's `process`; an ES module bundle has no
    // `require` for esbuild's CommonJS wrapper to call ("Dynamic require of "process" is not
    // supported", evanw/esbuild#1921). This banner is the usual answer, and what an engine's
    // own build would carry; it needs no node_modules.
    banner: { js: 'import { createRequire as bannerCreateRequire } from "node:module"; const require = bannerCreateRequire(import.meta.url);' },
    logLevel: "silent",
  });
  expect(result.warnings.map((warning) => warning.text), "esbuild warnings").toEqual([]);
}

/** Bundles the example in `project` into a folder of its own with a copy of examples/, and runs it there. */
async function runBundled(project: string, folder: string): Promise<ProcessResult> {
  const standalone = path.join(engine().work, folder);
  await bundle(project, path.join(standalone, "example.mjs"));
  // The example reads examples/ relative to where it runs; nothing else comes along.
  cpSync(`${repoRoot}examples`, path.join(standalone, "examples"), { recursive: true });
  for (let dir = standalone; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    expect(existsSync(path.join(dir, "node_modules")), `${dir}/node_modules exists`).toBe(false);
  }
  return run(process.execPath, [path.join(standalone, "example.mjs")], standalone);
}

/** tsc, esbuild and node as child processes: give them room on a busy 2-core machine (no timing is checked). */
const slow = 90_000;

describe("the README API example, against the installed tarballs", { timeout: slow }, () => {
  test("compiles with module and moduleResolution node16", async () => {
    expectSuccess("tsc -p tsconfig.node16.json", await compile(engine().project, "node16"));
  });

  test("compiles with module esnext and moduleResolution bundler", async () => {
    expectSuccess("tsc -p tsconfig.bundler.json", await compile(engine().project, "bundler"));
  });

  test("run as compiled for node16, it prints every step of examples/pipeline.yaml with its container image", async () => {
    const lines = (await referenceOutput()).split("\n");
    expect(lines.slice(0, expectedStepLines.length)).toEqual(expectedStepLines);
    // Then the single step's line: the README's translateStep call printed something.
    expect(lines[expectedStepLines.length]).toMatch(/\S/);
  });

  test("run as compiled for bundlers, it prints the same", async () => {
    const { project } = engine();
    expectSuccess("tsc (bundler)", await compile(project, "bundler"));
    const output = expectSuccess("the example compiled for bundlers", await run(process.execPath, [path.join(project, "out/bundler/example.js")], repoRoot));
    expect(output).toBe(await referenceOutput());
  });

  test("bundled by esbuild and run where no node_modules exist, it prints the same", async () => {
    const output = expectSuccess("the esbuild bundle of the example", await runBundled(engine().project, "standalone"));
    expect(output).toBe(await referenceOutput());
  });

  test("with a second copy of core nested under each step package, it prints the same, run and bundled", async () => {
    const expected = await referenceOutput(); // and so the compiled example exists to copy
    // A copy of the project, as npm lays it out after a version drift: each step package
    // resolves a core of its own.
    const nestedProject = path.join(engine().work, "engine-nested");
    cpSync(engine().project, nestedProject, { recursive: true });
    const installed = path.join(nestedProject, "node_modules", "@buildpush");
    const stepPackages = readdirSync(installed).filter((folder) => {
      const manifest = JSON.parse(readFileSync(path.join(installed, folder, "package.json"), "utf8")) as { peerDependencies?: Record<string, string> };
      return manifest.peerDependencies?.["@buildpush/core"] !== undefined;
    });
    expect(stepPackages.length, "installed packages that take core as a peer").toBeGreaterThan(0);
    for (const folder of stepPackages) {
      const nested = path.join(installed, folder, "node_modules", "@buildpush", "core");
      cpSync(path.join(installed, "core"), nested, { recursive: true });
      const resolved = createRequire(path.join(installed, folder, "package.json")).resolve("@buildpush/core");
      expect(resolved.startsWith(nested + path.sep), `@buildpush/${folder} resolves core to ${resolved}`).toBe(true);
    }
    const output = expectSuccess("the example with nested copies of core", await run(process.execPath, [path.join(nestedProject, "out/node16/example.js")], repoRoot));
    expect(output).toBe(expected);
    expect(expectSuccess("the esbuild bundle with nested copies of core", await runBundled(nestedProject, "standalone-nested"))).toBe(expected);
  });
});

describe("each package README's example, against the installed tarballs", { timeout: slow }, () => {
  test("there is one for every library package", () => {
    expect(packageExamples.map(({ folder }) => folder).sort()).toEqual(workspacePackages().filter(isLibrary).map(({ folder }) => folder).sort());
  });

  test.each(packageExamples.map((packageExample) => [packageExample.folder, packageExample] as const))(
    "@buildpush/%s: compiles (node16) and prints what its comments say",
    async (_folder, { file, source }) => {
      const { project } = engine();
      expectSuccess("tsc -p tsconfig.package-readmes.json", await compile(project, "package-readmes"));
      // From examples/, where the core README's connectors.yaml and pipeline.yaml are.
      const output = expectSuccess(`the ${file} example`, await run(process.execPath, [path.join(project, `out/package-readmes/${file}.js`)], `${repoRoot}examples`));
      const stated = statedOutput(source);
      if (stated.length > 0) expect(output).toBe(stated.map((line) => `${line}\n`).join(""));
      else expect(output).toMatch(/\S/);
    },
  );
});

test("require() from a CommonJS file loads each library package (Node >= 20.19 loads the ES modules)", async () => {
  const { project } = engine();
  const script = [
    'const core = require("@buildpush/core");',
    'const handlerApi = require("@buildpush/core/handler");',
    "process.stdout.write(JSON.stringify({",
    "  createTranslator: typeof core.createTranslator,",
    "  isBuildpushError: typeof core.isBuildpushError,",
    "  handlerApiExports: Object.keys(handlerApi).length > 0,",
    '  docker: typeof require("@buildpush/docker").dockerRegistryHandler,',
    '  ecr: typeof require("@buildpush/ecr").ecrHandler,',
    '  acr: typeof require("@buildpush/acr").acrHandler,',
    '  kanikoArgs: typeof require("@buildpush/kaniko-args").kanikoArgs,',
    "}));",
  ].join("\n");
  writeFileSync(path.join(project, "require-packages.cjs"), script);
  const result = await run(process.execPath, ["require-packages.cjs"], project);
  expect(result.status, describeRun("require() of the packages", result)).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({
    createTranslator: "function",
    isBuildpushError: "function",
    handlerApiExports: true,
    docker: "object",
    ecr: "object",
    acr: "object",
    kanikoArgs: "function",
  });
});
