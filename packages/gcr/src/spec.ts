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
 * Builds an image and pushes it to Google Container Registry (GCR) with a GCP connector.
 *
 * The spec of a `BuildAndPushGCR` step with its expressions resolved. Field for field the same
 * as `BuildAndPushGAR`'s (Harness's schemas differ only in the title); the words differ where
 * the registries do.
 * The JSDoc here is the field documentation: `pnpm generate` turns it into the field table
 * (`spec-fields.generated.ts`), the schemas, the validator (`spec-validator.generated.ts`) and `docs/steps/BuildAndPushGCR.md`.
 * @stepType BuildAndPushGCR
 * @title Build and Push to GCR
 */
export interface GcrSpec {
  /**
   * Identifier of the GCP connector to push with: a service account's JSON key (`ManualConfig`), the delegate's own identity (`InheritFromDelegate`, Kubernetes only) or OIDC workload identity federation (`OidcAuthentication`, VM only).
   * @title GCP Connector
   * @pluginEnv PLUGIN_JSON_KEY, PLUGIN_OIDC_TOKEN_ID, PLUGIN_PROJECT_NUMBER, PLUGIN_POOL_ID, PLUGIN_PROVIDER_ID, PLUGIN_SERVICE_ACCOUNT_EMAIL
   * @examples ["account.gcp"]
   */
  connectorRef: string;
  /**
   * The Container Registry host: `gcr.io`, or a regional one (`us.gcr.io`, `eu.gcr.io`, `asia.gcr.io`), without `https://` or a path. The registry is `<host>/<projectID>`.
   * @title Host
   * @pluginEnv PLUGIN_REGISTRY
   * @emptyEnv PLUGIN_REGISTRY
   * @examples ["gcr.io"]
   * @pattern ^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+(?::[0-9]+)?/*$
   * @patternErrorMessage host is a registry host such as gcr.io or us.gcr.io, without https:// or a path
   * @problemCode invalid-registry
   */
  host: string;
  /**
   * The ID of the GCP project that holds the images, e.g. `acme-prod`. A domain-scoped project ID (`example.com:my-project`) goes into image names as Google writes it there, `example.com/my-project`.
   * @title Project ID
   * @pluginEnv PLUGIN_REGISTRY
   * @emptyEnv PLUGIN_REGISTRY
   * @examples ["acme-prod"]
   * @pattern ^/*(?:[a-z0-9][a-z0-9.-]*:)?[a-z][a-z0-9-]*[a-z0-9]$
   * @patternErrorMessage projectID is one GCP project ID: lowercase letters, digits and -, starting with a letter, e.g. acme-prod (domain-scoped: example.com:acme-prod)
   * @problemCode invalid-registry
   */
  projectID: string;
  /**
   * The image's name inside the project, e.g. `app` or `team/app`.
   * @title Image Name
   * @pluginEnv PLUGIN_REPO
   * @emptyEnv PLUGIN_REPO
   * @examples ["app"]
   */
  imageName: string;
  tags: TagsField;
  caching?: CachingField;
  dockerfile?: DockerfileField;
  context?: ContextField;
  labels?: LabelsField;
  buildArgs?: BuildArgsField;
  target?: TargetField;
  optimize?: OptimizeField;
  /**
   * On Kubernetes, an image name in the same project where kaniko stores layers as a remote cache, written like imageName (`app-cache`): the plugin puts `<host>/<projectID>/` in front of it.
   * @title Remote Cache Image
   * @pluginEnv PLUGIN_CACHE_REPO
   * @examples ["app-cache"]
   */
  remoteCacheImage?: string;
  cacheFrom?: CacheFromField;
  cacheTo?: CacheToField;
  baseImageConnectorRefs?: BaseImageConnectorRefsField;
  envVariables?: EnvVariablesField;
  envDockerSecrets?: EnvDockerSecretsField;
  fileDockerSecrets?: FileDockerSecretsField;
  resources?: ResourcesField;
  runAsUser?: RunAsUserField;
}
