import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import type { Document, LineCounter, Node } from "yaml";
import { BuildpushError, type Problem, type SourcePosition } from "./errors.js";
import type { Path } from "./path.js";

// yaml (some 70 modules) loads on the first parse, not when core is imported: an engine worker
// that only calls translateStep on steps it already holds starts without it (see
// docs/performance.md). yaml is CommonJS, so a synchronous require keeps every API synchronous.
const requireFromCore = createRequire(import.meta.url);
let yamlModule: typeof Yaml | undefined;
function yaml(): typeof Yaml {
  return (yamlModule ??= requireFromCore("yaml") as typeof Yaml);
}

/**
 * Where values came from. Translation works on plain JS values; when they were read from a
 * file, a SourceMap answers "which line and column is this field on?" and "what text did the
 * user write for this scalar?" (so `tags: [1.10]` stays the tag `1.10`, not the number 1.1).
 */
export interface SourceMap {
  /** Position of the value at `path` (or of its key with `at: "key"`), or of the nearest parent that exists. */
  locate(path: Path, at?: "key" | "value"): SourcePosition | undefined;
  /** The scalar's text as written, for plain (unquoted) scalars; undefined elsewhere. */
  textOf(path: Path): string | undefined;
}

/** Limits that keep a hostile document from taking unbounded time or memory. */
export interface YamlLimits {
  /** Largest document accepted, in characters. */
  maxLength: number;
  /** How many times aliases may be expanded in one document (yaml's own guard against alias bombs). */
  maxAliasCount: number;
}

export const defaultYamlLimits: YamlLimits = { maxLength: 10_000_000, maxAliasCount: 100 };

export interface ParsedYamlDocument {
  /** The document as plain JS (YAML 1.2 core schema). */
  value: unknown;
  source: SourceMap;
}

/** Parse every document of a YAML file, or throw a BuildpushError holding every syntax problem. */
export function parseYamlFile(text: string, file: string, limits: YamlLimits = defaultYamlLimits): ParsedYamlDocument[] {
  if (text.length > limits.maxLength) {
    throw new BuildpushError([
      {
        code: "yaml-syntax",
        message: `the document has ${text.length} characters, more than the limit of ${limits.maxLength}`,
        rule: "documents are limited in size so a hostile file cannot exhaust memory",
        position: { file, line: 1, column: 1 },
      },
    ]);
  }
  const { LineCounter, parseAllDocuments } = yaml();
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const docs = Array.isArray(documents) ? documents : [];
  const problems: Problem[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) {
      const [line, column] = lineColumn(lineCounter, error.pos[0]);
      const duplicate = error.code === "DUPLICATE_KEY";
      problems.push({
        code: duplicate ? "yaml-duplicate-key" : "yaml-syntax",
        message: duplicate ? `${error.message.split(" at line")[0]}${firstDefinition(doc, error.pos[0], lineCounter)}` : error.message.split(" at line")[0]!,
        position: { file, line, column },
      });
    }
  }
  if (problems.length > 0) throw new BuildpushError(problems);
  const parsed: ParsedYamlDocument[] = [];
  for (const doc of docs) {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (error) {
      throw new BuildpushError([
        {
          code: "yaml-syntax",
          message: error instanceof Error ? error.message : String(error),
          rule: `aliases may expand at most ${limits.maxAliasCount} times in one document`,
          position: { file, line: 1, column: 1 },
        },
      ]);
    }
    parsed.push({ value, source: new YamlSourceMap(file, doc, lineCounter) });
  }
  return parsed;
}

function lineColumn(lineCounter: LineCounter, offset: number): [number, number] {
  const { line, col } = lineCounter.linePos(offset);
  return [line, col];
}

