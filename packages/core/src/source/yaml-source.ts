import * as yaml from "yaml";
import type { CST, Document, LineCounter, Pair, YAMLMap } from "yaml";
import { BuildpushError } from "../problems/error.js";
import { quote, sortProblems } from "../problems/format.js";
import { type Problem, type SourcePosition } from "../problems/problem.js";
import type { Path } from "../problems/path.js";
import { readDocumentValues, rangeStart, type DocumentValues, type PositionOfOffset } from "./document-values.js";

// yaml's members, read once: in a bundle that holds yaml (the CLI's bin) each `yaml.x` is a
// getter call, and the source map's walks check every node they pass with these.
const { Composer, Lexer, Parser, isAlias, isMap, isScalar, isSeq, visit } = yaml;
const YamlLineCounter = yaml.LineCounter;

type Token = CST.Token;

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

/**
 * The method of a SourceMap that gives it seen from a sub-tree more cheaply than by prefixing
 * every path: a parsed document's finds the sub-tree's node once. A symbol, so that a caller's
 * own SourceMap never has one by accident.
 */
export const scopeSource = Symbol("buildpush.scopeSource");

/** A SourceMap with its own way to be seen from a sub-tree (see scopeSource). */
export interface ScopableSource extends SourceMap {
  [scopeSource](base: Path): SourceMap;
}

/**
 * Limits that keep a hostile file from taking unbounded time or memory. Each is checked before
 * the work it bounds: the length before anything is read, tokens, depth and document count
 * while the parser runs (so a deep or huge stream is refused before yaml builds or recurses over
 * it), aliases when values are built. Pass some or all of them; the rest keep their defaults.
 */
export interface YamlLimits {
  /** Largest file accepted, in characters. What long strings and comments cost: about 35 MB of memory per MiB. */
  maxLength: number;
  /**
   * How many lexical tokens (scalars, indicators such as `-`, `:` and `,`, runs of spaces, line
   * breaks, comments) one file may hold. yaml keeps every token of a document until the
   * document is built, so memory grows with tokens: about 200 to 370 bytes each at the peak.
   */
  maxTokens: number;
  /** How deeply collections (maps and lists) may nest. yaml composes recursively; a deep file would exhaust the stack. */
  maxDepth: number;
  /** How many YAML documents (`---`) one file may hold. Each costs memory even when empty. */
  maxDocuments: number;
  /** How many nodes alias expansion may produce in one document (yaml's own guard against alias bombs). */
  maxAliasCount: number;
}

/**
 * A Harness pipeline nests about 20 levels deep and is rarely more than a few hundred KiB
 * (some 50 000 tokens), so these leave room for any real file, and for the benchmark's
 * 10 000-step pipeline (15.4 MiB, 2.9 million tokens), while keeping the worst case to about
 * 1.5 GB of memory (docs/reliability.md, YAML limits).
 */
export const defaultYamlLimits: Readonly<YamlLimits> = Object.freeze({ maxLength: 33_554_432, maxTokens: 4_000_000, maxDepth: 100, maxDocuments: 1000, maxAliasCount: 100 });

export interface ParsedYamlDocument {
  /** The document as plain JS (YAML 1.2 core schema). */
  value: unknown;
  source: SourceMap;
}

