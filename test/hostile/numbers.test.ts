// Numbers and how they are rendered (issue 18, items 12 and 13): timeouts past what Harness
// accepts are refused at their line, renderings never print a float deadline, and every string
// in YAML output stays a string for YAML 1.1 readers (kubectl), YAML 1.2 readers and Go's
// number parsing alike.
import { describe, expect, test } from "vitest";
import { toKubernetesJobs, toKubernetesPods } from "@buildpush/core";
import { exampleConnectors } from "../support/fixtures.js";
import { dockerPipeline } from "../support/pipeline-template.js";
import { problemsOf } from "../support/problems.js";
import { runCli } from "../support/run-cli.js";
import { translatePipeline } from "../support/translator.js";

const tricky = ["0o17", "0O17", "0x1F", "0X1F", "0b101", "1_000", "0x1p-2", "1e3", "1:20", "yes", "Y", "on", "off", "~", "null", "2001-12-14", ".inf", "+.5", "010", "08", "1.10", "+12", "-1"];

const pipeline = (timeout: string, env = tricky) =>
  dockerPipeline({
    step: [`timeout: ${timeout}`],
    tags: `[${env.filter((value) => /^[\w][\w.-]*$/.test(value)).map((value) => JSON.stringify(value)).join(", ")}]`,
    spec: ["envVariables:", ...env.map((value, index) => `  V${index}: ${JSON.stringify(value)}`)],
  });

describe("timeouts", () => {
  test("53w is the longest timeout; its deadline is a whole number of seconds in every rendering", () => {
    const { steps } = translatePipeline(pipeline("53w"), { connectors: exampleConnectors });
    expect(toKubernetesPods(steps).objects[0]!.spec.activeDeadlineSeconds).toBe(32_054_400);
    expect(toKubernetesJobs(steps).objects[0]!.spec.activeDeadlineSeconds).toBe(32_054_400);
  });

  test.each(["53w 1ms", "54w", "372d", "99999999999999999999999w", "0s", "0m 0s"])("timeout %s is refused at its line", (timeout) => {
    expect(problemsOf(() => translatePipeline(pipeline(timeout), { connectors: exampleConnectors, file: "p.yaml" })).map((p) => [p.code, p.field, p.position?.line])).toEqual([["invalid-timeout", "timeout", 20]]);
  });

  test("a rendering of a hand-built step with a timeout past the limit is refused, never a float", () => {
    const { steps } = translatePipeline(pipeline("1h"), { connectors: exampleConnectors });
    const forged = steps.map((step) => ({ ...step, timeout: "99999999999999999999999w" }));
    expect(problemsOf(() => toKubernetesPods(forged))[0]).toMatchObject({ code: "invalid-timeout" });
    expect(problemsOf(() => toKubernetesJobs(forged))[0]).toMatchObject({ code: "invalid-timeout" });
  });
});

describe("YAML output keeps strings strings", () => {
  // Read back with YAML 1.1 and 1.2 in packages/cli/src/commands/yaml-text.test.ts; here, through the CLI, none is left plain.
  test.each([
    ["--format kubernetes", ["--format", "kubernetes"]],
    ["--format kubernetes --job", ["--format", "kubernetes", "--job"]],
    ["--format yaml", ["--format", "yaml"]],
  ])("translate %s quotes every value a YAML 1.1, YAML 1.2 or Go reader could take for another type", async (_name, args) => {
    const run = await runCli(["translate", "p.yaml", "--connectors", "examples/connectors.yaml", ...args], { "p.yaml": pipeline("1h") });
    expect(run.code, run.stderr).toBe(0);
    for (const value of tricky) {
      const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      expect(run.stdout, value).toMatch(new RegExp(`: "${escaped}"$`, "m"));
      expect(run.stdout, value).not.toMatch(new RegExp(`(: |- )${escaped}$`, "m"));
    }
  });
});
