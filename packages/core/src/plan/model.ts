import type { SourcePosition } from "../problems/problem.js";
import type { ContainerResources } from "../rules/resources.js";

export type Infrastructure = "kubernetes" | "vm";
export type PluginVariant = "docker" | "ecr" | "acr";

/** A secret the runtime must provide: the reference is resolved by the engine, never by us. */
export interface SecretRef {
  ref: string;
}

/** Registry credentials, as references, in a form every backend can read. */
export type RegistryCredentials =
  | { kind: "basic"; registry: string; username?: string; usernameRef?: string; passwordRef: string }
  | { kind: "anonymous"; registry: string }
  | {
      kind: "aws";
      region: string;
      accessKey?: string;
      accessKeyRef?: string;
      secretKeyRef?: string;
      assumeRoleArn?: string;
      externalId?: string;
    }
  | { kind: "azure"; clientId: string; tenantId: string; clientSecretRef?: string; clientCertificateRef?: string; subscriptionId?: string };

/**
 * The one neutral description of a build. Handlers write it; backends (plugin, kaniko,
 * buildah) read it. Values are already validated.
 */
export interface BuildPlan {
  stepType: string;
  identifier: string;
  name: string;
  variant: PluginVariant;
  infrastructure: Infrastructure;
  /** The full image name without tag, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com/app`. */
  image: string;
  tags: string[];
  dockerfile?: string;
  context?: string;
  target?: string;
  buildArgs: [string, string][];
  labels: [string, string][];
  optimize: boolean;
  /** Remote layer cache as written (`remoteCacheRepo` / `remoteCacheImage`): what PLUGIN_CACHE_REPO gets. */
  remoteCache?: string;
  /** The same cache as a full repository name, for builders that take one (kaniko `--cache-repo`). */
  remoteCacheImage?: string;
  caching?: boolean;
  cacheFrom: string[];
  cacheTo?: string;
  pushCredentials: RegistryCredentials;
  baseImageCredentials?: RegistryCredentials;
  /** Plugin variables that only this step type sets (PLUGIN_REPO, PLUGIN_REGISTRY, credentials...). */
  pluginEnv: Record<string, string>;
  pluginSecretEnv: Record<string, SecretRef>;
  /** The user's variables: pipeline and stage variables, then the step's envVariables. */
  userEnv: Record<string, string>;
  userSecretEnv: Record<string, SecretRef>;
  resources: ContainerResources;
  runAsUser?: number;
  /** The step's timeout as written (default `2h`): the runtime's deadline. */
  timeout: string;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
}

export interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
}

/** One registry login in a credentials file, by reference. */
export interface RegistryAuthEntry {
  /** The key in `auths`, e.g. `https://index.docker.io/v1/` or `registry.example.com`. */
  registry: string;
  username?: string;
  usernameRef?: string;
  passwordRef: string;
}

/**
 * A Docker `config.json` the runtime must write before the container starts, described by
 * secret references: `{"auths": {registry: {"auth": base64(user:password)}}, "credHelpers": {...}}`.
 */
export interface DockerConfigFile {
  kind: "docker-config";
  /** Absolute path inside the container, e.g. `/kaniko/.docker/config.json`. */
  path: string;
  auths: RegistryAuthEntry[];
  /** Registry host → credential helper name (`ecr-login`, `acr-env`). */
  credHelpers: Record<string, string>;
}

export type ProvidedFile = DockerConfigFile;

/** What a host runtime schedules. Secrets are references in `secretEnv`, never values. */
export interface ContainerSpec {
  /** A DNS-1123 label, unique within the stage. */
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env: Record<string, string>;
  secretEnv: Record<string, SecretRef>;
  workingDir?: string;
  resources: ContainerResources;
  securityContext?: SecurityContext;
  volumeMounts?: VolumeMount[];
  imagePullPolicy?: "Always" | "IfNotPresent" | "Never";
  /** Files the runtime must provide (made from secret references), e.g. registry credentials. */
  files?: ProvidedFile[];
  /** How the runtime gets the pushed image's digest, for the Artifacts view (builders that write one). */
  artifact?: ArtifactOutput;
}

/** The artifact file the kaniko plugin writes (`PLUGIN_ARTIFACT_FILE`), which Harness's Artifacts tab reads. */
export interface PluginArtifact {
  kind: "docker/v1";
  data: {
    registryType: "Docker" | "ECR";
    registryUrl: string;
    images: { image: string; digest: string }[];
  };
}

/**
 * The builder writes the digest (`sha256:...`) to `digestFile`; the runtime reads it after the
 * container exits and fills it into `template` (see `completeArtifact`), giving the same JSON
 * the plugin writes.
 */
export interface ArtifactOutput {
  digestFile: string;
  /** The artifact with every image's digest still empty. */
  template: PluginArtifact;
}

export interface TranslatedStep {
  stage: string;
  identifier: string;
  type: string;
  /** Where the step is written in the pipeline file. */
  position?: SourcePosition;
  /** The runtime's deadline for the step, as written (default `2h`). */
  timeout: string;
  container: ContainerSpec;
}
