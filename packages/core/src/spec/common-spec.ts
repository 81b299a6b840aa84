/**
 * The fields every build-and-push step shares, as types whose JSDoc is their documentation.
 *
 * This file and each step package's `spec.ts` are the single source of the spec fields:
 * `scripts/generate-schemas.mjs` reads them with typescript-json-schema and writes the field
 * tables (`*.generated.ts`), the JSON schemas in `schemas/`, the precompiled validators and
 * `docs/steps/*.md`. Edit the words here, then run `pnpm generate`.
 *
 * Tags the generator understands beyond JSON Schema's own (`@pattern`, `@minItems`, ...):
 * - `@title`: the label Harness's UI shows;
 * - `@pluginEnv`: the variable(s) the field becomes in the plugin's environment;
 * - `@emptyEnv`: for a required field, the variable Harness names when the field is empty;
 * - `@patternErrorMessage`: the rule a `@pattern` enforces, in words (shown by editors);
 * - `@problemCode`: the ProblemCode a broken constraint of that schema node is reported with.
 * `@items.X` and `@additionalProperties.X` set X on a list's items or a map's values.
 */

/**
 * Tags to push the image with, one per item (the `-t` of docker build). Each must be a valid Docker tag.
 * @title Tags
 * @pluginEnv PLUGIN_TAGS
 * @examples [["latest", "1.0.3"]]
 * @minItems 1
 * @problemCode empty-tags
 * @items.type string
 * @items.pattern ^[\w][\w.-]{0,127}$
 * @items.patternErrorMessage a tag is 1 to 128 characters: letters, digits, _, . and -, and does not start with . or -
 * @items.problemCode invalid-tag
 */
export type TagsField = string[];

/**
 * Path of the Dockerfile, relative to the workspace. Defaults to `Dockerfile` at the root of the codebase.
 * @title Dockerfile
 * @pluginEnv PLUGIN_DOCKERFILE
 * @default Dockerfile
 * @examples ["docker/Dockerfile.release"]
 */
export type DockerfileField = string;

/**
 * Directory whose files make up the build context (what `COPY` can see). Defaults to the workspace root.
 * @title Context
 * @pluginEnv PLUGIN_CONTEXT
 * @default .
 */
export type ContextField = string;

/**
 * Docker object labels added to the image, as name: value pairs.
 * @title Labels
 * @pluginEnv PLUGIN_CUSTOM_LABELS
 * @examples [{"org.opencontainers.image.source": "https://github.com/acme/app"}]
 * @propertyNames {"pattern": "^[^=,\\s]+$", "patternErrorMessage": "labels names are non-empty and hold no =, comma or white space (the plugin receives k=v,k=v)", "problemCode": "invalid-map-entry"}
 * @additionalProperties.type string
 * @additionalProperties.pattern ^[^,]*$
 * @additionalProperties.patternErrorMessage labels values reach the plugin as k=v,k=v, so a value cannot hold a comma
 * @additionalProperties.problemCode invalid-map-entry
 */
export type LabelsField = Record<string, string>;

/**
 * Build-time variables (`--build-arg`), as name: value pairs.
 * @title Build Arguments
 * @pluginEnv PLUGIN_BUILD_ARGS
 * @examples [{"GO_VERSION": "1.22"}]
 * @propertyNames {"pattern": "^[^=,\\s]+$", "patternErrorMessage": "buildArgs names are non-empty and hold no =, comma or white space (the plugin receives k=v,k=v)", "problemCode": "invalid-map-entry"}
 * @additionalProperties.type string
 * @additionalProperties.pattern ^[^,]*$
 * @additionalProperties.patternErrorMessage buildArgs values reach the plugin as k=v,k=v, so a value cannot hold a comma
 * @additionalProperties.problemCode invalid-map-entry
 */
export type BuildArgsField = Record<string, string>;

/**
 * The Dockerfile stage to build (`--target`), such as `build-env`.
 * @title Target
 * @pluginEnv PLUGIN_TARGET
 */
export type TargetField = string;

/**
 * On Kubernetes, use kaniko's `redo` snapshot mode, which considers file metadata and makes snapshots faster. Defaults to true.
 * @title Optimize
 * @pluginEnv PLUGIN_SNAPSHOT_MODE
 * @default true
 */
export type OptimizeField = boolean;

/**
 * At most one Docker registry connector used to pull base images with credentials (higher rate limits than anonymous pulls).
 * @title Base Image Connector
 * @pluginEnv PLUGIN_DOCKER_REGISTRY
 * @examples [["account.dockerhub"]]
 * @maxItems 1
 * @problemCode too-many-base-image-connectors
 * @items.type string
 */
export type BaseImageConnectorRefsField = string[];

/**
 * Variables set in the build container. `PLUGIN_*` names set plugin runtime flags, e.g. `PLUGIN_SKIP_TLS_VERIFY: "true"`.
 * @title Environment Variables
 * @examples [{"PLUGIN_NO_PUSH": "true"}]
 * @propertyNames {"pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "patternErrorMessage": "a variable name starts with a letter or _ and holds letters, digits and _", "problemCode": "invalid-env-name"}
 * @additionalProperties.type string
 */
export type EnvVariablesField = Record<string, string>;

