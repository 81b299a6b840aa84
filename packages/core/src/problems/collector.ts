import type { Path } from "./path.js";
import type { Problem } from "./problem.js";
import { moreProblems, omittedCount, problemLimit } from "./bound.js";

/** A problem as a check writes it: what is wrong, without where. */
export type ProblemDraft = Omit<Problem, "path" | "field" | "position">;

/**
 * A problem a check found: the draft, the path of the field from the root of what was checked,
 * and whether a position should point at the field's key or at its value.
 */
export interface Finding extends ProblemDraft {
  path: Path;
  at: "key" | "value";
}

/** Where a plain scalar was written, for checks that must read the user's own text of a number (`1.10`). */
export interface ScalarText {
  textOf(path: Path): string | undefined;
}

/**
 * Collects findings while input is checked, so the user sees every problem at once. Checks add
 * to it and never throw; positions are attached later, in one place (`toProblems`).
 */
export class ProblemCollector {
  private readonly kept: Finding[] = [];
  private omitted = 0;
  /** Errors among the findings, kept or only counted: warnings do not stop a step. */
  private errors = 0;

  constructor(private readonly text?: ScalarText) {}

  /**
   * Every finding so far: at most `problemLimit` (problems/bound.ts), then one
   * `too-many-problems` finding counting the rest, which are counted but not kept.
   */
  get findings(): Finding[] {
    return this.omitted > 0 ? [...this.kept, { ...moreProblems(this.omitted), path: [], at: "value" }] : this.kept;
  }

  add(path: Path, draft: ProblemDraft, at: "key" | "value" = "value"): void {
    if (draft.severity !== "warning") this.errors++;
    if (this.kept.length >= problemLimit) this.omitted++;
    else this.kept.push({ ...draft, path, at });
  }

  /** Findings of another check, with their paths under `base`. */
  addAll(findings: readonly Finding[], base: Path = []): void {
    for (const finding of findings) {
      if (finding.severity !== "warning") this.errors++;
      const count = omittedCount(finding);
      if (count > 0) this.omitted += count;
      else if (this.kept.length >= problemLimit) this.omitted++;
      else this.kept.push(base.length === 0 ? finding : { ...finding, path: [...base, ...finding.path] });
    }
  }

  /** True while no error was found: warnings do not stop a step. */
  get ok(): boolean {
    return this.errors === 0;
  }

  /** True once `problemLimit` findings are kept: further ones are only counted. */
  get full(): boolean {
    return this.kept.length >= problemLimit;
  }

  textOf(path: Path): string | undefined {
    return this.text?.textOf(path);
  }
}
