// What the drone-kaniko plugins (plugins/kaniko, plugins/kaniko-ecr, plugins/kaniko-acr,
// plugins/kaniko-gcr, plugins/kaniko-gar) pass to /kaniko/executor for a given environment,
// bugs included (see plugin-bugs.ts). Follows the reference's table rows 1–34; how the variants
// differ is in plugin-variants.ts.

import { EnvReader, splitSemicolonList, type Env } from "./env-reader.js";
import { PluginEnvError } from "./errors.js";
import { planGarPushOnly, pushOnlyHasNoArgv, type PushOnlyRun } from "./gar-push-only.js";
import { readGoogleKeySetup, type GoogleKeySetup } from "./google-credentials.js";
import { checkDockerCredentials } from "./plugin-credentials.js";
import { expandPluginTag, pluginAutoTags } from "./plugin-tags.js";
import {
  ACR_TRAITS,
  DOCKER_HUB_REGISTRY,
  DOCKER_TRAITS,
  ECR_TRAITS,
  GAR_TRAITS,
  GCR_TRAITS,
  ignoredFlagSettings,
  type IgnoredFlagSetting,
  type OptionalFlagVariable,
  type RepoComposition,
  type VariantTraits,
} from "./plugin-variants.js";

export type PluginVariant = "docker" | "ecr" | "acr" | "gcr" | "gar";

const TRAITS: Readonly<Record<PluginVariant, VariantTraits>> = { docker: DOCKER_TRAITS, ecr: ECR_TRAITS, acr: ACR_TRAITS, gcr: GCR_TRAITS, gar: GAR_TRAITS };

/** The digest file the plugin always asks kaniko to write. */
export const PLUGIN_DIGEST_FILE = "/kaniko/digest-file";

/** Everything the plugin decided, for argv and for explaining its bugs. */
export interface PluginRun {
  variant: PluginVariant;
  /** The executor's argv; empty for a push-only run, which runs no executor. */
  argv: string[];
  /** PLUGIN_REPO as given. */
  repoSetting: string;
  /** The repository destinations are composed from (per variant). */
  repo: string;
  /** How the variant composes the repository and the cache repository. */
  composition: { repo: RepoComposition; cacheRepo: RepoComposition };
  /** Destinations emitted (or pushed by crane, push-only), in order. */
  destinations: Array<{ repo: string; tag: string }>;
  /** Where the tags came from. */
  tagsVariable: "PLUGIN_TAGS" | "PLUGIN_AUTO_TAG";
  registry: string;
  noPush: boolean;
  cache: { enabled: boolean; setting: string; composed: string };
  buildArgs: { variable: "PLUGIN_BUILD_ARGS" | "PLUGIN_BUILD_ARGS_NEW"; items: string[] };
  /** Index in argv of a bare `--skip-tls-verify-registry`, if emitted. */
  bareSkipTlsVerifyRegistryAt: number | undefined;
  /** GCR and GAR: the key file and the base-image login they prepare. */
  google: GoogleKeySetup | undefined;
  /** GAR with PLUGIN_PUSH_ONLY=true: the tarball crane pushes instead of running the executor. */
  pushOnly: PushOnlyRun | undefined;
  /** Variables set for flags this binary lacks. */
  ignoredFlags: IgnoredFlagSetting[];
}

function failure(code: "invalid-bool" | "invalid-int", variable: string, message: string): Error {
  return new PluginEnvError(code, variable, message);
}

/** The docker variant's repository composition (PLUGIN_EXPAND_REPO). */
function dockerRepo(registry: string, repo: string, expandRepo: boolean): string {
  if (!expandRepo || registry === "" || registry === DOCKER_HUB_REGISTRY) return repo;
  const trimmed = registry.replace(/\/$/, "");
  if (repo.startsWith(`${trimmed}/`)) return repo;
  return `${trimmed}/${repo}`;
}

function composeRepo(composition: RepoComposition, registry: string, setting: string, expandRepo: boolean): string {
  if (composition === "expand-repo") return dockerRepo(registry, setting, expandRepo);
  return composition === "registry-prefixed" ? `${registry}/${setting}` : setting;
}

