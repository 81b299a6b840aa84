import type { Finding } from "./collector.js";
import { formatPath } from "./path.js";
import type { Path } from "./path.js";
import type { Problem, SourcePosition } from "./problem.js";

/** What can place a path in a file: a parsed YAML document's source map. */
export interface PositionSource {
  locate(path: Path, at?: "key" | "value"): SourcePosition | undefined;
}

/**
 * Findings as the Problems the API returns: the path as given, the printed field derived from
 * it, and the file, line and column from `source`. The one place positions are attached.
 */
export function toProblems(findings: readonly Finding[], source?: PositionSource): Problem[] {
  const problems: Problem[] = [];
  for (const { path, at, ...draft } of findings) {
    const problem: Problem = { ...draft, severity: draft.severity ?? "error" };
    if (path.length > 0) {
      problem.path = path;
      problem.field = formatPath(path);
    }
    const position = source?.locate(path, at);
    if (position) problem.position = position;
    problems.push(problem);
  }
  return problems;
}
