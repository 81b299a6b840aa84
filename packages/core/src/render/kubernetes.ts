import { BuildpushError } from "../problems/error.js";
import type { TranslatedStep } from "../backends/container-spec.js";
import { workspaceMount } from "../backends/container-layout.js";
import { escapeExpansion, toKubernetesContainer, type KubernetesContainerOptions, type RequiredSecret } from "./kubernetes-container.js";
import type { KubernetesContainer, KubernetesJob, KubernetesPod, KubernetesSecurityContext, KubernetesVolume, ObjectMeta, PodSpec, VolumeSource } from "./kubernetes-types.js";
import { isValidImageReference } from "../rules/image-reference.js";
import { cIdentifierPattern, isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue, toDnsLabel, toLabelValue } from "./names.js";
import { timeoutSeconds } from "./quantities.js";
import { atStep } from "./step-problems.js";
import { stageOf, stagePlacement, type StagePlacement } from "./stage-placement.js";
import type { TranslatedStage } from "../backends/container-spec.js";

/** Label and annotation keys the renderings set; the identifiers as written are in annotations. */
export const kubernetesKeys = {
  managedBy: "app.kubernetes.io/managed-by",
  stage: "buildpush/stage",
  step: "buildpush/step",
  stepType: "buildpush/step-type",
  /** On a stage Pod: JSON object, container name → step identifier. */
  steps: "buildpush/steps",
} as const;

/** An init container that fills the workspace (an emptyDir mounted at /harness) before the build. */
export interface WorkspaceInitContainer {
  /** Default `init-workspace`. */
  name?: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: Record<string, string>;
  securityContext?: KubernetesSecurityContext;
}

/** Where the `harness` volume (the code, at /harness) comes from: a volume, or an init container. */
export type WorkspaceSource = VolumeSource | { initContainer: WorkspaceInitContainer };

export interface KubernetesObjectOptions extends Pick<KubernetesContainerOptions, "secrets" | "dockerConfigSecretName"> {
  /** The object's name; default `buildpush-<stage>` for a Pod, `buildpush-<stage>-<step>` for a Job. */
  name?: string;
  namespace?: string;
  /** Added to the labels the rendering sets (and over them). */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** The `harness` workspace volume; default an emptyDir (which starts empty). */
  workspace?: WorkspaceSource;
  /** Other volumes by mount name (`addon`, `shared-0`, ...); default an emptyDir each. */
  volumes?: Record<string, VolumeSource>;
  /** The service account the Pod runs as (e.g. one bound to an AWS role through IRSA); over the stage's. */
  serviceAccountName?: string;
  /**
   * The stages of the translation (translatePipeline's `stages`): each Pod, and each Job's Pod,
   * gets its stage's infrastructure (namespace, labels, node selector, tolerations, volumes, ...).
   * The options above go over the stage's.
   */
  stages?: readonly TranslatedStage[];
}

export interface KubernetesJobOptions extends KubernetesObjectOptions {
  /** Retries of a failed build; default 0, a failed push is reported, not repeated. */
  backoffLimit?: number;
  ttlSecondsAfterFinished?: number;
}

/** Objects to apply, and the Secrets they read, which must exist first. */
export interface KubernetesManifests<T> {
  objects: T[];
  secrets: RequiredSecret[];
}

/**
 * The build-and-push containers of one stage as one Pod, laid out as Harness lays out a stage:
 * the `harness` workspace at /harness, `addon` at /addon, shared paths as further volumes. The
 * containers start together (like a parallel block); the Pod's deadline is the longest timeout.
 */
export function toKubernetesPod(steps: readonly TranslatedStep[], options: KubernetesObjectOptions = {}): KubernetesPod {
  return renderPod(steps, options).object;
}

/** One step as a Job a user can `kubectl apply`; the step's timeout is its deadline. */
export function toKubernetesJob(step: TranslatedStep, options: KubernetesJobOptions = {}): KubernetesJob {
  return renderJob(step, options).object;
}

