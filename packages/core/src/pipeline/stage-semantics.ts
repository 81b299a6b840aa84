import type { ProblemCollector } from "../problems/collector.js";
import type { Path } from "../problems/path.js";
import { FieldReader } from "./field-readers.js";
import { readFailureStrategies, readStageWhen, type FailureStrategy, type StageWhen } from "./step-semantics.js";

/**
 * A stage's `when` (`pipelineStatus`, as Harness writes a stage's) and `failureStrategies` (its steps fall back on them), and a refusal of a
 * stage `strategy`: buildpush does not expand stages, and translating one instance of a stage
 * Harness runs several times would build less than the pipeline asks for.
 */
export function readStageSemantics(stage: Record<string, unknown>, path: Path, collector: ProblemCollector): { when?: StageWhen; failureStrategies?: FailureStrategy[] } {
  const when = readStageWhen(stage["when"], [...path, "when"], collector);
  const failureStrategies = readFailureStrategies(stage["failureStrategies"], [...path, "failureStrategies"], collector);
  if (!FieldReader.absent(stage["strategy"])) {
    collector.add([...path, "strategy"], {
      code: "invalid-option",
      message: "a stage's looping strategy is not expanded by buildpush",
      rule: "buildpush expands the strategies of steps and step groups; a stage matrix, repeat or parallelism would run the stage several times, which one translation of it does not do",
      hint: "write one stage per instance, or move the strategy to the build step (or a step group around it)",
    }, "key");
  }
  return { ...(when ? { when } : {}), ...(failureStrategies ? { failureStrategies } : {}) };
}
