import type { TranslatedStep } from "../backends/container-spec.js";
import { BuildpushError } from "../problems/error.js";
import { quote } from "../problems/format.js";
import type { Problem } from "../problems/problem.js";
import { identifierPattern, identifierRule } from "../rules/identifiers.js";

/**
 * `<stage>.<step>`: the name of a file or directory that belongs to one step (its env file,
 * its credentials directory), safe to put under any directory. Both parts must be Harness
 * identifiers: a step a caller built by hand with `stage: "../../tmp/x"` would otherwise name a
 * path outside that directory. Throws a BuildpushError otherwise.
 */
export function stepFileName(step: Pick<TranslatedStep, "stage" | "identifier" | "position">): string {
  const problems: Problem[] = [];
  for (const [field, value] of [["stage", step.stage], ["identifier", step.identifier]] as const) {
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
  return `${step.stage}.${step.identifier}`;
}
