// YAML that a reader could turn into a value of another type than the text shows: explicit tags,
// merge keys and the %YAML 1.1 directive. buildpush reads every document with YAML 1.2's core
// schema and nothing else; a node of any other type is refused at its line, never changed.
import { describe, expect, test } from "vitest";
import { parseYamlFile } from "../support/internals.js";
import { problemsOf } from "../support/problems.js";

const valueOf = (text: string) => parseYamlFile(text, "t.yaml")[0]!.value;
const positionsOf = (text: string) => problemsOf(() => parseYamlFile(text, "t.yaml")).map(({ code, message, position }) => ({ code, message, line: position?.line, column: position?.column }));

describe("explicit tags", () => {
  test.each([
    ["!!omap", "a: !!omap [{b: 1}]\n", "!!omap"],
    ["!!pairs", "a: !!pairs [{b: 1}]\n", "!!pairs"],
    ["!!set", "a: !!set {b, c}\n", "!!set"],
    ["!!binary", "a: !!binary QUJD\n", "!!binary"],
    ["!!timestamp", "a: !!timestamp 2001-12-14\n", "!!timestamp"],
    ["!!merge", "a: !!merge x\n", "!!merge"],
    ["a verbatim 1.1 tag", "a: !<tag:yaml.org,2002:set> {b}\n", "!!set"],
  ])("%s is a YAML 1.1 type buildpush does not read: refused at the tag, named", (_name, text, tag) => {
    expect(positionsOf(text)).toEqual([{ code: "yaml-unsupported", message: `the tag ${tag} gives a YAML 1.1 type buildpush does not read`, line: 1, column: 4 }]);
  });

  test.each([
    ["!!bool yes", "a: !!bool yes\n"],
    ["!!int 1.5", "a: !!int 1.5\n"],
    ["!!null x", "a: !!null x\n"],
    ["!!seq on a map", "a: !!seq {b: 1}\n"],
    ["!!map on a list", "a: !!map [1]\n"],
  ])("a core tag its value does not fit (%s) is refused, not read as a string", (_name, text) => {
    const [problem] = positionsOf(text);
    expect(problem).toMatchObject({ code: "yaml-unsupported", line: 1, column: 4 });
    expect(problem!.message).toMatch(/^the value does not fit its tag !!(bool|int|null|seq|map)$/);
  });

  test.each([
    ["a local tag", "a: !PASTEDSECRET x\n"],
    ["a tag under !! that YAML does not define", "a: !!PASTEDSECRET x\n"],
    ["a %TAG handle", "%TAG !e! tag:PASTEDSECRET.example,2000:\n---\na: !e!x y\n"],
    ["!!str under a %TAG that redefines !!", "%TAG !! tag:PASTEDSECRET.example,2000:\n---\na: !!str y\n"],
    ["a tag on a key", "!PASTEDSECRET k: 1\n"],
  ])("%s is refused without repeating the tag", (_name, text) => {
    const problems = problemsOf(() => parseYamlFile(text, "t.yaml"));
    expect(problems.map((p) => p.code)).toEqual(["yaml-unsupported"]);
    expect(problems[0]!.message).toContain("not repeated");
    expect(JSON.stringify(problems)).not.toContain("PASTEDSECRET");
  });

  test("the core schema's own tags that fit, and the non-specific !, read as they say", () => {
    expect(valueOf("a: !!str 010\nb: !!int 3\nc: !!float 1.5\nd: !!bool true\ne: !!null ~\nf: !!map {x: 1}\ng: !!seq [1]\nh: ! 1.10\n")).toEqual({ a: "010", b: 3, c: 1.5, d: true, e: null, f: { x: 1 }, g: [1], h: "1.10" });
  });

  test("every tag of a file is reported, each at its own position", () => {
    expect(positionsOf("a: !!set {x}\nb:\n  - !!binary QUJD\n  - !!omap []\n").map(({ line, column }) => [line, column])).toEqual([
      [1, 4],
      [3, 5],
      [4, 5],
    ]);
  });
});

describe("merge keys and %YAML 1.1", () => {
  test.each([
    ["YAML 1.2", ""],
    ["%YAML 1.1", "%YAML 1.1\n---\n"],
  ])("a plain << key is refused in %s, with a mapping, an alias or a list as its value", (_version, head) => {
    const text = `${head}base: &b {x: 1}\none:\n  <<: *b\ntwo:\n  <<: [*b]\nthree:\n  <<: {y: 2}\n`;
    const problems = positionsOf(text);
    expect(problems.map((p) => p.code)).toEqual(["yaml-unsupported", "yaml-unsupported", "yaml-unsupported"]);
    expect(problems[0]!.message).toContain("merge key (<<)");
  });

  test('a quoted "<<" or one tagged !!str is an ordinary key', () => {
    expect(valueOf('a: {"<<": 1}\nb: {!!str <<: 2}\n')).toEqual({ a: { "<<": 1 }, b: { "<<": 2 } });
  });

  test("a %YAML 1.1 document keeps its scalars' text: yes, on, 010, 0o17, 1:20 and dates stay strings or core numbers", () => {
    expect(valueOf("%YAML 1.1\n---\na: [yes, no, on, off, y, n, 1:20, 2001-12-14, 0o17]\nb: 010\n")).toEqual({ a: ["yes", "no", "on", "off", "y", "n", "1:20", "2001-12-14", 15], b: 10 });
    // The text itself is what string fields read (the SourceMap's plain-scalar text): 0o17 and 010 stay as written.
    const [doc] = parseYamlFile("%YAML 1.1\n---\na: [0o17]\nb: 010\n", "t.yaml");
    expect([doc!.source.textOf(["a", 0]), doc!.source.textOf(["b"])]).toEqual(["0o17", "010"]);
  });
});