/** For a duplicate key, say where the key was first written. */
function firstDefinition(doc: Document, duplicateOffset: number, lineCounter: LineCounter): string {
  const { isMap, isScalar, isSeq } = yaml();
  let found = "";
  const visit = (node: unknown): void => {
    if (found || !node) return;
    if (isMap(node)) {
      const seen = new Map<unknown, number>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
        if (offset === undefined) continue;
        if (offset === duplicateOffset && seen.has(key)) {
          const { line, col } = lineCounter.linePos(seen.get(key)!);
          found = ` (first defined at line ${line}, column ${col})`;
          return;
        }
        if (!seen.has(key)) seen.set(key, offset);
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  visit(doc.contents);
  return found;
}

class YamlSourceMap implements SourceMap {
  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  locate(path: Path, at: "key" | "value" = "value"): SourcePosition | undefined {
    const { isMap, isPair, isScalar, isSeq } = yaml();
    let node: unknown = this.doc.contents;
    let best: number | undefined = rangeStart(node);
    for (let i = 0; i < path.length; i++) {
      node = this.resolve(node);
      const segment = path[i]!;
      const isLast = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        const keyStart = rangeStart(pair.key);
        // A path that goes deeper than the document points at the key of the last map entry
        // that exists (`spec:` for a missing `spec.repo`), which is where the user must write.
        const stopsHere = !isLast && !this.hasChild(pair.value, path[i + 1]!);
        best = (isLast && at === "key") || stopsHere ? (keyStart ?? best) : (rangeStart(pair.value) ?? keyStart ?? best);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (item === undefined) break;
        best = rangeStart(item) ?? best;
        node = item;
      } else {
        break;
      }
    }
    if (best === undefined) return undefined;
    const { line, col } = this.lineCounter.linePos(best);
    return { file: this.file, line, column: col };
  }

  private hasChild(node: unknown, segment: string | number): boolean {
    const { isMap, isScalar, isSeq } = yaml();
    const resolved = this.resolve(node);
    if (isMap(resolved)) return resolved.items.some((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    if (isSeq(resolved)) return typeof segment === "number" && segment < resolved.items.length;
    return false;
  }

  textOf(path: Path): string | undefined {
    return this.plainTextAt(this.doc.contents, path);
  }

  private plainTextAt(from: unknown, path: Path): string | undefined {
    const node = this.resolve(this.nodeAt(from, path));
    if (yaml().isScalar(node) && node.type === "PLAIN" && typeof node.source === "string") return node.source;
    return undefined;
  }

  /** The node at `path` below `from`, aliases followed on the way; undefined when it is not there. */
  private nodeAt(from: unknown, path: Path): unknown {
    const { isMap, isScalar, isSeq } = yaml();
    let node = from;
    for (const segment of path) {
      node = this.resolve(node);
      if (isMap(node)) {
        // A plain loop that compares a string key before converting: this runs for every
        // numeric or boolean scalar translation reads.
        const key = String(segment);
        let found: unknown;
        for (const item of node.items) {
          if (isScalar(item.key) && (item.key.value === key || String(item.key.value) === key)) {
            found = item.value;
            break;
          }
        }
        node = found;
      } else if (isSeq(node) && typeof segment === "number") {
        node = node.items[segment];
      } else {
        return undefined;
      }
    }
    return node;
  }

  private resolve(node: unknown): unknown {
    return yaml().isAlias(node) ? node.resolve(this.doc) : node;
  }

  /**
   * The same map seen from the node at `base`. textOf walks from that node, found once, instead
   * of from the document root on every call: translation asks it for every number, boolean and
   * `1.10`-like scalar of every step.
   */
  scoped(base: Path): SourceMap {
    let baseNode: unknown;
    let found = false;
    return {
      locate: (path, at) => this.locate([...base, ...path], at),
      textOf: (path) => {
        if (!found) {
          baseNode = this.nodeAt(this.doc.contents, base);
          found = true;
        }
        return this.plainTextAt(baseNode, path);
      },
    };
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** A SourceMap seen from inside a sub-tree: paths are relative to `base`. */
export function scopedSource(source: SourceMap | undefined, base: Path): SourceMap | undefined {
  if (!source) return undefined;
  if (source instanceof YamlSourceMap) return source.scoped(base);
  return {
    locate: (path, at) => source.locate([...base, ...path], at),
    textOf: (path) => source.textOf([...base, ...path]),
  };
}