/** Limits of the build container. */
export interface ResourceLimits {
  /**
   * Memory limit: a positive number with a unit G, M, Gi or Mi. Defaults to 500Mi.
   * @examples ["500Mi", "2Gi"]
   * @pattern ^(([0-9]*[.])?[0-9]+)([GM]i?)$
   * @patternErrorMessage memory is a positive number with a unit G, M, Gi or Mi, e.g. 500Mi or 2Gi
   * @problemCode invalid-memory
   */
  memory?: string;
  /**
   * CPU limit: cores (`0.5`) or millicores (`500m`). Defaults to 400m.
   * @examples ["0.5", "500m"]
   * @pattern ^(([0-9]*[.])?[0-9]+)(m?)$
   * @patternErrorMessage cpu is a positive number of cores (0.5) or millicores (500m)
   * @problemCode invalid-cpu
   */
  cpu?: string;
}

/**
 * Resource limits of the build container on Kubernetes: `limits.memory` (e.g. `500Mi`, default 500Mi) and `limits.cpu` (e.g. `0.5` or `500m`, default 400m).
 * @title Set Container Resources
 * @examples [{"limits": {"memory": "2Gi", "cpu": "1.5"}}]
 */
export interface ResourcesField {
  /** Upper bounds on the build container's memory and CPU. */
  limits?: ResourceLimits;
}

/**
 * User ID the build container runs as on Kubernetes. kaniko needs root: set 0 when the stage runs as non-root.
 * @title Run as User
 * @TJS-type integer
 * @examples [0]
 * @minimum 0
 * @maximum 2147483647
 * @problemCode invalid-run-as-user
 */
export type RunAsUserField = number;

/**
 * Docker layer caching on Harness Cloud (buildx). No effect on Kubernetes, where `remoteCacheRepo`/`remoteCacheImage` caches layers.
 * @title Enable Docker layer caching
 */
export type CachingField = boolean;

/**
 * External cache sources for buildx on VM infrastructure, e.g. `type=registry,ref=acme/app:cache`. No effect on Kubernetes.
 * @title Cache From
 * @pluginEnv PLUGIN_CACHE_FROM
 * @items.type string
 * @items.pattern ^[^;]*[^;\s][^;]*$
 * @items.patternErrorMessage cacheFrom items are non-empty and hold no ; (the plugin receives them joined with ;)
 * @items.problemCode invalid-list-item
 */
export type CacheFromField = string[];

/**
 * Cache export destination for buildx on VM infrastructure, e.g. `type=registry,ref=acme/app:cache,mode=max`. No effect on Kubernetes.
 * @title Cache To
 * @pluginEnv PLUGIN_CACHE_TO
 */
export type CacheToField = string;

/**
 * Build secrets read from environment variables (buildx `--secret id=ID,env=VARIABLE`), as secret id: variable name. The variable is one of the build container's: a pipeline or stage variable (a Secret variable keeps the value a reference) or one of `envVariables`. A Dockerfile reads it with `RUN --mount=type=secret,id=ID`. Kaniko has no build secrets, so on Kubernetes (and in kaniko mode) buildpush refuses them rather than build without them.
 * @title Docker Secrets from Environment Variables
 * @pluginEnv PLUGIN_SECRETS_FROM_ENV
 * @examples [{"npm_token": "NPM_TOKEN"}]
 * @propertyNames {"pattern": "^[A-Za-z0-9_.-]+$", "patternErrorMessage": "a secret id holds letters, digits, _, . and - (the plugin receives id=VARIABLE,id=VARIABLE)", "problemCode": "invalid-map-entry"}
 * @additionalProperties.type string
 * @additionalProperties.pattern ^[A-Za-z_][A-Za-z0-9_]*$
 * @additionalProperties.patternErrorMessage the value names an environment variable: a letter or _, then letters, digits and _
 * @additionalProperties.problemCode invalid-map-entry
 */
export type EnvDockerSecretsField = Record<string, string>;

/**
 * Build secrets read from files (buildx `--secret id=ID,src=PATH`), as secret id: path of the file, relative to the workspace. A Dockerfile reads it with `RUN --mount=type=secret,id=ID`. Kaniko has no build secrets, so on Kubernetes (and in kaniko mode) buildpush refuses them rather than build without them.
 * @title Docker Secrets from Files
 * @pluginEnv PLUGIN_SECRETS_FROM_FILE
 * @examples [{"netrc": ".secrets/netrc"}]
 * @propertyNames {"pattern": "^[A-Za-z0-9_.-]+$", "patternErrorMessage": "a secret id holds letters, digits, _, . and - (the plugin receives id=PATH,id=PATH)", "problemCode": "invalid-map-entry"}
 * @additionalProperties.type string
 * @additionalProperties.pattern ^[^,"]+$
 * @additionalProperties.patternErrorMessage the value is a path in the workspace without a comma or a double quote (the plugin receives id=PATH,id=PATH and buildx reads --secret as CSV)
 * @additionalProperties.problemCode invalid-map-entry
 */
export type FileDockerSecretsField = Record<string, string>;

/**
 * The fields every build-and-push step shares (what `commonFields` is generated from). Step
 * specs use the same field types, so each field's words are written once.
 */
export interface CommonSpec {
  tags: TagsField;
  dockerfile?: DockerfileField;
  context?: ContextField;
  labels?: LabelsField;
  buildArgs?: BuildArgsField;
  target?: TargetField;
  optimize?: OptimizeField;
  baseImageConnectorRefs?: BaseImageConnectorRefsField;
  envVariables?: EnvVariablesField;
  resources?: ResourcesField;
  runAsUser?: RunAsUserField;
  caching?: CachingField;
  cacheFrom?: CacheFromField;
  cacheTo?: CacheToField;
  envDockerSecrets?: EnvDockerSecretsField;
  fileDockerSecrets?: FileDockerSecretsField;
}
