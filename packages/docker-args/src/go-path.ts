// Go's path.Join and path.Clean (slash-separated paths), which the GCR and GAR wrappers use to
// put the registry in front of the repository: empty elements are skipped, repeated slashes
// collapse, `.` and `..` are resolved lexically and a trailing slash is dropped.

/** path.Clean: the shortest path equivalent to `path` by purely lexical processing. */
export function goPathClean(path: string): string {
  if (path === "") return ".";
  const rooted = path.startsWith("/");
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") parts.push(part);
    else if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else if (!rooted) parts.push("..");
  }
  const cleaned = (rooted ? "/" : "") + parts.join("/");
  return cleaned === "" ? "." : cleaned;
}

/** path.Join: the non-empty elements joined with "/" and cleaned; "" when all are empty. */
export function goPathJoin(...elements: string[]): string {
  const nonEmpty = elements.filter((element) => element !== "");
  return nonEmpty.length === 0 ? "" : goPathClean(nonEmpty.join("/"));
}
