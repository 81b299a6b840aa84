// Runtime flags given as PLUGIN_* variables → kaniko options, for building the
// argv directly instead of through the plugin. Values are read with the plugin's
// own rules (Go bools and ints, first set alias wins); names without a kaniko
// equivalent are refused.

import { EnvReader, splitSemicolonList, type Env } from "./env-reader.js";
import { KanikoOptionsError } from "./errors.js";
import { LOG_FORMATS, SNAPSHOT_MODES, VERBOSITIES } from "./kaniko-args.js";
import type { KanikoOptions, KanikoOptionsPatch, KeyValue } from "./kaniko-options.js";
import { parseGoBool } from "./go-parse.js";
import { isSecretVariable } from "./secrets.js";
import { requireChoice } from "./validate.js";

/** PLUGIN_* variables that map onto kaniko options. */
export const MAPPED_PLUGIN_VARIABLES: readonly string[] = [
  "PLUGIN_DOCKERFILE",
  "PLUGIN_CONTEXT",
  "PLUGIN_CONTEXT_SUB_PATH",
  "PLUGIN_REPO",
  "PLUGIN_TAGS",
  "PLUGIN_BUILD_ARGS",
  "PLUGIN_BUILD_ARGS_NEW",
  "PLUGIN_MULTIPLE_BUILD_ARGS",
  "PLUGIN_CUSTOM_LABELS",
  "PLUGIN_TARGET",
  "PLUGIN_PLATFORM",
  "PLUGIN_CUSTOM_PLATFORM",
  "PLUGIN_SNAPSHOT_MODE",
  "PLUGIN_SINGLE_SNAPSHOT",
  "PLUGIN_REPRODUCIBLE",
  "PLUGIN_USE_NEW_RUN",
  "PLUGIN_SKIP_UNUSED_STAGES",
  "PLUGIN_CLEANUP",
  "PLUGIN_FORCE",
  "PLUGIN_IGNORE_VAR_RUN",
  "PLUGIN_IGNORE_PATH",
  "PLUGIN_IGNORE_PATHS",
  "PLUGIN_ENABLE_CACHE",
  "PLUGIN_CACHE_REPO",
  "PLUGIN_CACHE_TTL",
  "PLUGIN_CACHE_COPY_LAYERS",
  "PLUGIN_CACHE_RUN_LAYERS",
  "PLUGIN_COMPRESSED_CACHING",
  "PLUGIN_CACHE_DIR",
  "PLUGIN_NO_PUSH",
  "PLUGIN_TAR_PATH",
  "PLUGIN_DESTINATION_TAR_PATH",
  "PLUGIN_IMAGE_NAME_WITH_DIGEST_FILE",
  "PLUGIN_IMAGE_NAME_TAG_WITH_DIGEST_FILE",
  "PLUGIN_OCI_LAYOUT_PATH",
  "PLUGIN_REGISTRY_MIRRORS",
  "PLUGIN_SKIP_DEFAULT_REGISTRY_FALLBACK",
  "PLUGIN_INSECURE",
  "PLUGIN_INSECURE_PULL",
  "PLUGIN_INSECURE_REGISTRY",
  "PLUGIN_SKIP_TLS_VERIFY",
  "PLUGIN_SKIP_TLS_VERIFY_PULL",
  "PLUGIN_SKIP_TLS_VERIFY_REGISTRY",
  "PLUGIN_REGISTRY_CERTIFICATE",
  "PLUGIN_REGISTRY_CLIENT_CERT",
  "PLUGIN_SKIP_PUSH_PERMISSION_CHECK",
  "PLUGIN_PUSH_RETRY",
  "PLUGIN_IMAGE_FS_EXTRACT_RETRY",
  "PLUGIN_IMAGE_DOWNLOAD_RETRY",
  "PLUGIN_VERBOSITY",
  "PLUGIN_LOG_FORMAT",
  "PLUGIN_LOG_TIMESTAMP",
];

const MAPPED = new Set(MAPPED_PLUGIN_VARIABLES);

const CREDENTIALS = "it configures registry credentials (written to the docker config file), not an executor flag";
const AWS = "it configures AWS/ECR access for the plugin, not an executor flag";
const GOOGLE = "it configures Google access for the plugin (the GCR/GAR plugins write the key to a file named by GOOGLE_APPLICATION_CREDENTIALS), not an executor flag";

