import type {
  BaseImageConnectorRefsField,
  BuildArgsField,
  CacheFromField,
  CacheToField,
  CachingField,
  ContextField,
  DockerfileField,
  EnvDockerSecretsField,
  EnvVariablesField,
  FileDockerSecretsField,
  LabelsField,
  OptimizeField,
  ResourcesField,
  RunAsUserField,
  TagsField,
  TargetField,
} from "@buildpush/core/handler";

/**
 * Builds an image and pushes it to Docker Hub or any registry a Docker registry connector reaches.
 *
 * The spec of a `BuildAndPushDockerRegistry` step with its expressions resolved.
 * The JSDoc here is the field documentation: `pnpm generate` turns it into the field table
 * (`spec-fields.generated.ts`), the schemas, the validator (`spec-validator.generated.ts`) and `docs/steps/BuildAndPushDockerRegistry.md`.
 * @stepType BuildAndPushDockerRegistry
 * @title Build and Push to Docker Registry
 */
export interface DockerRegistrySpec {
  /**
   * Identifier of the Docker registry connector (username and password) to push with, e.g. `account.dockerhub`.
   * @title Docker Connector
   * @pluginEnv PLUGIN_REGISTRY, PLUGIN_USERNAME, PLUGIN_PASSWORD
   * @examples ["account.dockerhub"]
   */
  connectorRef: string;
  /**
   * Repository to push to: `<user>/<repo>` on Docker Hub, or fully qualified (`registry.example.com/team/app`) for other registries.
   * @title Docker Repository
   * @pluginEnv PLUGIN_REPO
   * @examples ["acme/app", "ghcr.io/acme/app"]
   */
  repo: string;
  tags: TagsField;
  caching?: CachingField;
  dockerfile?: DockerfileField;
  context?: ContextField;
  labels?: LabelsField;
  buildArgs?: BuildArgsField;
  target?: TargetField;
  optimize?: OptimizeField;
  /**
   * On Kubernetes, a repository where kaniko stores layers as a remote cache, shared across builds (e.g. `acme/app-cache`).
   * @title Remote Cache Repository
   * @pluginEnv PLUGIN_CACHE_REPO
   * @examples ["acme/app-cache"]
   */
  remoteCacheRepo?: string;
  cacheFrom?: CacheFromField;
  cacheTo?: CacheToField;
  baseImageConnectorRefs?: BaseImageConnectorRefsField;
  envVariables?: EnvVariablesField;
  envDockerSecrets?: EnvDockerSecretsField;
  fileDockerSecrets?: FileDockerSecretsField;
  resources?: ResourcesField;
  runAsUser?: RunAsUserField;
}