/** A limit broken while the parser streams tokens; caught and turned into a Problem. */
class LimitExceeded extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/** Parse every document of a YAML file, or throw a BuildpushError holding every syntax problem. */
export function parseYamlFile(text: string, file: string, limits: Partial<YamlLimits> = defaultYamlLimits): ParsedYamlDocument[] {
  const limit = resolveYamlLimits(limits);
  if (typeof text !== "string") {
    throw new BuildpushError([{ code: "invalid-option", message: `the YAML to parse must be text, not ${text === null ? "null" : typeof text}`, rule: "pass the file's contents as a string" }]);
  }
  if (text.length > limit.maxLength) {
    throw new BuildpushError([
      {
        code: "yaml-syntax",
        message: `the document has ${text.length} characters, more than the limit of ${limit.maxLength}`,
        rule: "documents are limited in size so a hostile file cannot exhaust memory (yamlLimits.maxLength)",
        position: { file, line: 1, column: 1 },
      },
    ]);
  }
  const lineCounter = new YamlLineCounter();
  const composer = new Composer(yamlReadingOptions);
  let docs: Document.Parsed[];
  try {
    docs = Array.from(composer.compose(limitedTokens(text, file, limit, lineCounter)));
  } catch (error) {
    if (error instanceof LimitExceeded) throw new BuildpushError([error.problem]);
    throw error;
  }
  const problems: Problem[] = [];
  const at: PositionOfOffset = (offset) => {
    const [line, column] = lineColumn(lineCounter, offset ?? 0);
    return { file, line, column };
  };
  const read: DocumentValues[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) {
      problems.push({ code: "yaml-syntax", message: withoutSourceText(error.message.split(" at line")[0]!), position: at(error.pos[0]) });
    }
    for (const warning of doc.warnings) {
      // With the core schema alone, a tag yaml cannot resolve is one buildpush does not read.
      if (warning.code !== "TAG_RESOLVE_FAILED") continue;
      problems.push(tagProblem(warning.message, at(warning.pos[0])));
    }
    if (doc.errors.length > 0) continue;
    const values = readDocumentValues(doc, at);
    for (const problem of values.problems) problems.push(problem);
    read.push(values);
  }
  if (problems.length > 0) throw new BuildpushError(sortProblems(problems));
  // No problem means no document had errors, so every document was read.
  return docs.map((doc, index) => ({ value: read[index]!.needsYamlToJS ? aliasedValue(doc, limit, at) : read[index]!.value, source: new YamlSourceMap(file, doc, lineCounter) }));
}

/** A document with aliases, made plain by yaml, which expands them within yamlLimits.maxAliasCount. */
function aliasedValue(doc: Document.Parsed, limit: YamlLimits, at: PositionOfOffset): unknown {
  try {
    return doc.toJS({ maxAliasCount: limit.maxAliasCount });
  } catch (error) {
    // yaml throws for aliases only: too many expansions, or one whose anchor comes later.
    const message = error instanceof Error ? error.message : String(error);
    const unresolved = /^Unresolved alias/.test(message);
    throw new BuildpushError([
      {
        code: "yaml-syntax",
        message: withoutSourceText(message),
        rule: unresolved ? "an alias (*name) refers to an anchor (&name) written before it" : `aliases may expand to at most ${limit.maxAliasCount} nodes in one document (yamlLimits.maxAliasCount)`,
        position: at(firstAliasOffset(doc, unresolved)),
      },
    ]);
  }
}

/**
 * How every document is read, whatever its `%YAML` directive says: yaml would switch a `%YAML 1.1`
 * document to its 1.1 schema, turning merge keys on and `yes`, `010` and `1:20` into true, 8
 * and 80. The core schema alone, without merge keys or the 1.1 types yaml otherwise resolves
 * under it (`!!binary`, `!!omap`, `!!pairs`, `!!set`, `!!timestamp`): a scalar keeps its text
 * and any other tag is left unresolved, which parseYamlFile refuses.
 *
 * Duplicate keys are found by readDocumentValues, in linear time: yaml's own uniqueKeys check
 * compares every pair of keys of a map, which a map of 100 000 keys turns into minutes.
 */
export const yamlReadingOptions = { uniqueKeys: false, schema: "core", merge: false, resolveKnownTags: false } as const;

/** The tags a document may carry: those of YAML 1.2's core schema, and `!` (a plain string). */
export const yamlTagRule = "a value carries no tag, or one of YAML 1.2's core schema (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq) that fits it; buildpush reads no other type";

/** YAML's own types, named in messages; any other tag is not repeated (it may be pasted text). */
const coreTags = ["str", "int", "float", "bool", "null", "map", "seq"];
const yaml11Types = ["binary", "omap", "pairs", "set", "timestamp", "merge", "value", "yaml"];

/** A tag yaml left unresolved under the core schema: a type buildpush does not read, or a core tag its value does not fit. */
function tagProblem(message: string, position: SourcePosition): Problem {
  const name = /^Unresolved tag: tag:yaml\.org,2002:([\w/.-]+)/.exec(message)?.[1];
  const said =
    name !== undefined && coreTags.includes(name)
      ? `the value does not fit its tag !!${name}`
      : name !== undefined && yaml11Types.includes(name)
        ? `the tag !!${name} gives a YAML 1.1 type buildpush does not read`
        : "the value carries a tag buildpush does not read (the tag is not repeated here)";
  return { code: "yaml-unsupported", message: said, rule: yamlTagRule, hint: "remove the tag and write the value as plain YAML", position };
}

