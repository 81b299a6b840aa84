import { BuildpushError } from "../problems/error.js";
import { type Problem } from "../problems/problem.js";
import type { ContainerSpec } from "../backends/container-spec.js";
import { cIdentifierPattern, isDnsLabel } from "./names.js";

/**
 * The rules every rendering relies on, checked on the ContainerSpec it is given. Specs from
 * translateStep already keep them; a spec an engine built or changed by hand may not, and a
 * rendering that carried the mistake through would fail only when the engine runs it.
 */
export function checkContainerSpec(spec: ContainerSpec, field = "container"): void {
  const problems: Problem[] = [];
  const add = (code: Problem["code"], at: string, message: string, value: unknown, rule: string): void => {
    problems.push({ code, field: `${field}.${at}`, message, value, rule });
  };
  if (!isDnsLabel(spec.name)) {
    add("invalid-option", "name", `container name ${JSON.stringify(spec.name)} is not a DNS-1123 label`, spec.name, "lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
  }
  for (const name of [...Object.keys(spec.env), ...Object.keys(spec.secretEnv)]) {
    if (!cIdentifierPattern.test(name)) add("invalid-env-name", `env.${name}`, `${JSON.stringify(name)} is not a valid environment variable name`, name, "letters, digits and '_', not starting with a digit");
  }
  for (const name of Object.keys(spec.secretEnv)) {
    if (Object.prototype.hasOwnProperty.call(spec.env, name)) add("invalid-option", `secretEnv.${name}`, `${name} is set both as a plain and as a secret variable`, name, "a variable is either plain or secret");
  }
  const paths = new Set<string>();
  const mountPaths = [...(spec.volumeMounts ?? []).map((mount) => mount.mountPath), ...(spec.files ?? []).map((file) => file.path)];
  for (const path of mountPaths) {
    if (!path.startsWith("/")) add("invalid-option", "volumeMounts", `mount path ${JSON.stringify(path)} is not absolute`, path, "a mount path starts with /");
    if (paths.has(path)) add("invalid-option", "volumeMounts", `two mounts share the path ${JSON.stringify(path)}`, path, "each mount path appears once in a container");
    paths.add(path);
  }
  for (const mount of spec.volumeMounts ?? []) {
    if (!isDnsLabel(mount.name)) add("invalid-option", "volumeMounts", `volume name ${JSON.stringify(mount.name)} is not a DNS-1123 label`, mount.name, "lowercase letters, digits and '-', at most 63 characters");
  }
  const context = spec.securityContext;
  if (context?.runAsNonRoot === true && context.runAsUser === 0) {
    add("invalid-run-as-user", "securityContext.runAsUser", "runAsUser is 0 (root) but runAsNonRoot is true, so the container would never start", 0, "with runAsNonRoot, runAsUser is a non-zero user id");
  }
  if (problems.length > 0) throw new BuildpushError(problems);
}
