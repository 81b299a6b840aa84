import type { Finding } from "../problems/collector.js";
import { formatPath, type Path } from "../problems/path.js";
import type { SourcePosition } from "../problems/problem.js";
import { isPlainObject } from "../source/values.js";

/**
 * Steps (and step groups) that share an identifier where Harness requires them to differ: among
 * the entries of one stage's execution, parallel blocks included, and among the entries of one
 * step group. Each later one is an error naming both positions: Harness refuses the pipeline,
 * and a runner would overwrite the first one's artifact file with the second's. Steps in
 * different step groups may share one: Harness tells them apart by the group
 * (`<+execution.steps.GROUP.steps.STEP>`), and so does buildpush (`stepGroups`).
 */
export function duplicateIdentifierFindings(document: unknown, locate: (path: Path) => SourcePosition | undefined): Finding[] {
  const findings: Finding[] = [];
  const pipeline = isPlainObject(document) ? document["pipeline"] : undefined;
  const stages = isPlainObject(pipeline) ? pipeline["stages"] : undefined;
  if (!Array.isArray(stages)) return findings;
  const visitStage = (stage: unknown, path: Path): void => {
    const spec = isPlainObject(stage) ? stage["spec"] : undefined;
    const execution = isPlainObject(spec) ? spec["execution"] : undefined;
    if (isPlainObject(execution)) checkScope(execution["steps"], [...path, "spec", "execution", "steps"], locate, findings);
  };
  stages.forEach((entry, index) => {
    if (!isPlainObject(entry)) return;
    visitStage(entry["stage"], ["pipeline", "stages", index, "stage"]);
    if (Array.isArray(entry["parallel"])) entry["parallel"].forEach((inner, innerIndex) => isPlainObject(inner) && visitStage(inner["stage"], ["pipeline", "stages", index, "parallel", innerIndex, "stage"]));
  });
  return findings;
}

/** One scope: the entries of a list, with parallel blocks flattened; each step group opens a scope of its own. */
function checkScope(entries: unknown, path: Path, locate: (path: Path) => SourcePosition | undefined, findings: Finding[]): void {
  const seen = new Map<string, Path>();
  const visit = (list: unknown, listPath: Path): void => {
    if (!Array.isArray(list)) return;
    list.forEach((entry, index) => {
      if (!isPlainObject(entry)) return;
      const at = [...listPath, index];
      for (const kind of ["step", "stepGroup"] as const) {
        const node = entry[kind];
        if (!isPlainObject(node)) continue;
        const identifier = node["identifier"];
        const identifierPath = [...at, kind, "identifier"];
        if (typeof identifier === "string" && identifier !== "") {
          const first = seen.get(identifier);
          if (first === undefined) seen.set(identifier, identifierPath);
          else findings.push(duplicate(identifier, kind, first, identifierPath, locate));
        }
        if (kind === "stepGroup") checkScope(node["steps"], [...at, "stepGroup", "steps"], locate, findings);
      }
      visit(entry["parallel"], [...at, "parallel"]);
    });
  };
  visit(entries, path);
}

function duplicate(identifier: string, kind: "step" | "stepGroup", first: Path, path: Path, locate: (path: Path) => SourcePosition | undefined): Finding {
  const where = locate(first);
  const earlier = `${formatPath(first.slice(0, -1))}${where ? ` (${where.file}:${where.line}:${where.column})` : ""}`;
  return {
    path,
    at: "value",
    code: "invalid-identifier",
    message: `${kind === "step" ? "step" : "step group"} identifier ${identifier} is also the identifier of ${earlier}`,
    value: identifier,
    rule: "the steps and step groups of a stage (and of a step group) have distinct identifiers: Harness requires it, and each step's outputs and artifact file are named by it",
    hint: "give one of them another identifier",
  };
}