/** The caller's limits over the defaults; a limit that is not a whole number would disable its check. */
export function resolveYamlLimits(limits: Partial<YamlLimits> = {}): YamlLimits {
  const resolved = { ...defaultYamlLimits };
  const problems: Problem[] = [];
  for (const name of Object.keys(defaultYamlLimits) as (keyof YamlLimits)[]) {
    const value = limits[name];
    if (value === undefined) continue;
    const least = name === "maxAliasCount" ? 0 : 1;
    if (Number.isSafeInteger(value) && value >= least) resolved[name] = value;
    else problems.push({ code: "invalid-option", message: `yamlLimits.${name} is ${quote(value)}`, field: `yamlLimits.${name}`, value, rule: `yamlLimits.${name} is a whole number from ${least}` });
  }
  if (problems.length > 0) throw new BuildpushError(problems);
  return resolved;
}

/**
 * yaml's parser, fed one lexeme at a time so depth and document count are checked as the
 * stream goes: the parser keeps its open collections on an explicit stack, so measuring it
 * costs nothing and refuses a 100 000-deep `[[[[...` before anything recurses over it.
 */
function* limitedTokens(text: string, file: string, limit: YamlLimits, lineCounter: LineCounter): Generator<Token, void> {
  const feed: TokenFeed = { lexemes: new Lexer().lex(text), parser: new Parser(lineCounter.addNewLine), lineCounter, file, limit, documents: 0, tokens: 0, ready: [] };
  lineCounter.addNewLine(0);
  // The lexemes are fed by a plain function, which V8 optimizes while it runs; a generator's
  // own loop never is (it cannot be replaced on the stack), and this one ran for every lexeme
  // of the file. The generator only hands on the few tokens the parser finishes at the top level.
  let more = true;
  while (more) {
    more = feedLexemes(feed);
    for (const token of feed.ready) yield token;
    feed.ready.length = 0;
  }
  for (const token of feed.parser.end()) {
    if (token.type === "document") countDocument(feed);
    yield token;
  }
}

interface TokenFeed {
  lexemes: Iterator<string>;
  parser: InstanceType<typeof Parser>;
  lineCounter: LineCounter;
  file: string;
  limit: YamlLimits;
  documents: number;
  tokens: number;
  /** Top-level tokens the parser has finished, to be handed on. */
  ready: Token[];
}

/** Lexemes into the parser until it finishes a top-level token (then true) or the text ends (false), checking the limits on the way. */
function feedLexemes(feed: TokenFeed): boolean {
  const { lexemes, parser, limit, ready } = feed;
  // The checks sit in this loop rather than in a generator wrapped around each lexeme's
  // tokens: a generator more per lexeme made parsing allocate 14% more (docs/performance.md).
  for (let next = lexemes.next(); next.done !== true; next = lexemes.next()) {
    if (++feed.tokens > limit.maxTokens) {
      refuse(feed, `the file holds more than ${limit.maxTokens} YAML tokens`, "files are limited in tokens (scalars, indicators, spaces, line breaks) so a hostile file cannot exhaust memory (yamlLimits.maxTokens)");
    }
    for (const token of parser.next(next.value)) {
      if (token.type === "document") countDocument(feed);
      ready.push(token);
    }
    // The stack holds every open collection plus a few entries around them, so only a long
    // stack needs counting.
    if (parser.stack.length > limit.maxDepth && collectionDepth(parser.stack) > limit.maxDepth) {
      refuse(feed, `maps and lists nest more than ${limit.maxDepth} levels deep here`, "nesting is limited so a hostile file cannot exhaust the stack (yamlLimits.maxDepth)");
    }
    if (ready.length > 0) return true;
  }
  return false;
}

function countDocument(feed: TokenFeed): void {
  if (++feed.documents > feed.limit.maxDocuments) {
    refuse(feed, `the file holds more than ${feed.limit.maxDocuments} YAML documents`, "files are limited in documents so a hostile file cannot exhaust memory (yamlLimits.maxDocuments)");
  }
}

