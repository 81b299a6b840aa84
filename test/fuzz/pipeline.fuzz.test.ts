// Whole pipelines: a valid pipeline with random changes anywhere (stages, variables, shared
// paths, security context, steps), written as YAML, and raw YAML-like text. translatePipeline
// gives steps whose containers render to Pods Kubernetes accepts, or a BuildpushError.
import { BuildpushError, toKubernetesPods } from "@buildpush/core";
import { backendModes } from "../support/internals.js";
import { translatePipeline } from "../support/translator.js";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { allConnectors } from "../support/fixtures.js";
import { containerSpecProblems, kubernetesProblems } from "../support/kubernetes-validation.js";
import { validPipeline } from "./support/steps.js";
import { assertProperty, expectPrototypesUntouched, expectWellFormedProblems, fuzzTimeout, mutate, mutation, nastyStrings, outcome, runs, yamlDocument } from "./support/hostile.js";

function translateText(text: string, mode: (typeof backendModes)[number]) {
  return outcome(() => translatePipeline(text, { file: "fuzz.yaml", connectors: allConnectors, mode }));
}

function checkPipeline(text: string, mode: (typeof backendModes)[number]): "steps" | "problems" {
  const result = translateText(text, mode);
  expectPrototypesUntouched();
  if (!result.ok) {
    expectWellFormedProblems(result.problems);
    return "problems";
  }
  for (const step of result.value.steps) expect(containerSpecProblems(step.container), step.identifier).toEqual([]);
  if (result.value.steps.length > 0) {
    try {
      const { objects } = toKubernetesPods(result.value.steps);
      for (const pod of objects) expect(kubernetesProblems(pod)).toEqual([]);
    } catch (error) {
      // The Pod renderer may refuse what no single container shows (it says why): never with another exception.
      if (!(error instanceof BuildpushError)) throw error;
      expectWellFormedProblems(error.problems);
    }
  }
  return "steps";
}

/** Pieces of YAML syntax, joined at random: mostly broken documents, sometimes odd valid ones. */
const yamlPiece = fc.oneof(
  fc.constantFrom("pipeline:", "stages:", "- stage:", "  ", "    ", "\n", "- ", ": ", "[", "]", "{", "}", ",", "&a ", "*a", "<<: *a", "? ", "!tag ", "!!str ", "|", ">-", "---\n", "...\n", "%YAML 1.2\n", "#", "'", '"', "\\", "\t", "~", "null", "__proto__: ", "constructor: ", "step:", "type: BuildAndPushECR", "spec:", "tags: [1.10]"),
  fc.constantFrom(...nastyStrings.filter((text) => text.length < 40)),
);

describe("translatePipeline on hostile pipelines", () => {
  test("the unmutated pipeline translates in plugin mode (the mutations start from a valid pipeline)", () => {
    const result = translateText(yamlDocument(validPipeline), "plugin");
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });

  test(`valid pipelines with random changes give steps that render to valid Pods, or problems (${runs.mutatedPipeline} runs)`, () => {
    const seen = { steps: 0, problems: 0 };
    assertProperty(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), fc.constantFrom(...backendModes), (mutations, mode) => {
        seen[checkPipeline(yamlDocument(mutate(validPipeline, mutations)), mode)]++;
      }),
      runs.mutatedPipeline,
    );
    expect(seen.steps).toBeGreaterThan(0);
    expect(seen.problems).toBeGreaterThan(0);
  }, fuzzTimeout);

  test(`raw YAML-like text gives steps or problems, never another exception (${runs.yamlText} runs)`, () => {
    assertProperty(
      fc.property(fc.array(yamlPiece, { maxLength: 40 }).map((pieces) => pieces.join("")), (text) => {
        checkPipeline(text, "plugin");
      }),
      runs.yamlText,
    );
  }, fuzzTimeout);
});
