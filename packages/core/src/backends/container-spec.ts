import type { SourcePosition } from "../problems/problem.js";
import type { SecretRef } from "../plan/build-plan.js";
import type { ContainerResources } from "../rules/resources.js";
import type { SecurityContext } from "../pipeline/stage.js";
import type { StageInfrastructure } from "../pipeline/stage-infrastructure.js";
import type { StepGroupContext } from "../pipeline/step-entries.js";
import type { FailureStrategy, StageWhen, StepWhen } from "../pipeline/step-semantics.js";
import type { StrategyInstance } from "../pipeline/strategy.js";

export interface VolumeMount {
  name: string;
  mountPath: string;
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
    /** `Docker` for Docker registries, `ECR`, ...: the type Harness's Artifacts view shows. */
    registryType: string;
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
  /**
   * What the builder writes to `digestFile`: the digest itself (absent), or buildx's metadata
   * file (`docker buildx build --metadata-file`), a JSON object whose `containerimage.digest` is
   * the digest.
   */
  digestFormat?: "buildx-metadata";
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
  /** The step groups around the step, outermost first, with what each says of its steps; absent outside step groups. */
  stepGroups?: StepGroupContext[];
  /** When the step runs; absent: after the stage's earlier steps succeeded (Harness's default). */
  when?: StepWhen;
  /** The step's own failure strategies; its step groups' and then its stage's apply to errors these do not name. */
  failureStrategies?: FailureStrategy[];
  /** Which instance of the step's looping strategy this is (its identifier and name carry the suffix). */
  strategy?: StrategyInstance;
  container: ContainerSpec;
}

/** A stage of the pipeline with build-and-push steps, and where it runs: what the engine must honour for each of its steps. */
export interface TranslatedStage {
  identifier: string;
  name?: string;
  /** The stage's infrastructure as the pipeline says it, read and checked; absent when the stage names none. */
  infrastructure?: StageInfrastructure;
  /** When the stage runs (`pipelineStatus`, `condition`); absent: after the earlier stages succeeded. */
  when?: StageWhen;
  /** The failure strategies its steps fall back on. */
  failureStrategies?: FailureStrategy[];
  /** The login the stage's images are pulled with (`harnessImageConnectorRef`), by reference: an image pull Secret on Kubernetes. */
  imagePullLogin?: RegistryAuthEntry;
}
