import type { FailureAction, FailureErrorType, FailureStrategy, PlannedStep } from "@buildpush/core";

/** The failure strategy that handles an error of a step, and whose it is (for the log). */
export interface ChosenStrategy {
  action: FailureAction;
  /** `the step's`, `step group build's`, `stage deploy's`. */
  owner: string;
  errors: readonly FailureErrorType[];
}

/**
 * The strategy Harness applies to a step's error: the step's own strategies first, then its step
 * groups' (innermost first), then its stage's; at each level the first that names the error (or
 * AllErrors). None: the failure stands.
 */
export function failureStrategyFor(step: PlannedStep, type: FailureErrorType): ChosenStrategy | undefined {
  const levels: [string, readonly FailureStrategy[] | undefined][] = [
    ["the step's", step.semantics.failureStrategies],
    ...[...step.semantics.stepGroups].reverse().map((group): [string, readonly FailureStrategy[] | undefined] => [`step group ${group.identifier}'s`, group.failureStrategies]),
    [`stage ${step.stage}'s`, step.stageContext.failureStrategies],
  ];
  for (const [owner, strategies] of levels) {
    const found = strategies?.find((strategy) => strategy.errors.includes("AllErrors") || strategy.errors.includes(type));
    if (found) return { action: found.action, owner, errors: found.errors };
  }
  return undefined;
}
