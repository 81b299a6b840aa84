// @ts-check
/**
 * The parse-alone process with yaml as the CLI's bin bundles it: read-and-parse.mjs and core's
 * yaml bundled by esbuild into one CommonJS script, with yaml's per-token debugging switches read
 * as off (scripts/yaml-debug-switches.mjs), as scripts/bundle-packages.mjs bundles the bin. The
 * CLI against this process is what translation costs beyond the parse the CLI itself runs.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { yamlDebugSwitchesOff } from "../../scripts/yaml-debug-switches.mjs";

const coreRequire = createRequire(new URL("../../packages/core/package.json", import.meta.url));

/**
 * Write the script to `outfile` and return its path.
 * @param {string} outfile
 */
export async function bundleParseFile(outfile) {
  await build({
    stdin: {
      contents: 'import * as yaml from "yaml";\nimport { readAndParse } from "./read-and-parse.mjs";\nreadAndParse(yaml, process.argv[2] ?? "");\n',
      resolveDir: fileURLToPath(new URL(".", import.meta.url)),
      sourcefile: "parse-file-bundled.mjs",
    },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile,
    logLevel: "warning",
    plugins: [
      { name: "core-yaml", setup: (bundler) => bundler.onResolve({ filter: /^yaml$/ }, () => ({ path: coreRequire.resolve("yaml") })) },
      yamlDebugSwitchesOff(),
    ],
  });
  return path.resolve(outfile);
}
