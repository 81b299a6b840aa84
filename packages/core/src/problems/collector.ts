import type { Problem } from "./problem.js";
import { formatPath, type Path } from "./path.js";
import type { SourceMap } from "../source/yaml-source.js";

export type ProblemDraft = Omit<Problem, "field" | "position">;

/**
 * Collects problems while a step is checked, so the user sees all of them at once. Each problem
 * is given its field path and, when the input came from a file, its line and column.
 */
export class ProblemCollector {
  readonly problems: Problem[] = [];

  constructor(private readonly source?: SourceMap) {}

  add(path: Path, draft: ProblemDraft, at: "key" | "value" = "value"): void {
    const problem: Problem = { ...draft };
    if (path.length > 0) problem.field = formatPath(path);
    const position = this.source?.locate(path, at);
    if (position) problem.position = position;
    this.problems.push(problem);
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  textOf(path: Path): string | undefined {
    return this.source?.textOf(path);
  }
}
