import { BuildpushError, isBuildpushError } from "../problems/error.js";
import type { TranslatedStep } from "../backends/container-spec.js";

/**
 * Run `work` for one step; a BuildpushError it throws gets the step's position in the pipeline
 * file (where the problem has none), so a rendering problem points at the step that caused it.
 */
export function atStep<T>(step: TranslatedStep, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!isBuildpushError(error) || !step.position) throw error;
    throw new BuildpushError(error.problems.map((problem) => (problem.position ? problem : { ...problem, position: step.position! })));
  }
}
