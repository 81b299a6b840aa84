import type { ProblemCollector } from "../problems/collector.js";
import { quote } from "../problems/format.js";
import { identifierPattern, identifierRule } from "../rules/identifiers.js";
import type { ScopeIdentifiers } from "../rules/connector-scope.js";
import { describeType, isPlainObject } from "../source/values.js";

/**
 * The organization and project a pipeline document says it lives in (`pipeline.orgIdentifier`,
 * `pipeline.projectIdentifier`): a bare connectorRef names a connector of that project. A value
 * that is not text is an error. Text that is not an identifier (Harness's own examples write
 * `my-project`) is a warning saying that references are then looked up as for a pipeline that
 * names no project: a bare reference finds the one connector of that identifier, and one that
 * two connectors answer is refused.
 */
export function readPipelineScope(document: unknown, collector: ProblemCollector): ScopeIdentifiers {
  const scope: ScopeIdentifiers = {};
  const pipeline = isPlainObject(document) ? document["pipeline"] : undefined;
  if (!isPlainObject(pipeline)) return scope;
  for (const key of ["orgIdentifier", "projectIdentifier"] as const) {
    const value = pipeline[key];
    if (value === undefined || value === null || value === "") continue;
    if (typeof value === "string" && identifierPattern.test(value)) scope[key] = value;
    else if (typeof value !== "string")
      collector.add(["pipeline", key], {
        code: "wrong-type",
        message: `the pipeline's ${key} must be an identifier, not ${describeType(value)}`,
        value,
        rule: `${identifierRule}; it says which project's and organization's connectors a bare or org. reference names`,
      });
    else
      // A warning: Harness's own examples write placeholders here (`my-project`), and the value
      // only scopes connector references, which are then looked up as if it were absent.
      collector.add(["pipeline", key], {
        code: "invalid-identifier",
        severity: "warning",
        message: `the pipeline's ${key} ${quote(value)} is not an identifier, so connector references are looked up as if the pipeline named no ${key === "orgIdentifier" ? "organization" : "project"}`,
        value,
        rule: `${identifierRule}; it says which project's and organization's connectors a bare or org. reference names`,
      });
  }
  return scope;
}
