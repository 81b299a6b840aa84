import type { PluginVariant } from "@buildpush/kaniko-args";

/**
 * The runtime flags (`PLUGIN_*` stage variables or envVariables) authors set, and which plugin
 * reads each: the kaniko plugins on Kubernetes (kaniko-plugin.md §2–3: the executor flag each
 * becomes) and drone-docker on VMs, Harness Cloud and the local runner (docker-plugin.md §1–7).
 * Warnings name a flag the step's plugin ignores (`ignored-runtime-flag`); the editor schema
 * documents the flags under envVariables. Names not listed here are never warned about: only
 * flags whose readers are known are.
 */
export interface RuntimeFlagDoc {
  /** What the flag does. */
  does: string;
  /** On Kubernetes: the kaniko executor flag it becomes; the variants that read it (every variant when absent). Absent: no kaniko plugin reads it. */
  kaniko?: { flag: string; variants?: readonly PluginVariant[] };
  /** On VMs: what drone-docker does with it; the variants that read it (every variant when absent). Absent: drone-docker ignores it. */
  docker?: { effect: string; variants?: readonly PluginVariant[] };
  /** What to do instead where it is ignored, per infrastructure. */
  instead?: { kubernetes?: string; vm?: string };
}

const noDaemon = "Harness sets PLUGIN_DAEMON_OFF=true on VMs, so drone-docker uses the VM's Docker daemon as it is and never starts one to give this option to";
const kanikoOnly = "drone-docker has no such setting (it is a kaniko plugin flag)";

/**
 * The kaniko plugin binaries with tar-path and push-only (with source-tar-path) flags: all but
 * kaniko-gcr, which defines neither (drone-kaniko cmd/kaniko-gcr/main.go; gcr-gar-and-infrastructure.md §5a).
 */
const tarAndPushOnly: readonly PluginVariant[] = ["docker", "ecr", "acr", "gar"];
const noGcrFlag = (flag: string, effect: string): string => `kaniko-gcr (the GCR step's plugin) has no ${flag} flag: ${effect}`;

/** A kaniko-only flag: the executor flag, on every kaniko variant, and nothing on VMs. */
function kaniko(does: string, flag: string, vm = kanikoOnly): RuntimeFlagDoc {
  return { does, kaniko: { flag }, instead: { vm } };
}

/** A drone-docker-only flag. */
function docker(does: string, effect: string, kubernetes = "the kaniko plugins have no such setting (it is a drone-docker flag)"): RuntimeFlagDoc {
  return { does, docker: { effect }, instead: { kubernetes } };
}

/** A drone-docker daemon option: read, but without effect on Harness's VMs. */
function daemonOption(does: string, option: string): RuntimeFlagDoc {
  return { does: `${does} (drone-docker daemon option ${option})`, instead: { kubernetes: "the kaniko plugins have no such setting (it configures drone-docker's daemon)", vm: noDaemon } };
}