/** A Pod per stage, in the order stages first appear, with distinct names. */
export function toKubernetesPods(steps: readonly TranslatedStep[], options: Omit<KubernetesObjectOptions, "name"> = {}): KubernetesManifests<KubernetesPod> {
  const stages = new Map<string, TranslatedStep[]>();
  for (const step of steps) stages.set(step.stage, [...(stages.get(step.stage) ?? []), step]);
  const taken = new Set<string>();
  const rendered = [...stages.entries()].map(([stage, stageSteps]) => renderPod(stageSteps, { ...options, name: distinct(podName(stage), taken) }));
  return { objects: rendered.map((item) => item.object), secrets: mergeSecrets(rendered.flatMap((item) => item.secrets)) };
}

/** A Job per step, with distinct names. */
export function toKubernetesJobs(steps: readonly TranslatedStep[], options: Omit<KubernetesJobOptions, "name"> = {}): KubernetesManifests<KubernetesJob> {
  const taken = new Set<string>();
  const rendered = steps.map((step) => renderJob(step, { ...options, name: distinct(jobName(step), taken) }));
  return { objects: rendered.map((item) => item.object), secrets: mergeSecrets(rendered.flatMap((item) => item.secrets)) };
}

interface Rendered<T> {
  object: T;
  secrets: RequiredSecret[];
}

function renderPod(steps: readonly TranslatedStep[], options: KubernetesObjectOptions): Rendered<KubernetesPod> {
  const first = steps[0];
  if (!first) throw optionError("steps", "a Pod needs at least one step", [], "pass the steps of one stage");
  const other = steps.find((step) => step.stage !== first.stage);
  if (other) throw optionError("steps", `a Pod holds one stage, got ${JSON.stringify(first.stage)} and ${JSON.stringify(other.stage)}`, other.stage, "pass the steps of one stage, or use toKubernetesPods");
  const name = options.name ?? podName(first.stage);
  checkObjectName(name, isDnsSubdomain, "a Pod name is a DNS-1123 subdomain");
  const placement = stagePlacement(stageOf(first.stage, options.stages));
  const { spec, secrets } = podSpec(steps, name, options, placement);
  const labels = { ...baseLabels(first.stage), ...placement.labels, ...options.labels };
  const stepsByContainer = Object.fromEntries(steps.map((step) => [step.container.name, step.identifier]));
  const annotations = { [kubernetesKeys.stage]: first.stage, [kubernetesKeys.steps]: JSON.stringify(stepsByContainer), ...placement.annotations, ...options.annotations };
  const object: KubernetesPod = { apiVersion: "v1", kind: "Pod", metadata: objectMeta(name, options.namespace ?? placement.namespace, labels, annotations), spec };
  return { object, secrets };
}

function renderJob(step: TranslatedStep, options: KubernetesJobOptions): Rendered<KubernetesJob> {
  const name = options.name ?? jobName(step);
  // The Job controller copies the name into the `job-name` label of its Pods, so it must be a label.
  checkObjectName(name, isDnsLabel, "a Job name is a DNS-1123 label (its Pods carry it as a label value)");
  const placement = stagePlacement(stageOf(step.stage, options.stages));
  const { spec, secrets } = podSpec([step], name, options, placement);
  delete spec.activeDeadlineSeconds;
  const stepLabel = toLabelValue(step.identifier);
  const labels = { ...baseLabels(step.stage), ...placement.labels, ...(stepLabel ? { [kubernetesKeys.step]: stepLabel } : {}), ...options.labels };
  const annotations = { [kubernetesKeys.stage]: step.stage, [kubernetesKeys.step]: step.identifier, [kubernetesKeys.stepType]: step.type, ...placement.annotations, ...options.annotations };
  const backoffLimit = options.backoffLimit ?? 0;
  if (!Number.isInteger(backoffLimit) || backoffLimit < 0) throw optionError("backoffLimit", `backoffLimit ${backoffLimit} is not a count`, backoffLimit, "a whole number, 0 or more");
  const jobSpec: KubernetesJob["spec"] = { backoffLimit, activeDeadlineSeconds: atStep(step, () => timeoutSeconds(step.timeout)), template: { metadata: { labels: { ...labels }, annotations: { ...annotations } }, spec } };
  if (options.ttlSecondsAfterFinished !== undefined) {
    if (!Number.isInteger(options.ttlSecondsAfterFinished) || options.ttlSecondsAfterFinished < 0) {
      throw optionError("ttlSecondsAfterFinished", `ttlSecondsAfterFinished ${options.ttlSecondsAfterFinished} is not a number of seconds`, options.ttlSecondsAfterFinished, "a whole number, 0 or more");
    }
    jobSpec.ttlSecondsAfterFinished = options.ttlSecondsAfterFinished;
  }
  const object: KubernetesJob = { apiVersion: "batch/v1", kind: "Job", metadata: objectMeta(name, options.namespace ?? placement.namespace, labels, annotations), spec: jobSpec };
  return { object, secrets };
}

