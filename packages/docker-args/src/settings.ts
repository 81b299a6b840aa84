// drone-docker's settings, read from its environment as its CLI library (urfave/cli v1) reads
// them: the first alias that is set wins (even when empty), lists split on "," and are trimmed
// with empty items kept, bools and ints go through Go's parsers and a bad one stops the plugin
// before it starts anything. The flags are read in the order cmd/drone-docker/main.go defines
// them, because urfave/cli reports the first bad one in that order.

import { EnvReader, splitList, splitSemicolonList, type Env } from "@buildpush/kaniko-args";
import { DOCKER_HUB_REGISTRY } from "./constants.js";
import { stopped } from "./stop.js";

/** A setting's value and the variable it came from (undefined: unset, the default). */
export interface Sourced {
  value: string;
  variable: string | undefined;
}

export interface DaemonSettings {
  mirror: Sourced;
  storageDriver: string;
  storagePath: string;
  bip: string;
  mtu: string;
  dns: string[] | undefined;
  dnsSearch: string[] | undefined;
  insecure: boolean;
  ipv6: boolean;
  experimental: boolean;
  debug: boolean;
  off: boolean;
}

export interface DockerSettings {
  dryRun: boolean;
  remoteUrl: string;
  commitSha: string;
  commitRef: string;
  daemon: DaemonSettings;
  dockerfile: string;
  context: string;
  tags: string[];
  /** PLUGIN_TAG or PLUGIN_TAGS, whichever was set; undefined for the default `latest`. */
  tagsVariable: string | undefined;
  autoTag: boolean;
  autoTagSuffix: string;
  buildArgs: string[];
  buildArgsFromEnv: string[];
  buildArgsNew: string[];
  multipleBuildArgs: boolean;
  quiet: boolean;
  target: string;
  cacheFrom: string[];
  squash: boolean;
  pull: boolean;
  compress: boolean;
  repo: string;
  customLabels: string[];
  labelSchema: string[];
  autoLabel: boolean;
  link: string;
  registry: string;
  username: Sourced;
  password: Sourced;
  baseUsername: Sourced;
  basePassword: Sourced;
  baseRegistry: string;
  email: string;
  config: string;
  repoBranch: string;
  noCache: boolean;
  addHost: string[];
  secret: string;
  secretsFromEnv: string[];
  secretsFromFile: string[];
  platform: string;
  sshAgentKey: string;
  artifactFile: string;
  accessToken: string;
  cosign: { privateKey: string; password: string; params: string };
  pushOnly: boolean;
  sourceImage: string;
}

function failure(code: "invalid-bool" | "invalid-int", variable: string, message: string): Error {
  return stopped(code, message, variable);
}