function refuse(feed: TokenFeed, message: string, rule: string): never {
  const [line, column] = lineColumn(feed.lineCounter, feed.parser.offset);
  throw new LimitExceeded({ code: "yaml-syntax", message, rule, position: { file: feed.file, line, column } });
}

function collectionDepth(stack: readonly Token[]): number {
  let depth = 0;
  for (const token of stack) if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") depth++;
  return depth;
}

/**
 * Some of yaml's messages repeat the text they stumbled on (`Unresolved tag: !x`). That text
 * may be a secret pasted into the wrong place, so the message stops before it; the position
 * says where to look.
 */
const sourceEchoingMessages = [
  "Unresolved alias (the anchor must be set before the alias)",
  "Unresolved tag",
  "Could not resolve tag",
  "Not a valid tag",
  "Verbatim tags aren't resolved",
  "Not a YAML token",
  "Anchor must not contain whitespace or control characters",
  "Block scalar header includes extra characters",
  "Invalid escape sequence",
  "Unknown directive",
  "Unsupported YAML version",
  "Ordered maps must not include duplicate keys",
];

export function withoutSourceText(message: string): string {
  const echoing = sourceEchoingMessages.find((prefix) => message.startsWith(prefix));
  return echoing ? `${echoing} (the text is not repeated here)` : message;
}

/** Where the first alias is (with `unresolved`, the first whose anchor is not defined before it). */
function firstAliasOffset(doc: Document.Parsed, unresolved: boolean): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (unresolved && node.resolve(doc) !== undefined) return undefined;
      found = rangeStart(node);
      return visit.BREAK;
    },
  });
  return found;
}

function lineColumn(lineCounter: LineCounter, offset: number): [number, number] {
  const { line, col } = lineCounter.linePos(offset);
  return [line, col];
}