/** Why some well-known PLUGIN_* variables have no kaniko equivalent. */
const UNSUPPORTED_REASONS: Readonly<Record<string, string>> = {
  PLUGIN_PUSH_ONLY: "kaniko always builds; pushing an existing image or tarball without building is not something the executor does",
  PLUGIN_SOURCE_TAR_PATH: "kaniko always builds; pushing an existing tarball is not something the executor does",
  PLUGIN_CUSTOM_DNS: "kaniko has no DNS setting; the build uses the DNS of the pod it runs in",
  PLUGIN_CUSTOM_DNS_SEARCH: "kaniko has no DNS setting; the build uses the DNS of the pod it runs in",
  PLUGIN_REGISTRY: "the registry is part of the repository or destination; give a full repository instead",
  PLUGIN_EXPAND_REPO: "it is a plugin helper that prefixes the registry; give a full repository instead",
  PLUGIN_EXPAND_TAG: "it is a plugin helper that computes tags; compute the tags before building",
  PLUGIN_AUTO_TAG: "it is a plugin helper that computes tags from the commit ref; compute the tags before building",
  PLUGIN_AUTO_TAG_SUFFIX: "it is a plugin helper that computes tags from the commit ref; compute the tags before building",
  PLUGIN_USERNAME: CREDENTIALS,
  PLUGIN_PASSWORD: CREDENTIALS,
  PLUGIN_CONFIG: CREDENTIALS,
  PLUGIN_DOCKER_REGISTRY: CREDENTIALS,
  PLUGIN_DOCKER_USERNAME: CREDENTIALS,
  PLUGIN_DOCKER_PASSWORD: CREDENTIALS,
  PLUGIN_ACCESS_KEY: AWS,
  PLUGIN_SECRET_KEY: AWS,
  PLUGIN_ASSUME_ROLE: AWS,
  PLUGIN_EXTERNAL_ID: AWS,
  PLUGIN_REGION: AWS,
  PLUGIN_CREATE_REPOSITORY: "creating the ECR repository is an API call the plugin makes before building, not an executor flag",
  PLUGIN_LIFECYCLE_POLICY: "ECR policies are uploaded by the plugin, not set by an executor flag",
  PLUGIN_REPOSITORY_POLICY: "ECR policies are uploaded by the plugin, not set by an executor flag",
  PLUGIN_ARTIFACT_FILE: "the artifact file is written by the plugin after the build, not by kaniko",
  PLUGIN_JSON_KEY: GOOGLE,
};

function fail(env: Env) {
  return (code: "invalid-bool" | "invalid-int", variable: string, message: string): Error => {
    const raw = env[variable];
    return new KanikoOptionsError(code, variable, message, raw === undefined || isSecretVariable(variable) ? undefined : raw);
  };
}

/** Items of a comma list, with empty items dropped. */
function nonEmpty(items: readonly string[]): string[] {
  return items.filter((item) => item !== "");
}

/**
 * K=V items from a comma list. An item without "=" after a K=V item is taken as
 * the rest of that value, cut at a comma (the plugin's bug, undone). Only keys
 * appear in errors: values may be secrets.
 */
function keyValues(variable: string, items: readonly string[], continuation: boolean): KeyValue[] {
  const pairs: Array<[string, string]> = [];
  items.forEach((item, index) => {
    if (item === "") return;
    const eq = item.indexOf("=");
    const last = pairs[pairs.length - 1];
    if (eq < 0 && continuation && last !== undefined) {
      last[1] = `${last[1]},${item}`;
      return;
    }
    if (eq <= 0) {
      throw new KanikoOptionsError(
        "invalid-key-value",
        variable,
        `${variable}: item ${index + 1} ${eq < 0 ? 'has no "="' : "has an empty key"}; each item must be KEY=VALUE`,
      );
    }
    pairs.push([item.slice(0, eq), item.slice(eq + 1)]);
  });
  return pairs;
}

function toNumber(variable: string, value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new KanikoOptionsError("invalid-int", variable, `${variable} is too large for a retry count or TTL`, value.toString());
  }
  return Number(value);
}

/**
 * Kaniko options for runtime flags given as PLUGIN_* variables. Variables that
 * aren't PLUGIN_* are ignored; a PLUGIN_* variable with no kaniko equivalent
 * throws KanikoOptionsError `unsupported-runtime-flag` naming it. Bools and ints
 * are parsed as the plugin parses them (Go rules); integer settings of 0 are
 * left out, as the plugin leaves them out. Lists drop empty items.
 */
