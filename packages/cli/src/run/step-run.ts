import type { PushedImage } from "./artifact.js";

/** What became of one step of a run. */
export interface StepRun {
  stage: string;
  identifier: string;
  name: string;
  /**
   * `succeeded`; `skipped` (its when did not hold, or an earlier failure stopped its stage or the
   * run); `failed` with the run going on, as its failure strategy said (Ignore, MarkAsFailure).
   */
  status: "succeeded" | "skipped" | "failed";
  /** Why it was skipped, or how its failure was handled. */
  note?: string;
  /** Image and digest per tag; empty when the step asked for a dry run or did not push. */
  images: PushedImage[];
  /** The artifact file written, when something was pushed. */
  artifactFile?: string;
}
