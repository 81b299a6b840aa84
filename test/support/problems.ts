import { BuildpushError, type Problem } from "@buildpush/core";

/** The problems `work` throws as a BuildpushError; fails the test when it throws nothing. */
export function problemsOf(work: () => unknown): Problem[] {
  try {
    work();
  } catch (error) {
    if (error instanceof BuildpushError) return [...error.problems];
    throw error;
  }
  throw new Error("expected a BuildpushError");
}
