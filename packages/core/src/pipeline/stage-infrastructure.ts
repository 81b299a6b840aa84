/** A container security context: a stage's `containerSecurityContext`, with a step's runAsUser over it. */
export interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
}

/** A stage's operating system, as Harness spells it (`platform.os`, a Kubernetes stage's `os`). */
export type StageOs = "Linux" | "MacOS" | "Windows";

/** A VM or Harness Cloud stage's CPU architecture (`platform.arch`). */
export type StageArch = "Amd64" | "Arm64";

/** A Kubernetes toleration, as the Pod gets it (empty fields left out, as Harness leaves them out). */
export interface Toleration {
  key?: string;
  operator?: "Equal" | "Exists";
  value?: string;
  effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
  tolerationSeconds?: number;
}

/** A stage volume (`volumes`), mounted at `mountPath` in every container of the stage as `volume-<index>`. */
export type StageVolume =
  | { type: "EmptyDir"; mountPath: string; medium?: "Memory"; /** Harness's `size`, rounded up to whole mebibytes: `954Mi`. */ sizeLimit?: string }
  | { type: "PersistentVolumeClaim"; mountPath: string; claimName: string; readOnly?: boolean }
  | { type: "HostPath"; mountPath: string; path: string; hostPathType?: HostPathType };

/** The `type` of a HostPath volume, as Kubernetes names them. */
export type HostPathType = "DirectoryOrCreate" | "Directory" | "FileOrCreate" | "File" | "Socket" | "CharDevice" | "BlockDevice";

/**
 * A `KubernetesDirect` stage's infrastructure, read and checked with Harness's rules
 * (`infrastructure.spec`): what the stage's Pod must get. Expressions are resolved before.
 */
export interface KubernetesInfrastructure {
  type: "KubernetesDirect";
  /** The cluster's Kubernetes connector: where the engine runs the Pod. */
  connectorRef?: string;
  /** The Pod's `metadata.namespace`. */
  namespace?: string;
  /** Merged over the labels the rendering sets. */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  priorityClassName?: string;
  /** The Pod's `securityContext.runAsUser`. */
  runAsUser?: number;
  /** Copied onto every container (a step's runAsUser goes over its runAsUser). */
  containerSecurityContext?: SecurityContext;
  /** One `hostAliases` entry with these names, at 127.0.0.1, as Harness writes it. */
  hostNames?: string[];
  volumes?: StageVolume[];
  /** How long the engine waits for the Pod to be ready (Harness: this plus 10 s; default 8m). */
  initTimeout?: string;
  os?: StageOs;
  /** Every container's image pull policy. */
  imagePullPolicy?: "Always" | "IfNotPresent" | "Never";
  /** The Docker connector whose registry Harness pulls its images (the plugin images among them) from. */
  harnessImageConnectorRef?: string;
}

/** A Harness Cloud runtime's settings (`runtime.spec`). */
export interface CloudRuntime {
  size?: "xsmall" | "flex" | "small" | "medium" | "large" | "xlarge" | "xxlarge" | "xxxlarge";
  imageName?: string;
  nestedVirtualization?: boolean;
}

/**
 * A stage that runs on a machine rather than a Pod: `VM` (a self-hosted pool), `Cloud` (Harness
 * Cloud, `runtime.type: Cloud`) or `Docker` (a local runner, `runtime.type: Docker`).
 */
export interface MachineInfrastructure {
  type: "VM" | "Cloud" | "Docker";
  /** The machine's OS and architecture (`platform`): the image built runs there. */
  platform?: { os: StageOs; arch?: StageArch };
  /** Harness Cloud's machine size and image. */
  runtime?: CloudRuntime;
  /** A VM stage's pool (`infrastructure.spec.spec.poolName`). */
  poolName?: string;
  initTimeout?: string;
  harnessImageConnectorRef?: string;
}

/** Where and how a stage runs, as the pipeline says it: what the engine must honour. */
export type StageInfrastructure = KubernetesInfrastructure | MachineInfrastructure | { type: "KubernetesHosted" };
