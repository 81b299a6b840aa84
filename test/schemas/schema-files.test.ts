import { readdirSync, readFileSync } from "node:fs";
import { parseYamlFile, runtimeFlagDocs } from "../support/internals.js";
import { Ajv, type ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { stepFieldTables as stepTypes } from "../support/fixtures.js";

// Tests may compile schemas (the runtime never does): Ajv here checks the files editors load.
type Schema = Record<string, any>;
const schemaDir = new URL("../../schemas/", import.meta.url);
const files = readdirSync(schemaDir).filter((name) => name.endsWith(".json"));
const load = (name: string): Schema => JSON.parse(readFileSync(new URL(name, schemaDir), "utf8"));
function compile(schema: Schema): ValidateFunction {
  // Union types (`type: [boolean, string]`) are how fields accept an expression; the rest of strict mode stays on.
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  ajv.addVocabulary(["markdownDescription", "patternErrorMessage", "defaultSnippets"]);
  return ajv.compile(schema);
}

/** Every schema node with the JSON path to it. */
function* nodes(node: unknown, path = "#"): Generator<[string, Schema]> {
  if (typeof node !== "object" || node === null) return;
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* nodes(item, `${path}/${i}`);
    return;
  }
  const schema = node as Schema;
  yield [path, schema];
  for (const key of ["properties", "definitions"]) {
    for (const [name, child] of Object.entries(schema[key] ?? {})) yield* nodes(child, `${path}/${key}/${name}`);
  }
  for (const key of ["items", "additionalProperties", "propertyNames", "not", "if", "then", "else"]) yield* nodes(schema[key], `${path}/${key}`);
  for (const key of ["anyOf", "allOf", "oneOf"]) yield* nodes(schema[key], `${path}/${key}`);
}

describe.each(files)("schemas/%s", (file) => {
  const schema = load(file);

  it("is draft-07 and compiles in Ajv's strict mode", () => {
    expect(schema["$schema"]).toBe("http://json-schema.org/draft-07/schema#");
    expect(() => compile(schema)).not.toThrow();
  });

  it("uses no oneOf (yaml-language-server would insert a bare key) and no empty enum or allOf", () => {
    for (const [path, node] of nodes(schema)) {
      expect(node["oneOf"], path).toBeUndefined();
      if (node["enum"] !== undefined) expect(node["enum"].length, path).toBeGreaterThan(0);
      if (node["allOf"] !== undefined) expect(node["allOf"].length, path).toBeGreaterThan(0);
    }
  });

  it("explains every pattern in words, and gives every description a markdownDescription", () => {
    for (const [path, node] of nodes(schema)) {
      if (node["pattern"] !== undefined) expect(node["patternErrorMessage"], path).toMatch(/^[a-z].{10,}/);
      if (node["description"] !== undefined) expect(node["markdownDescription"], path).toContain(node["description"].split(" (")[0]);
    }
  });
});

describe("every field is documented and closed", () => {
  const pipeline = load("pipeline.json");
  it.each(stepTypes)("%s: spec and step wrapper", (type, fields) => {
    for (const schema of [load(`${type}.authoring.json`), load(`${type}.resolved.json`), pipeline["definitions"][`${type}Spec`]]) {
      expect(schema["additionalProperties"]).toBe(false);
      expect(Object.keys(schema["properties"])).toEqual(Object.keys(fields));
      for (const [name, field] of Object.entries<Schema>(schema["properties"])) {
        expect(field["description"], name).toBe(fields[name]!.description);
        expect(field["markdownDescription"], name).toContain(fields[name]!.description);
      }
      expect([...schema["required"]].sort()).toEqual(Object.keys(fields).filter((name) => fields[name]!.required).sort());
    }
    const step = pipeline["definitions"][`${type}Step`];
    expect(step["additionalProperties"]).toBe(false);
    expect([...step["required"]].sort()).toEqual(["identifier", "name", "spec", "type"]);
    for (const [name, field] of Object.entries<Schema>(step["properties"])) {
      if (name !== "spec") expect(field["description"], name).toMatch(/\w/);
    }
  });
});

