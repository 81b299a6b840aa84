// Any JSON value as a step spec, and valid steps with random mutations, through translateStep:
// the result is a container spec that Kubernetes accepts, or a BuildpushError with well-formed
// problems; never another exception, and Object.prototype stays as it was.
import { type ContainerSpec } from "@buildpush/core";
import { backendModes } from "../support/internals.js";
import { translateStep } from "../support/translator.js";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { allConnectors, minimalSpecs, type StepType } from "../support/fixtures.js";
import { fullSpecs, layerCache, options } from "./support/steps.js";
import { containerSpecProblems } from "../support/kubernetes-validation.js";
import { assertProperty, expectPrototypesUntouched, expectWellFormedProblems, fuzzTimeout, hostileJson, mutate, mutation, outcome, runs } from "./support/hostile.js";

const stepTypes = Object.keys(minimalSpecs) as StepType[];

/** A container translateStep returned must be one Kubernetes accepts. */
function expectSchedulable(container: ContainerSpec): void {
  expect(containerSpecProblems(container)).toEqual([]);
}

function check(step: unknown, translateOptions: { infrastructure: "kubernetes" | "vm"; mode: (typeof backendModes)[number] }): "container" | "problems" {
  const result = outcome(() => translateStep(step, { connectors: allConnectors, ...translateOptions }));
  expectPrototypesUntouched();
  if (result.ok) {
    expectSchedulable(result.value);
    return "container";
  }
  expectWellFormedProblems(result.problems);
  return "problems";
}

describe("translateStep on hostile steps", () => {
  test(`any JSON value as the spec gives a container or problems (${runs.anySpec} runs)`, () => {
    assertProperty(
      fc.property(fc.constantFrom(...stepTypes), hostileJson, options, (type, spec, translateOptions) => {
        check({ type, name: "Build", identifier: "build", spec }, translateOptions);
      }),
      runs.anySpec,
    );
  }, fuzzTimeout);

  test(`valid steps with random changes (wrong types, missing and extra keys, huge and control-character strings, prototype keys) give a container or problems (${runs.mutatedStep} runs)`, () => {
    const seen = { container: 0, problems: 0 };
    assertProperty(
      fc.property(fc.constantFrom(...stepTypes), fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 4 }), options, (type, full, mutations, translateOptions) => {
        const base = { type, name: "Build", identifier: "build_step", timeout: "10m", spec: full ? fullSpecs[type] : minimalSpecs[type] };
        seen[check(mutate(base, mutations), translateOptions)]++;
      }),
      runs.mutatedStep,
    );
    // Both outcomes are reached: the mutations do not merely break every step.
    expect(seen.container).toBeGreaterThan(0);
    expect(seen.problems).toBeGreaterThan(0);
  }, fuzzTimeout);

  test("the unmutated full specs translate in every mode (the mutations start from valid steps)", () => {
    for (const type of stepTypes) {
      for (const mode of backendModes) {
        for (const infrastructure of ["kubernetes", "vm"] as const) {
          const result = outcome(() => translateStep({ type, name: "Build", identifier: "build_step", spec: fullSpecs[type] }, { connectors: allConnectors, mode, infrastructure, layerCache }));
          // ECR and ACR connectors cannot log in with Buildah, and a few settings are refused per mode:
          // what matters here is that the plugin mode, which every step supports, translates.
          if (mode === "plugin") expect(result.ok, `${type} ${infrastructure}: ${JSON.stringify(result)}`).toBe(true);
        }
      }
    }
  });
});
