import { asWritten, quote } from "../problems/format.js";
import type { ProblemCollector } from "../problems/collector.js";
import type { Path } from "../problems/path.js";
import { isEnvName, prototypeNameRule } from "../rules/identifiers.js";
import { optionPathRule, workspacePathProblem, workspacePathRule } from "../rules/text-checks.js";
import type { CommonSpec } from "./common-spec.js";
import type { PartialReadSpec } from "./read-spec.js";

/**
 * envDockerSecrets and fileDockerSecrets reach the plugin as `id=VALUE,id=VALUE` and buildx as
 * `--secret id=ID,env=VARIABLE` / `--secret id=ID,src=PATH`, which it reads as CSV: an id or a
 * value that holds a separator would silently become another secret, or none.
 */
export const secretIdPattern = /^[A-Za-z0-9_.-]+$/;
export const secretIdRule = "a secret id holds letters, digits, _, . and - (the plugin receives id=VALUE,id=VALUE)";
const secretPathCharacters = /^[^,"]+$/;

export function checkDockerSecrets(spec: PartialReadSpec<CommonSpec>, root: string | null, specPath: Path, collector: ProblemCollector): void {
  const ids = new Set<string>();
  const checkId = (field: "envDockerSecrets" | "fileDockerSecrets", id: string): void => {
    if (!secretIdPattern.test(id)) {
      collector.add([...specPath, field, id], { code: "invalid-map-entry", message: `${field} id ${quote(id)} cannot name a build secret`, value: id, rule: secretIdRule }, "key");
    } else if (ids.has(id)) {
      collector.add([...specPath, field, id], {
        code: "invalid-map-entry",
        message: `the build secret id ${quote(id)} is given twice, in envDockerSecrets and in fileDockerSecrets`,
        value: id,
        rule: "each build secret id is given once: a Dockerfile mounts a secret by its id",
      }, "key");
    }
    ids.add(id);
  };
  for (const [id, variable] of spec.envDockerSecrets ?? []) {
    checkId("envDockerSecrets", id);
    if (isEnvName(variable)) continue;
    collector.add([...specPath, "envDockerSecrets", id], {
      code: "invalid-map-entry",
      message: `envDockerSecrets.${asWritten(id)} is ${quote(variable)}, which is not the name of an environment variable`,
      value: variable,
      rule: variable === "__proto__" ? prototypeNameRule : "the value names an environment variable of the build container: a letter or _, then letters, digits and _",
      hint: "keep the secret in a Secret stage or pipeline variable and write that variable's name here",
    });
  }
  for (const [id, path] of spec.fileDockerSecrets ?? []) {
    checkId("fileDockerSecrets", id);
    const problem = secretPathCharacters.test(path) ? workspacePathProblem(path, root) : { reason: "it holds a comma or a double quote, which would split the secret's settings" };
    if (problem === undefined) continue;
    collector.add([...specPath, "fileDockerSecrets", id], {
      code: "invalid-path",
      message: `fileDockerSecrets.${asWritten(id)} ${quote(path)} is not a path inside the workspace: ${problem.reason}`,
      value: path,
      rule: `${root === null ? optionPathRule : workspacePathRule(root)}; it holds no comma or double quote`,
      ...(problem.hint ? { hint: problem.hint } : {}),
    });
  }
}
