/**
 * Each tarball `pnpm pack` makes, as the registry would hold it: lint-clean by publint and by
 * Are the Types Wrong, and holding only what its `exports` and `bin` reach plus the types,
 * the README and the LICENSE, with source maps that resolve inside the tarball.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, describe, expect, test } from "vitest";
import { repoRoot } from "../support/paths.js";
import { importSpecifiers, programOf } from "./support/bundle-imports.js";
import { describeRun, packWorkspace, run, type PackedPackage } from "./support/packed.js";
import { beforeAllOrFail } from "./support/set-up.js";
import { bundleTargets, workspacePackages, type Manifest } from "./support/workspace.js";

const requireHere = createRequire(import.meta.url);
const attwPackage = path.dirname(requireHere.resolve("@arethetypeswrong/cli/package.json"));
const attwBin = path.join(attwPackage, (JSON.parse(readFileSync(path.join(attwPackage, "package.json"), "utf8")) as { bin: { attw: string } }).bin.attw);

const packageNames = workspacePackages().filter((pkg) => !pkg.manifest.private).map((pkg) => pkg.manifest.name);

interface UnpackedPackage extends PackedPackage {
  /** Where the tarball was unpacked. */
  unpacked: string;
}

let work = "";
const tarballs = beforeAllOrFail(async () => {
  work = mkdtempSync(path.join(tmpdir(), "buildpush-tarballs-"));
  const packed = new Map<string, UnpackedPackage>();
  for (const pkg of await packWorkspace(path.join(work, "tarballs"))) {
    const unpacked = path.join(work, "unpacked", pkg.name);
    mkdirSync(unpacked, { recursive: true });
    const extracted = await run("tar", ["-xzf", pkg.tarball, "-C", unpacked, "--strip-components=1"], work);
    if (extracted.status !== 0) throw new Error(describeRun(`tar (unpacking ${pkg.tarball})`, extracted));
    packed.set(pkg.name, { ...pkg, unpacked });
  }
  return packed;
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function packedPackage(name: string): UnpackedPackage {
  const pkg = tarballs().get(name);
  if (!pkg) throw new Error(`${name} was not packed`);
  return pkg;
}

function readPacked(name: string, file: string): string {
  return readFileSync(path.join(packedPackage(name).unpacked, file), "utf8");
}

/** A tarball path from a path relative to another file in it; undefined when it climbs out. */
function inTarball(fromFile: string, relative: string): string | undefined {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), relative));
  return joined.startsWith("../") ? undefined : joined;
}

describe.each(packageNames)("the %s tarball", (name) => {
  test("publint reports nothing, warnings included", async () => {
    const tarball = readFileSync(packedPackage(name).tarball);
    const { messages, pkg } = await publint({ pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) }, strict: true });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg) ?? message.code}`)).toEqual([]);
  });

  test("Are the Types Wrong reports no problem for an ES-module-only package", async () => {
    // The packages are ES modules only, which is legitimate; the esm-only profile leaves out
    // exactly the two resolution modes that cannot be clean for one: node10 (it predates
    // `exports`, so it never sees a subpath such as @buildpush/core/handler) and node16 from
    // CommonJS (attw's TypeScript types a require() of an ES module as an error, though Node
    // >= 20.19 runs it: installed-tarballs.test.ts requires every package). node16 from ES
    // modules and bundler resolution are still checked, and any problem there fails this test.
    const result = await run(process.execPath, [attwBin, packedPackage(name).tarball, "--profile", "esm-only", "--no-color", "--no-emoji"], repoRoot);
    expect(result.status, describeRun("attw --profile esm-only", result)).toBe(0);
  });

  test("holds only bundles, declarations, package.json, README.md and LICENSE", () => {
    const { files } = packedPackage(name);
    const unexpected = files.filter(
      (file) => !["package.json", "README.md", "LICENSE"].includes(file) && !/^dist\/bundle\/[^/]+\.c?js(\.map)?$/.test(file) && !/^dist\/.+\.d\.ts$/.test(file),
    );
    expect(unexpected).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE"]));
    expect(readPacked(name, "LICENSE")).toBe(readFileSync(`${repoRoot}LICENSE`, "utf8"));
  });

  test("every bundle file is an entry point of exports or bin, a chunk one of them imports, or the program a bin runs", () => {
    const { files } = packedPackage(name);
    const manifest = JSON.parse(readPacked(name, "package.json")) as Manifest;
    const reached = new Set<string>();
    const pending = bundleTargets(manifest).map((target) => path.posix.normalize(target));
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      if (reached.has(file)) continue;
      expect(files, `${file}, which exports, bin or a bundle names`).toContain(file);
      reached.add(file);
      const source = readPacked(name, file);
      const program = programOf(source);
      for (const specifier of [...importSpecifiers(source), ...(program === undefined ? [] : [`./${program}`])]) {
        const target = specifier.startsWith(".") ? inTarball(file, specifier) : undefined;
        if (target !== undefined) pending.push(target);
      }
    }
    expect(files.filter((file) => /\.c?js$/.test(file)).sort()).toEqual([...reached].sort());
  });

  test("every source map resolves: each source has its content in the map or is a file in the tarball", () => {
    const { files } = packedPackage(name);
    const maps = files.filter((file) => file.endsWith(".map"));
    expect(maps.length, "source maps in the tarball").toBeGreaterThan(0);
    for (const file of files.filter((candidate) => /\.(c?js|d\.ts)$/.test(candidate))) {
      const mapUrl = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readPacked(name, file))?.[1];
      if (mapUrl !== undefined) expect(files, `${file} names its map ${mapUrl}`).toContain(inTarball(file, mapUrl));
    }
    for (const file of maps) {
      const map = JSON.parse(readPacked(name, file)) as { sources: string[]; sourcesContent?: (string | null)[]; sourceRoot?: string };
      const unresolved = map.sources.filter(
        (source, index) => typeof map.sourcesContent?.[index] !== "string" && !files.includes(inTarball(file, path.posix.join(map.sourceRoot ?? "", source)) ?? ""),
      );
      expect(unresolved, `sources of ${file} that are neither in the map nor in the tarball`).toEqual([]);
    }
  });
});
