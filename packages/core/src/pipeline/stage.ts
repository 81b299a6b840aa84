import type { SecretRef, SecurityContext, VolumeMount } from "../plan/model.js";

/** What a step inherits from its stage (and pipeline). */
export interface StageContext {
  identifier?: string;
  /** The stage infrastructure's OS (`Linux`, `Windows`, ...). */
  os?: string;
  /** Pipeline then stage variables of type String/Number: they reach the container's environment. */
  variables?: Record<string, string>;
  /** Variables of type Secret: references the runtime resolves. */
  secretVariables?: Record<string, SecretRef>;
  /** The stage's container security context; a step's runAsUser goes over it. */
  containerSecurityContext?: SecurityContext;
  imagePullPolicy?: "Always" | "IfNotPresent" | "Never";
  /** Stage `sharedPaths`: further directories mounted into every step. */
  sharedPaths?: string[];
}

/** Harness's Kubernetes layout: the cloned code in /harness, plugin scratch space in /addon. */
export const workspaceMount: VolumeMount = { name: "harness", mountPath: "/harness" };
export const addonMount: VolumeMount = { name: "addon", mountPath: "/addon" };

export function sharedPathMounts(paths: readonly string[] = []): VolumeMount[] {
  return paths.map((mountPath, index) => ({ name: `shared-${index}`, mountPath }));
}

/**
 * A DNS-1123 label for a step's container: `step-` and the identifier, lowercase, `_` → `-`.
 * `taken` holds names already used in the stage; a clash gets a numeric suffix.
 */
export function containerName(identifier: string, taken: Set<string> = new Set()): string {
  const base = `step-${identifier.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}`.slice(0, 63).replace(/-+$/, "");
  let name = base;
  for (let n = 2; taken.has(name); n++) {
    const suffix = `-${n}`;
    name = `${base.slice(0, 63 - suffix.length).replace(/-+$/, "")}${suffix}`;
  }
  taken.add(name);
  return name;
}
