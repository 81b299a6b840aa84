/**
 * The part of the Kubernetes API (core/v1 and batch/v1) the renderings write, field names as
 * the API spells them. Kept here so the library ships no Kubernetes client; the tests check
 * every rendered object against the full OpenAPI schema.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
}

export interface KubernetesVolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}

export interface KubernetesSecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
}

export interface KubernetesContainer {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: EnvVar[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
  volumeMounts?: KubernetesVolumeMount[];
  imagePullPolicy?: "Always" | "IfNotPresent" | "Never";
  securityContext?: KubernetesSecurityContext;
}

/** The volume sources a caller may choose for the workspace and shared paths (and a stage's volumes get). */
export type VolumeSource =
  | { emptyDir: { medium?: "Memory"; sizeLimit?: string } }
  | { persistentVolumeClaim: { claimName: string; readOnly?: boolean } }
  | { hostPath: { path: string; type?: "Directory" | "DirectoryOrCreate" | "FileOrCreate" | "File" | "Socket" | "CharDevice" | "BlockDevice" } };

export interface KubernetesToleration {
  key?: string;
  operator?: "Equal" | "Exists";
  value?: string;
  effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
  tolerationSeconds?: number;
}

/** A Secret mounted as a volume; `.dockerconfigjson` is the one key a credentials file needs. */
export interface SecretVolumeSource {
  secret: { secretName: string; items?: { key: string; path: string }[] };
}

export type KubernetesVolume = { name: string } & (VolumeSource | SecretVolumeSource);

export interface PodSpec {
  restartPolicy: "Never" | "OnFailure";
  activeDeadlineSeconds?: number;
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  priorityClassName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: KubernetesToleration[];
  securityContext?: { runAsUser?: number };
  hostAliases?: { ip: string; hostnames: string[] }[];
  imagePullSecrets?: { name: string }[];
  initContainers?: KubernetesContainer[];
  containers: KubernetesContainer[];
  volumes?: KubernetesVolume[];
}

export interface KubernetesPod {
  apiVersion: "v1";
  kind: "Pod";
  metadata: ObjectMeta;
  spec: PodSpec;
}

export interface KubernetesJob {
  apiVersion: "batch/v1";
  kind: "Job";
  metadata: ObjectMeta;
  spec: {
    backoffLimit: number;
    activeDeadlineSeconds?: number;
    ttlSecondsAfterFinished?: number;
    template: { metadata: Omit<ObjectMeta, "name" | "namespace">; spec: PodSpec };
  };
}
