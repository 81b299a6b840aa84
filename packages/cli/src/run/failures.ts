import type { FailureErrorType } from "@buildpush/core";
import { systemErrorReason } from "../system-error.js";

/**
 * A step that could not be run or failed: the message says which step, what failed and why;
 * `errorType` what a failure strategy knows it by (`Timeout`, `Authentication`, ...).
 */
export class RunFailure extends Error {
  override readonly name: string = "RunFailure";

  constructor(
    message: string,
    readonly errorType: FailureErrorType = "Unknown",
  ) {
    super(message);
  }
}

/**
 * buildpush itself could not use a file or directory of this machine (the temporary directory,
 * the artifacts directory): one line naming the path. `builderStarted` says whether any build
 * had begun, so the CLI can tell "nothing ran" (exit 2) from "stopped part way" (exit 4).
 */
export class EnvironmentFailure extends RunFailure {
  override readonly name = "EnvironmentFailure";

  constructor(
    message: string,
    readonly path: string,
    readonly builderStarted = false,
  ) {
    super(message);
  }
}

/** The run was asked to stop (a signal, a closed output) and has stopped its builder and removed its files. */
export class RunStopped extends Error {
  override readonly name = "RunStopped";

  constructor() {
    super("the run was stopped");
  }
}

/** Run a file operation of buildpush's own; a failure becomes one line naming the path. */
export async function onDisk<T>(path: string, describe: (reason: string) => string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException | null)?.code !== "string") throw error;
    throw new EnvironmentFailure(describe(systemErrorReason(error)), path);
  }
}