export function pluginEnvToKanikoOptions(env: Env): KanikoOptionsPatch {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !name.startsWith("PLUGIN_") || MAPPED.has(name)) continue;
    const reason = UNSUPPORTED_REASONS[name] ?? "no kaniko executor flag corresponds to it";
    throw new KanikoOptionsError("unsupported-runtime-flag", name, `${name} has no kaniko equivalent: ${reason}`);
  }

  const r = new EnvReader(env, fail(env));
  const patch: KanikoOptionsPatch = {};
  const str = (name: string | readonly string[]): string | undefined => r.lookup(name)?.value;
  const bool = (name: string): boolean | undefined => (r.isSet(name) ? r.bool(name) : undefined);
  const int = (name: string): number | undefined => {
    if (!r.isSet(name)) return undefined;
    const value = toNumber(name, r.int(name));
    return value === 0 ? undefined : value;
  };
  const list = (name: string | readonly string[]): string[] | undefined => (r.isSet(name) ? nonEmpty(r.list(name)) : undefined);
  const set = <K extends keyof KanikoOptionsPatch>(key: K, value: KanikoOptionsPatch[K] | undefined): void => {
    if (value !== undefined) patch[key] = value;
  };

  set("dockerfile", str("PLUGIN_DOCKERFILE"));
  set("context", str("PLUGIN_CONTEXT"));
  set("contextSubPath", str("PLUGIN_CONTEXT_SUB_PATH"));
  set("repository", str("PLUGIN_REPO"));
  set("tags", list("PLUGIN_TAGS"));

  if (bool("PLUGIN_MULTIPLE_BUILD_ARGS") === true) {
    const raw = str("PLUGIN_BUILD_ARGS_NEW");
    set("buildArgs", raw === undefined ? [] : keyValues("PLUGIN_BUILD_ARGS_NEW", splitSemicolonList(raw), false));
  } else if (r.isSet("PLUGIN_BUILD_ARGS")) {
    set("buildArgs", keyValues("PLUGIN_BUILD_ARGS", r.list("PLUGIN_BUILD_ARGS"), true));
  }
  if (r.isSet("PLUGIN_CUSTOM_LABELS")) set("labels", keyValues("PLUGIN_CUSTOM_LABELS", r.list("PLUGIN_CUSTOM_LABELS"), true));

  set("target", str("PLUGIN_TARGET"));
  set("customPlatform", str(["PLUGIN_PLATFORM", "PLUGIN_CUSTOM_PLATFORM"]));
  const snapshotMode = str("PLUGIN_SNAPSHOT_MODE");
  if (snapshotMode !== undefined) set("snapshotMode", requireChoice("PLUGIN_SNAPSHOT_MODE", snapshotMode, SNAPSHOT_MODES));
  set("singleSnapshot", bool("PLUGIN_SINGLE_SNAPSHOT"));
  set("reproducible", bool("PLUGIN_REPRODUCIBLE"));
  set("useNewRun", bool("PLUGIN_USE_NEW_RUN"));
  set("skipUnusedStages", bool("PLUGIN_SKIP_UNUSED_STAGES"));
  set("cleanup", bool("PLUGIN_CLEANUP"));
  set("force", bool("PLUGIN_FORCE"));
  set("ignoreVarRun", bool("PLUGIN_IGNORE_VAR_RUN"));
  if (r.isSet("PLUGIN_IGNORE_PATH") || r.isSet("PLUGIN_IGNORE_PATHS")) {
    set("ignorePaths", nonEmpty([str("PLUGIN_IGNORE_PATH") ?? "", ...(list("PLUGIN_IGNORE_PATHS") ?? [])]));
  }

  const cache: NonNullable<KanikoOptionsPatch["cache"]> = {};
  const enabled = bool("PLUGIN_ENABLE_CACHE");
  if (enabled !== undefined) cache.enabled = enabled;
  const cacheRepo = str("PLUGIN_CACHE_REPO");
  if (cacheRepo !== undefined && cacheRepo !== "") cache.repo = cacheRepo;
  const ttl = int("PLUGIN_CACHE_TTL");
  if (ttl !== undefined) cache.ttlHours = ttl;
  const copyLayers = bool("PLUGIN_CACHE_COPY_LAYERS");
  if (copyLayers !== undefined) cache.copyLayers = copyLayers;
  const runLayers = bool("PLUGIN_CACHE_RUN_LAYERS");
  if (runLayers !== undefined) cache.runLayers = runLayers;
  const compressed = bool("PLUGIN_COMPRESSED_CACHING");
  if (compressed !== undefined) cache.compressed = compressed;
  const cacheDir = str("PLUGIN_CACHE_DIR");
  if (cacheDir !== undefined) cache.dir = cacheDir;
  if (Object.keys(cache).length > 0) patch.cache = cache;

  set("noPush", bool("PLUGIN_NO_PUSH"));
  set("tarPath", str(["PLUGIN_TAR_PATH", "PLUGIN_DESTINATION_TAR_PATH"]));
  set("imageNameWithDigestFile", str("PLUGIN_IMAGE_NAME_WITH_DIGEST_FILE"));
  set("imageNameTagWithDigestFile", str("PLUGIN_IMAGE_NAME_TAG_WITH_DIGEST_FILE"));
  set("ociLayoutPath", str("PLUGIN_OCI_LAYOUT_PATH"));

  set("registryMirrors", list("PLUGIN_REGISTRY_MIRRORS"));
  set("skipDefaultRegistryFallback", bool("PLUGIN_SKIP_DEFAULT_REGISTRY_FALLBACK"));
  set("insecure", bool("PLUGIN_INSECURE"));
  set("insecurePull", bool("PLUGIN_INSECURE_PULL"));
  set("insecureRegistries", list("PLUGIN_INSECURE_REGISTRY"));
  set("skipTlsVerify", bool("PLUGIN_SKIP_TLS_VERIFY"));
  set("skipTlsVerifyPull", bool("PLUGIN_SKIP_TLS_VERIFY_PULL"));
  const skipRegistry = str("PLUGIN_SKIP_TLS_VERIFY_REGISTRY");
  if (skipRegistry !== undefined && skipRegistry !== "") {
    const asBool = parseGoBool(skipRegistry);
    if (asBool.ok && asBool.value) {
      throw new KanikoOptionsError(
        "invalid-value",
        "PLUGIN_SKIP_TLS_VERIFY_REGISTRY",
        "PLUGIN_SKIP_TLS_VERIFY_REGISTRY=true names no registry, but kaniko's --skip-tls-verify-registry takes one: give the registry host (e.g. registry.example.com:5000), or use PLUGIN_SKIP_TLS_VERIFY",
        skipRegistry,
      );
    }
    if (!asBool.ok) set("skipTlsVerifyRegistries", nonEmpty(r.list("PLUGIN_SKIP_TLS_VERIFY_REGISTRY")));
  }
  if (r.isSet("PLUGIN_REGISTRY_CERTIFICATE")) {
    set("registryCertificates", keyValues("PLUGIN_REGISTRY_CERTIFICATE", r.list("PLUGIN_REGISTRY_CERTIFICATE"), false));
  }
  const clientCert = str("PLUGIN_REGISTRY_CLIENT_CERT");
  if (clientCert !== undefined && clientCert !== "") {
    const match = /^([^=]+)=([^,]+),([^,]+)$/.exec(clientCert.trim());
    if (match === null) {
      throw new KanikoOptionsError("invalid-key-value", "PLUGIN_REGISTRY_CLIENT_CERT", "PLUGIN_REGISTRY_CLIENT_CERT must be registry=/path/to/cert,/path/to/key", clientCert);
    }
    set("registryClientCertificates", [{ registry: match[1] as string, certPath: match[2] as string, keyPath: match[3] as string }]);
  }
  set("skipPushPermissionCheck", bool("PLUGIN_SKIP_PUSH_PERMISSION_CHECK"));
  set("pushRetry", int("PLUGIN_PUSH_RETRY"));
  set("imageFsExtractRetry", int("PLUGIN_IMAGE_FS_EXTRACT_RETRY"));
  set("imageDownloadRetry", int("PLUGIN_IMAGE_DOWNLOAD_RETRY"));

  const verbosity = str("PLUGIN_VERBOSITY");
  if (verbosity !== undefined) set("verbosity", requireChoice("PLUGIN_VERBOSITY", verbosity, VERBOSITIES));
  const logFormat = str("PLUGIN_LOG_FORMAT");
  if (logFormat !== undefined) set("logFormat", requireChoice("PLUGIN_LOG_FORMAT", logFormat, LOG_FORMATS));
  set("logTimestamp", bool("PLUGIN_LOG_TIMESTAMP"));

  return patch;
}

/**
 * `base` with `patch` laid over it: every field the patch sets replaces the
 * base's (lists included); cache fields are merged one by one, and a cache
 * first enabled by the patch alone starts disabled unless the patch enables it.
 */
export function mergeKanikoOptions(base: KanikoOptions, patch: KanikoOptionsPatch): KanikoOptions {
  const merged: KanikoOptions = { ...base };
  for (const [key, value] of Object.entries(patch) as Array<[keyof KanikoOptionsPatch, unknown]>) {
    if (value === undefined || key === "cache") continue;
    (merged as Record<string, unknown>)[key] = value;
  }
  if (patch.cache !== undefined) {
    const cache = { ...base.cache, ...Object.fromEntries(Object.entries(patch.cache).filter(([, v]) => v !== undefined)) };
    merged.cache = { ...cache, enabled: cache.enabled ?? false };
  }
  return merged;
}
