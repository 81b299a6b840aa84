import type { BuildPlan, SecretRef } from "../plan/build-plan.js";
import type { SecurityContext, StageContext } from "../pipeline/stage.js";
import { workspaceRoot } from "../rules/text-checks.js";
import type { ContainerSpec, VolumeMount } from "./container-spec.js";
import { stepSecurityContext } from "./security-context.js";
import { sortedRecord, type SortedRecord } from "./sorted-record.js";

/** Harness's Kubernetes layout: the cloned code in /harness, plugin scratch space in /addon. */
export const workspaceMount: VolumeMount = { name: "harness", mountPath: workspaceRoot };
export const addonMount: VolumeMount = { name: "addon", mountPath: "/addon" };

export function sharedPathMounts(paths: readonly string[] = []): VolumeMount[] {
  return paths.map((mountPath, index) => ({ name: `shared-${index}`, mountPath }));
}

/** The name every container mounts a stage's volume by, as Harness names it: `volume-0`, `volume-1`, ... */
export function stageVolumeName(index: number): string {
  return `volume-${index}`;
}

/** A KubernetesDirect stage's volumes, mounted in every container (as Harness mounts them). */
export function stageVolumeMounts(infrastructure: StageContext["infrastructure"]): VolumeMount[] {
  const volumes = infrastructure?.type === "KubernetesDirect" ? (infrastructure.volumes ?? []) : [];
  return volumes.map((volume, index) => ({ name: stageVolumeName(index), mountPath: volume.mountPath }));
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

/** What a backend decides about its container; the rest is the same for every backend. */
export interface ContainerParts {
  image: string;
  command?: string[];
  args?: string[];
  /** Entries or a Map, sorted by name here; a record sortedRecord made is used as it is. */
  env: Iterable<readonly [string, string]> | ReadonlyMap<string, string> | SortedRecord<string>;
  secretEnv: Iterable<readonly [string, SecretRef]> | ReadonlyMap<string, SecretRef> | SortedRecord<SecretRef>;
  /** The security context on Kubernetes; by default the stage's with the step's runAsUser. */
  securityContext?: SecurityContext;
  files?: ContainerSpec["files"];
  artifact?: ContainerSpec["artifact"];
  /** On VM infrastructure, where Harness gives a step no mounts, the ones this container needs (on Kubernetes every container has Harness's). */
  vmVolumeMounts?: VolumeMount[];
}

/**
 * A build container as every backend lays it out: keys in the documented contract order, env
 * sorted, and on Kubernetes Harness's workspace, addon and shared-path mounts, the step's
 * security context and the stage's image pull policy.
 */
export function buildContainer(plan: BuildPlan, stage: StageContext, name: string, parts: ContainerParts): ContainerSpec {
  const kubernetes = plan.infrastructure === "kubernetes";
  const container = { name, image: parts.image } as ContainerSpec;
  if (parts.command) container.command = parts.command;
  if (parts.args) container.args = parts.args;
  container.env = sortedRecord(parts.env);
  container.secretEnv = sortedRecord(parts.secretEnv);
  if (kubernetes) container.workingDir = workspaceMount.mountPath;
  container.resources = plan.resources;
  if (kubernetes) {
    const securityContext = parts.securityContext ?? stepSecurityContext(stage, plan.runAsUser);
    if (securityContext) container.securityContext = securityContext;
    container.volumeMounts = [workspaceMount, addonMount, ...sharedPathMounts(stage.sharedPaths), ...stageVolumeMounts(stage.infrastructure)];
    if (stage.imagePullPolicy) container.imagePullPolicy = stage.imagePullPolicy;
  } else if (parts.vmVolumeMounts && parts.vmVolumeMounts.length > 0) container.volumeMounts = parts.vmVolumeMounts;
  if (parts.files && parts.files.length > 0) container.files = parts.files;
  if (parts.artifact) container.artifact = parts.artifact;
  return container;
}
