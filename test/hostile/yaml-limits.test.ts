// YAML that would take unbounded time or memory is refused with a clear problem, and each limit
// can be changed by the caller. The inputs are generated (too big to keep as files).
import { BuildpushError, defaultYamlLimits, parseConnectorFile, type Problem } from "@buildpush/core";
import { parseYamlFile } from "../support/internals.js";
import { translatePipeline } from "../support/translator.js";
import { describe, expect, test } from "vitest";
import { exampleConnectors, readRepoFile } from "../support/fixtures.js";
import { problemsOf } from "../support/problems.js";

const flowNesting = (depth: number) => `a: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
const blockNesting = (depth: number) => Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}k:`).join("\n") + ` x\n`;

describe("YAML limits", () => {
  test("the defaults are documented values", () => {
    expect(defaultYamlLimits).toEqual({ maxLength: 33_554_432, maxTokens: 4_000_000, maxDepth: 100, maxDocuments: 1000, maxAliasCount: 100 });
  });

  test("a file longer than maxLength is refused before it is parsed; the limit can be raised or lowered", () => {
    const big = `a: "${"x".repeat(defaultYamlLimits.maxLength)}"\n`;
    expect(problemsOf(() => parseYamlFile(big, "big.yaml"))).toEqual([
      expect.objectContaining({ code: "yaml-syntax", message: `the document has ${big.length} characters, more than the limit of 33554432`, position: { file: "big.yaml", line: 1, column: 1 }, rule: expect.stringContaining("yamlLimits.maxLength") }),
    ]);
    const text = `a: "${"x".repeat(2000)}"\n`;
    expect(problemsOf(() => parseYamlFile(text, "big.yaml", { maxLength: 2000 }))[0]!.message).toBe(`the document has ${text.length} characters, more than the limit of 2000`);
    expect(parseYamlFile(text, "big.yaml", { maxLength: text.length })[0]!.value).toEqual({ a: "x".repeat(2000) });
    expect(problemsOf(() => parseYamlFile("a: 12345\n", "small.yaml", { maxLength: 5 }))[0]!.code).toBe("yaml-syntax");
  });

  test("more tokens than maxTokens are refused where the limit is crossed, before yaml builds the document", () => {
    // `1,` is three tokens (yaml's scalar marker, the scalar, the comma); the document start,
    // `a: [` and `]\n` eight more.
    const flow = (items: number) => `a: [${"1,".repeat(items)}]\n`;
    expect(problemsOf(() => parseYamlFile(flow(1000), "dense.yaml", { maxTokens: 2000 }))).toEqual([
      expect.objectContaining({ code: "yaml-syntax", message: "the file holds more than 2000 YAML tokens", position: { file: "dense.yaml", line: 1, column: expect.any(Number) }, rule: expect.stringContaining("yamlLimits.maxTokens") }),
    ]);
    expect(parseYamlFile(flow(1000), "dense.yaml", { maxTokens: 3008 })[0]!.value).toEqual({ a: Array(1000).fill(1) });
    expect(problemsOf(() => parseYamlFile(flow(1000), "dense.yaml", { maxTokens: 3007 }))[0]!.message).toBe("the file holds more than 3007 YAML tokens");
    // The default refuses the densest YAML (about 1.3 GB of memory at the limit) long before its length does.
    expect(problemsOf(() => parseYamlFile(flow(1_400_000), "dense.yaml"))[0]!.message).toBe("the file holds more than 4000000 YAML tokens");
  });

  test("nesting deeper than maxDepth is refused where it happens, even 500 000 levels deep (which crashed node before)", () => {
    expect(problemsOf(() => parseYamlFile(flowNesting(500_000), "deep.yaml"))).toEqual([
      expect.objectContaining({ code: "yaml-syntax", message: "maps and lists nest more than 100 levels deep here", position: { file: "deep.yaml", line: 1, column: 104 }, rule: expect.stringContaining("yamlLimits.maxDepth") }),
    ]);
    expect(problemsOf(() => parseYamlFile(blockNesting(101), "deep.yaml"))[0]).toMatchObject({ code: "yaml-syntax", position: { line: 101 } });
    expect(() => parseYamlFile(blockNesting(100), "deep.yaml")).not.toThrow();
    expect(() => parseYamlFile(flowNesting(99), "deep.yaml")).not.toThrow();
    expect(() => parseYamlFile(flowNesting(150), "deep.yaml", { maxDepth: 151 })).not.toThrow();
    expect(problemsOf(() => parseYamlFile(flowNesting(3), "deep.yaml", { maxDepth: 3 }))[0]!.message).toBe("maps and lists nest more than 3 levels deep here");
  });

  test("more than maxDocuments documents are refused as soon as the next one starts", () => {
    const connectors = "connector: {identifier: a, type: DockerRegistry, spec: {dockerRegistryUrl: r.example.com, auth: {type: Anonymous}}}\n";
    const many = `${connectors}${"---\n".repeat(1000)}`;
    expect(problemsOf(() => parseConnectorFile(many, "many.yaml"))).toEqual([
      expect.objectContaining({ code: "yaml-syntax", message: "the file holds more than 1000 YAML documents", rule: expect.stringContaining("yamlLimits.maxDocuments") }),
    ]);
    expect(parseConnectorFile(many, "many.yaml", { maxDocuments: 1001 })).toHaveLength(1);
  });

  test("an alias bomb is refused at its first alias; ordinary aliases are fine; maxAliasCount 0 refuses every alias", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) levels.push(`${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(9).fill(`*${"abcdefghi"[i - 1]}`).join(", ")}]`);
    expect(problemsOf(() => parseYamlFile(`${levels.join("\n")}\n`, "bomb.yaml"))).toEqual([
      expect.objectContaining({ code: "yaml-syntax", message: expect.stringContaining("Excessive alias count"), position: { file: "bomb.yaml", line: 2, column: 8 }, rule: expect.stringContaining("yamlLimits.maxAliasCount") }),
    ]);
    const ordinary = "base: &base {cpu: 1}\none: *base\ntwo: *base\n";
    expect(parseYamlFile(ordinary, "ok.yaml")[0]!.value).toEqual({ base: { cpu: 1 }, one: { cpu: 1 }, two: { cpu: 1 } });
    expect(problemsOf(() => parseYamlFile(ordinary, "ok.yaml", { maxAliasCount: 0 }))[0]!.code).toBe("yaml-syntax");
  });

  test("translatePipeline takes the limits too", () => {
    const pipeline = readRepoFile("examples/pipeline.yaml");
    expect(translatePipeline(pipeline, { connectors: exampleConnectors }).steps.length).toBeGreaterThan(0);
    expect(problemsOf(() => translatePipeline(pipeline, { connectors: exampleConnectors, yamlLimits: { maxDepth: 5 } }))[0]!.message).toBe("maps and lists nest more than 5 levels deep here");
    expect(problemsOf(() => translatePipeline(pipeline, { connectors: exampleConnectors, yamlLimits: { maxLength: 100 } }))[0]!.message).toMatch(/more than the limit of 100$/);
  });

  test("a limit that is not a whole number is refused rather than switching its check off", () => {
    for (const limits of [{ maxDepth: Number.NaN }, { maxLength: -1 }, { maxDocuments: 1.5 }, { maxAliasCount: -1 }, { maxDepth: Infinity }]) {
      expect(problemsOf(() => parseYamlFile("a: 1\n", "f.yaml", limits))).toEqual([expect.objectContaining({ code: "invalid-option", field: `yamlLimits.${Object.keys(limits)[0]}` })]);
    }
    expect(problemsOf(() => parseYamlFile(undefined as unknown as string, "f.yaml"))[0]).toMatchObject({ code: "invalid-option", message: "the YAML to parse must be text, not undefined" });
  });

  test("a duplicate key names both positions, also among 40 000 keys (a check that compares every pair took minutes)", () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `k${i}: ${i}`);
    keys.push("k17: again");
    expect(problemsOf(() => parseYamlFile(`${keys.join("\n")}\n`, "keys.yaml", { maxLength: 2_000_000 }))).toEqual([
      expect.objectContaining({ code: "yaml-duplicate-key", message: 'Map keys must be unique: "k17" is given again (first defined at line 18, column 1)', position: { file: "keys.yaml", line: 40_001, column: 1 } }),
    ]);
    // 1 and "1" are one key once read, so they are a duplicate too; so are ~ and "".
    expect(problemsOf(() => parseYamlFile('m: {1: a, "1": b}\n', "f.yaml"))[0]).toMatchObject({ code: "yaml-duplicate-key", position: { line: 1, column: 11 } });
    expect(problemsOf(() => parseYamlFile('~: a\n"": b\n', "f.yaml"))[0]).toMatchObject({ code: "yaml-duplicate-key", position: { line: 2, column: 1 } });
    expect(problemsOf(() => parseYamlFile("? [a, b]\n: c\n", "f.yaml"))[0]).toMatchObject({ code: "yaml-syntax", message: "a map key is itself a map or a list" });
  });

  test("yaml's messages that would repeat the offending text (possibly a pasted secret) stop before it", () => {
    const marker = "S3CRETMARKER";
    // [text, whether it is refused]; directives yaml does not know are warnings it passes over, tags it cannot resolve are refused.
    const inputs: [string, boolean][] = [
      [`password: *${marker}\n`, true],
      [`password: |${marker}\n  x\n`, true],
      [`password: "\\${marker}"\n`, true],
      [`%${marker} x\n---\na: 1\n`, false],
      [`password: !<${marker}> x\n`, true],
      [`password: !!${marker} x\n`, true],
    ];
    for (const [text, refused] of inputs) {
      try {
        parseYamlFile(text, "secrets.yaml");
        expect(refused, text).toBe(false);
      } catch (error) {
        if (!(error instanceof BuildpushError)) throw error;
        expect(refused, text).toBe(true);
        expect(JSON.stringify(error.problems)).not.toContain(marker);
        expect(error.message).not.toContain(marker);
      }
    }
  });
});
