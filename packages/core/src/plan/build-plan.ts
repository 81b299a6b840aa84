import type { ContainerResources } from "../rules/resources.js";

export type Infrastructure = "kubernetes" | "vm";

/** A secret the runtime must provide: the reference is resolved by the engine, never by us. */
export interface SecretRef {
  ref: string;
}

/** Why a credential helper cannot serve a build that runs without a plugin (kaniko mode). */
export interface HelperLimitation {
  message: string;
  rule: string;
  hint?: string;
}

/**
 * Registry credentials, as references, in a form every backend can read: a login (Docker
 * registries, or any registry taking a username and password), none, or a credential helper
 * that gets its token from a cloud provider at run time with the environment given here.
 */
export type RegistryCredentials =
  | { kind: "basic"; registry: string; username?: string; usernameRef?: string; passwordRef: string }
  | { kind: "anonymous"; registry: string }
  | {
      kind: "helper";
      /** The registry host the helper serves, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com`. */
      registry: string;
      /** The docker credential helper's name (`ecr-login` runs `docker-credential-ecr-login`). */
      helper: string;
      /** Who issues the token, for messages: `AWS`, `Azure`. */
      provider: string;
      /** The environment the helper reads its credentials from. */
      env: Record<string, string>;
      secretEnv: Record<string, SecretRef>;
      /** Set when the helper cannot work with this connector (a role it cannot assume, a certificate it cannot read). */
      limitation?: HelperLimitation;
    };

/**
 * A secret the build mounts (`RUN --mount=type=secret,id=ID`), by where the builder reads it:
 * an environment variable of the build container, or a file in the workspace. Never a value.
 */
export type BuildSecret = { id: string; from: "env"; variable: string } | { id: string; from: "file"; path: string };

/** A user variable of the step: pipeline and stage variables, then the step's envVariables. */
export interface PlanEnv {
  env: Record<string, string>;
  secretEnv: Record<string, SecretRef>;
  /** The names the step's own envVariables set; the others come from stage or pipeline variables. */
  setByStep: readonly string[];
}

/**
 * The one neutral description of a build. Handlers write it; backends (plugin, kaniko,
 * buildah) read it and nothing else of the step. Values are already validated. Nothing here is
 * a plugin's encoding: each handler gives its PLUGIN_* variables through its own hook.
 */
export interface BuildPlan {
  stepType: string;
  identifier: string;
  name: string;
  infrastructure: Infrastructure;
  /** The full image name without tag, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com/app`. */
  image: string;
  tags: string[];
  /** The registry as the plugin's artifact file names it (Harness's Artifacts view). */
  registry: { url: string; type: string };
  dockerfile?: string;
  context?: string;
  target?: string;
  buildArgs: [string, string][];
  labels: [string, string][];
  optimize: boolean;
  /** Remote layer cache: the repository as written, and as a full repository name. */
  remoteCache?: { asWritten: string; image: string };
  caching?: boolean;
  cacheFrom: string[];
  cacheTo?: string;
  /** envDockerSecrets, then fileDockerSecrets, in the order written. */
  buildSecrets: BuildSecret[];
  pushCredentials: RegistryCredentials;
  baseImageCredentials?: RegistryCredentials;
  /** The user's variables, PLUGIN_* runtime flags among them (see `runtimeFlags`). */
  userEnv: PlanEnv;
  resources: ContainerResources;
  runAsUser?: number;
  /** The step's timeout as written (default `2h`): the runtime's deadline. */
  timeout: string;
}
