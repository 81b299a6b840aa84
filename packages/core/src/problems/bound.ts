import type { Problem } from "./problem.js";

/**
 * How many problems buildpush keeps for one call: enough to fix a file by, few enough that a
 * hostile input (a million bad tags) costs neither seconds of formatting nor gigabytes. Past
 * it, problems are counted, not kept, and one last problem says how many were left out.
 */
export const problemLimit = 1000;

export const problemLimitRule = `buildpush reports at most ${problemLimit} problems at once; fix these and run it again to see the rest`;

/** The last problem of a list cut at the limit: how many more there were. */
export function moreProblems(count: number): Problem {
  return { code: "too-many-problems", message: `${count} more problem${count === 1 ? "" : "s"} not shown`, value: count, rule: problemLimitRule };
}

/** The number of problems a `too-many-problems` problem stands for, or 0 for any other. */
export function omittedCount(problem: Pick<Problem, "code" | "value">): number {
  return problem.code === "too-many-problems" && typeof problem.value === "number" ? problem.value : 0;
}

/**
 * `problems` cut to the limit, in their order, with one `too-many-problems` problem last when
 * any were left out (the counts of such problems already in the list are added up).
 */
export function boundProblems(problems: readonly Problem[]): readonly Problem[] {
  let omitted = 0;
  let summaries = 0;
  for (const problem of problems) {
    const count = omittedCount(problem);
    if (count > 0 || problem.code === "too-many-problems") {
      omitted += count;
      summaries++;
    }
  }
  if (summaries === 0 && problems.length <= problemLimit) return problems;
  const kept: Problem[] = [];
  for (const problem of problems) {
    if (problem.code === "too-many-problems") continue;
    if (kept.length < problemLimit) kept.push(problem);
    else omitted++;
  }
  if (omitted > 0) kept.push(moreProblems(omitted));
  return kept;
}
