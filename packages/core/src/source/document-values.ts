import * as yaml from "yaml";
import type { Document, Pair } from "yaml";
import type { Problem, SourcePosition } from "../problems/problem.js";
import { setOwn } from "./values.js";

// yaml's members, read once: in a bundle that holds yaml (the CLI's bin) each `yaml.x` is a
// getter call, and the walk below checks every node of the document with these.
const { isAlias, isMap, isScalar, isSeq, Scalar, YAMLMap, YAMLSeq } = yaml;

/** A merge key, which YAML versions read differently; parseYamlFile refuses it. */
export const mergeKeyRule = "merge keys (<<) are not read in any YAML version: YAML 1.1 readers merge the map and YAML 1.2 readers keep a key named <<, so write the fields out (quote the key, \"<<\", for a key of that name)";

/** The file position of an offset into the text (line 1, column 1 for none). */
export type PositionOfOffset = (offset: number | undefined) => SourcePosition;

export interface DocumentValues {
  /**
   * The document as plain JS, as yaml's `toJS()` gives it; undefined when the document holds
   * an alias or a node of a kind the walk does not build (then yaml's `toJS()` must, with its
   * alias limits).
   */
  value: unknown;
  /** True when `value` could not be built here (see above). */
  needsYamlToJS: boolean;
  /** The key problems of every map (duplicates, keys that are collections, merge keys). */
  problems: Problem[];
}

/**
 * The key problems of a composed document and its plain value, in one walk of its nodes.
 *
 * Why not yaml's own `toJS()`: parseYamlFile walks every map for its key problems anyway, and
 * `toJS()` is a second walk through generic code (an anchor lookup, a merge-key test and an `in`
 * test per entry); on the 10,000-step benchmark pipeline the two walks cost 0.37 s of the CLI's
 * 6 s. The value built is the one `toJS()` builds for a document without aliases, read with
 * the core schema alone: a scalar's value as composed, a list as an array, a map as a plain
 * object whose keys are their scalars' values as strings (`""` for a null key), `__proto__` an
 * own property. Anything else (an alias, a collection as a key, a node of another class) leaves
 * the value to yaml. `document-values.test.ts` checks both agree, on every YAML file of the repository and on
 * generated documents.
 */
export function readDocumentValues(doc: Document.Parsed, at: PositionOfOffset): DocumentValues {
  const walk = new DocumentWalk(doc, at);
  const value = walk.valueOf(doc.contents);
  return { value: walk.needsYamlToJS ? undefined : value, needsYamlToJS: walk.needsYamlToJS, problems: walk.problems };
}

class DocumentWalk {
  readonly problems: Problem[] = [];
  needsYamlToJS = false;
  private readonly seen = new KeysSeen();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly at: PositionOfOffset,
  ) {}

  /** The plain value of a node (yaml's parser nests at most yamlLimits.maxDepth deep, so recursion is bounded). */
  valueOf(node: unknown): unknown {
    if (node === null || node === undefined) return null;
    if (isScalar(node)) {
      const value = node.value;
      if (Object.getPrototypeOf(node) !== Scalar.prototype || (typeof value === "object" && value !== null)) this.needsYamlToJS = true;
      return value;
    }
    if (isMap(node)) {
      if (Object.getPrototypeOf(node) !== YAMLMap.prototype) this.needsYamlToJS = true;
      return this.mapValue(node.items as Pair[]);
    }
    if (isSeq(node)) {
      if (Object.getPrototypeOf(node) !== YAMLSeq.prototype) this.needsYamlToJS = true;
      const items = node.items;
      // Pushed, not written into `new Array(length)`: that array would stay "holey" to V8, and
      // every read of it in translation would check for holes.
      const list: unknown[] = [];
      for (let index = 0; index < items.length; index++) list.push(this.valueOf(items[index]));
      return list;
    }
    // An alias (its expansion is counted against yamlLimits.maxAliasCount by yaml), or a pair
    // where a node was expected.
    this.needsYamlToJS = true;
    return undefined;
  }

  /**
   * Every key of the map is checked before any value is walked: the list of keys seen is one,
   * reused from map to map, so a nested map must not start before this one is done.
   */
  private mapValue(items: Pair[]): Record<string, unknown> {
    const names = this.keyNames(items);
    const object: Record<string, unknown> = {};
    for (let index = 0; index < items.length; index++) {
      const name = names[index];
      const value = this.valueOf(items[index]!.value);
      // A key that is not plain text (name undefined) was a problem; parseYamlFile throws.
      if (name === undefined) continue;
      // An own `__proto__` too, as yaml defines it.
      setOwn(object, name, value);
    }
    return object;
  }

  /**
   * Map keys as the JS object will hold them: a duplicate is an error naming both positions, and
   * so are `1:` and `"1":` (one JS key), which yaml alone would let the second silently win.
   * Keys that are maps or lists have no faithful JS form, so they are refused too, and so is a plain
   * `<<`, which YAML 1.1 readers take as a merge key and YAML 1.2 readers as an ordinary one.
   */
  private keyNames(items: Pair[]): (string | undefined)[] {
    const names: (string | undefined)[] = new Array(items.length);
    const seen = this.seen;
    seen.startMap(items.length);
    for (let index = 0; index < items.length; index++) {
      const pair = items[index]!;
      let key: unknown = pair.key;
      if (isAlias(key)) {
        this.needsYamlToJS = true;
        key = key.resolve(this.doc);
      }
      const offset = rangeStart(pair.key);
      if (!isScalar(key) && key !== null) {
        this.problems.push({ code: "yaml-syntax", message: "a map key is itself a map or a list", rule: "map keys are plain text", position: this.at(offset) });
        continue;
      }
      if (key !== null && key.type === "PLAIN" && key.value === "<<" && !key.tag) {
        this.problems.push({ code: "yaml-unsupported", message: "a merge key (<<) copies fields from another map, which buildpush does not do", rule: mergeKeyRule, position: this.at(offset) });
      }
      const name = key === null || key.value === null || key.value === undefined ? "" : String(key.value);
      names[index] = name;
      if (seen.has(name)) {
        const first = this.at(seen.get(name));
        this.problems.push({
          code: "yaml-duplicate-key",
          message: `Map keys must be unique: ${JSON.stringify(name)} is given again (first defined at line ${first.line}, column ${first.column})`,
          value: name,
          rule: "a key appears once per map; YAML readers disagree on which value wins",
          position: this.at(offset),
        });
      } else {
        seen.set(name, offset);
      }
    }
    return names;
  }
}

/**
 * The keys of one map met so far, with the offset of each. Every map of the document is checked,
 * most of them with a handful of keys: those are compared in a list kept from map to map, which
 * costs less than a new Map per map; a large map gets a Map, so checking it stays linear.
 */
class KeysSeen {
  private static readonly listed = 16;
  private readonly names: string[] = [];
  private readonly offsets: (number | undefined)[] = [];
  private indexed: Map<string, number | undefined> | undefined;

  startMap(size: number): void {
    this.names.length = 0;
    this.offsets.length = 0;
    this.indexed = size > KeysSeen.listed ? new Map() : undefined;
  }

  has(name: string): boolean {
    return this.indexed ? this.indexed.has(name) : this.names.includes(name);
  }

  /** The offset of the first key of that name. */
  get(name: string): number | undefined {
    return this.indexed ? this.indexed.get(name) : this.offsets[this.names.indexOf(name)];
  }

  set(name: string, offset: number | undefined): void {
    if (this.indexed) this.indexed.set(name, offset);
    else {
      this.names.push(name);
      this.offsets.push(offset);
    }
  }
}

export function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? range[0] : undefined;
}
