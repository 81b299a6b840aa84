import type { BuildPlan, ContainerSpec, SecurityContext } from "./model.js";
import { stepSecurityContext } from "./security-context.js";
import { addonMount, sharedPathMounts, workspaceMount, type StageContext } from "./stage.js";

/**
 * The entries as a plain object with keys in code-unit order, so output is the same whatever
 * order values were set in. A `__proto__` name stays a plain property (`out.__proto__ = x`
 * would set the prototype).
 */
export function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * Harness's Kubernetes layout for a build container, the same for every backend: the stage's
 * security context with the step's user, the workspace, addon and shared-path mounts, and the
 * stage's image pull policy. Set after `resources`, in the documented key order.
 */
export function kubernetesLayout(
  plan: BuildPlan,
  stage: StageContext,
  securityContext: SecurityContext | undefined = stepSecurityContext(stage, plan.runAsUser),
): Pick<ContainerSpec, "securityContext" | "volumeMounts" | "imagePullPolicy"> {
  return {
    ...(securityContext ? { securityContext } : {}),
    volumeMounts: [workspaceMount, addonMount, ...sharedPathMounts(stage.sharedPaths)],
    ...(stage.imagePullPolicy ? { imagePullPolicy: stage.imagePullPolicy } : {}),
  };
}
