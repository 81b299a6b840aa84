import { describe, expect, test } from "vitest";
import type { Path } from "../problems/path.js";
import { parseYamlFile, scopedSource, type SourceMap } from "./yaml-source.js";

// A pipeline-like document: lists of maps in maps, numbers whose text matters, aliases, a key
// with no value, a key that is a number, and a list inside a list.
const text = `pipeline:
  stages:
    - stage:
        identifier: a
        spec:
          execution:
            steps:
              - step: &first
                  type: Run
                  spec: { image: "x", tags: [1.10, latest] }
              - step:
                  type: BuildAndPushECR
                  spec:
                    buildArgs:
                      GO: 1.22
                      EMPTY:
                    runAsUser: 0
              - parallel:
                  - step: *first
                  - step:
                      spec: { 1: one, list: [[0.5, b], []] }
    - stage:
        identifier: b
        spec:
          execution:
            steps:
              - step:
                  spec: { tags: [2.0] }
`;

/** Every path to a value of `value`, then each with a segment more that is not there. */
function pathsOf(value: unknown, at: (string | number)[] = []): Path[] {
  const paths: Path[] = [at, [...at, "missing"], [...at, 7]];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...at, index])));
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...at, key]));
  return paths;
}

/** What a source map says of a path: both positions and the text. */
function answers(source: SourceMap, path: Path): unknown {
  return { key: source.locate(path, "key"), value: source.locate(path, "value"), text: source.textOf(path) };
}

const parsed = (): { value: unknown; source: SourceMap } => parseYamlFile(text, "t.yaml")[0]!;

describe("YAML source map", () => {
  // locate and textOf reuse the nodes their last walk from the root found (a pipeline's steps
  // are placed in order): whatever was asked before, every answer is the one a fresh map gives.
  const paths = pathsOf(parsed().value);
  const fresh = paths.map((path) => answers(parsed().source, path));
  // A fixed shuffle, so shared prefixes meet in every order: deeper, shallower, sideways.
  const shuffled = paths.map((path, index) => ({ path, index, order: (index * 7919) % paths.length })).sort((a, b) => a.order - b.order);

  test.each([
    ["in document order", paths.map((path, index) => ({ path, index }))],
    ["in reverse order", paths.map((path, index) => ({ path, index })).reverse()],
    ["shuffled", shuffled],
  ])("answers every path as a fresh map does, asked %s", (_order, queries) => {
    const { source } = parsed();
    for (const { path, index } of queries) expect(answers(source, path), JSON.stringify(path)).toEqual(fresh[index]);
  });

  test("a scoped map answers as the whole map does at the full path, whatever was asked before", () => {
    const { source } = parsed();
    const bases = paths.filter((path) => path.length > 0 && path.length % 3 === 0);
    for (const base of bases) {
      const scoped = scopedSource(source, base)!;
      for (const [index, path] of paths.entries()) {
        const under = path.length >= base.length && base.every((segment, at) => segment === path[at]);
        if (!under) continue;
        expect(answers(scoped, path.slice(base.length)), `${JSON.stringify(base)} + ${JSON.stringify(path.slice(base.length))}`).toEqual(fresh[index]);
      }
    }
  });

  test("a scoped map keeps answering as the whole map does when asked in any order", () => {
    const { source } = parsed();
    for (const base of paths.filter((path) => path.length > 0 && path.length % 4 === 1)) {
      const scoped = scopedSource(source, base)!;
      for (const { path, index } of [...shuffled, ...shuffled.slice().reverse()]) {
        const under = path.length >= base.length && base.every((segment, at) => segment === path[at]);
        if (under) expect(answers(scoped, path.slice(base.length)), `${JSON.stringify(base)} + ${JSON.stringify(path.slice(base.length))}`).toEqual(fresh[index]);
      }
    }
  });

  test("the text of a plain number is kept and positions point where it is written", () => {
    const { source } = parsed();
    const tag = ["pipeline", "stages", 0, "stage", "spec", "execution", "steps", 0, "step", "spec", "tags", 0];
    expect(source.textOf(tag)).toBe("1.10");
    expect(source.locate(tag)).toEqual({ file: "t.yaml", line: 10, column: 46 });
    // Through the alias: the second parallel step is the first step again.
    expect(source.textOf(["pipeline", "stages", 0, "stage", "spec", "execution", "steps", 2, "parallel", 0, "step", "spec", "tags", 0])).toBe("1.10");
    expect(source.textOf(["pipeline", "stages", 1, "stage", "spec", "execution", "steps", 0, "step", "spec", "tags", 0])).toBe("2.0");
    // A path deeper than the document points at the key of the last entry that exists.
    expect(source.locate(["pipeline", "stages", 0, "stage", "spec", "execution", "steps", 1, "step", "spec", "repo"])).toEqual({ file: "t.yaml", line: 13, column: 19 });
  });
});

describe("map keys", () => {
  const duplicates = (yaml: string): string[] => {
    try {
      parseYamlFile(yaml, "k.yaml");
      return [];
    } catch (error) {
      return (error as { problems: { code: string; message: string; position: { line: number } }[] }).problems.map((problem) => `${problem.position.line} ${problem.code} ${problem.message}`);
    }
  };

  test.each([
    ["a small map", 3],
    ["a map of more keys than are compared in a list", 20],
  ])("a key given again in %s names the first, every later one too; 1 and \"1\" are one key", (_, size) => {
    const keys = Array.from({ length: size }, (_, index) => `k${index}: ${index}`);
    const yaml = `top:\n${[...keys, "k1: again", '"1": a', "1: b", "k1: thrice"].map((line) => `  ${line}`).join("\n")}\nother: { k1: 1, k2: 2 }\n`;
    const first = "first defined at line 3, column 3";
    expect(duplicates(yaml)).toEqual([
      `${size + 2} yaml-duplicate-key Map keys must be unique: "k1" is given again (${first})`,
      `${size + 4} yaml-duplicate-key Map keys must be unique: "1" is given again (first defined at line ${size + 3}, column 3)`,
      `${size + 5} yaml-duplicate-key Map keys must be unique: "k1" is given again (${first})`,
    ]);
    expect(duplicates(yaml.replace(/\n {2}k1: again|\n {2}1: b|\n {2}k1: thrice/g, ""))).toEqual([]);
  });
});
