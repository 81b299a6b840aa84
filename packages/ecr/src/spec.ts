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
 * Builds an image and pushes it to Amazon Elastic Container Registry (ECR) with an AWS connector.
 *
 * The spec of a `BuildAndPushECR` step with its expressions resolved.
 * The JSDoc here is the field documentation: `pnpm generate` turns it into the field table
 * (`spec-fields.generated.ts`), the schemas, the validator (`spec-validator.generated.ts`) and `docs/steps/BuildAndPushECR.md`.
 * @stepType BuildAndPushECR
 * @title Build and Push to ECR
 */
export interface EcrSpec {
  /**
   * Identifier of the AWS connector to push with: access keys, the delegate's IAM role, IRSA, or a cross-account role.
   * @title AWS Connector
   * @pluginEnv PLUGIN_ACCESS_KEY, PLUGIN_SECRET_KEY, PLUGIN_ASSUME_ROLE, PLUGIN_EXTERNAL_ID
   * @examples ["account.aws"]
   */
  connectorRef: string;
  /**
   * AWS region of the registry; the registry is `<account>.dkr.ecr.<region>.amazonaws.com`.
   * @title Region
   * @pluginEnv PLUGIN_REGION, PLUGIN_REGISTRY
   * @emptyEnv PLUGIN_REGISTRY
   * @examples ["us-east-1"]
   * @pattern ^[a-z]{2}(?:-[a-z]+)+-[0-9]+$
   * @patternErrorMessage an AWS region is lowercase words and a number joined by -, e.g. us-east-1
   * @problemCode invalid-registry
   */
  region: string;
  /**
   * AWS account ID that owns the registry (digits).
   * @title Account Id
   * @pluginEnv PLUGIN_REGISTRY
   * @emptyEnv PLUGIN_REGISTRY
   * @examples ["123456789012"]
   * @pattern ^[0-9]{1,12}$
   * @patternErrorMessage an AWS account ID is digits only (12 for real accounts)
   * @problemCode invalid-registry
   */
  account: string;
  /**
   * Name of the repository in ECR that the image is pushed to.
   * @title Image Name
   * @pluginEnv PLUGIN_REPO
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
   * On Kubernetes, an ECR repository (in the same registry) where kaniko stores layers as a remote cache, e.g. `app-cache`.
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
