// The PLUGIN_* variables each plugin reads, so that one it never reads can be named: a runtime
// flag set for the kaniko plugin, or for Harness Cloud's buildx plugins, does nothing here.

import { GCP_OIDC_VARIABLES, type PluginVariant } from "@buildpush/kaniko-args";

/** Every PLUGIN_* variable cmd/drone-docker/main.go has a flag for. */
const DRONE_DOCKER = [
  "PLUGIN_DRY_RUN", "PLUGIN_NO_PUSH", "PLUGIN_MIRROR", "PLUGIN_STORAGE_DRIVER", "PLUGIN_STORAGE_PATH", "PLUGIN_BIP", "PLUGIN_MTU",
  "PLUGIN_CUSTOM_DNS", "PLUGIN_CUSTOM_DNS_SEARCH", "PLUGIN_INSECURE", "PLUGIN_IPV6", "PLUGIN_EXPERIMENTAL", "PLUGIN_DEBUG",
  "PLUGIN_DAEMON_OFF", "PLUGIN_DAEMON_RETRY_COUNT", "PLUGIN_DOCKERFILE", "PLUGIN_CONTEXT", "PLUGIN_TAG", "PLUGIN_TAGS",
  "PLUGIN_DEFAULT_TAGS", "PLUGIN_AUTO_TAG", "PLUGIN_DEFAULT_SUFFIX", "PLUGIN_AUTO_TAG_SUFFIX", "PLUGIN_BUILD_ARGS",
  "PLUGIN_BUILD_ARGS_FROM_ENV", "PLUGIN_BUILD_ARGS_NEW", "PLUGIN_MULTIPLE_BUILD_ARGS", "PLUGIN_QUIET", "PLUGIN_TARGET",
  "PLUGIN_CACHE_FROM", "PLUGIN_SQUASH", "PLUGIN_PULL_IMAGE", "PLUGIN_COMPRESS", "PLUGIN_REPO", "PLUGIN_CUSTOM_LABELS",
  "PLUGIN_LABEL_SCHEMA", "PLUGIN_AUTO_LABEL", "PLUGIN_REPO_LINK", "PLUGIN_REGISTRY", "PLUGIN_USERNAME", "PLUGIN_PASSWORD",
  "PLUGIN_DOCKER_USERNAME", "PLUGIN_BASE_IMAGE_USERNAME", "PLUGIN_DOCKER_PASSWORD", "PLUGIN_BASE_IMAGE_PASSWORD",
  "PLUGIN_DOCKER_REGISTRY", "PLUGIN_BASE_IMAGE_REGISTRY", "PLUGIN_EMAIL", "PLUGIN_CONFIG", "PLUGIN_PURGE", "PLUGIN_NO_CACHE",
  "PLUGIN_ADD_HOST", "PLUGIN_SECRET", "PLUGIN_SECRETS_FROM_ENV", "PLUGIN_SECRETS_FROM_FILE", "PLUGIN_PLATFORM",
  "PLUGIN_SSH_AGENT_KEY", "PLUGIN_ARTIFACT_FILE", "PLUGIN_REGISTRY_TYPE", "PLUGIN_COSIGN_PRIVATE_KEY", "PLUGIN_COSIGN_PASSWORD",
  "PLUGIN_COSIGN_PARAMS", "PLUGIN_PUSH_ONLY", "PLUGIN_SOURCE_IMAGE", "PLUGIN_ENV_FILE",
];

/** The GCR and GAR wrappers' own PLUGIN_* variables (GCR_JSON_KEY, GOOGLE_CREDENTIALS and TOKEN are theirs too). */
const GOOGLE = ["PLUGIN_JSON_KEY", "PLUGIN_WORKLOAD_IDENTITY", ...GCP_OIDC_VARIABLES];

/** What cmd/drone-{ecr,acr,gcr,gar}/main.go read before running drone-docker. */
const WRAPPERS: Readonly<Record<PluginVariant, readonly string[]>> = {
  docker: [],
  ecr: [
    "PLUGIN_REGION", "PLUGIN_ACCESS_KEY", "PLUGIN_SECRET_KEY", "PLUGIN_CREATE_REPOSITORY", "PLUGIN_LIFECYCLE_POLICY",
    "PLUGIN_REPOSITORY_POLICY", "PLUGIN_ASSUME_ROLE", "PLUGIN_EXTERNAL_ID", "PLUGIN_SCAN_ON_PUSH", "PLUGIN_OIDC_TOKEN_ID",
    "PLUGIN_SKIP_PUSH_IF_TAG_EXISTS",
  ],
  acr: [
    "PLUGIN_CLIENT_ID", "PLUGIN_CLIENT_SECRET", "PLUGIN_CLIENT_CERTIFICATE", "PLUGIN_TENANT_ID", "PLUGIN_SUBSCRIPTION_ID",
    "PLUGIN_DAEMON_REGISTRY", "PLUGIN_AZURE_AUTHORITY_HOST", "PLUGIN_OIDC_TOKEN_ID",
  ],
  gcr: GOOGLE,
  gar: [...GOOGLE, "PLUGIN_LOCATION"],
};

/**
 * Set by Harness itself on every ECR step on a VM, for the buildx plugins of Harness Cloud
 * (harness-translation.md section 3); that drone-docker ignores it changes nothing for the user.
 */
const SET_BY_HARNESS = new Set(["PLUGIN_METADATA_FILE"]);

const DRONE_DOCKER_READS: ReadonlySet<string> = new Set(DRONE_DOCKER);

const BUILDX = "Harness Cloud's layer caching runs the separate buildx plugins, not this one (docker-plugin.md section 7)";

/** Why the better-known unread variables do nothing here. */
const REASONS: Readonly<Record<string, string>> = {
  PLUGIN_NETWORK: "there is no --network for the build: RUN steps use the daemon's default network",
  PLUGIN_BUILDX: `there is no buildx path in this plugin; ${BUILDX}`,
  PLUGIN_CACHE_TO: `the cache is never exported: there is no --cache-to; ${BUILDX}`,
  PLUGIN_SHM_SIZE: "there is no --shm-size for the build",
  PLUGIN_EXPAND_TAG: "tags are pushed as given: the kaniko plugin's expand-tag has no counterpart here",
  PLUGIN_SKIP_TLS_VERIFY: "it is a kaniko plugin flag; TLS to the registry is the daemon's business (PLUGIN_INSECURE, and only for a daemon the plugin starts)",
};

/** Whether the plugin reads the variable. */
export function pluginReads(variant: PluginVariant, name: string): boolean {
  return DRONE_DOCKER_READS.has(name) || WRAPPERS[variant].includes(name) || SET_BY_HARNESS.has(name);
}

/** Why an unread variable does nothing. */
export function ignoredReason(name: string): string {
  return REASONS[name] ?? "the drone-docker plugin has no setting of that name (it may be a kaniko plugin runtime flag)";
}
