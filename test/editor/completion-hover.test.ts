import type { FieldDef } from "../support/internals.js";
import { ecrFields, ecrHandler } from "@buildpush/ecr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stepFieldTables as stepTypes } from "../support/fixtures.js";
import { documentation, modeline, pipelineSchemaUrl, pipelineWithStep, positionOf, propertyKind, YamlLanguageServer, type CompletionItem } from "./yaml-language-server.js";

// One yaml-language-server for the whole file: starting it is the slow part.
let server: YamlLanguageServer;
beforeAll(async () => {
  server = await YamlLanguageServer.start();
});
afterAll(async () => {
  await server?.stop();
});

/** A value of the field's kind, for documents that need every field present. */
function sampleYaml(def: FieldDef): string {
  const example = def.examples?.[0];
  switch (def.kind) {
    case "stringList":
      return `[${JSON.stringify((example as string[] | undefined)?.[0] ?? "x")}]`;
    case "stringMap":
      return "{ KEY: value }";
    case "resources":
      return "{ limits: { memory: 500Mi } }";
    default:
      return JSON.stringify(example ?? def.default ?? (def.kind === "boolean" ? true : def.kind === "integer" ? 0 : "x"));
  }
}

describe.each(stepTypes)("completion under spec: of a %s step", (type, fields) => {
  it("offers exactly the type's fields, each with its documentation and a `key: ` insertion", async () => {
    const text = pipelineWithStep(type, ["", ""]);
    const { uri } = await server.open(text);
    const items = await server.completion(uri, positionOf(text, "                    \n", 20, "spec:\n"));

    const properties = items.filter((item) => item.kind === propertyKind);
    expect(properties.map((item) => item.label).sort()).toEqual(Object.keys(fields).sort());
    for (const item of properties) {
      const def = fields[item.label]!;
      expect(documentation(item), item.label).toContain(def.description);
      // A bare `key` would leave the user to type `: ` (what a oneOf property gets).
      const insert = item.insertText ?? item.textEdit?.newText ?? "";
      expect(insert, item.label).toMatch(new RegExp(`^${item.label}:(?: |\\n)`));
      if (def.kind === "string" || def.kind === "boolean" || def.kind === "integer") expect(insert, item.label).toMatch(new RegExp(`^${item.label}: `));
    }
    // The only other item is yaml-language-server's "all required fields" skeleton, named after the spec.
    const others = items.filter((item) => item.kind !== propertyKind);
    expect(others.map((item) => item.label)).toEqual([`${type} spec`]);
    const skeleton = others[0]!.insertText ?? "";
    const required = Object.entries(fields).filter(([, def]) => def.required).map(([name]) => name);
    expect([...skeleton.matchAll(/^(\w+):/gm)].map((m) => m[1]).sort()).toEqual(required.sort());
  });

  it("shows each field's description on hover", async () => {
    const lines = Object.entries(fields).map(([name, def]) => `${name}: ${sampleYaml(def)}`);
    const text = pipelineWithStep(type, lines);
    const { uri, diagnostics } = await server.open(text);
    expect(diagnostics).toEqual([]);
    for (const [name, def] of Object.entries(fields)) {
      const hover = await server.hover(uri, positionOf(text, `${" ".repeat(20)}${name}:`, 21));
      expect(hover, name).toContain(def.title);
      expect(hover, name).toContain(def.description);
    }
  });
});

describe("completion of a step's type", () => {
  it("offers the three build-and-push types with their words", async () => {
    const text = pipelineWithStep("", []);
    const { uri } = await server.open(text);
    const items = await server.completion(uri, positionOf(text, "type: ", 6, "- step:"));
    expect(items.map((item) => item.label).sort()).toEqual(stepTypes.map(([type]) => type).sort());
    for (const item of items) expect(documentation(item)).toMatch(/^Builds an image and pushes it to/);
  });

  it("offers only `type` and the three step snippets in a step that has none yet, not every step type's keys", async () => {
    const text = [modeline, "pipeline:", "  stages:", "    - stage:", "        spec:", "          execution:", "            steps:", "              - step:", "                  ", ""].join("\n");
    const { uri } = await server.open(text);
    const items = await server.completion(uri, { line: 8, character: 18 });
    expect(items.filter((item) => item.kind === propertyKind).map((item) => item.label)).toEqual(["type"]);
    expect(items.find((item) => item.label === "type")!.insertText).toBe("type: ");
    const isSnippet = (item: CompletionItem) => (item.insertText ?? "").includes("\nspec:");
    expect(items.filter(isSnippet).map((item) => item.insertText!.split("\n")[0]).sort()).toEqual(stepTypes.map(([type]) => `type: ${type}`).sort());
    // And yaml-language-server's "required fields" item for the step, which inserts `type: `.
    expect(items.filter((item) => item.kind !== propertyKind && !isSnippet(item)).map((item) => [item.label, item.insertText])).toEqual([["Step", "type: "]]);
  });
});

describe("step snippets", () => {
  it("insert a complete minimal step of each type under steps:", async () => {
    const text = [modeline, "pipeline:", "  stages:", "    - stage:", "        spec:", "          execution:", "            steps:", "              - ", ""].join("\n");
    const { uri } = await server.open(text);
    const items = await server.completion(uri, { line: 7, character: 16 });
    for (const [type, fields] of stepTypes) {
      const snippet = items.find((item) => (item.insertText ?? "").includes(`type: ${type}\n`));
      expect(snippet, type).toBeDefined();
      const inserted = snippet!.insertText!;
      for (const key of ["name", "identifier", "spec", ...Object.entries(fields).filter(([, d]) => d.required).map(([n]) => n)]) {
        expect(inserted, `${type} ${key}`).toMatch(new RegExp(`^\\s*${key}:`, "m"));
      }
    }
  });
});

describe("attaching the schema with yaml.schemas instead of a modeline", () => {
  it("gives the same completion to files the glob matches", async () => {
    await server.configure({ schemas: { [pipelineSchemaUrl]: "ci/*.yaml" } });
    const text = pipelineWithStep(ecrHandler.type, ["", ""]).replace(`${modeline}\n`, "");
    const { uri } = await server.open(text, "ci/pipeline.yaml");
    const items = await server.completion(uri, positionOf(text, "                    \n", 20, "spec:\n"));
    expect(items.filter((item) => item.kind === propertyKind).map((item) => item.label).sort()).toEqual(Object.keys(ecrFields).sort());
  });
});
