import type { ContainerSpec, DockerConfigFile } from "../backends/container-spec.js";
import type { EnvVar, KubernetesContainer, KubernetesSecurityContext, KubernetesVolume, KubernetesVolumeMount } from "./kubernetes-types.js";
import { isDnsSubdomain, toDnsLabel } from "./names.js";
import { resolveSecretMapping, type SecretMappingOption } from "./secret-mapping.js";
import { checkContainerSpec } from "./spec-checks.js";
import { BuildpushError } from "../problems/error.js";

/** The key `kubernetes.io/dockerconfigjson` Secrets keep the config under. */
export const dockerConfigJsonKey = ".dockerconfigjson";

export interface DockerConfigSecretContext {
  /** The Pod or Job the container runs in, when there is one. */
  owner?: string;
  /** The container is the owner's only one (a Job), so the owner's name alone is distinct. */
  soleContainer?: boolean;
  container: string;
  /** The file's position among the container's files. */
  index: number;
}

export interface KubernetesContainerOptions {
  /** Secret reference → Secret name and key; default {@link defaultSecretMapping}. */
  secrets?: SecretMappingOption;
  /**
   * The name of the `kubernetes.io/dockerconfigjson` Secret that holds a credentials file;
   * default `<owner>-<container>-docker-config` (`-<index>` after the first file), without
   * the container's name when it is the owner's only one.
   */
  dockerConfigSecretName?: (file: DockerConfigFile, context: DockerConfigSecretContext) => string;
  /** The Pod or Job name, for the default credentials Secret name. */
  owner?: string;
  /** The container is the owner's only one. */
  soleContainer?: boolean;
  /** The volume name a credentials file is mounted from is this and the file's index. */
  credentialsVolumePrefix?: string;
}

/** A Secret the rendered objects read: the engine creates it before applying them. */
export type RequiredSecret =
  | { kind: "key"; ref: string; name: string; key: string }
  | { kind: "docker-config"; name: string; file: DockerConfigFile };

export interface KubernetesContainerRendering {
  container: KubernetesContainer;
  /** The volumes the container's credentials files are mounted from; the Pod must declare them. */
  volumes: KubernetesVolume[];
  secrets: RequiredSecret[];
}

/**
 * One ContainerSpec as a Kubernetes container. Secret variables read `valueFrom.secretKeyRef`;
 * each credentials file is a key of a `kubernetes.io/dockerconfigjson` Secret mounted read-only
 * at the file's path. Kubernetes would expand `$(NAME)` in env values, command and args, so
 * those are escaped to stay exactly as written.
 */
export function toKubernetesContainer(spec: ContainerSpec, options: KubernetesContainerOptions = {}): KubernetesContainerRendering {
  checkContainerSpec(spec);
  const mapping = resolveSecretMapping(options.secrets);
  const secrets: RequiredSecret[] = [];
  const env: EnvVar[] = Object.entries(spec.env).map(([name, value]) => ({ name, value: escapeExpansion(value) }));
  for (const [name, { ref }] of Object.entries(spec.secretEnv)) {
    const selector = mapping(ref);
    secrets.push({ kind: "key", ref, name: selector.name, key: selector.key });
    env.push({ name, valueFrom: { secretKeyRef: { name: selector.name, key: selector.key } } });
  }
  env.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const volumeMounts: KubernetesVolumeMount[] = (spec.volumeMounts ?? []).map(({ name, mountPath }) => ({ name, mountPath }));
  const volumes: KubernetesVolume[] = [];
  const prefix = options.credentialsVolumePrefix ?? "docker-config";
  (spec.files ?? []).forEach((file, index) => {
    const volumeName = toDnsLabel([prefix, String(index)]);
    const context: DockerConfigSecretContext = { ...(options.owner !== undefined ? { owner: options.owner } : {}), ...(options.soleContainer ? { soleContainer: true } : {}), container: spec.name, index };
    const secretName = options.dockerConfigSecretName ? options.dockerConfigSecretName(file, context) : defaultDockerConfigSecretName(context);
    if (!isDnsSubdomain(secretName)) {
      throw new BuildpushError([
        { code: "invalid-option", field: "dockerConfigSecretName", message: `the credentials Secret name ${JSON.stringify(secretName)} is not a DNS-1123 subdomain`, value: secretName, rule: "lowercase letters, digits, '-' and '.', at most 253 characters" },
      ]);
    }
    secrets.push({ kind: "docker-config", name: secretName, file });
    volumes.push({ name: volumeName, secret: { secretName, items: [{ key: dockerConfigJsonKey, path: "config.json" }] } });
    volumeMounts.push({ name: volumeName, mountPath: file.path, subPath: "config.json", readOnly: true });
  });

  const container: KubernetesContainer = { name: spec.name, image: spec.image };
  if (spec.command?.length) container.command = spec.command.map(escapeExpansion);
  if (spec.args?.length) container.args = spec.args.map(escapeExpansion);
  if (spec.workingDir !== undefined) container.workingDir = spec.workingDir;
  if (env.length > 0) container.env = env;
  container.resources = { limits: { ...spec.resources.limits }, requests: { ...spec.resources.requests } };
  if (volumeMounts.length > 0) container.volumeMounts = volumeMounts;
  if (spec.imagePullPolicy) container.imagePullPolicy = spec.imagePullPolicy;
  const securityContext = kubernetesSecurityContext(spec);
  if (securityContext) container.securityContext = securityContext;
  return { container, volumes, secrets };
}

export function defaultDockerConfigSecretName(context: DockerConfigSecretContext): string {
  const ownerOnly = context.owner !== undefined && context.soleContainer === true;
  const parts = [...(context.owner !== undefined ? [context.owner] : []), ...(ownerOnly ? [] : [context.container]), "docker-config", ...(context.index > 0 ? [String(context.index)] : [])];
  return toDnsLabel(parts, 253);
}

function kubernetesSecurityContext(spec: ContainerSpec): KubernetesSecurityContext | undefined {
  const source = spec.securityContext;
  if (!source) return undefined;
  const context: KubernetesSecurityContext = {};
  for (const key of ["runAsUser", "runAsGroup"] as const) if (source[key] !== undefined) context[key] = source[key];
  for (const key of ["runAsNonRoot", "privileged", "allowPrivilegeEscalation", "readOnlyRootFilesystem"] as const) if (source[key] !== undefined) context[key] = source[key];
  if (source.capabilities) {
    context.capabilities = {};
    if (source.capabilities.add) context.capabilities.add = [...source.capabilities.add];
    if (source.capabilities.drop) context.capabilities.drop = [...source.capabilities.drop];
  }
  return Object.keys(context).length > 0 ? context : undefined;
}

/**
 * Kubernetes reads `$(NAME)` in env values, command and args as a reference and `$$` as one
 * `$`. Doubling every `$` keeps any text literal; text that holds neither form is left as is.
 */
export function escapeExpansion(text: string): string {
  return /\$[$(]/.test(text) ? text.replace(/\$/g, "$$$$") : text;
}