function podSpec(steps: readonly TranslatedStep[], owner: string, options: KubernetesObjectOptions, placement: StagePlacement): { spec: PodSpec; secrets: RequiredSecret[] } {
  const containers: KubernetesContainer[] = [];
  const credentialVolumes: KubernetesVolume[] = [];
  const secrets: RequiredSecret[] = [];
  steps.forEach((step, index) => {
    const rendered = atStep(step, () =>
      toKubernetesContainer(step.container, {
        owner,
        soleContainer: steps.length === 1,
        credentialsVolumePrefix: steps.length > 1 ? `docker-config-${index}` : "docker-config",
        ...(options.secrets !== undefined ? { secrets: options.secrets } : {}),
        ...(options.dockerConfigSecretName ? { dockerConfigSecretName: options.dockerConfigSecretName } : {}),
      }),
    );
    containers.push(rendered.container);
    credentialVolumes.push(...rendered.volumes);
    secrets.push(...rendered.secrets);
  });

  const mountNames = [...new Set(steps.flatMap((step) => (step.container.volumeMounts ?? []).map((mount) => mount.name)))];
  for (const name of Object.keys(options.volumes ?? {})) {
    if (!mountNames.includes(name) || name === workspaceMount.name) {
      throw optionError(`volumes.${name}`, `no container mounts a volume ${JSON.stringify(name)} that this option could set`, name, `set one of: ${mountNames.filter((n) => n !== workspaceMount.name).join(", ") || "(none)"}; the workspace is set with workspace`);
    }
  }
  if (options.workspace && !mountNames.includes(workspaceMount.name)) {
    throw optionError("workspace", "no container mounts the workspace, so there is nothing to fill", workspaceMount.name, "Kubernetes-infrastructure steps mount it at /harness; translate with infrastructure kubernetes");
  }
  const workspace = options.workspace ?? { emptyDir: {} };
  const initContainers: KubernetesContainer[] = [];
  const volumes: KubernetesVolume[] = mountNames.map((name) => {
    // Copies, so objects never share the caller's (or each other's) nested values.
    if (name !== workspaceMount.name) return { name, ...structuredClone(options.volumes?.[name] ?? placement.volumes[name] ?? { emptyDir: {} }) };
    if (!("initContainer" in workspace)) return { name, ...structuredClone(workspace) };
    initContainers.push(workspaceInitContainer(workspace.initContainer));
    return { name, emptyDir: {} };
  });
  volumes.push(...credentialVolumes);

  const names = new Set<string>();
  for (const container of [...initContainers, ...containers]) {
    if (names.has(container.name)) throw optionError("containers", `two containers are named ${JSON.stringify(container.name)}`, container.name, "container names are unique within a Pod");
    names.add(container.name);
  }
  if (options.serviceAccountName !== undefined) checkObjectName(options.serviceAccountName, isDnsSubdomain, "a service account name is a DNS-1123 subdomain");
  const spec: PodSpec = {
    restartPolicy: "Never",
    activeDeadlineSeconds: Math.max(...steps.map((step) => atStep(step, () => timeoutSeconds(step.timeout)))),
    ...structuredClone(placement.spec),
    ...(options.serviceAccountName !== undefined ? { serviceAccountName: options.serviceAccountName } : {}),
    ...(initContainers.length > 0 ? { initContainers } : {}),
    containers,
    ...(volumes.length > 0 ? { volumes } : {}),
  };
  if (placement.imagePullSecret) secrets.push({ kind: "docker-config", ...structuredClone(placement.imagePullSecret) });
  return { spec, secrets: mergeSecrets(secrets) };
}

