/**
 * The rule catalogue (core's `problemRules`, the source of docs/rules.md and of SARIF's rules):
 * every example fails with its code and severity, read as `buildpush validate` reads a file; every
 * code the source can emit has an entry, and every entry is a code the source emits.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ConnectorSet, isBuildpushError, parseConnectorFile, problemRules, type Problem, type ProblemRule } from "@buildpush/core";
import { repoRoot } from "../support/paths.js";
import { exampleConnectors } from "../support/fixtures.js";
import { pipelineWithStep } from "../support/pipeline-template.js";
import { translateStep, validatePipeline } from "../support/translator.js";

// yaml is core's dependency, not the root's: load it the way core does.
const { parse } = createRequire(join(repoRoot, "packages/core/package.json"))("yaml") as { parse(text: string): unknown };

function problemsOf(run: () => unknown): Problem[] {
  try {
    run();
    return [];
  } catch (error) {
    if (isBuildpushError(error)) return [...error.problems];
    throw error;
  }
}

/** What buildpush reports for a rule's example. */
function exampleProblems({ example }: ProblemRule): Problem[] {
  const extra = example.connectors ? parseConnectorFile(example.connectors, "connectors.yaml") : [];
  switch (example.kind) {
    case "connectors":
      return problemsOf(() => new ConnectorSet(parseConnectorFile(example.yaml, "connectors.yaml")));
    case "api-step":
      return problemsOf(() => translateStep(parse(example.yaml), { connectors: [...exampleConnectors, ...extra] }));
    case "step":
    case "pipeline": {
      const yaml = example.kind === "step" ? pipelineWithStep(example.yaml) : example.yaml;
      return validatePipeline(yaml, { file: "pipeline.yaml", connectors: new ConnectorSet([...exampleConnectors, ...extra]), asWritten: !example.resolved, ...(example.mode ? { mode: example.mode } : {}) });
    }
  }
}

describe("every rule's example fails with its code", () => {
  test.each(Object.entries(problemRules))("%s", (code, rule) => {
    const problems = exampleProblems(rule);
    expect(problems.map((problem) => `${problem.code} (${problem.severity ?? "error"})`)).toContain(`${code} (${rule.severity})`);
    // Every problem keeps its promises: a message, a rule or a position to act on.
    for (const problem of problems) expect(problem.message).toBeTruthy();
  });
});

/** Every string literal the sources give as a problem's `code:` (ternaries included). */
function emittedCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !entry.name.endsWith(".test-d.ts")) {
        const text = readFileSync(path, "utf8");
        // `code: "x"` and `code: cond ? "x" : "y"` (not `step["identifier"]`).
        for (const match of text.matchAll(/\bcode: ([^,}\n]+)/g)) for (const literal of match[1]!.matchAll(/(?<!\[)"([a-z]+(?:-[a-z]+)*)"/g)) codes.set(literal[1]!, path.slice(repoRoot.length));
        for (const match of text.matchAll(/@problemCode ([a-z-]+)/g)) codes.set(match[1]!, path.slice(repoRoot.length));
      }
    }
  };
  // Every package whose problems reach users as Problems: all of them but kaniko-args and
  // docker-args, which have their own error codes (a new step package is scanned unasked).
  const ownCodes = new Set(["kaniko-args", "docker-args"]);
  for (const entry of readdirSync(join(repoRoot, "packages"), { withFileTypes: true })) if (entry.isDirectory() && !ownCodes.has(entry.name)) visit(join(repoRoot, "packages", entry.name, "src"));
  return codes;
}

describe("the catalogue and the sources agree", () => {
  const emitted = emittedCodes();

  test("every code the sources emit has an entry", () => {
    expect([...emitted].filter(([code]) => !(code in problemRules)).map(([code, file]) => `${code} (${file})`)).toEqual([]);
  });

  test("every entry is a code the sources emit", () => {
    expect(Object.keys(problemRules).filter((code) => !emitted.has(code))).toEqual([]);
  });

  test("each entry says what, why, how to fix, with an example", () => {
    for (const [code, rule] of Object.entries(problemRules)) {
      expect([code, rule.catches.length > 10 && rule.why.length > 10 && rule.fix.length > 3 && rule.example.yaml.length > 5]).toEqual([code, true]);
    }
  });
});