function goSliceString(items: readonly string[]): string {
  return `[${items.join(" ")}]`;
}

type CommonRunFields = Pick<PluginRun, "variant" | "repoSetting" | "composition" | "registry" | "noPush" | "bareSkipTlsVerifyRegistryAt" | "ignoredFlags">;

/** A push-only run: no executor, so no argv, no cache and no build args; crane's destinations. */
function pushOnlyRun(common: CommonRunFields, push: PushOnlyRun, cacheRepoSetting: string): PluginRun {
  return {
    ...common,
    argv: [],
    repo: `${common.registry}/${common.repoSetting}`,
    destinations: push.destinations,
    tagsVariable: "PLUGIN_TAGS",
    cache: { enabled: false, setting: cacheRepoSetting, composed: "" },
    buildArgs: { variable: "PLUGIN_BUILD_ARGS", items: [] },
    google: undefined,
    pushOnly: push,
  };
}

/** Works out the plugin's run; throws PluginEnvError where the plugin would fail. */
export function planPluginRun(env: Env, variant: PluginVariant): PluginRun {
  const r = new EnvReader(env, failure);
  const traits = TRAITS[variant];
  const defines = (name: OptionalFlagVariable): boolean => traits.defines.has(name);

  // Settings, read (and parsed) the way the plugin's flags read them.
  const dockerfile = r.string("PLUGIN_DOCKERFILE", "Dockerfile");
  const context = r.string("PLUGIN_CONTEXT", ".");
  const commitRef = r.string("DRONE_COMMIT_REF");
  const defaultBranch = r.string("DRONE_REPO_BRANCH");
  const currentBranch = r.string("DRONE_COMMIT_BRANCH");
  const tagSettings = r.list("PLUGIN_TAGS", ["latest"]);
  const expandRepo = defines("PLUGIN_EXPAND_REPO") ? r.bool("PLUGIN_EXPAND_REPO") : false;
  const expandTag = r.bool("PLUGIN_EXPAND_TAG");
  const autoTag = r.bool("PLUGIN_AUTO_TAG");
  const autoTagSuffix = r.string("PLUGIN_AUTO_TAG_SUFFIX");
  const buildArgs = r.list("PLUGIN_BUILD_ARGS");
  const buildArgsNewSetting = r.lookup("PLUGIN_BUILD_ARGS_NEW");
  const buildArgsNew = buildArgsNewSetting === undefined ? [] : splitSemicolonList(buildArgsNewSetting.value);
  const multipleBuildArgs = r.bool("PLUGIN_MULTIPLE_BUILD_ARGS");
  const target = r.string("PLUGIN_TARGET");
  const repoSetting = r.string("PLUGIN_REPO");
  const labels = r.list("PLUGIN_CUSTOM_LABELS");
  const registry = r.string(traits.registryVariables, traits.defaultRegistry);
  const mirrors = r.list("PLUGIN_REGISTRY_MIRRORS");
  const skipTlsVerify = defines("PLUGIN_SKIP_TLS_VERIFY") ? r.bool("PLUGIN_SKIP_TLS_VERIFY") : false;
  const snapshotMode = r.string("PLUGIN_SNAPSHOT_MODE");
  const enableCache = r.bool("PLUGIN_ENABLE_CACHE");
  const cacheRepoSetting = r.string("PLUGIN_CACHE_REPO");
  const cacheTtl = r.int("PLUGIN_CACHE_TTL");
  const noPush = r.bool("PLUGIN_NO_PUSH");
  const tarPath = defines("PLUGIN_TAR_PATH") ? r.string(["PLUGIN_TAR_PATH", "PLUGIN_DESTINATION_TAR_PATH"]) : "";
  const verbosity = r.string("PLUGIN_VERBOSITY");
  const platform = r.string(["PLUGIN_PLATFORM", "PLUGIN_CUSTOM_PLATFORM"]);
  const skipUnusedStages = r.bool("PLUGIN_SKIP_UNUSED_STAGES");
  const cacheCopyLayers = r.bool("PLUGIN_CACHE_COPY_LAYERS");
  const cacheRunLayers = r.bool("PLUGIN_CACHE_RUN_LAYERS");
  const cleanup = r.bool("PLUGIN_CLEANUP");
  const compressedCaching = r.isSet("PLUGIN_COMPRESSED_CACHING") ? r.bool("PLUGIN_COMPRESSED_CACHING") : undefined;
  const contextSubPath = r.string("PLUGIN_CONTEXT_SUB_PATH");
  const force = r.bool("PLUGIN_FORCE");
  const imageNameWithDigestFile = r.string("PLUGIN_IMAGE_NAME_WITH_DIGEST_FILE");
  const imageNameTagWithDigestFile = r.string("PLUGIN_IMAGE_NAME_TAG_WITH_DIGEST_FILE");
  const insecure = r.bool("PLUGIN_INSECURE");
  const insecurePull = r.bool("PLUGIN_INSECURE_PULL");
  const insecureRegistry = r.string("PLUGIN_INSECURE_REGISTRY");
  const logFormat = r.string("PLUGIN_LOG_FORMAT");
  const logTimestamp = r.bool("PLUGIN_LOG_TIMESTAMP");
  const ociLayoutPath = r.string("PLUGIN_OCI_LAYOUT_PATH");
  const pushRetry = r.int("PLUGIN_PUSH_RETRY");
  const registryCertificate = r.string("PLUGIN_REGISTRY_CERTIFICATE");
  const registryClientCert = r.string("PLUGIN_REGISTRY_CLIENT_CERT");
  const skipDefaultRegistryFallback = r.bool("PLUGIN_SKIP_DEFAULT_REGISTRY_FALLBACK");
  const reproducible = r.bool("PLUGIN_REPRODUCIBLE");
  const singleSnapshot = r.bool("PLUGIN_SINGLE_SNAPSHOT");
  const skipPushPermissionCheck = r.bool("PLUGIN_SKIP_PUSH_PERMISSION_CHECK");
  const skipTlsVerifyPull = r.bool("PLUGIN_SKIP_TLS_VERIFY_PULL");
  const skipTlsVerifyRegistry = r.bool("PLUGIN_SKIP_TLS_VERIFY_REGISTRY");
  const useNewRun = r.bool("PLUGIN_USE_NEW_RUN");
  const ignoreVarRun = r.isSet("PLUGIN_IGNORE_VAR_RUN") ? r.bool("PLUGIN_IGNORE_VAR_RUN") : undefined;
  // Every variant has the ignore-path flag; only the docker variant has ignore-paths, whose
  // empty items the plugin drops.
  const ignorePath = r.string("PLUGIN_IGNORE_PATH");
  const ignorePaths = defines("PLUGIN_IGNORE_PATHS") ? r.list("PLUGIN_IGNORE_PATHS").filter((path) => path !== "") : [];
  const imageFsExtractRetry = r.int("PLUGIN_IMAGE_FS_EXTRACT_RETRY");
  const imageDownloadRetry = r.int("PLUGIN_IMAGE_DOWNLOAD_RETRY");
  if (defines("PLUGIN_CREATE_REPOSITORY")) r.bool("PLUGIN_CREATE_REPOSITORY"); // parsed (and refused when bad) though it adds no argument
  // Parsed wherever defined; only GAR's push-only (a crane push instead of the executor) is modelled.
  const pushOnly = defines("PLUGIN_PUSH_ONLY") ? r.bool("PLUGIN_PUSH_ONLY") : false;
  const ignoredFlags = ignoredFlagSettings(r, traits);
  const composition = { repo: traits.repo, cacheRepo: traits.cacheRepo };
  const common: CommonRunFields = { variant, repoSetting, composition, registry, noPush, bareSkipTlsVerifyRegistryAt: undefined, ignoredFlags };

  // GAR checks push-only before anything else.
  if (variant === "gar" && pushOnly) {
    const overridden = ([["PLUGIN_NO_PUSH", noPush], ["PLUGIN_AUTO_TAG", autoTag], ["PLUGIN_EXPAND_TAG", expandTag]] as const).filter(([, on]) => on).map(([name]) => name);
    const push = planGarPushOnly({ sourceTarPath: r.string("PLUGIN_SOURCE_TAR_PATH"), registry, repoSetting, tags: tagSettings, jsonKey: r.string("PLUGIN_JSON_KEY"), overridden });
    return pushOnlyRun(common, push, cacheRepoSetting);
  }
  // Per-variant logins and checks. They come first: the plugins write their credentials before
  // they look at tags or the repository.
  if (traits.login === "docker-config") checkDockerCredentials(r, registry, noPush);
  const google = traits.login === "google-key" ? readGoogleKeySetup(r) : undefined;
  if (traits.requiresRegistry && registry === "") {
    throw new PluginEnvError("missing-registry", "PLUGIN_REGISTRY", "registry must be specified: the ACR plugin needs PLUGIN_REGISTRY (e.g. myregistry.azurecr.io)");
  }
  const repo = composeRepo(traits.repo, registry, repoSetting, expandRepo);
  const cacheRepo = composeRepo(traits.cacheRepo, registry, cacheRepoSetting, expandRepo);

  if (!noPush && repo === "") {
    throw new PluginEnvError("missing-repo", "PLUGIN_REPO", "repository name to publish image must be specified: set PLUGIN_REPO, or PLUGIN_NO_PUSH=true to only build");
  }

  let tags = tagSettings;
  let tagsVariable: PluginRun["tagsVariable"] = "PLUGIN_TAGS";
  if (autoTag && expandTag) {
    throw new PluginEnvError("auto-tag-conflict", "PLUGIN_AUTO_TAG", "The auto-tag flag conflicts with the expand-tag flag: set only one of PLUGIN_AUTO_TAG and PLUGIN_EXPAND_TAG");
  }
  if (autoTag) {
    if (tagSettings.length > 1 || (tagSettings.length === 1 && tagSettings[0] !== "latest")) {
      throw new PluginEnvError("auto-tag-conflict", "PLUGIN_AUTO_TAG", `The auto-tag flag does not work with user provided tags ${goSliceString(tagSettings)}: leave PLUGIN_TAGS unset (or "latest") with PLUGIN_AUTO_TAG`);
    }
    const auto = pluginAutoTags(commitRef, defaultBranch, autoTagSuffix, currentBranch);
    if (!auto.ok) throw new PluginEnvError(auto.code, "DRONE_COMMIT_REF", auto.message);
    tags = auto.tags;
    tagsVariable = "PLUGIN_AUTO_TAG";
  }

  // The argv, in the plugin's order.
  const argv: string[] = [`--dockerfile=${dockerfile}`, `--context=dir://${context}`];
  const destinations: PluginRun["destinations"] = [];
  if (!noPush || tarPath !== "") {
    for (const tag of tags) {
      for (const label of expandPluginTag(tag, expandTag)) {
        destinations.push({ repo, tag: label });
        argv.push(`--destination=${repo}:${label}`);
      }
    }
  }
  const buildArgItems = multipleBuildArgs ? buildArgsNew : buildArgs;
  for (const arg of buildArgItems) argv.push("--build-arg", arg);
  for (const label of labels) argv.push(`--label=${label}`);
  for (const mirror of mirrors) argv.push(`--registry-mirror=${mirror}`);
  if (target !== "") argv.push(`--target=${target}`);
  if (skipTlsVerify) argv.push("--skip-tls-verify=true");
  if (snapshotMode !== "") argv.push(`--snapshot-mode=${snapshotMode}`);
  if (enableCache) {
    argv.push("--cache=true");
    if (cacheRepo !== "") argv.push(`--cache-repo=${cacheRepo}`);
  }
  if (cacheTtl !== 0n) argv.push(`--cache-ttl=${cacheTtl}h`);
  argv.push(`--digest-file=${PLUGIN_DIGEST_FILE}`);
  if (noPush) argv.push("--no-push");
  if (verbosity !== "") argv.push(`--verbosity=${verbosity}`);
  if (skipUnusedStages) argv.push("--skip-unused-stages");
  if (tarPath !== "") argv.push(`--tar-path=${tarPath}`);
  if (cacheCopyLayers) argv.push("--cache-copy-layers");
  if (cacheRunLayers) argv.push("--cache-run-layers=true");
  if (cleanup) argv.push("--cleanup=true");
  if (compressedCaching !== undefined) argv.push(`--compressed-caching=${compressedCaching}`);
  if (contextSubPath !== "") argv.push(`--context-sub-path=${contextSubPath}`);
  if (platform !== "") argv.push(`--custom-platform=${platform}`);
  if (force) argv.push("--force");
  if (imageNameWithDigestFile !== "") argv.push(`--image-name-with-digest-file=${imageNameWithDigestFile}`);
  if (imageNameTagWithDigestFile !== "") argv.push(`--image-name-tag-with-digest-file=${imageNameTagWithDigestFile}`);
  if (insecure) argv.push("--insecure");
  if (insecurePull) argv.push("--insecure-pull");
  if (insecureRegistry !== "") argv.push(`--insecure-registry=${insecureRegistry}`);
  if (logFormat !== "") argv.push(`--log-format=${logFormat}`);
  if (logTimestamp) argv.push("--log-timestamp");
  if (ociLayoutPath !== "") argv.push(`--oci-layout-path=${ociLayoutPath}`);
  if (pushRetry !== 0n) argv.push(`--push-retry=${pushRetry}`);
  if (registryCertificate !== "") argv.push(`--registry-certificate=${registryCertificate}`);
  if (registryClientCert !== "") argv.push(`--registry-client-cert=${registryClientCert}`);
  if (skipDefaultRegistryFallback) argv.push("--skip-default-registry-fallback");
  if (reproducible) argv.push("--reproducible");
  if (singleSnapshot) argv.push("--single-snapshot");
  if (skipPushPermissionCheck) argv.push("--skip-push-permission-check");
  if (skipTlsVerifyPull) argv.push("--skip-tls-verify-pull");
  let bareSkipTlsVerifyRegistryAt: number | undefined;
  if (skipTlsVerifyRegistry) {
    bareSkipTlsVerifyRegistryAt = argv.length;
    argv.push("--skip-tls-verify-registry");
  }
  if (useNewRun) argv.push("--use-new-run");
  if (ignoreVarRun !== undefined) argv.push(`--ignore-var-run=${ignoreVarRun}`);
  if (ignorePath !== "") argv.push(`--ignore-path=${ignorePath}`);
  for (const path of ignorePaths) argv.push(`--ignore-path=${path}`);
  if (imageFsExtractRetry !== 0n) argv.push(`--image-fs-extract-retry=${imageFsExtractRetry}`);
  if (imageDownloadRetry !== 0n) argv.push(`--image-download-retry=${imageDownloadRetry}`);

  return {
    ...common,
    argv,
    repo,
    destinations,
    tagsVariable,
    cache: { enabled: enableCache, setting: cacheRepoSetting, composed: cacheRepo },
    buildArgs: { variable: multipleBuildArgs ? "PLUGIN_BUILD_ARGS_NEW" : "PLUGIN_BUILD_ARGS", items: buildArgItems },
    bareSkipTlsVerifyRegistryAt,
    google,
    pushOnly: undefined,
  };
}

/**
 * The exact argv (without the `/kaniko/executor` program) that the drone-kaniko
 * plugin would run for this environment, its bugs included. Throws
 * PluginEnvError where the plugin itself would stop before running kaniko, and
 * (`push-only`) where it runs no executor at all.
 */
export function argvFromPluginEnv(env: Env, variant: PluginVariant): string[] {
  const run = planPluginRun(env, variant);
  if (run.pushOnly !== undefined) throw pushOnlyHasNoArgv(run.pushOnly);
  return run.argv;
}

/**
 * What kaniko-gcr / kaniko-gar prepare besides the argv: the file PLUGIN_JSON_KEY is written
 * to, GOOGLE_APPLICATION_CREDENTIALS for the executor, the base-image login they write or drop,
 * the OIDC variables they ignore. Undefined for the other variants and for a GAR push-only run.
 * Throws PluginEnvError where the plugin would stop, as argvFromPluginEnv does.
 */
export function googleKeySetup(env: Env, variant: PluginVariant): GoogleKeySetup | undefined {
  return planPluginRun(env, variant).google;
}
