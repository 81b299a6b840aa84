// @ts-check
/**
 * yaml's parser and composer each read a debugging switch from the environment for every token
 * and every document they handle (`process.env.LOG_TOKENS`, `process.env.LOG_STREAM`), and print
 * what they handle with console.log when it is set. In a program that bundles yaml (the CLI's
 * bin) that is two faults:
 *
 * - the output: with `LOG_TOKENS` or `LOG_STREAM` set in the environment, yaml writes every
 *   token or document of the input to stdout, in the middle of the JSON or YAML buildpush
 *   prints, so the output can no longer be read;
 * - the time: `process.env.X` asks the operating system's environment on every read, and the
 *   parser reads it once per token: 2.9 million reads for the benchmark's 10,000-step pipeline,
 *   nearly a second of a 5-second parse (docs/performance.md, The CLI on a large pipeline).
 *
 * So the bin's bundle reads both switches as off. Libraries keep yaml external and unchanged: an
 * engine's yaml is the engine's.
 */
import { readFile } from "node:fs/promises";

/** The switches, each in the one yaml file that reads it. */
const switches = [
  { file: /[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/, read: "node_process.env.LOG_TOKENS" },
  { file: /[\\/]yaml[\\/]dist[\\/]compose[\\/]composer\.js$/, read: "node_process.env.LOG_STREAM" },
];

/**
 * yaml's module `source` (at `file`) with its debugging switch read as off. A yaml file named
 * above that no longer reads its switch exactly once fails the build, so an upgrade of yaml
 * that moves the switch is noticed rather than silently bundled with it.
 * @param {string} source
 * @param {string} file
 * @returns {string}
 */
export function withYamlDebugSwitchesOff(source, file) {
  const entry = switches.find(({ file: pattern }) => pattern.test(file));
  if (entry === undefined) return source;
  const reads = source.split(entry.read).length - 1;
  if (reads !== 1) throw new Error(`${file}: expected yaml to read ${entry.read} once, found ${reads} reads; see scripts/yaml-debug-switches.mjs`);
  return source.replace(entry.read, "false");
}

/**
 * The esbuild plugin that bundles yaml's parser and composer with their switches off. A bundle
 * that holds one of the two files but not the other fails: yaml's layout changed.
 * @returns {import("esbuild").Plugin}
 */
export function yamlDebugSwitchesOff() {
  return {
    name: "yaml-debug-switches-off",
    setup(build) {
      /** @type {Set<string>} */
      const switchedOff = new Set();
      // One filter for both files: esbuild runs it in Go, before calling back into JavaScript.
      const filter = new RegExp(switches.map(({ file }) => file.source).join("|"));
      build.onLoad({ filter }, async (args) => {
        const source = withYamlDebugSwitchesOff(await readFile(args.path, "utf8"), args.path);
        switchedOff.add(args.path.replace(/^.*[\\/]dist[\\/]/, ""));
        return { contents: source, loader: "js" };
      });
      build.onEnd(() => {
        if (switchedOff.size === 0 || switchedOff.size === switches.length) return;
        throw new Error(`the bundle holds yaml's ${[...switchedOff].join(", ")} but not all ${switches.length} files that read a debugging switch; see scripts/yaml-debug-switches.mjs`);
      });
    },
  };
}