export const runtimeFlagDocs: Readonly<Record<string, RuntimeFlagDoc>> = {
  PLUGIN_NO_PUSH: { does: "Build without pushing.", kaniko: { flag: "--no-push" }, docker: { effect: "dry run: tags, no push (an alias of PLUGIN_DRY_RUN)" } },
  PLUGIN_DRY_RUN: { does: "Build without pushing (drone-docker's name).", docker: { effect: "dry run: tags, no push" }, instead: { kubernetes: "the kaniko plugins read PLUGIN_NO_PUSH" } },
  PLUGIN_TAR_PATH: { does: "Write the image to a tarball at this path.", kaniko: { flag: "--tar-path", variants: tarAndPushOnly }, instead: { kubernetes: noGcrFlag("tar-path", "no tarball is written"), vm: kanikoOnly } },
  PLUGIN_DESTINATION_TAR_PATH: { does: "Write the image to a tarball at this path (read when PLUGIN_TAR_PATH is not set).", kaniko: { flag: "--tar-path", variants: tarAndPushOnly }, instead: { kubernetes: noGcrFlag("tar-path", "no tarball is written"), vm: kanikoOnly } },
  PLUGIN_PUSH_ONLY: {
    does: "Push without building: drone-docker pushes an existing image (PLUGIN_SOURCE_IMAGE), the kaniko plugins an image tarball (PLUGIN_SOURCE_TAR_PATH).",
    kaniko: { flag: "(no build: the tarball at PLUGIN_SOURCE_TAR_PATH is pushed)", variants: tarAndPushOnly },
    docker: { effect: "no build: docker image inspect, then tag and push each tag" },
    instead: { kubernetes: noGcrFlag("push-only", "the image is built and pushed as usual") },
  },
  PLUGIN_SOURCE_TAR_PATH: {
    does: "The image tarball PLUGIN_PUSH_ONLY pushes (the kaniko plugins).",
    kaniko: { flag: "(the tarball push-only pushes)", variants: tarAndPushOnly },
    instead: { kubernetes: noGcrFlag("push-only", "no tarball is pushed"), vm: "drone-docker pushes an image, not a tarball: set PLUGIN_SOURCE_IMAGE" },
  },
  PLUGIN_SOURCE_IMAGE: docker("The image PLUGIN_PUSH_ONLY pushes (drone-docker).", "the image tagged and pushed", "the kaniko plugins push a tarball instead: PLUGIN_SOURCE_TAR_PATH"),
  PLUGIN_SKIP_TLS_VERIFY: {
    does: "Push to a registry whose TLS certificate is not verified.",
    kaniko: { flag: "--skip-tls-verify=true", variants: ["docker"] },
    instead: { kubernetes: "only the Docker registry variant of the kaniko plugin reads it; set PLUGIN_SKIP_TLS_VERIFY_REGISTRY or PLUGIN_INSECURE_REGISTRY to the registry instead", vm: "TLS to the registry is the VM daemon's business: configure the daemon on the VM (drone-docker's PLUGIN_INSECURE only reaches a daemon it starts)" },
  },
  PLUGIN_SKIP_TLS_VERIFY_PULL: kaniko("Pull base images without verifying TLS.", "--skip-tls-verify-pull"),
  PLUGIN_SKIP_TLS_VERIFY_REGISTRY: kaniko("Skip TLS verification for one registry (the plugin emits the flag without its value: kaniko-plugin.md §7).", "--skip-tls-verify-registry"),
  PLUGIN_INSECURE: { does: "Push over plain HTTP.", kaniko: { flag: "--insecure" }, instead: { vm: `${noDaemon} (it would add --insecure-registry)` } },
  PLUGIN_INSECURE_PULL: kaniko("Pull base images over plain HTTP.", "--insecure-pull"),
  PLUGIN_INSECURE_REGISTRY: kaniko("A registry reached over plain HTTP.", "--insecure-registry"),
  PLUGIN_REGISTRY_MIRRORS: kaniko("Registry mirrors for base images (comma list).", "--registry-mirror"),
  PLUGIN_REGISTRY_CERTIFICATE: kaniko("A registry's CA certificate: REGISTRY=PATH.", "--registry-certificate"),
  PLUGIN_REGISTRY_CLIENT_CERT: kaniko("A registry's client certificate: REGISTRY=CERT,KEY.", "--registry-client-cert"),
  PLUGIN_SKIP_PUSH_PERMISSION_CHECK: kaniko("Do not check push permission before building.", "--skip-push-permission-check"),
  PLUGIN_SKIP_DEFAULT_REGISTRY_FALLBACK: kaniko("Do not fall back to Docker Hub when a mirror fails.", "--skip-default-registry-fallback"),
  PLUGIN_PUSH_RETRY: kaniko("How many times to retry a failed push.", "--push-retry"),
  PLUGIN_IMAGE_DOWNLOAD_RETRY: kaniko("How many times to retry a failed base image download.", "--image-download-retry"),
  PLUGIN_IMAGE_FS_EXTRACT_RETRY: kaniko("How many times to retry extracting a base image's file system.", "--image-fs-extract-retry"),
  PLUGIN_SNAPSHOT_MODE: kaniko("How kaniko detects file changes: full, redo or time (`optimize` sets redo).", "--snapshot-mode"),
  PLUGIN_SINGLE_SNAPSHOT: kaniko("Take one snapshot at the end of the build.", "--single-snapshot"),
  PLUGIN_REPRODUCIBLE: kaniko("Strip timestamps for reproducible images.", "--reproducible"),
  PLUGIN_USE_NEW_RUN: kaniko("Use kaniko's newer RUN implementation.", "--use-new-run"),
  PLUGIN_SKIP_UNUSED_STAGES: kaniko("Build only the stages the target needs.", "--skip-unused-stages"),
  PLUGIN_CLEANUP: kaniko("Clean the file system at the end of the build.", "--cleanup=true"),
  PLUGIN_FORCE: kaniko("Build outside a container.", "--force"),
  PLUGIN_IGNORE_VAR_RUN: kaniko("Whether /var/run is left out of the image.", "--ignore-var-run"),
  PLUGIN_IGNORE_PATH: kaniko("A path left out of the image snapshot.", "--ignore-path"),
  PLUGIN_IGNORE_PATHS: { does: "Paths left out of the image snapshot (comma list).", kaniko: { flag: "--ignore-path", variants: ["docker"] }, instead: { kubernetes: "only the Docker registry variant of the kaniko plugin reads it; set PLUGIN_IGNORE_PATH", vm: kanikoOnly } },
  PLUGIN_ENABLE_CACHE: kaniko("Cache layers in a registry (remoteCacheRepo / remoteCacheImage set it).", "--cache=true"),
  PLUGIN_CACHE_REPO: kaniko("The repository of the layer cache.", "--cache-repo"),
  PLUGIN_CACHE_TTL: kaniko("How long cached layers stay valid, in hours.", "--cache-ttl"),
  PLUGIN_CACHE_COPY_LAYERS: kaniko("Cache COPY layers too.", "--cache-copy-layers"),
  PLUGIN_CACHE_RUN_LAYERS: kaniko("Cache RUN layers.", "--cache-run-layers=true"),
  PLUGIN_COMPRESSED_CACHING: kaniko("Compress cached layers (false saves memory).", "--compressed-caching"),
  PLUGIN_CONTEXT_SUB_PATH: kaniko("A sub-directory of the context to build.", "--context-sub-path"),
  PLUGIN_IMAGE_NAME_WITH_DIGEST_FILE: kaniko("Write the image name with its digest to this file.", "--image-name-with-digest-file"),
  PLUGIN_IMAGE_NAME_TAG_WITH_DIGEST_FILE: kaniko("Write the image name and tag with its digest to this file.", "--image-name-tag-with-digest-file"),
  PLUGIN_OCI_LAYOUT_PATH: kaniko("Write the image as an OCI layout at this path.", "--oci-layout-path"),
  PLUGIN_VERBOSITY: kaniko("kaniko's log level: panic, fatal, error, warn, info, debug or trace.", "--verbosity"),
  PLUGIN_LOG_FORMAT: kaniko("kaniko's log format: text, color or json.", "--log-format"),
  PLUGIN_LOG_TIMESTAMP: kaniko("Timestamps in kaniko's log.", "--log-timestamp"),
  PLUGIN_EXPAND_TAG: kaniko("Expand a semver tag v1.2.3 into 1, 1.2 and 1.2.3.", "--destination per expanded tag", "drone-docker pushes tags as given: expand-tag has no counterpart there"),
  PLUGIN_EXPAND_REPO: { does: "Put the registry before the repository.", kaniko: { flag: "--destination=REGISTRY/REPO:TAG", variants: ["docker"] }, instead: { kubernetes: "only the Docker registry variant of the kaniko plugin reads it", vm: "drone-docker never prefixes the repository: write the registry in repo" } },
  PLUGIN_PLATFORM: { does: "The platform to build for (os/arch).", kaniko: { flag: "--custom-platform" }, docker: { effect: "docker build --platform" } },
  PLUGIN_CUSTOM_PLATFORM: kaniko("The platform to build for (read when PLUGIN_PLATFORM is not set).", "--custom-platform", "drone-docker reads PLUGIN_PLATFORM"),
  PLUGIN_AUTO_TAG: { does: "Tags from the commit ref: 1, 1.2, 1.2.3 on a tag v1.2.3, latest on the default branch.", kaniko: { flag: "--destination per computed tag" }, docker: { effect: "tags computed from the commit ref (nothing runs on other branches)" } },
  PLUGIN_AUTO_TAG_SUFFIX: { does: "A suffix for PLUGIN_AUTO_TAG's tags.", kaniko: { flag: "--destination per computed tag" }, docker: { effect: "a suffix for the computed tags" } },
  PLUGIN_BUILD_ARGS_NEW: { does: "Build args split on `;` (values may hold commas), with PLUGIN_MULTIPLE_BUILD_ARGS=true.", kaniko: { flag: "--build-arg" }, docker: { effect: "docker build --build-arg" } },
  PLUGIN_MULTIPLE_BUILD_ARGS: { does: "Read PLUGIN_BUILD_ARGS_NEW instead of buildArgs.", kaniko: { flag: "--build-arg (from PLUGIN_BUILD_ARGS_NEW)" }, docker: { effect: "--build-arg from PLUGIN_BUILD_ARGS_NEW" } },
  PLUGIN_CREATE_REPOSITORY: { does: "Create the ECR repository before pushing.", kaniko: { flag: "(an AWS API call before the build)", variants: ["ecr"] }, docker: { effect: "an AWS API call before the build", variants: ["ecr"] }, instead: { kubernetes: "only the ECR plugin reads it", vm: "only the ECR plugin reads it" } },
  PLUGIN_LIFECYCLE_POLICY: { does: "A lifecycle policy file for the ECR repository.", kaniko: { flag: "(an AWS API call)", variants: ["ecr"] }, docker: { effect: "an AWS API call", variants: ["ecr"] }, instead: { kubernetes: "only the ECR plugin reads it", vm: "only the ECR plugin reads it" } },
  PLUGIN_REPOSITORY_POLICY: { does: "A repository policy file for the ECR repository.", kaniko: { flag: "(an AWS API call)", variants: ["ecr"] }, docker: { effect: "an AWS API call", variants: ["ecr"] }, instead: { kubernetes: "only the ECR plugin reads it", vm: "only the ECR plugin reads it" } },
  PLUGIN_NO_CACHE: docker("Build without the daemon's layer cache.", "docker build --no-cache"),
  PLUGIN_PULL_IMAGE: docker("Pull newer base images (default true).", "docker build --pull=true"),
  PLUGIN_COMPRESS: docker("Compress the build context.", "docker build --compress"),
  PLUGIN_SQUASH: docker("Squash the layers (needs PLUGIN_EXPERIMENTAL).", "docker build --squash"),
  PLUGIN_QUIET: docker("Quiet build output.", "docker build --quiet"),
  PLUGIN_ADD_HOST: docker("Extra /etc/hosts entries for RUN steps.", "docker build --add-host"),
  PLUGIN_SECRET: docker("A BuildKit secret, as docker's --secret takes it.", "docker build --secret (BuildKit)"),
  PLUGIN_SECRETS_FROM_ENV: docker("BuildKit secrets from variables: id=VARIABLE.", "docker build --secret id=ID,env=VARIABLE"),
  PLUGIN_SECRETS_FROM_FILE: docker("BuildKit secrets from files: id=PATH.", "docker build --secret id=ID,src=PATH"),
  PLUGIN_SSH_AGENT_KEY: docker("An ssh key for RUN --mount=type=ssh.", "docker build --ssh default=KEY"),
  PLUGIN_BUILD_ARGS_FROM_ENV: docker("Build args from the named variables.", "docker build --build-arg NAME=value"),
  PLUGIN_AUTO_LABEL: docker("The org.opencontainers.image labels (default true).", "docker build --label org.opencontainers.image.*"),
  PLUGIN_MIRROR: daemonOption("A registry mirror for the daemon.", "--registry-mirror"),
  PLUGIN_CUSTOM_DNS: daemonOption("DNS servers for the daemon.", "--dns"),
  PLUGIN_CUSTOM_DNS_SEARCH: daemonOption("DNS search domains for the daemon.", "--dns-search"),
  PLUGIN_STORAGE_DRIVER: daemonOption("The daemon's storage driver.", "--storage-driver"),
  PLUGIN_BIP: daemonOption("The daemon's bridge IP.", "--bip"),
  PLUGIN_MTU: daemonOption("The daemon's MTU.", "--mtu"),
  PLUGIN_IPV6: daemonOption("IPv6 in the daemon.", "--ipv6"),
  PLUGIN_EXPERIMENTAL: daemonOption("The daemon's experimental features.", "--experimental"),
  PLUGIN_NETWORK: { does: "A network for RUN steps.", instead: { kubernetes: "the kaniko plugins have no such setting", vm: "drone-docker has no --network for the build: RUN steps use the daemon's default network" } },
  PLUGIN_SHM_SIZE: { does: "The size of /dev/shm for RUN steps.", instead: { kubernetes: "the kaniko plugins have no such setting", vm: "drone-docker has no --shm-size for the build" } },
  PLUGIN_BUILDX: { does: "Build with buildx.", instead: { kubernetes: "the kaniko plugins have no such setting", vm: "drone-docker has no buildx path; Harness Cloud's layer caching runs separate buildx plugins (set caching on the step)" } },
};

/** Whether the plugin that runs a step of `variant` on `infrastructure` reads `flag`; undefined for a flag not in the table. */
export function pluginReadsFlag(flag: string, infrastructure: "kubernetes" | "vm", variant: PluginVariant): boolean | undefined {
  const doc = Object.prototype.hasOwnProperty.call(runtimeFlagDocs, flag) ? runtimeFlagDocs[flag] : undefined;
  if (!doc) return undefined;
  const reader = infrastructure === "kubernetes" ? doc.kaniko : doc.docker;
  return reader !== undefined && (reader.variants === undefined || reader.variants.includes(variant));
}
