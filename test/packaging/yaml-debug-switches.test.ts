/**
 * The CLI's bin bundles yaml with its debugging switches read as off
 * (scripts/yaml-debug-switches.mjs): `LOG_TOKENS` and `LOG_STREAM` in a user's environment no
 * longer make yaml print every token and document into buildpush's stdout, and the parser no
 * longer asks the environment once per token.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { withYamlDebugSwitchesOff } from "../../scripts/yaml-debug-switches.mjs";
import { cliBin, repoRoot } from "../support/paths.js";
import { programOf } from "./support/bundle-imports.js";

const switchOff = withYamlDebugSwitchesOff;

/** yaml's dist/ as core resolves it, the copy the bin bundles. */
const yamlDist = dirname(createRequire(join(repoRoot, "packages/core/package.json")).resolve("yaml"));

describe("the CLI as a process (needs `pnpm build`)", () => {
  const args = ["translate", "examples/docker.yaml", "--connectors", "examples/connectors.yaml"];
  const run = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [cliBin, ...args], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, ...env } });

  test("LOG_TOKENS and LOG_STREAM set: the same stdout and stderr as without them", () => {
    const { LOG_TOKENS: _tokens, LOG_STREAM: _stream, ...plain } = process.env;
    const expected = spawnSync(process.execPath, [cliBin, ...args], { cwd: repoRoot, encoding: "utf8", env: plain });
    expect(expected.status).toBe(0);
    expect(JSON.parse(expected.stdout)).toHaveProperty("steps");
    const withSwitches = run({ LOG_TOKENS: "1", LOG_STREAM: "1" });
    expect(withSwitches.status).toBe(0);
    expect(withSwitches.stdout).toBe(expected.stdout);
    expect(withSwitches.stderr).toBe(expected.stderr);
  });

  test("the bundled program reads neither switch", () => {
    const program = readFileSync(join(dirname(cliBin), programOf(readFileSync(cliBin, "utf8")) ?? ""), "utf8");
    // yaml's parser is in it (a method of its own), without the reads.
    expect(program).toContain("atIndentedComment");
    expect(program).not.toMatch(/env\.LOG_(TOKENS|STREAM)/);
  });
});

describe("withYamlDebugSwitchesOff", () => {
  test.each([
    ["parse/parser.js", "LOG_TOKENS"],
    ["compose/composer.js", "LOG_STREAM"],
  ])("yaml's %s: the one read of %s becomes false, nothing else changes", (file, name) => {
    const path = join(yamlDist, file);
    const source = readFileSync(path, "utf8");
    const changed = switchOff(source, path);
    expect(changed).not.toContain(`env.${name}`);
    expect(changed).toBe(source.replace(`node_process.env.${name}`, "false"));
  });

  test("a yaml file that no longer reads its switch once fails the build, naming the file", () => {
    const path = join(yamlDist, "parse/parser.js");
    expect(() => switchOff("export class Parser {}", path)).toThrow(/parser\.js: expected yaml to read node_process\.env\.LOG_TOKENS once, found 0 reads/);
    expect(() => switchOff("a(node_process.env.LOG_TOKENS); b(node_process.env.LOG_TOKENS)", path)).toThrow(/found 2 reads/);
  });

  test("other files pass unchanged", () => {
    const source = "if (node_process.env.LOG_TOKENS) console.log(1)";
    expect(switchOff(source, join(yamlDist, "parse/lexer.js"))).toBe(source);
  });
});