describe.each(stepTypes)("the %s authoring schema", (type, fields) => {
  const validate = compile(load(`${type}.authoring.json`));
  const required = Object.fromEntries(
    Object.entries(fields)
      .filter(([, def]) => def.required)
      .map(([name, def]) => [name, def.kind === "stringList" ? ["latest"] : String(def.examples?.[0] ?? "x")]),
  );
  const accepts = (spec: Record<string, unknown>) => validate({ ...required, ...spec });

  it.each(Object.keys(fields))("accepts an expression in %s", (name) => {
    expect(accepts({ [name]: "<+input>" }), JSON.stringify(validate.errors)).toBe(true);
    expect(accepts({ [name]: "<+pipeline.variables.value>" })).toBe(true);
  });

  it.each(Object.entries(fields).filter(([, def]) => def.kind !== "string"))("refuses a plain string in %s (only its own type or an expression)", (name) => {
    expect(accepts({ [name]: "yes" })).toBe(false);
  });

  it("reads YAML scalars the way buildpush does: numbers as string text, true/false strings as booleans", () => {
    expect(accepts({ tags: [1.1, "latest"], labels: { a: 1, b: true, c: null }, caching: "true", runAsUser: "0" }), JSON.stringify(validate.errors)).toBe(true);
  });

  it("refuses what translation would refuse", () => {
    expect(accepts({ tags: ["v1/beta"] })).toBe(false);
    expect(accepts({ runAsUser: -1 })).toBe(false);
    expect(accepts({ envVariables: { "1BAD": "x" } })).toBe(false);
    expect(accepts({ resources: { limits: { memory: "2GB" } } })).toBe(false);
    expect(accepts({ resources: { requests: {} } })).toBe(false);
    expect(accepts({ tagz: ["x"] })).toBe(false);
  });
});

describe("schemas/pipeline.json", () => {
  const pipeline = load("pipeline.json");
  const validate = compile(pipeline);

  it.each(["pipeline.yaml", "docker.yaml", "ecr.yaml", "acr.yaml", "gcr.yaml", "gar.yaml", "all-registries.yaml"])("accepts examples/%s", (name) => {
    const [document] = parseYamlFile(readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8"), name);
    expect(document).toBeDefined();
    expect(validate(document!.value), JSON.stringify(validate.errors)).toBe(true);
  });

  it("writes each runtime flag once per distinct text: every step's envVariables refers to its own, which reads as in the step's schema", () => {
    const definitions = pipeline["definitions"] as Record<string, Schema>;
    for (const [type] of stepTypes) {
      const own = load(`${type}.authoring.json`)["properties"]["envVariables"]["properties"] as Record<string, Schema>;
      const refs = definitions[`${type}Spec`]!["properties"]["envVariables"]["properties"] as Record<string, Schema>;
      expect(Object.keys(refs)).toEqual(Object.keys(own));
      for (const [flag, ref] of Object.entries(refs)) {
        const name = /^#\/definitions\/(runtimeFlag\.[A-Z0-9_]+(?:\.[a-z-]+)?)$/.exec(ref["$ref"] ?? "")?.[1];
        expect([flag, Object.keys(ref), name !== undefined]).toEqual([flag, ["$ref"], true]);
        expect(definitions[name!], `${type} ${flag}`).toEqual(own[flag]);
      }
    }
    // No definition written twice.
    const flagDefinitions = Object.entries(definitions).filter(([name]) => name.startsWith("runtimeFlag."));
    const texts = flagDefinitions.map(([, definition]) => JSON.stringify(definition));
    expect(new Set(texts).size).toBe(texts.length);
    // Most flags read the same for every step: far fewer definitions than steps times flags.
    expect(flagDefinitions.length).toBeLessThan(Object.keys(runtimeFlagDocs).length * 1.5);
  });

  it("tells step types apart on type alone: each value matches one branch of type's anyOf at most", () => {
    const branches = (pipeline["definitions"]["step"]["properties"]["type"]["anyOf"] as Schema[]).map(compile);
    for (const value of [...stepTypes.map(([type]) => type), "Run", "BuildAndPushGAR", "", null, 3]) {
      expect(branches.filter((branch) => branch(value)).length, String(value)).toBeLessThanOrEqual(1);
    }
  });

  it("requires a type on every step and checks our steps in parallel blocks and step groups", () => {
    const step = (body: Record<string, unknown>) => ({ pipeline: { stages: [{ stage: { spec: { execution: { steps: [{ stepGroup: { steps: [{ parallel: [{ step: body }] }] } }] } } } }] } });
    expect(validate(step({ name: "x", identifier: "x" }))).toBe(false);
    expect(validate(step({ type: "Run", anything: { goes: true } }))).toBe(true);
    expect(validate(step({ type: "BuildAndPushACR", name: "a", identifier: "a", spec: { connectorRef: "az", repository: "a.azurecr.io/b", tags: ["1"] } }))).toBe(true);
    expect(validate(step({ type: "BuildAndPushACR", name: "a", identifier: "a", spec: { connectorRef: "az", repository: "a.azurecr.io/b", tags: ["1"], cacheTo: "x" } }))).toBe(false);
    expect(validate(step({ type: "BuildAndPushACR", name: "a", identifier: "a", spec: { connectorRef: "az", repository: "a.azurecr.io/b", tags: ["1"] }, tags: ["x"] }))).toBe(false);
  });
});
