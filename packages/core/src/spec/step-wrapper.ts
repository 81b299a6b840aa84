/**
 * The keys around a step's `spec` in Harness v0 YAML, with their documentation. The generator
 * (`scripts/generate-schemas.mjs`) builds the step wrapper of `schemas/pipeline.json` from this
 * interface plus `type` and `spec`; `planStep` checks the same rules by hand (see step.ts), and a
 * test keeps the patterns here equal to step.ts's.
 */
export interface StepWrapper {
  /**
   * Display name of the step.
   * @title Name
   * @examples ["Build and push"]
   * @pattern ^[a-zA-Z_0-9-.][-0-9a-zA-Z_\s.]{0,127}$
   * @patternErrorMessage a name starts with a letter, digit, _, - or . and holds letters, digits, spaces, _, - and . (at most 128)
   * @problemCode invalid-name
   */
  name: string;
  /**
   * Identifier of the step, unique in its stage; expressions refer to the step by it.
   * @title Id
   * @examples ["build_and_push"]
   * @pattern ^[a-zA-Z_][0-9a-zA-Z_]{0,127}$
   * @patternErrorMessage an identifier starts with a letter or _ and holds letters, digits and _ (at most 128)
   * @problemCode invalid-identifier
   */
  identifier: string;
  /**
   * How long the step may run before it is stopped: numbers with units ms, s, m, h, d or w. Defaults to 2h.
   * @title Timeout
   * @examples ["10m", "1h 30m"]
   * @pattern ^\d+(?:ms|[smhdw])(?:\s*\d+(?:ms|[smhdw]))*$
   * @patternErrorMessage a timeout is numbers with units ms, s, m, h, d or w, e.g. 10m or 1h 30m
   * @problemCode invalid-timeout
   */
  timeout?: string;
  /**
   * What the step is for, shown in Harness's UI.
   * @title Description
   */
  description?: string;
  /**
   * Conditional execution: `stageStatus` and an optional `condition` expression. Harness evaluates it; buildpush passes over it.
   * @title Conditional Execution
   */
  when?: { [key: string]: unknown };
  /**
   * What Harness does when the step fails. Harness evaluates it; buildpush passes over it.
   * @title Failure Strategy
   */
  failureStrategies?: unknown[];
  /**
   * Looping strategy (matrix, repeat or parallelism). Harness evaluates it; buildpush passes over it.
   * @title Looping Strategy
   */
  strategy?: { [key: string]: unknown };
}
