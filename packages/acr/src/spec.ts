import type {
  BaseImageConnectorRefsField,
  BuildArgsField,
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
 * Builds an image and pushes it to Azure Container Registry (ACR) with an Azure connector.
 *
 * The spec of a `BuildAndPushACR` step with its expressions resolved.
 * The JSDoc here is the field documentation: `pnpm generate` turns it into the field table
 * (`spec-fields.generated.ts`), the schemas, the validator (`spec-validator.generated.ts`) and `docs/steps/BuildAndPushACR.md`.
 * @stepType BuildAndPushACR
 * @title Build and Push to ACR
 */
export interface AcrSpec {
  /**
   * Identifier of the Azure connector to push with; it must authenticate with a client secret or a certificate.
   * @title Azure Connector
   * @pluginEnv CLIENT_ID, TENANT_ID, CLIENT_SECRET or CLIENT_CERTIFICATE
   * @examples ["account.azure"]
   */
  connectorRef: string;
  /**
   * Where to push, as `NAME.azurecr.io/IMAGE`; the registry is the part before the first `/`.
   * @title Repository
   * @pluginEnv PLUGIN_REPO, PLUGIN_REGISTRY
   * @examples ["acme.azurecr.io/app"]
   */
  repository: string;
  /**
   * Azure subscription name or ID; needed for the image to show in the build's Artifacts tab.
   * @title Subscription Id
   * @pluginEnv SUBSCRIPTION_ID
   */
  subscriptionId?: string;
  tags: TagsField;
  // Not in Harness's schema for ACR, but its own docs example sets it; no effect on Kubernetes.
  caching?: CachingField;
  dockerfile?: DockerfileField;
  context?: ContextField;
  labels?: LabelsField;
  buildArgs?: BuildArgsField;
  target?: TargetField;
  optimize?: OptimizeField;
  /**
   * On Kubernetes, a repository in the same registry where kaniko stores layers as a remote cache, e.g. `app-cache`.
   * @title Remote Cache Image
   * @pluginEnv PLUGIN_CACHE_REPO
   * @examples ["app-cache"]
   */
  remoteCacheImage?: string;
  baseImageConnectorRefs?: BaseImageConnectorRefsField;
  envVariables?: EnvVariablesField;
  envDockerSecrets?: EnvDockerSecretsField;
  fileDockerSecrets?: FileDockerSecretsField;
  resources?: ResourcesField;
  runAsUser?: RunAsUserField;
}
