// Connectors from any JSON value and from changed connector YAML: parsed connectors or a
// BuildpushError, never another exception; what parses is plain data; Object.prototype untouched.
import { ConnectorSet, connectorsFromValues, parseConnectorFile, type Connector } from "@buildpush/core";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { readRepoFile } from "../support/fixtures.js";
import { connectorValues } from "./support/steps.js";
import { assertProperty, controlCharacter, expectPrototypesUntouched, expectWellFormedProblems, fuzzTimeout, hostileJson, mutate, mutation, objectOf, outcome, runs, yamlDocument } from "./support/hostile.js";

/** A parsed connector holds strings, maps and lists only, none of them with a control character. */
function expectPlainConnector(connector: Connector): void {
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      expect(value).not.toMatch(controlCharacter);
      return;
    }
    if (typeof value === "number" || typeof value === "boolean") return;
    expect(value !== null && typeof value === "object").toBe(true);
    const prototype = Object.getPrototypeOf(value);
    expect(prototype === Object.prototype || prototype === Array.prototype).toBe(true);
    for (const item of Object.values(value as object)) visit(item);
  };
  visit(connector);
}

function check(parse: () => Connector[]): void {
  const result = outcome(() => {
    const connectors = parse();
    new ConnectorSet(connectors);
    return connectors;
  });
  expectPrototypesUntouched();
  if (result.ok) result.value.forEach(expectPlainConnector);
  else expectWellFormedProblems(result.problems);
}

describe("connectors from hostile input", () => {
  test("the bundled connectors read back as values (the mutations start from valid connectors)", () => {
    expect(connectorsFromValues(connectorValues).map((connector) => connector.identifier)).toEqual(parseConnectorFile(readRepoFile("examples/connectors.yaml"), "c.yaml").map((connector) => connector.identifier));
  });

  test(`any JSON values, and the bundled connectors with random changes, give connectors or problems (${runs.connectorValues} runs)`, () => {
    assertProperty(
      fc.property(fc.oneof(fc.array(hostileJson, { maxLength: 3 }), fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => mutate(connectorValues, mutations) as unknown[])), (values) => {
        check(() => connectorsFromValues(Array.isArray(values) ? values : [values]));
      }),
      runs.connectorValues,
    );
  }, fuzzTimeout);

  test(`connector YAML with random changes gives connectors or problems (${runs.connectorText} runs)`, () => {
    assertProperty(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const documents = mutate(connectorValues, mutations);
        const text = Array.isArray(documents) ? documents.map(yamlDocument).join("---\n") : yamlDocument(documents);
        check(() => parseConnectorFile(text, "connectors.yaml"));
      }),
      runs.connectorText,
    );
  }, fuzzTimeout);

  test("__proto__, constructor and prototype keys anywhere in a connector are plain data, and the connector reads as without them", () => {
    const withPrototypeKeys = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(withPrototypeKeys);
      if (value === null || typeof value !== "object") return value;
      const entries = Object.entries(value).map(([key, item]) => [key, withPrototypeKeys(item)] as const);
      return objectOf([...entries, ["__proto__", { polluted: true, identifier: "evil" }], ["constructor", { prototype: { polluted: true } }], ["prototype", "x"]]);
    };
    const hostile = connectorValues.map(withPrototypeKeys);
    expect(connectorsFromValues(hostile)).toEqual(connectorsFromValues(connectorValues));
    const text = hostile.map(yamlDocument).join("---\n");
    expect(text).toContain("__proto__");
    expect(parseConnectorFile(text, "c.yaml").map(({ position: _position, ...connector }) => connector)).toEqual(
      parseConnectorFile(readRepoFile("examples/connectors.yaml"), "c.yaml").map(({ position: _position, ...connector }) => connector),
    );
    expectPrototypesUntouched();
  });
});
