import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import * as yaml from "yaml";
import { describe, expect, test } from "vitest";
import { BuildpushError } from "../problems/error.js";
import { readDocumentValues } from "./document-values.js";
import { parseYamlFile, yamlReadingOptions } from "./yaml-source.js";

const repository = fileURLToPath(new URL("../../../../", import.meta.url));

/** What yaml's own toJS gives for each document, read as parseYamlFile reads them. */
function yamlValues(text: string): unknown[] {
  return yaml.parseAllDocuments(text, yamlReadingOptions).map((doc) => doc.toJS());
}

/** Equal as yaml builds them: same values, own keys in the same order, plain prototypes. */
function expectSameAsYaml(actual: unknown, expected: unknown, at = "value"): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), at).toBe(true);
    const list = actual as unknown[];
    expect(list.length, at).toBe(expected.length);
    expected.forEach((item, index) => expectSameAsYaml(list[index], item, `${at}[${index}]`));
  } else if (expected !== null && typeof expected === "object") {
    expect(Object.getPrototypeOf(actual), at).toBe(Object.getPrototypeOf(expected));
    expect(Reflect.ownKeys(actual as object), at).toEqual(Reflect.ownKeys(expected));
    for (const key of Reflect.ownKeys(expected)) {
      expectSameAsYaml((actual as Record<PropertyKey, unknown>)[key], (expected as Record<PropertyKey, unknown>)[key], `${at}.${String(key)}`);
    }
  } else {
    expect(Object.is(actual, expected), `${at}: ${String(actual)} against ${String(expected)}`).toBe(true);
  }
}

/** readDocumentValues' own value for each document (without yaml's toJS behind it). */
function ownValues(text: string): { value: unknown; needsYamlToJS: boolean }[] {
  return yaml.parseAllDocuments(text, yamlReadingOptions).map((doc) => readDocumentValues(doc, () => ({ file: "t.yaml", line: 1, column: 1 })));
}

describe("readDocumentValues builds what yaml's toJS builds", () => {
  test.each([
    ["scalars of every core type", "s: text\ni: 10\no: 0o17\nx: 0x1f\nf: 1.10\ne: 1e3\ninf: -.inf\nnan: .nan\nt: true\nn: null\ntilde: ~\nempty:\n"],
    ["keys that are not strings", "1: one\n1.5: half\ntrue: yes\nnull: nothing\n-0: zero\n.inf: big\n"],
    ["keys a plain object holds specially", "__proto__: { polluted: true }\ntoString: x\nconstructor: y\nhasOwnProperty: z\n"],
    ["integer-like keys, which JS objects put first", "b: 1\n2: two\na: 3\n1: one\n"],
    ["a key with no name", ": value\n"],
    ["nested lists and maps, block and flow", "a:\n  - [1, [2, []], {}]\n  - { k: [x, { y: z }] }\n  -\n  - - deep\n"],
    ["flow pairs in a list", "list: [a: 1, b, c: ]\n"],
    ["quoted, block and folded scalars", "q: \"a\\tb\"\nsq: 'it''s'\nlit: |\n  line one\n  line two\nfold: >-\n  folded\n  text\n"],
    ["core tags", "s: !!str 10\ni: !!int \"7\"\nf: !!float 1.5\nb: !!bool true\nn: !!null ''\nm: !!map { a: 1 }\nq: !!seq [1]\nplain: ! 12\n"],
    ["a scalar document", "just text\n"],
    ["an empty document", "# only a comment\n"],
    ["several documents", "a: 1\n---\n- 2\n---\n3\n"],
    ["a large map, checked through the Map", Array.from({ length: 40 }, (_, index) => `key${index}: ${index}`).join("\n")],
  ])("%s", (_name, text) => {
    const own = ownValues(text);
    expect(own.every((document) => !document.needsYamlToJS)).toBe(true);
    expectSameAsYaml(
      own.map((document) => document.value),
      yamlValues(text),
    );
    expectSameAsYaml(
      parseYamlFile(text, "t.yaml").map((document) => document.value),
      yamlValues(text),
    );
  });

  test("every YAML file of the repository that parses", () => {
    const files = yamlFiles(repository);
    expect(files.length).toBeGreaterThan(30);
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      let parsed;
      try {
        parsed = parseYamlFile(text, file);
      } catch (error) {
        if (error instanceof BuildpushError) continue; // the hostile corpus: refused, tested elsewhere
        throw error;
      }
      expectSameAsYaml(
        parsed.map((document) => document.value),
        yamlValues(text),
        path.relative(repository, file),
      );
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
  });

  test("any value yaml writes, in block or flow style", () => {
    const key = fc.oneof(fc.string(), fc.constantFrom("__proto__", "1", "01", "-0", "", "true", "null", "~", "1.10", "toString"));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, tie("scalar"), tie("list"), tie("map")),
      scalar: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom("1.10", "0o7", "0x1F", ".inf", "yes", "~", "- x", "a: b", "#")),
      list: fc.array(tie("node"), { maxLength: 4 }),
      map: fc.array(fc.tuple(key, tie("node")), { maxLength: 4 }).map((entries) => new Map(entries)),
    })).node;
    fc.assert(
      fc.property(value, fc.boolean(), (written, flow) => {
        const text = yaml.stringify(written, { collectionStyle: flow ? "flow" : "block" });
        const own = ownValues(text);
        expect(own[0]!.needsYamlToJS).toBe(false);
        expectSameAsYaml(own[0]!.value, yamlValues(text)[0]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("what readDocumentValues leaves to yaml", () => {
  test("a document with an alias is made plain by yaml, its aliases expanded", () => {
    const text = "base: &b { image: x }\nstep: *b\n";
    expect(ownValues(text)[0]!.needsYamlToJS).toBe(true);
    expect(parseYamlFile(text, "t.yaml")[0]!.value).toEqual({ base: { image: "x" }, step: { image: "x" } });
  });

  test("an alias as a key is resolved for the key check and left to yaml for the value", () => {
    const text = "a: &k name\n*k : value\n";
    expect(ownValues(text)[0]!.needsYamlToJS).toBe(true);
    expect(parseYamlFile(text, "t.yaml")[0]!.value).toEqual({ a: "name", name: "value" });
  });

  test("key problems are found in the same walk, at their keys", () => {
    const text = "a: 1\nb:\n  c: 1\n  c: 2\n? [x]\n: 1\n<<: { d: 1 }\n";
    const [document] = yaml.parseAllDocuments(text, yamlReadingOptions);
    const offsets: (number | undefined)[] = [];
    const { problems } = readDocumentValues(document as yaml.Document.Parsed, (offset) => {
      offsets.push(offset);
      return { file: "t.yaml", line: 0, column: offset ?? -1 };
    });
    expect(problems.map((problem) => [problem.code, problem.position?.column])).toEqual([
      ["yaml-syntax", text.indexOf("[x]")],
      ["yaml-unsupported", text.indexOf("<<")],
      ["yaml-duplicate-key", text.lastIndexOf("c:")],
    ]);
  });
});

function yamlFiles(directory: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(directory)) {
    if (name === "node_modules" || name === ".git" || name === "dist") continue;
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) found.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(name)) found.push(full);
  }
  return found;
}
