/** A path into a YAML/JSON document: map keys and list indexes. */
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

const simpleKey = /^[A-Za-z_$][\w$-]*$/;

/** `spec.tags[1]`, `spec.buildArgs["a.b"]`: the way a user names a field. */
export function formatPath(path: Path): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (simpleKey.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
