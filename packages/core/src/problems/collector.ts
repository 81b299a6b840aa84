import type { Path } from "./path.js";
import type { Problem } from "./problem.js";

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
  readonly findings: Finding[] = [];
  private errors = 0;

  constructor(private readonly text?: ScalarText) {}

  add(path: Path, draft: ProblemDraft, at: "key" | "value" = "value"): void {
    this.findings.push({ ...draft, path, at });
    if (draft.severity !== "warning") this.errors++;
  }

  /** Findings of another check, with their paths under `base`. */
  addAll(findings: readonly Finding[], base: Path = []): void {
    for (const finding of findings) {
      this.findings.push(base.length === 0 ? finding : { ...finding, path: [...base, ...finding.path] });
      if (finding.severity !== "warning") this.errors++;
    }
  }

  /** True while no error was found: warnings do not stop a step. */
  get ok(): boolean {
    return this.errors === 0;
  }

  textOf(path: Path): string | undefined {
    return this.text?.textOf(path);
  }
}