class YamlSourceMap implements ScopableSource {
  /** Keys of the large maps looked up so far (see pairAt). */
  private readonly keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /**
   * The entry of `map` whose key reads as `segment` (the first, should keys repeat). A large map
   * is indexed once: scanning it for each problem or number in it was quadratic, minutes for a
   * map of 100 000 bad labels.
   */
  private pairAt(map: YAMLMap, segment: string | number): Pair | undefined {
    const key = String(segment);
    if (map.items.length < 32) {
      // A plain loop that compares the key's value before anything else, and converts only a
      // key that is not a string (`1:`, `true:`): this runs for every numeric or boolean scalar
      // translation reads, through every map on its path.
      const items = map.items;
      for (let index = 0; index < items.length; index++) {
        const item = items[index]!;
        const value = (item.key as { value?: unknown } | null)?.value;
        if ((value === key || (typeof value !== "string" && String(value) === key)) && isScalar(item.key)) return item as Pair;
      }
      return undefined;
    }
    let index = this.keyIndexes.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) {
        if (!isScalar(item.key)) continue;
        const text = String(item.key.value);
        if (!index.has(text)) index.set(text, item as Pair);
      }
      this.keyIndexes.set(map, index);
    }
    return index.get(key);
  }

  /**
   * The last path located from the root, with the node and the position reached after each of
   * its segments. A pipeline's steps are placed in order, each from the root, so each placement
   * starts where the one before left the stage and its list of steps instead of walking the
   * pipeline, the stage and the list again.
   */
  private lastLocated: { path: Path; nodes: unknown[]; bests: (number | undefined)[] } | undefined;

  locate(path: Path, at: "key" | "value" = "value"): SourcePosition | undefined {
    let node: unknown = this.doc.contents;
    let best: number | undefined = rangeStart(node);
    const nodes: unknown[] = [];
    const bests: (number | undefined)[] = [];
    // A segment's result depends on it and on the one after it (whether the path goes on below
    // it), so the last walk's results stand for the segments it shares, with the segment after
    // each, that are not the last of either path.
    const last = this.lastLocated;
    let start = 0;
    if (last !== undefined) {
      const limit = Math.min(path.length, last.path.length, last.nodes.length + 1) - 1;
      while (start < limit && path[start] === last.path[start] && path[start + 1] === last.path[start + 1]) start++;
      if (start > 0) {
        for (let i = 0; i < start; i++) {
          nodes.push(last.nodes[i]);
          bests.push(last.bests[i]);
        }
        node = last.nodes[start - 1];
        best = last.bests[start - 1];
      }
    }
    for (let i = start; i < path.length; i++) {
      node = this.resolve(node);
      const segment = path[i]!;
      const isLast = i === path.length - 1;
      if (isMap(node)) {
        const pair = this.pairAt(node, segment);
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
      nodes.push(node);
      bests.push(best);
    }
    this.lastLocated = { path: [...path], nodes, bests };
    if (best === undefined) return undefined;
    const { line, col } = this.lineCounter.linePos(best);
    return { file: this.file, line, column: col };
  }

  private hasChild(node: unknown, segment: string | number): boolean {
    const resolved = this.resolve(node);
    if (isMap(resolved)) return this.pairAt(resolved, segment) !== undefined;
    if (isSeq(resolved)) return typeof segment === "number" && segment < resolved.items.length;
    return false;
  }

  textOf(path: Path): string | undefined {
    return this.plainText(this.nodeFromRoot(path));
  }

  private plainTextAt(from: unknown, path: Path): string | undefined {
    return this.plainText(this.nodeAt(from, path));
  }

  private plainText(found: unknown): string | undefined {
    const node = this.resolve(found);
    if (isScalar(node) && node.type === "PLAIN" && typeof node.source === "string") return node.source;
    return undefined;
  }

  /** The last path walked from the root (nodeFromRoot) and the node after each of its segments. */
  private lastWalked: { path: Path; nodes: unknown[] } | undefined;

  /**
   * nodeAt from the document's root, starting from the nodes the last walk from the root shares
   * with this one: each step's source map finds its step from the root, in pipeline order.
   */
  private nodeFromRoot(path: Path): unknown {
    const last = this.lastWalked;
    let start = 0;
    if (last !== undefined) {
      const limit = Math.min(path.length, last.nodes.length);
      while (start < limit && path[start] === last.path[start]) start++;
    }
    const nodes = start > 0 ? last!.nodes.slice(0, start) : [];
    let node = start > 0 ? nodes[start - 1] : this.doc.contents;
    for (let i = start; i < path.length; i++) {
      node = this.child(node, path[i]!);
      if (node === undefined) break;
      nodes.push(node);
    }
    this.lastWalked = { path: [...path], nodes };
    return node;
  }

  /** The node at `path` below `from`, aliases followed on the way; undefined when it is not there. */
  private nodeAt(from: unknown, path: Path): unknown {
    let node = from;
    for (let i = 0; i < path.length && node !== undefined; i++) node = this.child(node, path[i]!);
    return node;
  }

  /** The node at `segment` of a map or list (an alias followed to it); undefined when it has none. */
  private child(node: unknown, segment: string | number): unknown {
    const resolved = this.resolve(node);
    if (isMap(resolved)) return this.pairAt(resolved, segment)?.value;
    if (isSeq(resolved) && typeof segment === "number") return resolved.items[segment];
    return undefined;
  }

  private resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  /**
   * The same map seen from the node at `base`. textOf walks from that node, found once, instead
   * of from the document root on every call: translation asks it for every number, boolean and
   * `1.10`-like scalar of every step.
   */
  [scopeSource](base: Path): ScopableSource {
    let baseNode: unknown;
    let found = false;
    return {
      locate: (path, at) => this.locate([...base, ...path], at),
      textOf: (path) => {
        if (!found) {
          baseNode = this.nodeFromRoot(base);
          found = true;
        }
        return this.plainTextAt(baseNode, path);
      },
      [scopeSource]: (inner) => this[scopeSource]([...base, ...inner]),
    };
  }
}

/** A SourceMap seen from inside a sub-tree: paths are relative to `base`. */
export function scopedSource(source: SourceMap | undefined, base: Path): SourceMap | undefined {
  if (!source) return undefined;
  if (typeof (source as Partial<ScopableSource>)[scopeSource] === "function") return (source as ScopableSource)[scopeSource](base);
  return {
    locate: (path, at) => source.locate([...base, ...path], at),
    textOf: (path) => source.textOf([...base, ...path]),
  };
}
