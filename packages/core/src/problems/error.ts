import { boundProblems } from "./bound.js";
import { formatProblem } from "./format.js";
import type { Problem, ProblemCode } from "./problem.js";

/**
 * Marks buildpush errors across copies of core: an engine's bundle, a nested second install
 * or a test harness may each load their own core, so `instanceof` cannot tell; the registered
 * symbol is the same in every copy.
 */
const brand = Symbol.for("@buildpush/core.BuildpushError");

/** The one error type buildpush throws for bad input. It holds every problem found, up to `problemLimit` and a count of the rest. */
export class BuildpushError extends Error {
  readonly problems: readonly Problem[];

  /** Holds at most `problemLimit` problems; past it, a last `too-many-problems` problem says how many more there were. */
  constructor(problems: readonly Problem[]) {
    if (problems.length === 0) throw new TypeError("BuildpushError needs at least one problem");
    const bounded = boundProblems(problems);
    super(bounded.map(formatProblem).join("\n"));
    this.name = "BuildpushError";
    // Every problem says how much it stops; one made by hand without it is an error.
    this.problems = bounded.map((problem) => (problem.severity ? problem : { ...problem, severity: "error" as const }));
    Object.defineProperty(this, brand, { value: true });
  }

  /** The first problem's code, for callers that only branch on one. */
  get code(): ProblemCode {
    return this.problems[0]!.code;
  }
}

/** True for an error any copy of @buildpush/core threw for bad input (checked by brand, not instanceof). */
export function isBuildpushError(error: unknown): error is BuildpushError {
  return typeof error === "object" && error !== null && (error as { [brand]?: unknown })[brand] === true && Array.isArray((error as { problems?: unknown }).problems);
}
