// Map keys written in another order mean the same step, so they give the same output: the same
// container (byte for byte as JSON) or the same problems. labels and buildArgs are the exception:
// their order is the order the builder receives them in, so they are left as written.
import { connectorsFromValues, ConnectorSet, type Problem } from "@buildpush/core";
import { translatePipeline, translateStep } from "../support/translator.js";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { allConnectors, minimalSpecs, type StepType } from "../support/fixtures.js";
import { assertProperty, fuzzTimeout, mutate, mutation, outcome, reorderKeys, runs, yamlDocument, type Outcome } from "./support/hostile.js";
import { connectorValues, fullSpecs, validPipeline } from "./support/steps.js";

const stepTypes = Object.keys(minimalSpecs) as StepType[];

/** Every map but labels and buildArgs, whose order reaches the builder. */
const meaningless = (path: readonly (string | number)[]): boolean => {
  const last = path[path.length - 1];
  return last !== "labels" && last !== "buildArgs";
};

/**
 * A container as its JSON text; problems as a set of code, field, rule and hint. Positions move
 * with the keys, and a message or value quotes a map as it was written, in its order.
 */
function comparable(result: Outcome<unknown>): unknown {
  if (result.ok) return JSON.stringify(result.value);
  return result.problems.map(({ code, field, rule, hint }: Problem) => JSON.stringify({ code, field, rule, hint })).sort();
}

/** A valid step with some optional fields left out, or any step after random changes. */
const someStep = fc.record({
  type: fc.constantFrom(...stepTypes),
  drop: fc.array(fc.nat(), { maxLength: 4 }),
  mutations: fc.array(mutation, { maxLength: 2 }),
  order: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  mode: fc.constantFrom("plugin" as const, "kaniko" as const, "buildah" as const),
  infrastructure: fc.constantFrom("kubernetes" as const, "vm" as const),
});

describe("key order", () => {
  test(`reordered map keys in a step give the same container or the same problems (${runs.reorder} runs)`, () => {
    const seen = { same: 0, containers: 0 };
    assertProperty(
      fc.property(someStep, ({ type, drop, mutations, order, mode, infrastructure }) => {
        const spec = { ...fullSpecs[type] };
        const optional = Object.keys(spec).filter((key) => !(key in minimalSpecs[type]));
        for (const index of drop) delete spec[optional[index % optional.length]!];
        const step = mutate({ type, name: "Build", identifier: "build_step", timeout: "1h", spec }, mutations);
        const options = { connectors: allConnectors, mode, infrastructure };
        const before = outcome(() => translateStep(step, options));
        const after = outcome(() => translateStep(reorderKeys(step, order, meaningless), options));
        expect(comparable(after)).toEqual(comparable(before));
        seen.same++;
        if (before.ok) seen.containers++;
      }),
      runs.reorder,
    );
    expect(seen.containers).toBeGreaterThan(0);
  }, fuzzTimeout);

  test(`reordered keys in connectors give the same container (${runs.reorder} runs)`, () => {
    assertProperty(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.constantFrom(...stepTypes), (order, type) => {
        const connectors = new ConnectorSet(connectorsFromValues(reorderKeys(connectorValues, order, () => true) as unknown[]));
        const step = { type, name: "Build", identifier: "build_step", spec: fullSpecs[type] };
        const bundled = new ConnectorSet(connectorsFromValues(connectorValues));
        expect(comparable(outcome(() => translateStep(step, { connectors })))).toEqual(comparable(outcome(() => translateStep(step, { connectors: bundled }))));
      }),
      runs.reorder,
    );
  }, fuzzTimeout);

  test(`a reordered pipeline gives the same steps, or the same problems (${runs.reorder} runs)`, () => {
    assertProperty(
      fc.property(fc.array(mutation, { maxLength: 2 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (mutations, order) => {
        const pipeline = mutate(validPipeline, mutations);
        const translate = (document: unknown) =>
          outcome(() => translatePipeline(yamlDocument(document), { file: "p.yaml", connectors: allConnectors }).steps.map(({ position: _position, ...step }) => step));
        expect(comparable(translate(reorderKeys(pipeline, order, meaningless)))).toEqual(comparable(translate(pipeline)));
      }),
      runs.reorder,
    );
  }, fuzzTimeout);
});
