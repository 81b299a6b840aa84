/**
 * `validate --format sarif` (issue 13, item 5): a SARIF 2.1.0 log GitHub code scanning and
 * reviewdog read. The output is validated against the SARIF 2.1.0 JSON schema as Microsoft's
 * SARIF SDK ships it (@microsoft/jest-sarif, the schema SchemaStore publishes), not one written here.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import draft04 from "ajv-draft-04";
import formats from "ajv-formats";
import { describe, expect, test } from "vitest";
import { problemRules } from "@buildpush/core";
import { cliBin } from "../support/paths.js";
import { readRepoFile } from "../support/fixtures.js";
import { runCli } from "../support/run-cli.js";

const schemaFile = createRequire(import.meta.url).resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const sarifSchema = JSON.parse(readFileSync(schemaFile, "utf8")) as Record<string, unknown>;
// The schema's `language` pattern (`...-[a-zA-Z]{2}]?$`) holds a literal `]`, valid in a JavaScript
// regular expression only without the u flag, which Ajv sets by default.
const ajv = new draft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
formats.default(ajv);
const validateSarif = ajv.compile(sarifSchema);
// (Both packages are CommonJS: under NodeNext the default import is module.exports, whose `default` is the export.)

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: string };
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { name: string; rules: SarifRule[] } }; results: SarifResult[] }[];
}

function expectValidSarif(text: string): SarifLog {
  const log: unknown = JSON.parse(text);
  const valid = validateSarif(log);
  expect(valid ? [] : validateSarif.errors).toEqual([]);
  return log as SarifLog;
}

/** examples/docker.yaml with an error (a tag with `/`) and a warning (a key Harness ignores). */
const broken = readRepoFile("examples/docker.yaml")
  .replace("- latest", "- feature/<+codebase.branch>")
  .replace(/^(\s+)repo: acme\/web$/m, "$1repo: acme/web\n$1platform: linux/arm64");

/** Run the installed bin in a directory holding `files`, as a CI job runs it in a checkout. */
function runBin(args: string[], files: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), "buildpush-sarif-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, dirname(path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return spawnSync(process.execPath, [cliBin, ...args], { cwd: dir, encoding: "utf8" });
}

describe("validate --format sarif", () => {
  test("one result per problem: ruleId is the code, level, message, file and line/column as the text format gives them", async () => {
    const result = runBin(["validate", ".harness/docker build.yaml", "--format", "sarif"], { ".harness/docker build.yaml": broken });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("");
    const log = expectValidSarif(result.stdout);
    expect(log.version).toBe("2.1.0");
    const [run] = log.runs;
    expect(run!.tool.driver.name).toBe("buildpush");
    // The same problems, positions and words as the text format.
    const text = await runCli(["validate", ".harness/docker build.yaml"], { ".harness/docker build.yaml": broken });
    const lines = text.stdout.trim().split("\n").map((line) => /^\.harness\/docker build\.yaml:(\d+):(\d+): (warning: )?(.*) \[([a-z-]+)\]$/.exec(line)!);
    expect(run!.results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region.startLine, r.locations[0]!.physicalLocation.region.startColumn, r.message.text])).toEqual(
      lines.map(([, line, column, warning, message, code]) => [code, warning ? "warning" : "error", Number(line), Number(column), message]),
    );
    expect(run!.results.map((r) => r.ruleId)).toEqual(["unknown-field", "invalid-tag"]);
    // A path relative to where validate ran, as code scanning resolves it against the checkout; the space escaped.
    for (const r of run!.results) expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe(".harness/docker%20build.yaml");
  });

  test("the rules come from the rule catalogue, with their help text; ruleIndex points at the result's rule", () => {
    const result = runBin(["validate", "pipeline.yaml", "--format", "sarif"], { "pipeline.yaml": broken });
    const [run] = expectValidSarif(result.stdout).runs;
    const rules = run!.tool.driver.rules;
    expect(rules.map((rule) => rule.id)).toEqual(Object.keys(problemRules));
    for (const r of run!.results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const tag = rules.find((rule) => rule.id === "invalid-tag")!;
    expect(tag).toMatchObject({
      shortDescription: { text: problemRules["invalid-tag"].catches },
      defaultConfiguration: { level: "error" },
      helpUri: expect.stringMatching(/docs\/rules\.md#invalid-tag$/),
    });
    expect(tag.help.text).toContain(problemRules["invalid-tag"].fix);
    expect(tag.help.markdown).toContain("```yaml\n");
    expect(rules.find((rule) => rule.id === "unknown-field")!.defaultConfiguration.level).toBe("warning");
    // An example too long to read (1001 tags) is shown shortened, as in docs/rules.md.
    const more = rules.find((rule) => rule.id === "too-many-problems")!;
    expect(more.help.text).toContain(problemRules["too-many-problems"].example.shown!);
    expect(more.help.markdown).not.toContain(problemRules["too-many-problems"].example.yaml);
  });

  test("a clean file is a valid log with no results, exit 0", () => {
    const result = runBin(["validate", "pipeline.yaml", "--format", "sarif"], { "pipeline.yaml": readRepoFile("examples/docker.yaml") });
    expect(result.status).toBe(0);
    expect(expectValidSarif(result.stdout).runs[0]!.results).toEqual([]);
  });

  test("problems of a connector file point into that file; warnings alone exit 0 and stay results", async () => {
    const connectors = "connector:\n  identifier: hub\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: not a url\n    auth: {type: Anonymous}\n";
    const result = await runCli(["validate", "pipeline.yaml", "--connectors", "ci/connectors.yaml", "--format", "sarif"], { "pipeline.yaml": readRepoFile("examples/docker.yaml"), "ci/connectors.yaml": connectors });
    const [run] = expectValidSarif(result.stdout).runs;
    expect(run!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine])).toContainEqual(["invalid-registry", "ci/connectors.yaml", 5]);
    const warningsOnly = readRepoFile("examples/docker.yaml").replace(/^(\s+)repo: acme\/web$/m, "$1repo: acme/web\n$1platform: linux/arm64");
    const warned = await runCli(["validate", "pipeline.yaml", "--format", "sarif"], { "pipeline.yaml": warningsOnly });
    expect(warned.code).toBe(0);
    expect(expectValidSarif(warned.stdout).runs[0]!.results.map((r) => [r.ruleId, r.level])).toEqual([["unknown-field", "warning"]]);
  });

  test("--format takes text, json or sarif", async () => {
    const result = await runCli(["validate", "examples/docker.yaml", "--format", "xml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--format takes text, json or sarif, not "xml"/);
  });
});
