// The hand-written hostile inputs in pipelines/ and connectors/: each gives exactly the problems
// (or the builder values) expectations.ts records for it, through the API and through the CLI.
import { BuildpushError, ConnectorSet, formatProblem, parseConnectorFile, type Problem } from "@buildpush/core";
import { translatePipeline } from "../support/translator.js";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { containerSpecProblems } from "../support/kubernetes-validation.js";
import { exampleConnectors, repoRoot } from "../support/fixtures.js";
import { exampleConnectorArgs, runCli } from "../support/run-cli.js";
import { controlCharacter, expectPrototypesUntouched } from "../fuzz/support/hostile.js";
import { connectorExpectations, pipelineExpectations, plantedSecret, type Expectation } from "./expectations.js";

const corpus = `${repoRoot}test/hostile/`;
const files = (dir: string) => readdirSync(`${corpus}${dir}`).filter((name) => name.endsWith(".yaml")).sort();

function problemsOf(work: () => unknown): Problem[] | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    if (error instanceof BuildpushError) return [...error.problems];
    throw error;
  }
}

function expectProblems(problems: Problem[] | undefined, expectation: Expectation, file: string): void {
  if (!("problems" in expectation)) {
    expect(problems?.map(formatProblem)).toBeUndefined();
    return;
  }
  expect(problems, `${file} translated`).toBeDefined();
  expect(problems!.map(({ code, field, position }) => ({ code, ...(field !== undefined ? { field } : {}), line: position?.line, column: position?.column }))).toEqual(
    expectation.problems.map(({ code, field, line, column }) => ({ code, ...(field !== undefined ? { field } : {}), line, column })),
  );
  expectation.problems.forEach((expected, index) => {
    if (expected.says) expect(problems![index]!.message).toContain(expected.says);
    expect(problems![index]!.position?.file).toBe(file);
  });
  for (const problem of problems!) {
    expect(formatProblem(problem)).not.toMatch(controlCharacter);
    expect(JSON.stringify(problem)).not.toContain(plantedSecret);
  }
}

describe("the hostile corpus", () => {
  test("every file has an expectation and every expectation a file; docs/reliability.md lists them all", () => {
    expect(files("pipelines")).toEqual(Object.keys(pipelineExpectations).sort());
    expect(files("connectors")).toEqual(Object.keys(connectorExpectations).sort());
    const docs = readFileSync(`${repoRoot}docs/reliability.md`, "utf8");
    for (const dir of ["pipelines", "connectors"]) for (const file of files(dir)) expect(docs, `${dir}/${file} in docs/reliability.md`).toContain(`\`${dir}/${file}\``);
  });

  test.each(files("pipelines"))("pipelines/%s", (file) => {
    const expectation = pipelineExpectations[file]!;
    const text = readFileSync(`${corpus}pipelines/${file}`, "utf8");
    let steps: ReturnType<typeof translatePipeline>["steps"] = [];
    const problems = problemsOf(() => ({ steps } = translatePipeline(text, { file, connectors: exampleConnectors })));
    expectPrototypesUntouched();
    expectProblems(problems, expectation, file);
    if ("env" in expectation) {
      for (const [identifier, env] of Object.entries(expectation.env)) {
        const container = steps.find((step) => step.identifier === identifier)!.container;
        expect(container.env).toMatchObject(env);
        expect(containerSpecProblems(container)).toEqual([]);
      }
    }
  });

  test.each(files("connectors"))("connectors/%s", (file) => {
    const text = readFileSync(`${corpus}connectors/${file}`, "utf8");
    const problems = problemsOf(() => new ConnectorSet(parseConnectorFile(text, file)));
    expectPrototypesUntouched();
    expectProblems(problems, connectorExpectations[file]!, file);
  });

  test("connector files with __proto__ keys read exactly as without them", () => {
    const [hub] = parseConnectorFile(readFileSync(`${corpus}connectors/prototype-keys.yaml`, "utf8"), "c.yaml");
    expect(hub).toEqual({ identifier: "hub", position: { file: "c.yaml", line: 3, column: 3 }, type: "DockerRegistry", url: "https://index.docker.io/v2/", auth: { type: "UsernamePassword", username: "ci", passwordRef: "account.hub_token" } });
    expect(Object.getPrototypeOf(hub)).toBe(Object.prototype);
  });

  test("a plugin image override named __proto__ is refused as an unknown image, not dropped", async () => {
    const run = await runCli(["translate", "examples/pipeline.yaml", ...exampleConnectorArgs, "--image", "__proto__=registry.internal/evil:1"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown plugin image "__proto__"');
    expectPrototypesUntouched();
  });

  test("through the CLI: exit 1 with the problems, or 0; never an internal error, never the planted secret", async () => {
    const inputs: Record<string, string> = {};
    for (const file of files("pipelines")) inputs[`hostile/${file}`] = readFileSync(`${corpus}pipelines/${file}`, "utf8");
    for (const file of files("connectors")) inputs[`hostile-connectors/${file}`] = readFileSync(`${corpus}connectors/${file}`, "utf8");
    for (const file of files("pipelines")) {
      const expectation = pipelineExpectations[file]!;
      for (const command of ["validate", "translate"]) {
        const run = await runCli([command, `hostile/${file}`, ...exampleConnectorArgs], inputs);
        expect(run.code, `${command} ${file}: ${run.stderr}`).toBe("problems" in expectation ? 1 : 0);
        expect(`${run.stdout}${run.stderr}`).not.toContain("internal error");
        if ("problems" in expectation) expect(`${run.stdout}${run.stderr}`.trim().split("\n")).toHaveLength(expectation.problems.length);
      }
    }
    for (const file of files("connectors")) {
      const expectation = connectorExpectations[file]!;
      const run = await runCli(["validate", "hostile/prototype-keys-as-data.yaml", ...exampleConnectorArgs, "--connectors", `hostile-connectors/${file}`], inputs);
      expect(run.code).toBe("problems" in expectation ? 1 : 0);
      expect(`${run.stdout}${run.stderr}`).not.toContain(plantedSecret);
      expect(`${run.stdout}${run.stderr}`).not.toContain("internal error");
    }
  });
});
