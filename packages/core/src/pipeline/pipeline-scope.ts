import type { ProblemCollector } from "../problems/collector.js";
import { quote } from "../problems/format.js";
import { identifierPattern, identifierRule } from "../rules/identifiers.js";
import type { ScopeIdentifiers } from "../rules/connector-scope.js";
import { isPlainObject } from "../source/values.js";

/**
 * The organization and project a pipeline document says it lives in (`pipeline.orgIdentifier`,
 * `pipeline.projectIdentifier`): a bare connectorRef names a connector of that project. An
 * identifier that is not one is a problem, never ignored: it would let a reference reach
 * another project's connector.
 */
export function readPipelineScope(document: unknown, collector: ProblemCollector): ScopeIdentifiers {
  const scope: ScopeIdentifiers = {};
  const pipeline = isPlainObject(document) ? document["pipeline"] : undefined;
  if (!isPlainObject(pipeline)) return scope;
  for (const key of ["orgIdentifier", "projectIdentifier"] as const) {
    const value = pipeline[key];
    if (value === undefined || value === null || value === "") continue;
    if (typeof value === "string" && identifierPattern.test(value)) scope[key] = value;
    else
      collector.add(["pipeline", key], {
        code: "invalid-identifier",
        message: `the pipeline's ${key} ${quote(value)} is not an identifier`,
        value,
        rule: `${identifierRule}; it says which project's and organization's connectors a bare or org. reference names`,
      });
  }
  return scope;
}
