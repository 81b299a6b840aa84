/**
 * The CLI as a user runs it, on a pipeline with warnings only: `validate` exits 0 unless
 * --max-warnings is exceeded; `translate` prints the containers and the warnings on stderr.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { cliBin } from "../support/paths.js";
import { exampleConnectorArgs, runCli } from "../support/run-cli.js";
import { readRepoFile } from "../support/fixtures.js";

/** examples/docker.yaml with a key Harness ignores (`platform:`) in its step's spec. */
const withUnknownKey = readRepoFile("examples/docker.yaml").replace(/^(\s+)repo: acme\/web$/m, "$1repo: acme/web\n$1platform: linux/arm64");

describe("warnings on the command line", () => {
  test("validate prints FILE:LINE:COL: warning: … and exits 0", () => {
    const result = spawnSync(process.execPath, [cliBin, "validate", "ci/docker.yaml", ...exampleConnectorArgs], { encoding: "utf8", ...withFile("ci/docker.yaml", withUnknownKey) });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ci\/docker\.yaml:\d+:\d+: warning: spec\.platform: unknown field "platform" in the spec of a BuildAndPushDockerRegistry step: Harness ignores this key .*\[unknown-field\]\n$/);
    expect(result.stderr).toBe("ci/docker.yaml: 1 build-and-push step, 1 warning\n");
  });

  test.each([
    [undefined, 0],
    ["1", 0],
    ["0", 1],
  ])("--max-warnings %s → exit %i", async (max, code) => {
    const result = await runCli(["validate", "docker.yaml", ...exampleConnectorArgs, ...(max === undefined ? [] : ["--max-warnings", max])], { "docker.yaml": withUnknownKey });
    expect(result.code).toBe(code);
    expect(result.stdout).toMatch(/warning: spec\.platform/);
    if (code === 1) expect(result.stderr).toBe("docker.yaml: 1 warning, more than --max-warnings 0\n");
  });

  test("--max-warnings takes a whole number", async () => {
    const result = await runCli(["validate", "docker.yaml", "--max-warnings", "many"], { "docker.yaml": withUnknownKey });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--max-warnings takes a whole number/);
  });

  test("translate prints the containers on stdout and the warning on stderr, exit 0", async () => {
    const result = await runCli(["translate", "docker.yaml", ...exampleConnectorArgs], { "docker.yaml": withUnknownKey });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).steps).toHaveLength(1);
    expect(result.stderr).toMatch(/^docker\.yaml:\d+:\d+: warning: spec\.platform: .*\[unknown-field\]\n$/);
  });

  test("explain prints the warning on stderr too", async () => {
    const result = await runCli(["explain", "docker.yaml", ...exampleConnectorArgs], { "docker.yaml": withUnknownKey });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: spec\.platform/);
  });
});

/** Write `text` to a temporary copy of the repository path for a process run. */
function withFile(path: string, text: string): { cwd: string } {
  const dir = mkdtempSync(join(tmpdir(), "buildpush-cli-"));
  mkdirSync(join(dir, dirname(path)), { recursive: true });
  writeFileSync(join(dir, path), text);
  mkdirSync(join(dir, "examples"));
  writeFileSync(join(dir, "examples/connectors.yaml"), readRepoFile("examples/connectors.yaml"));
  return { cwd: dir };
}

describe("validate as written on the command line", () => {
  test("without connector files the connectors are not checked (they live in Harness), everything else is", async () => {
    const clean = await runCli(["validate", "examples/pipeline.yaml"]);
    expect(clean).toMatchObject({ code: 0, stdout: "" });
    const broken = readRepoFile("examples/docker.yaml").replace("- latest", "- feature/<+codebase.branch>");
    const result = await runCli(["validate", "broken.yaml"], { "broken.yaml": broken });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^broken\.yaml:\d+:\d+: spec\.tags\[\d\]: "feature\/<\+codebase\.branch>" is not a valid tag \(rule: .*\) \[invalid-tag\]\n$/);
  });

  test("with connector files an unknown connector is an error, and the step's other checks still run", async () => {
    const broken = readRepoFile("examples/docker.yaml").replace("connectorRef: account.dockerhub", "connectorRef: account.nope").replace("repo: acme/web", "repo: Acme/Web");
    const result = await runCli(["validate", "broken.yaml", ...exampleConnectorArgs], { "broken.yaml": broken });
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split("\n").map((line) => /\[([a-z-]+)\]$/.exec(line)?.[1])).toEqual(["unknown-connector", "invalid-repository"]);
  });
});

describe("validate --format json", () => {
  test("prints every problem with its code, severity, field, rule and position; exit status as for text", async () => {
    const broken = withUnknownKey.replace("- latest", "- feature/<+codebase.branch>");
    const result = await runCli(["validate", "broken.yaml", "--format", "json"], { "broken.yaml": broken });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ file: "broken.yaml", errors: 1, warnings: 1 });
    expect(report.problems.map((p: { code: string; severity: string; field: string }) => [p.code, p.severity, p.field])).toEqual([
      ["unknown-field", "warning", "spec.platform"],
      ["invalid-tag", "error", expect.stringMatching(/^spec\.tags\[\d\]$/)],
    ]);
    for (const problem of report.problems) expect(problem.position).toEqual({ file: "broken.yaml", line: expect.any(Number), column: expect.any(Number) });
  });
});