function workspaceInitContainer(init: WorkspaceInitContainer): KubernetesContainer {
  const container: KubernetesContainer = { name: init.name ?? "init-workspace", image: init.image };
  if (!isDnsLabel(container.name)) throw optionError("workspace.initContainer.name", `${JSON.stringify(container.name)} is not a DNS-1123 label`, container.name, "lowercase letters, digits and '-', at most 63 characters");
  if (!isValidImageReference(init.image)) throw optionError("workspace.initContainer.image", `${JSON.stringify(init.image)} is not an image reference`, init.image, "an image reference is [registry/]repository[:tag][@sha256:digest]");
  for (const name of Object.keys(init.env ?? {})) {
    if (!cIdentifierPattern.test(name)) throw optionError(`workspace.initContainer.env.${name}`, `${JSON.stringify(name)} is not a valid environment variable name`, name, "letters, digits and '_', not starting with a digit");
  }
  if (init.command?.length) container.command = init.command.map(escapeExpansion);
  if (init.args?.length) container.args = init.args.map(escapeExpansion);
  container.workingDir = workspaceMount.mountPath;
  const env = Object.entries(init.env ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (env.length > 0) container.env = env.map(([name, value]) => ({ name, value: escapeExpansion(value) }));
  container.volumeMounts = [{ name: workspaceMount.name, mountPath: workspaceMount.mountPath }];
  if (init.securityContext) container.securityContext = structuredClone(init.securityContext);
  return container;
}

function podName(stage: string): string {
  return toDnsLabel(["buildpush", stage]);
}

function jobName(step: TranslatedStep): string {
  return toDnsLabel(["buildpush", step.stage, step.identifier]);
}

/** `name`, or `name-2`, `name-3`... when an earlier object took it. */
function distinct(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = toDnsLabel([name, String(n)]);
  taken.add(candidate);
  return candidate;
}

function baseLabels(stage: string): Record<string, string> {
  const stageLabel = toLabelValue(stage);
  return { [kubernetesKeys.managedBy]: "buildpush", ...(stageLabel ? { [kubernetesKeys.stage]: stageLabel } : {}) };
}

function objectMeta(name: string, namespace: string | undefined, labels: Record<string, string>, annotations: Record<string, string>): ObjectMeta {
  const meta: ObjectMeta = { name };
  if (namespace !== undefined) {
    checkObjectName(namespace, isDnsLabel, "a namespace is a DNS-1123 label");
    meta.namespace = namespace;
  }
  for (const [key, value] of Object.entries(labels)) {
    if (!isLabelKey(key)) throw optionError(`labels.${key}`, `${JSON.stringify(key)} is not a label key Kubernetes accepts`, key, "an optional DNS subdomain and '/', then a name of letters, digits, '-', '_' and '.', at most 63 characters");
    if (!isLabelValue(value)) throw optionError(`labels.${key}`, `${JSON.stringify(value)} is not a label value Kubernetes accepts`, value, "empty, or letters, digits, '-', '_' and '.' starting and ending with a letter or digit, at most 63 characters");
  }
  for (const key of Object.keys(annotations)) {
    if (!isLabelKey(key)) throw optionError(`annotations.${key}`, `${JSON.stringify(key)} is not an annotation key Kubernetes accepts`, key, "an optional DNS subdomain and '/', then a name of letters, digits, '-', '_' and '.', at most 63 characters");
  }
  meta.labels = labels;
  meta.annotations = annotations;
  return meta;
}

function mergeSecrets(secrets: readonly RequiredSecret[]): RequiredSecret[] {
  const seen = new Map<string, RequiredSecret>();
  for (const secret of secrets) {
    const id = secret.kind === "key" ? `key\0${secret.name}\0${secret.key}\0${secret.ref}` : `docker-config\0${secret.name}`;
    const earlier = seen.get(id);
    if (earlier && JSON.stringify(earlier) !== JSON.stringify(secret)) {
      throw optionError("dockerConfigSecretName", `two different credentials files would share the Secret ${JSON.stringify(secret.name)}`, secret.name, "each credentials file gets a Secret name of its own");
    }
    if (!earlier) seen.set(id, secret);
  }
  return [...seen.values()];
}

function checkObjectName(name: string, valid: (text: string) => boolean, rule: string): void {
  if (!valid(name)) throw optionError("name", `${JSON.stringify(name)} is not a name Kubernetes accepts`, name, rule);
}

function optionError(field: string, message: string, value: unknown, rule: string): BuildpushError {
  return new BuildpushError([{ code: "invalid-option", field, message, value, rule }]);
}
