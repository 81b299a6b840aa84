import { stageVolumeName } from "../backends/container-layout.js";
import type { DockerConfigFile, TranslatedStage } from "../backends/container-spec.js";
import type { StageVolume } from "../pipeline/stage-infrastructure.js";
import { BuildpushError } from "../problems/error.js";
import type { PodSpec, VolumeSource } from "./kubernetes-types.js";
import { toDnsLabel } from "./names.js";

/** The Pod-level settings of a stage's `KubernetesDirect` infrastructure, as Harness puts them on the stage's Pod. */
export interface StagePlacement {
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Pod spec fields, in the order the rendering writes them. */
  spec: Pick<PodSpec, "serviceAccountName" | "automountServiceAccountToken" | "priorityClassName" | "nodeSelector" | "tolerations" | "securityContext" | "hostAliases" | "imagePullSecrets">;
  /** The stage's volumes by the name every container mounts them as (`volume-0`, ...). */
  volumes: Record<string, VolumeSource>;
  /** The Secret the Pod pulls its images with (the login of `harnessImageConnectorRef`). */
  imagePullSecret?: { name: string; file: DockerConfigFile };
}

/** The stage a step belongs to, from the translation's stages; none given, none applied. */
export function stageOf(identifier: string, stages: readonly TranslatedStage[] | undefined): TranslatedStage | undefined {
  if (stages === undefined) return undefined;
  const stage = stages.find((candidate) => candidate.identifier === identifier);
  if (stage) return stage;
  throw new BuildpushError([{ code: "invalid-option", field: "stages", message: `the stages given do not hold stage ${JSON.stringify(identifier)}, whose infrastructure its Pod needs`, value: identifier, rule: "pass the stages of the same translation as the steps (translatePipeline's result)" }]);
}

/**
 * What a stage's infrastructure puts on its Pod: namespace, labels (over the rendering's own, as
 * Harness merges them over its labels), annotations, node selector, tolerations, service account,
 * token mount, priority class, the Pod's runAsUser, host aliases (at 127.0.0.1, as Harness writes
 * them) and the volumes' sources; for any stage, the image pull Secret of its image connector.
 */
export function stagePlacement(stage: TranslatedStage | undefined): StagePlacement {
  const placement: StagePlacement = { labels: {}, annotations: {}, spec: {}, volumes: {} };
  if (stage?.imagePullLogin) {
    // An image pull Secret is read by the kubelet, not mounted: its file has no path in a container.
    placement.imagePullSecret = { name: toDnsLabel(["buildpush", stage.identifier, "image-pull"]), file: { kind: "docker-config", path: "", auths: [{ ...stage.imagePullLogin }], credHelpers: {} } };
    placement.spec.imagePullSecrets = [{ name: placement.imagePullSecret.name }];
  }
  const infrastructure = stage?.infrastructure;
  if (infrastructure?.type !== "KubernetesDirect") return placement;
  if (infrastructure.namespace !== undefined) placement.namespace = infrastructure.namespace;
  Object.assign(placement.labels, infrastructure.labels);
  Object.assign(placement.annotations, infrastructure.annotations);
  const spec = placement.spec;
  if (infrastructure.serviceAccountName !== undefined) spec.serviceAccountName = infrastructure.serviceAccountName;
  if (infrastructure.automountServiceAccountToken !== undefined) spec.automountServiceAccountToken = infrastructure.automountServiceAccountToken;
  if (infrastructure.priorityClassName !== undefined) spec.priorityClassName = infrastructure.priorityClassName;
  if (infrastructure.nodeSelector && Object.keys(infrastructure.nodeSelector).length > 0) spec.nodeSelector = { ...infrastructure.nodeSelector };
  if (infrastructure.tolerations && infrastructure.tolerations.length > 0) spec.tolerations = infrastructure.tolerations.map((toleration) => ({ ...toleration }));
  if (infrastructure.runAsUser !== undefined) spec.securityContext = { runAsUser: infrastructure.runAsUser };
  if (infrastructure.hostNames && infrastructure.hostNames.length > 0) spec.hostAliases = [{ ip: "127.0.0.1", hostnames: [...infrastructure.hostNames] }];
  (infrastructure.volumes ?? []).forEach((volume, index) => {
    placement.volumes[stageVolumeName(index)] = volumeSource(volume);
  });
  return placement;
}

function volumeSource(volume: StageVolume): VolumeSource {
  if (volume.type === "EmptyDir") return { emptyDir: { ...(volume.medium ? { medium: volume.medium } : {}), ...(volume.sizeLimit ? { sizeLimit: volume.sizeLimit } : {}) } };
  if (volume.type === "PersistentVolumeClaim") return { persistentVolumeClaim: { claimName: volume.claimName, ...(volume.readOnly !== undefined ? { readOnly: volume.readOnly } : {}) } };
  return { hostPath: { path: volume.path, ...(volume.hostPathType ? { type: volume.hostPathType } : {}) } };
}
