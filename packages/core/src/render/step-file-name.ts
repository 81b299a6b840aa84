import type { TranslatedStep } from "../backends/container-spec.js";
import { BuildpushError } from "../problems/error.js";
import { quote } from "../problems/format.js";
import type { Problem } from "../problems/problem.js";
import { identifierPattern, identifierRule } from "../rules/identifiers.js";

/**
 * `<stage>.<step>` (`<stage>.<group>.<step>` for a step in step groups, since steps of
 * different groups may share an identifier): the name of a file or directory that belongs to
 * one step (its env file, its credentials directory), safe to put under any directory. Every
 * part must be a Harness identifier: a step a caller built by hand with `stage: "../../tmp/x"`
 * would otherwise name a path outside that directory. Throws a BuildpushError otherwise.
 */
export function stepFileName(step: Pick<TranslatedStep, "stage" | "identifier" | "position" | "stepGroups">): string {
  const problems: Problem[] = [];
  const groups = (step.stepGroups ?? []).map((group, index) => [`stepGroups[${index}].identifier`, group.identifier] as const);
  for (const [field, value] of [["stage", step.stage], ...groups, ["identifier", step.identifier]] as const) {
    if (typeof value === "string" && identifierPattern.test(value)) continue;
    problems.push({
      code: "invalid-identifier",
      message: `the step's ${field} ${quote(value)} cannot name a file: it is not an identifier`,
      field,
      value,
      rule: `${identifierRule}; file names are made from the stage and step identifiers`,
      ...(step.position ? { position: step.position } : {}),
    });
  }
  if (problems.length > 0) throw new BuildpushError(problems);
  return [step.stage, ...groups.map(([, identifier]) => identifier), step.identifier].join(".");
}