/** Reads drone-docker's settings; throws PluginStopped where urfave/cli refuses a value. */
export function readDockerSettings(env: Env): DockerSettings {
  const r = new EnvReader(env, failure, "starting any docker command (exit status 1)");
  const sourced = (names: readonly string[], fallback = ""): Sourced => {
    const found = r.lookup(names);
    return found === undefined ? { value: fallback, variable: undefined } : { value: found.value, variable: found.name };
  };
  // BoolTFlag: true unless set; set to "" is false.
  const boolT = (name: string): boolean => (r.isSet(name) ? r.bool(name) : true);
  const optionalList = (name: string): string[] | undefined => (r.isSet(name) ? r.list(name) : undefined);

  const dryRun = r.bool(["PLUGIN_DRY_RUN", "PLUGIN_NO_PUSH"]);
  const remoteUrl = r.string("DRONE_REMOTE_URL");
  const commitSha = r.string("DRONE_COMMIT_SHA", "00000000");
  const commitRef = r.string("DRONE_COMMIT_REF");
  const mirror = sourced(["PLUGIN_MIRROR", "DOCKER_PLUGIN_MIRROR"]);
  const storageDriver = r.string("PLUGIN_STORAGE_DRIVER");
  const storagePath = r.string("PLUGIN_STORAGE_PATH", "/var/lib/docker");
  const bip = r.string("PLUGIN_BIP");
  const mtu = r.string("PLUGIN_MTU");
  const dns = optionalList("PLUGIN_CUSTOM_DNS");
  const dnsSearch = optionalList("PLUGIN_CUSTOM_DNS_SEARCH");
  const insecure = r.bool("PLUGIN_INSECURE");
  const ipv6 = r.bool("PLUGIN_IPV6");
  const experimental = r.bool("PLUGIN_EXPERIMENTAL");
  const debug = r.bool(["PLUGIN_DEBUG", "DOCKER_LAUNCH_DEBUG"]);
  const off = r.bool("PLUGIN_DAEMON_OFF");
  r.int("PLUGIN_DAEMON_RETRY_COUNT", 15n); // parsed (and refused when bad); the poll succeeds at once here
  const dockerfile = r.string("PLUGIN_DOCKERFILE", "Dockerfile");
  const context = r.string("PLUGIN_CONTEXT", ".");
  const tagsSetting = r.lookup(["PLUGIN_TAG", "PLUGIN_TAGS"]);
  const autoTag = r.bool(["PLUGIN_DEFAULT_TAGS", "PLUGIN_AUTO_TAG"]);
  const autoTagSuffix = r.string(["PLUGIN_DEFAULT_SUFFIX", "PLUGIN_AUTO_TAG_SUFFIX"]);
  const buildArgs = r.list("PLUGIN_BUILD_ARGS");
  const buildArgsFromEnv = r.list("PLUGIN_BUILD_ARGS_FROM_ENV");
  const buildArgsNewSetting = r.lookup("PLUGIN_BUILD_ARGS_NEW");
  const multipleBuildArgs = r.bool("PLUGIN_MULTIPLE_BUILD_ARGS");
  const quiet = r.bool("PLUGIN_QUIET");
  const target = r.string("PLUGIN_TARGET");
  const cacheFrom = r.list("PLUGIN_CACHE_FROM");
  const squash = r.bool("PLUGIN_SQUASH");
  const pull = boolT("PLUGIN_PULL_IMAGE");
  const compress = r.bool("PLUGIN_COMPRESS");
  const repo = r.string("PLUGIN_REPO");
  const customLabels = r.list("PLUGIN_CUSTOM_LABELS");
  const labelSchema = r.list("PLUGIN_LABEL_SCHEMA");
  const autoLabel = boolT("PLUGIN_AUTO_LABEL");
  const link = r.string(["PLUGIN_REPO_LINK", "DRONE_REPO_LINK"]);
  const registry = r.string(["PLUGIN_REGISTRY", "DOCKER_REGISTRY"], DOCKER_HUB_REGISTRY);
  const username = sourced(["PLUGIN_USERNAME", "DOCKER_USERNAME"]);
  const password = sourced(["PLUGIN_PASSWORD", "DOCKER_PASSWORD"]);
  const baseUsername = sourced(["PLUGIN_DOCKER_USERNAME", "PLUGIN_BASE_IMAGE_USERNAME", "DOCKER_BASE_IMAGE_USERNAME"]);
  const basePassword = sourced(["PLUGIN_DOCKER_PASSWORD", "PLUGIN_BASE_IMAGE_PASSWORD", "DOCKER_BASE_IMAGE_PASSWORD"]);
  const baseRegistry = r.string(["PLUGIN_DOCKER_REGISTRY", "PLUGIN_BASE_IMAGE_REGISTRY", "DOCKER_BASE_IMAGE_REGISTRY"]);
  const email = r.string(["PLUGIN_EMAIL", "DOCKER_EMAIL"]);
  const config = r.string(["PLUGIN_CONFIG", "DOCKER_PLUGIN_CONFIG"]);
  boolT("PLUGIN_PURGE"); // parsed; the purge commands are printed, never run
  const repoBranch = r.string("DRONE_REPO_BRANCH");
  const noCache = r.bool("PLUGIN_NO_CACHE");
  const addHost = r.list("PLUGIN_ADD_HOST");
  const secret = r.string("PLUGIN_SECRET");
  const secretsFromEnv = r.list("PLUGIN_SECRETS_FROM_ENV");
  const secretsFromFile = r.list("PLUGIN_SECRETS_FROM_FILE");
  const platform = r.string("PLUGIN_PLATFORM");
  const sshAgentKey = r.string("PLUGIN_SSH_AGENT_KEY");
  const artifactFile = r.string("PLUGIN_ARTIFACT_FILE");
  const accessToken = r.string("ACCESS_TOKEN");
  const cosign = { privateKey: r.string("PLUGIN_COSIGN_PRIVATE_KEY"), password: r.string("PLUGIN_COSIGN_PASSWORD"), params: r.string("PLUGIN_COSIGN_PARAMS") };
  const pushOnly = r.bool("PLUGIN_PUSH_ONLY");
  const sourceImage = r.string("PLUGIN_SOURCE_IMAGE");

  return {
    dryRun,
    remoteUrl,
    commitSha,
    commitRef,
    daemon: { mirror, storageDriver, storagePath, bip, mtu, dns, dnsSearch, insecure, ipv6, experimental, debug, off },
    dockerfile,
    context,
    tags: tagsSetting === undefined ? ["latest"] : splitList(tagsSetting.value),
    tagsVariable: tagsSetting?.name,
    autoTag,
    autoTagSuffix,
    buildArgs,
    buildArgsFromEnv,
    buildArgsNew: buildArgsNewSetting === undefined ? [] : splitSemicolonList(buildArgsNewSetting.value),
    multipleBuildArgs,
    quiet,
    target,
    cacheFrom,
    squash,
    pull,
    compress,
    repo,
    customLabels,
    labelSchema,
    autoLabel,
    link,
    registry,
    username,
    password,
    baseUsername,
    basePassword,
    baseRegistry,
    email,
    config,
    repoBranch,
    noCache,
    addHost,
    secret,
    secretsFromEnv,
    secretsFromFile,
    platform,
    sshAgentKey,
    artifactFile,
    accessToken,
    cosign,
    pushOnly,
    sourceImage,
  };
}
