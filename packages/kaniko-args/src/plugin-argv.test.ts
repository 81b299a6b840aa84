import { describe, expect, test } from "vitest";
import type { Env } from "./env-reader.js";
import { PluginEnvError, type PluginEnvErrorCode } from "./errors.js";
import { argvFromPluginEnv, type PluginVariant } from "./plugin-argv.js";

const DF = "--dockerfile=Dockerfile";
const CTX = "--context=dir://.";
const DIGEST = "--digest-file=/kaniko/digest-file";
const LATEST = "--destination=r/app:latest";
/** The docker variant stops before kaniko when it would push without a login (reference section 4). */
const LOGIN = { PLUGIN_USERNAME: "u", PLUGIN_PASSWORD: "p" };
const REPO = { PLUGIN_REPO: "r/app", ...LOGIN };
const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const ACR = "myreg.azurecr.io";

/** argv of a docker run with repo r/app and tag latest, with `extra` inserted after the digest file. */
function afterDigest(...extra: string[]): string[] {
  return [DF, CTX, LATEST, DIGEST, ...extra];
}

/** argv of a docker run with repo r/app and tag latest, with `extra` inserted before the digest file. */
function beforeDigest(...extra: string[]): string[] {
  return [DF, CTX, LATEST, ...extra, DIGEST];
}

type Row = [description: string, env: Env, variant: PluginVariant, argv: string[]];

const section1: Row[] = [
  ["defaults: Dockerfile, context ., tag latest, digest file", REPO, "docker", [DF, CTX, LATEST, DIGEST]],
  ["set-but-empty PLUGIN_DOCKERFILE replaces the default", { ...REPO, PLUGIN_DOCKERFILE: "" }, "docker", ["--dockerfile=", CTX, LATEST, DIGEST]],
  ["set-but-empty PLUGIN_CONTEXT replaces the default", { ...REPO, PLUGIN_CONTEXT: "" }, "docker", [DF, "--context=dir://", LATEST, DIGEST]],
  ["an undefined value counts as unset", { ...REPO, PLUGIN_DOCKERFILE: undefined }, "docker", [DF, CTX, LATEST, DIGEST]],
  ["set-but-empty bool is false", { ...REPO, PLUGIN_NO_PUSH: "", PLUGIN_FORCE: "" }, "docker", [DF, CTX, LATEST, DIGEST]],
  [
    "lists split on commas, trimmed, empty items kept",
    { ...REPO, PLUGIN_TAGS: " a ,,b " },
    "docker",
    [DF, CTX, "--destination=r/app:a", "--destination=r/app:", "--destination=r/app:b", DIGEST],
  ],
  ["PLUGIN_TAGS set but empty is one empty tag", { ...REPO, PLUGIN_TAGS: "" }, "docker", [DF, CTX, "--destination=r/app:", DIGEST]],
  ...["1", "t", "T", "TRUE", "true", "True"].map((v): Row => [`bool ${JSON.stringify(v)} is true`, { ...REPO, PLUGIN_FORCE: v }, "docker", afterDigest("--force")]),
  ...["0", "f", "F", "FALSE", "false", "False"].map((v): Row => [`bool ${JSON.stringify(v)} is false`, { ...REPO, PLUGIN_FORCE: v }, "docker", afterDigest()]),
  ["int 0x10 is 16", { ...REPO, PLUGIN_CACHE_TTL: "0x10" }, "docker", beforeDigest("--cache-ttl=16h")],
  ["int 0o17 is 15", { ...REPO, PLUGIN_CACHE_TTL: "0o17" }, "docker", beforeDigest("--cache-ttl=15h")],
  ["int 017 (leading 0) is octal 15", { ...REPO, PLUGIN_CACHE_TTL: "017" }, "docker", beforeDigest("--cache-ttl=15h")],
  ["int 0b101 is 5", { ...REPO, PLUGIN_CACHE_TTL: "0b101" }, "docker", beforeDigest("--cache-ttl=5h")],
  ["int 1_000 uses a digit separator", { ...REPO, PLUGIN_CACHE_TTL: "1_000" }, "docker", beforeDigest("--cache-ttl=1000h")],
  ["int 0x_1F: separator after the prefix", { ...REPO, PLUGIN_CACHE_TTL: "0x_1F" }, "docker", beforeDigest("--cache-ttl=31h")],
  ["int +3 with a plus sign", { ...REPO, PLUGIN_CACHE_TTL: "+3" }, "docker", beforeDigest("--cache-ttl=3h")],
  ["int -2 is passed on as negative", { ...REPO, PLUGIN_PUSH_RETRY: "-2" }, "docker", afterDigest("--push-retry=-2")],
  ["int 9223372036854775807 (int64 max) is accepted", { ...REPO, PLUGIN_PUSH_RETRY: "9223372036854775807" }, "docker", afterDigest("--push-retry=9223372036854775807")],
  ["int 0 adds nothing", { ...REPO, PLUGIN_CACHE_TTL: "0", PLUGIN_PUSH_RETRY: "0x0" }, "docker", afterDigest()],
  ["PLUGIN_TAR_PATH wins over PLUGIN_DESTINATION_TAR_PATH", { ...REPO, PLUGIN_TAR_PATH: "/a.tar", PLUGIN_DESTINATION_TAR_PATH: "/b.tar" }, "docker", afterDigest("--tar-path=/a.tar")],
  ["PLUGIN_DESTINATION_TAR_PATH alone is used", { ...REPO, PLUGIN_DESTINATION_TAR_PATH: "/b.tar" }, "docker", afterDigest("--tar-path=/b.tar")],
  ["a set-but-empty PLUGIN_TAR_PATH still wins over its alias", { ...REPO, PLUGIN_TAR_PATH: "", PLUGIN_DESTINATION_TAR_PATH: "/b.tar" }, "docker", afterDigest()],
  ["PLUGIN_PLATFORM wins over PLUGIN_CUSTOM_PLATFORM", { ...REPO, PLUGIN_PLATFORM: "linux/arm64", PLUGIN_CUSTOM_PLATFORM: "linux/amd64" }, "docker", afterDigest("--custom-platform=linux/arm64")],
  ["PLUGIN_CUSTOM_PLATFORM alone is used", { ...REPO, PLUGIN_CUSTOM_PLATFORM: "linux/amd64" }, "docker", afterDigest("--custom-platform=linux/amd64")],
  ["a set-but-empty PLUGIN_PLATFORM still wins over its alias", { ...REPO, PLUGIN_PLATFORM: "", PLUGIN_CUSTOM_PLATFORM: "linux/amd64" }, "docker", afterDigest()],
  [
    "PLUGIN_BUILD_ARGS_NEW is split on ; and used with PLUGIN_MULTIPLE_BUILD_ARGS=true",
    { ...REPO, PLUGIN_BUILD_ARGS: "X=1", PLUGIN_BUILD_ARGS_NEW: "A=1,2; B=3", PLUGIN_MULTIPLE_BUILD_ARGS: "true" },
    "docker",
    [DF, CTX, LATEST, "--build-arg", "A=1,2", "--build-arg", "B=3", DIGEST],
  ],
  [
    "PLUGIN_BUILD_ARGS_NEW is ignored without PLUGIN_MULTIPLE_BUILD_ARGS",
    { ...REPO, PLUGIN_BUILD_ARGS: "X=1", PLUGIN_BUILD_ARGS_NEW: "A=1,2;B=3" },
    "docker",
    [DF, CTX, LATEST, "--build-arg", "X=1", DIGEST],
  ],
  [
    "PLUGIN_MULTIPLE_BUILD_ARGS=true without PLUGIN_BUILD_ARGS_NEW drops PLUGIN_BUILD_ARGS",
    { ...REPO, PLUGIN_BUILD_ARGS: "X=1", PLUGIN_MULTIPLE_BUILD_ARGS: "true" },
    "docker",
    [DF, CTX, LATEST, DIGEST],
  ],
];

const section2: Row[] = [
  ["row 1: PLUGIN_DOCKERFILE", { ...REPO, PLUGIN_DOCKERFILE: "build/Dockerfile.prod" }, "docker", ["--dockerfile=build/Dockerfile.prod", CTX, LATEST, DIGEST]],
  ["row 2: PLUGIN_CONTEXT", { ...REPO, PLUGIN_CONTEXT: "services/api" }, "docker", [DF, "--context=dir://services/api", LATEST, DIGEST]],
  ["row 3: one destination per tag", { ...REPO, PLUGIN_TAGS: "1.0,stable" }, "docker", [DF, CTX, "--destination=r/app:1.0", "--destination=r/app:stable", DIGEST]],
  ["row 3: no destination when no-push without a tar path", { ...REPO, PLUGIN_NO_PUSH: "true" }, "docker", [DF, CTX, DIGEST, "--no-push"]],
  ["row 3: destinations kept when no-push with a tar path", { ...REPO, PLUGIN_NO_PUSH: "true", PLUGIN_TAR_PATH: "/out/image.tar" }, "docker", [DF, CTX, LATEST, DIGEST, "--no-push", "--tar-path=/out/image.tar"]],
  ["row 4: build args, two items each", { ...REPO, PLUGIN_BUILD_ARGS: "A=1, B=two" }, "docker", [DF, CTX, LATEST, "--build-arg", "A=1", "--build-arg", "B=two", DIGEST]],
  ["row 5: PLUGIN_CUSTOM_LABELS", { ...REPO, PLUGIN_CUSTOM_LABELS: "team=ci,tier=web" }, "docker", beforeDigest("--label=team=ci", "--label=tier=web")],
  ["row 6: PLUGIN_REGISTRY_MIRRORS", { ...REPO, PLUGIN_REGISTRY_MIRRORS: "mirror.gcr.io,m2.local:5000" }, "docker", beforeDigest("--registry-mirror=mirror.gcr.io", "--registry-mirror=m2.local:5000")],
  ["row 7: PLUGIN_TARGET", { ...REPO, PLUGIN_TARGET: "runtime" }, "docker", beforeDigest("--target=runtime")],
  ["row 8: PLUGIN_SKIP_TLS_VERIFY (docker)", { ...REPO, PLUGIN_SKIP_TLS_VERIFY: "true" }, "docker", beforeDigest("--skip-tls-verify=true")],
  ["row 9: PLUGIN_SNAPSHOT_MODE", { ...REPO, PLUGIN_SNAPSHOT_MODE: "redo" }, "docker", beforeDigest("--snapshot-mode=redo")],
  ["row 10: PLUGIN_ENABLE_CACHE with a cache repo", { ...REPO, PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "r/cache" }, "docker", beforeDigest("--cache=true", "--cache-repo=r/cache")],
  ["row 10: PLUGIN_ENABLE_CACHE without a cache repo (docker)", { ...REPO, PLUGIN_ENABLE_CACHE: "true" }, "docker", beforeDigest("--cache=true")],
  ["row 10: a cache repo without PLUGIN_ENABLE_CACHE adds nothing", { ...REPO, PLUGIN_CACHE_REPO: "r/cache" }, "docker", beforeDigest()],
  ["row 11: PLUGIN_CACHE_TTL in hours", { ...REPO, PLUGIN_CACHE_TTL: "24" }, "docker", beforeDigest("--cache-ttl=24h")],
  ["row 12: the digest file is always there", { ...REPO, PLUGIN_NO_PUSH: "1" }, "docker", [DF, CTX, DIGEST, "--no-push"]],
  ["row 13: PLUGIN_NO_PUSH", { ...REPO, PLUGIN_NO_PUSH: "T" }, "docker", [DF, CTX, DIGEST, "--no-push"]],
  ["row 14: PLUGIN_VERBOSITY", { ...REPO, PLUGIN_VERBOSITY: "debug" }, "docker", afterDigest("--verbosity=debug")],
  ["row 15: PLUGIN_SKIP_UNUSED_STAGES", { ...REPO, PLUGIN_SKIP_UNUSED_STAGES: "true" }, "docker", afterDigest("--skip-unused-stages")],
  ["row 16: PLUGIN_TAR_PATH (pushes too)", { ...REPO, PLUGIN_TAR_PATH: "/out/i.tar" }, "docker", afterDigest("--tar-path=/out/i.tar")],
  ["row 17: PLUGIN_CACHE_COPY_LAYERS / PLUGIN_CACHE_RUN_LAYERS", { ...REPO, PLUGIN_CACHE_COPY_LAYERS: "true", PLUGIN_CACHE_RUN_LAYERS: "true" }, "docker", afterDigest("--cache-copy-layers", "--cache-run-layers=true")],
  ["row 17: PLUGIN_CACHE_RUN_LAYERS=false adds nothing", { ...REPO, PLUGIN_CACHE_RUN_LAYERS: "false" }, "docker", afterDigest()],
  ["row 18: PLUGIN_CLEANUP", { ...REPO, PLUGIN_CLEANUP: "true" }, "docker", afterDigest("--cleanup=true")],
  ["row 19: PLUGIN_COMPRESSED_CACHING=true", { ...REPO, PLUGIN_COMPRESSED_CACHING: "true" }, "docker", afterDigest("--compressed-caching=true")],
  ["row 19: PLUGIN_COMPRESSED_CACHING=false", { ...REPO, PLUGIN_COMPRESSED_CACHING: "false" }, "docker", afterDigest("--compressed-caching=false")],
  ["row 19: PLUGIN_COMPRESSED_CACHING present but empty is false", { ...REPO, PLUGIN_COMPRESSED_CACHING: "" }, "docker", afterDigest("--compressed-caching=false")],
  ["row 20: PLUGIN_CONTEXT_SUB_PATH", { ...REPO, PLUGIN_CONTEXT_SUB_PATH: "app" }, "docker", afterDigest("--context-sub-path=app")],
  ["row 21: PLUGIN_PLATFORM", { ...REPO, PLUGIN_PLATFORM: "linux/arm64/v8" }, "docker", afterDigest("--custom-platform=linux/arm64/v8")],
  ["row 22: PLUGIN_FORCE", { ...REPO, PLUGIN_FORCE: "true" }, "docker", afterDigest("--force")],
  [
    "row 23: PLUGIN_IMAGE_NAME_WITH_DIGEST_FILE / ..._TAG_WITH_DIGEST_FILE",
    { ...REPO, PLUGIN_IMAGE_NAME_TAG_WITH_DIGEST_FILE: "/o/tagged", PLUGIN_IMAGE_NAME_WITH_DIGEST_FILE: "/o/named" },
    "docker",
    afterDigest("--image-name-with-digest-file=/o/named", "--image-name-tag-with-digest-file=/o/tagged"),
  ],
  [
    "row 24: PLUGIN_INSECURE / PLUGIN_INSECURE_PULL / PLUGIN_INSECURE_REGISTRY",
    { ...REPO, PLUGIN_INSECURE_REGISTRY: "reg.local:5000", PLUGIN_INSECURE_PULL: "true", PLUGIN_INSECURE: "true" },
    "docker",
    afterDigest("--insecure", "--insecure-pull", "--insecure-registry=reg.local:5000"),
  ],
  ["row 25: PLUGIN_LOG_FORMAT / PLUGIN_LOG_TIMESTAMP", { ...REPO, PLUGIN_LOG_TIMESTAMP: "true", PLUGIN_LOG_FORMAT: "json" }, "docker", afterDigest("--log-format=json", "--log-timestamp")],
  ["row 26: PLUGIN_OCI_LAYOUT_PATH", { ...REPO, PLUGIN_OCI_LAYOUT_PATH: "/out/oci" }, "docker", afterDigest("--oci-layout-path=/out/oci")],
  ["row 27: PLUGIN_PUSH_RETRY", { ...REPO, PLUGIN_PUSH_RETRY: "3" }, "docker", afterDigest("--push-retry=3")],
  [
    "row 28: PLUGIN_REGISTRY_CERTIFICATE / PLUGIN_REGISTRY_CLIENT_CERT",
    { ...REPO, PLUGIN_REGISTRY_CLIENT_CERT: "reg.io=/c.pem,/k.pem", PLUGIN_REGISTRY_CERTIFICATE: "reg.io=/ca.pem" },
    "docker",
    afterDigest("--registry-certificate=reg.io=/ca.pem", "--registry-client-cert=reg.io=/c.pem,/k.pem"),
  ],
  [
    "row 29: bare flags, in the plugin's order",
    {
      ...REPO,
      PLUGIN_SKIP_TLS_VERIFY_PULL: "true",
      PLUGIN_SKIP_PUSH_PERMISSION_CHECK: "true",
      PLUGIN_SINGLE_SNAPSHOT: "true",
      PLUGIN_REPRODUCIBLE: "true",
      PLUGIN_SKIP_DEFAULT_REGISTRY_FALLBACK: "true",
    },
    "docker",
    afterDigest("--skip-default-registry-fallback", "--reproducible", "--single-snapshot", "--skip-push-permission-check", "--skip-tls-verify-pull"),
  ],
  ["row 30: PLUGIN_SKIP_TLS_VERIFY_REGISTRY is a bare flag", { ...REPO, PLUGIN_SKIP_TLS_VERIFY_REGISTRY: "true" }, "docker", afterDigest("--skip-tls-verify-registry")],
  ["row 31: PLUGIN_USE_NEW_RUN", { ...REPO, PLUGIN_USE_NEW_RUN: "true" }, "docker", afterDigest("--use-new-run")],
  ["row 32: PLUGIN_IGNORE_VAR_RUN=true", { ...REPO, PLUGIN_IGNORE_VAR_RUN: "true" }, "docker", afterDigest("--ignore-var-run=true")],
  ["row 32: PLUGIN_IGNORE_VAR_RUN=false", { ...REPO, PLUGIN_IGNORE_VAR_RUN: "0" }, "docker", afterDigest("--ignore-var-run=false")],
  ["row 32: PLUGIN_IGNORE_VAR_RUN present but empty is false", { ...REPO, PLUGIN_IGNORE_VAR_RUN: "" }, "docker", afterDigest("--ignore-var-run=false")],
  [
    "row 33: PLUGIN_IGNORE_PATH then PLUGIN_IGNORE_PATHS (docker)",
    { ...REPO, PLUGIN_IGNORE_PATHS: "/var/cache, /tmp", PLUGIN_IGNORE_PATH: "/proc/x" },
    "docker",
    afterDigest("--ignore-path=/proc/x", "--ignore-path=/var/cache", "--ignore-path=/tmp"),
  ],
  [
    "row 33: PLUGIN_IGNORE_PATHS items trimmed, empty items dropped (docker)",
    { ...REPO, PLUGIN_IGNORE_PATHS: " /a ,, /b ," },
    "docker",
    afterDigest("--ignore-path=/a", "--ignore-path=/b"),
  ],
  ["row 33: an empty PLUGIN_IGNORE_PATH adds nothing", { ...REPO, PLUGIN_IGNORE_PATH: "", PLUGIN_IGNORE_PATHS: "" }, "docker", afterDigest()],
  [
    "row 34: PLUGIN_IMAGE_FS_EXTRACT_RETRY / PLUGIN_IMAGE_DOWNLOAD_RETRY",
    { ...REPO, PLUGIN_IMAGE_DOWNLOAD_RETRY: "5", PLUGIN_IMAGE_FS_EXTRACT_RETRY: "2" },
    "docker",
    afterDigest("--image-fs-extract-retry=2", "--image-download-retry=5"),
  ],
  [
    "rows 1-34 together, in order",
    {
      PLUGIN_IMAGE_DOWNLOAD_RETRY: "6",
      PLUGIN_IMAGE_FS_EXTRACT_RETRY: "5",
      PLUGIN_IGNORE_PATHS: "/b",
      PLUGIN_IGNORE_PATH: "/a",
      PLUGIN_IGNORE_VAR_RUN: "false",
      PLUGIN_USE_NEW_RUN: "true",
      PLUGIN_SKIP_TLS_VERIFY_REGISTRY: "true",
      PLUGIN_SKIP_TLS_VERIFY_PULL: "true",
      PLUGIN_SKIP_PUSH_PERMISSION_CHECK: "true",
      PLUGIN_SINGLE_SNAPSHOT: "true",
      PLUGIN_REPRODUCIBLE: "true",
      PLUGIN_SKIP_DEFAULT_REGISTRY_FALLBACK: "true",
      PLUGIN_REGISTRY_CLIENT_CERT: "r=/c,/k",
      PLUGIN_REGISTRY_CERTIFICATE: "r=/ca",
      PLUGIN_PUSH_RETRY: "4",
      PLUGIN_OCI_LAYOUT_PATH: "/oci",
      PLUGIN_LOG_TIMESTAMP: "true",
      PLUGIN_LOG_FORMAT: "text",
      PLUGIN_INSECURE_REGISTRY: "ir",
      PLUGIN_INSECURE_PULL: "true",
      PLUGIN_INSECURE: "true",
      PLUGIN_IMAGE_NAME_TAG_WITH_DIGEST_FILE: "/t",
      PLUGIN_IMAGE_NAME_WITH_DIGEST_FILE: "/n",
      PLUGIN_FORCE: "true",
      PLUGIN_PLATFORM: "linux/amd64",
      PLUGIN_CONTEXT_SUB_PATH: "sub",
      PLUGIN_COMPRESSED_CACHING: "false",
      PLUGIN_CLEANUP: "true",
      PLUGIN_CACHE_RUN_LAYERS: "true",
      PLUGIN_CACHE_COPY_LAYERS: "true",
      PLUGIN_TAR_PATH: "/o.tar",
      PLUGIN_SKIP_UNUSED_STAGES: "true",
      PLUGIN_VERBOSITY: "info",
      PLUGIN_NO_PUSH: "true",
      PLUGIN_CACHE_TTL: "2",
      PLUGIN_CACHE_REPO: "r/c",
      PLUGIN_ENABLE_CACHE: "true",
      PLUGIN_SNAPSHOT_MODE: "time",
      PLUGIN_SKIP_TLS_VERIFY: "true",
      PLUGIN_TARGET: "t",
      PLUGIN_REGISTRY_MIRRORS: "m",
      PLUGIN_CUSTOM_LABELS: "l=1",
      PLUGIN_BUILD_ARGS: "b=1",
      PLUGIN_TAGS: "x",
      PLUGIN_REPO: "r/app",
      PLUGIN_CONTEXT: "ctx",
      PLUGIN_DOCKERFILE: "D",
    },
    "docker",
    [
      "--dockerfile=D",
      "--context=dir://ctx",
      "--destination=r/app:x",
      "--build-arg",
      "b=1",
      "--label=l=1",
      "--registry-mirror=m",
      "--target=t",
      "--skip-tls-verify=true",
      "--snapshot-mode=time",
      "--cache=true",
      "--cache-repo=r/c",
      "--cache-ttl=2h",
      DIGEST,
      "--no-push",
      "--verbosity=info",
      "--skip-unused-stages",
      "--tar-path=/o.tar",
      "--cache-copy-layers",
      "--cache-run-layers=true",
      "--cleanup=true",
      "--compressed-caching=false",
      "--context-sub-path=sub",
      "--custom-platform=linux/amd64",
      "--force",
      "--image-name-with-digest-file=/n",
      "--image-name-tag-with-digest-file=/t",
      "--insecure",
      "--insecure-pull",
      "--insecure-registry=ir",
      "--log-format=text",
      "--log-timestamp",
      "--oci-layout-path=/oci",
      "--push-retry=4",
      "--registry-certificate=r=/ca",
      "--registry-client-cert=r=/c,/k",
      "--skip-default-registry-fallback",
      "--reproducible",
      "--single-snapshot",
      "--skip-push-permission-check",
      "--skip-tls-verify-pull",
      "--skip-tls-verify-registry",
      "--use-new-run",
      "--ignore-var-run=false",
      "--ignore-path=/a",
      "--ignore-path=/b",
      "--image-fs-extract-retry=5",
      "--image-download-retry=6",
    ],
  ],
  // Tag helpers.
  [
    "PLUGIN_EXPAND_TAG: v1.2.3 gives 1, 1.2, 1.2.3; other tags pass through",
    { ...REPO, PLUGIN_TAGS: "v1.2.3,latest", PLUGIN_EXPAND_TAG: "true" },
    "docker",
    [DF, CTX, "--destination=r/app:1", "--destination=r/app:1.2", "--destination=r/app:1.2.3", LATEST, DIGEST],
  ],
  [
    "PLUGIN_EXPAND_TAG: build metadata kept with _ turned into -",
    { ...REPO, PLUGIN_TAGS: "1.2.3+linux_amd64", PLUGIN_EXPAND_TAG: "true" },
    "docker",
    [DF, CTX, "--destination=r/app:1+linux-amd64", "--destination=r/app:1.2+linux-amd64", "--destination=r/app:1.2.3+linux-amd64", DIGEST],
  ],
  [
    "PLUGIN_EXPAND_TAG: a pre-release gives only itself, without v",
    { ...REPO, PLUGIN_TAGS: "v2.0.0-rc.1", PLUGIN_EXPAND_TAG: "true" },
    "docker",
    [DF, CTX, "--destination=r/app:2.0.0-rc.1", DIGEST],
  ],
  [
    "PLUGIN_AUTO_TAG on refs/tags/v1.2.3",
    { ...REPO, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/tags/v1.2.3", DRONE_REPO_BRANCH: "main" },
    "docker",
    [DF, CTX, "--destination=r/app:1", "--destination=r/app:1.2", "--destination=r/app:1.2.3", DIGEST],
  ],
  [
    "PLUGIN_AUTO_TAG on a 0.x version drops the bare major",
    { ...REPO, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/tags/0.3.9" },
    "docker",
    [DF, CTX, "--destination=r/app:0.3", "--destination=r/app:0.3.9", DIGEST],
  ],
  [
    "PLUGIN_AUTO_TAG on the default branch gives latest (explicit PLUGIN_TAGS=latest allowed)",
    { ...REPO, PLUGIN_AUTO_TAG: "true", PLUGIN_TAGS: "latest", DRONE_COMMIT_REF: "refs/heads/main", DRONE_REPO_BRANCH: "main", DRONE_COMMIT_BRANCH: "main" },
    "docker",
    [DF, CTX, LATEST, DIGEST],
  ],
  [
    "PLUGIN_AUTO_TAG_SUFFIX appends -suffix",
    { ...REPO, PLUGIN_AUTO_TAG: "true", PLUGIN_AUTO_TAG_SUFFIX: "arm64", DRONE_COMMIT_REF: "refs/tags/v1.2.3" },
    "docker",
    [DF, CTX, "--destination=r/app:1-arm64", "--destination=r/app:1.2-arm64", "--destination=r/app:1.2.3-arm64", DIGEST],
  ],
  [
    "PLUGIN_AUTO_TAG_SUFFIX: latest becomes just the suffix",
    { ...REPO, PLUGIN_AUTO_TAG: "true", PLUGIN_AUTO_TAG_SUFFIX: "arm64", DRONE_COMMIT_REF: "refs/heads/main", DRONE_REPO_BRANCH: "main" },
    "docker",
    [DF, CTX, "--destination=r/app:arm64", DIGEST],
  ],
  [
    "PLUGIN_AUTO_TAG_SUFFIX without PLUGIN_AUTO_TAG does nothing",
    { ...REPO, PLUGIN_AUTO_TAG_SUFFIX: "arm64" },
    "docker",
    [DF, CTX, LATEST, DIGEST],
  ],
];

const section3: Row[] = [
  ["docker: PLUGIN_REPO as given, PLUGIN_REGISTRY not prefixed", { PLUGIN_REPO: "app", PLUGIN_REGISTRY: "reg.io", ...LOGIN }, "docker", [DF, CTX, "--destination=app:latest", DIGEST]],
  ["docker: PLUGIN_EXPAND_REPO prefixes the registry", { PLUGIN_REPO: "app", PLUGIN_REGISTRY: "reg.io", PLUGIN_EXPAND_REPO: "true", ...LOGIN }, "docker", [DF, CTX, "--destination=reg.io/app:latest", DIGEST]],
  ["docker: PLUGIN_EXPAND_REPO trims a trailing slash off the registry", { PLUGIN_REPO: "app", PLUGIN_REGISTRY: "reg.io/", PLUGIN_EXPAND_REPO: "true", ...LOGIN }, "docker", [DF, CTX, "--destination=reg.io/app:latest", DIGEST]],
  ["docker: PLUGIN_EXPAND_REPO leaves a repo that already starts with the registry", { PLUGIN_REPO: "reg.io/app", PLUGIN_REGISTRY: "reg.io", PLUGIN_EXPAND_REPO: "true", ...LOGIN }, "docker", [DF, CTX, "--destination=reg.io/app:latest", DIGEST]],
  ["docker: PLUGIN_EXPAND_REPO with the default Docker Hub registry changes nothing", { PLUGIN_REPO: "org/app", PLUGIN_EXPAND_REPO: "true", ...LOGIN }, "docker", [DF, CTX, "--destination=org/app:latest", DIGEST]],
  ["docker: PLUGIN_EXPAND_REPO with an explicit https://index.docker.io/v1/ changes nothing", { PLUGIN_REPO: "org/app", PLUGIN_REGISTRY: "https://index.docker.io/v1/", PLUGIN_EXPAND_REPO: "true", ...LOGIN }, "docker", [DF, CTX, "--destination=org/app:latest", DIGEST]],
  ["docker: PLUGIN_EXPAND_REPO with a set-but-empty registry changes nothing", { PLUGIN_REPO: "org/app", PLUGIN_REGISTRY: "", PLUGIN_EXPAND_REPO: "true", ...LOGIN }, "docker", [DF, CTX, "--destination=org/app:latest", DIGEST]],
  [
    "docker: the cache repo is composed like the destination repo",
    { PLUGIN_REPO: "app", PLUGIN_REGISTRY: "reg.io", PLUGIN_EXPAND_REPO: "true", PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "app-cache", ...LOGIN },
    "docker",
    [DF, CTX, "--destination=reg.io/app:latest", "--cache=true", "--cache-repo=reg.io/app-cache", DIGEST],
  ],
  ["ecr: destination is PLUGIN_REGISTRY/PLUGIN_REPO", { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "app" }, "ecr", [DF, CTX, `--destination=${ECR}/app:latest`, DIGEST]],
  [
    "ecr: cache repo is PLUGIN_REGISTRY/PLUGIN_CACHE_REPO",
    { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "app", PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "app-cache" },
    "ecr",
    [DF, CTX, `--destination=${ECR}/app:latest`, "--cache=true", `--cache-repo=${ECR}/app-cache`, DIGEST],
  ],
  [
    "ecr: PLUGIN_SKIP_TLS_VERIFY, PLUGIN_EXPAND_REPO and PLUGIN_IGNORE_PATHS are not read (not even parsed)",
    { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "app", PLUGIN_SKIP_TLS_VERIFY: "yes", PLUGIN_EXPAND_REPO: "maybe", PLUGIN_IGNORE_PATHS: "/y" },
    "ecr",
    [DF, CTX, `--destination=${ECR}/app:latest`, DIGEST],
  ],
  // Corrected in the reference (section 2 row 33): kaniko-ecr and kaniko-acr have the ignore-path
  // flag but not ignore-paths; this row used to expect PLUGIN_IGNORE_PATH to be ignored too.
  [
    "row 33, ecr: PLUGIN_IGNORE_PATH is honoured, PLUGIN_IGNORE_PATHS ignored",
    { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "app", PLUGIN_IGNORE_PATH: "/x", PLUGIN_IGNORE_PATHS: "/y" },
    "ecr",
    [DF, CTX, `--destination=${ECR}/app:latest`, DIGEST, "--ignore-path=/x"],
  ],
  [
    "row 33, acr: PLUGIN_IGNORE_PATH is honoured, PLUGIN_IGNORE_PATHS ignored",
    { PLUGIN_REGISTRY: ACR, PLUGIN_REPO: `${ACR}/img`, PLUGIN_IGNORE_PATH: "/x", PLUGIN_IGNORE_PATHS: "/y" },
    "acr",
    [DF, CTX, `--destination=${ACR}/img:latest`, DIGEST, "--ignore-path=/x"],
  ],
  ["ecr: PLUGIN_CREATE_REPOSITORY adds no argument", { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "app", PLUGIN_CREATE_REPOSITORY: "true" }, "ecr", [DF, CTX, `--destination=${ECR}/app:latest`, DIGEST]],
  ["acr: PLUGIN_REPO as given", { PLUGIN_REGISTRY: ACR, PLUGIN_REPO: `${ACR}/img` }, "acr", [DF, CTX, `--destination=${ACR}/img:latest`, DIGEST]],
  [
    "acr: cache repo is PLUGIN_REGISTRY/PLUGIN_CACHE_REPO",
    { PLUGIN_REGISTRY: ACR, PLUGIN_REPO: `${ACR}/img`, PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "img-cache" },
    "acr",
    [DF, CTX, `--destination=${ACR}/img:latest`, "--cache=true", `--cache-repo=${ACR}/img-cache`, DIGEST],
  ],
  ["acr: PLUGIN_SKIP_TLS_VERIFY is docker-only", { PLUGIN_REGISTRY: ACR, PLUGIN_REPO: `${ACR}/img`, PLUGIN_SKIP_TLS_VERIFY: "true" }, "acr", [DF, CTX, `--destination=${ACR}/img:latest`, DIGEST]],
  ["ecr: no default registry, so an unset PLUGIN_REGISTRY leaves a leading /", { PLUGIN_REPO: "app" }, "ecr", [DF, CTX, "--destination=/app:latest", DIGEST]],
  [
    "docker: push and base-image credentials (or PLUGIN_CONFIG) add no argument",
    { ...REPO, PLUGIN_USERNAME: "u", PLUGIN_PASSWORD: "p", PLUGIN_CONFIG: "{}", PLUGIN_DOCKER_REGISTRY: "base.io", PLUGIN_DOCKER_USERNAME: "bu", PLUGIN_DOCKER_PASSWORD: "bp" },
    "docker",
    [DF, CTX, LATEST, DIGEST],
  ],
  [
    "docker, section 4: no login is needed to build without pushing",
    { PLUGIN_REPO: "r/app", PLUGIN_NO_PUSH: "true", PLUGIN_DOCKER_REGISTRY: "base.io" },
    "docker",
    [DF, CTX, DIGEST, "--no-push"],
  ],
  ["docker, section 4: PLUGIN_CONFIG replaces the login, unchecked", { PLUGIN_REPO: "r/app", PLUGIN_CONFIG: '{"auths":{}}' }, "docker", [DF, CTX, LATEST, DIGEST]],
  ["docker, section 4: a set-but-empty PLUGIN_REGISTRY has no login entry to check", { PLUGIN_REPO: "r/app", PLUGIN_REGISTRY: "" }, "docker", [DF, CTX, LATEST, DIGEST]],
  ["ecr, section 4: pushes log in through the credential helper, no user needed", { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "app" }, "ecr", [DF, CTX, `--destination=${ECR}/app:latest`, DIGEST]],
  [
    "ecr: AWS credentials, role, region and repository policies add no argument",
    { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "app", PLUGIN_ACCESS_KEY: "AKIA", PLUGIN_SECRET_KEY: "s", PLUGIN_ASSUME_ROLE: "arn:aws:iam::1:role/r", PLUGIN_EXTERNAL_ID: "x", PLUGIN_REGION: "eu-west-1", PLUGIN_LIFECYCLE_POLICY: "/l.json", PLUGIN_REPOSITORY_POLICY: "/r.json", PLUGIN_DOCKER_REGISTRY: "base.io" },
    "ecr",
    [DF, CTX, `--destination=${ECR}/app:latest`, DIGEST],
  ],
  [
    "acr: Azure credentials add no argument",
    { PLUGIN_REGISTRY: ACR, PLUGIN_REPO: `${ACR}/img`, CLIENT_ID: "id", CLIENT_SECRET: "s", TENANT_ID: "t", SUBSCRIPTION_ID: "sub" },
    "acr",
    [DF, CTX, `--destination=${ACR}/img:latest`, DIGEST],
  ],
  [
    "ecr/acr: no-push with no repo is allowed and adds no destination",
    { PLUGIN_REGISTRY: ACR, PLUGIN_NO_PUSH: "true" },
    "acr",
    [DF, CTX, DIGEST, "--no-push"],
  ],
];

const section7: Row[] = [
  [
    "bug: PLUGIN_SKIP_TLS_VERIFY_REGISTRY emits a bare flag that eats the next argument",
    { ...REPO, PLUGIN_SKIP_TLS_VERIFY_REGISTRY: "true", PLUGIN_USE_NEW_RUN: "true" },
    "docker",
    afterDigest("--skip-tls-verify-registry", "--use-new-run"),
  ],
  [
    "bug: ecr cache without a cache repo gives --cache-repo=<registry>/",
    { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "app", PLUGIN_ENABLE_CACHE: "true" },
    "ecr",
    [DF, CTX, `--destination=${ECR}/app:latest`, "--cache=true", `--cache-repo=${ECR}/`, DIGEST],
  ],
  [
    "bug: acr full cache path gives reg/reg/cache",
    { PLUGIN_REGISTRY: ACR, PLUGIN_REPO: `${ACR}/img`, PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: `${ACR}/cache` },
    "acr",
    [DF, CTX, `--destination=${ACR}/img:latest`, "--cache=true", `--cache-repo=${ACR}/${ACR}/cache`, DIGEST],
  ],
  [
    "bug: no-push with a tar path and no repo gives --destination=:latest",
    { PLUGIN_NO_PUSH: "true", PLUGIN_TAR_PATH: "/out/i.tar" },
    "docker",
    [DF, CTX, "--destination=:latest", DIGEST, "--no-push", "--tar-path=/out/i.tar"],
  ],
  ["bug: tags are not checked (feature/foo)", { ...REPO, PLUGIN_TAGS: "feature/foo" }, "docker", [DF, CTX, "--destination=r/app:feature/foo", DIGEST]],
  [
    "bug: a comma inside a PLUGIN_BUILD_ARGS value splits it in two",
    { ...REPO, PLUGIN_BUILD_ARGS: "HOSTS=a,b" },
    "docker",
    [DF, CTX, LATEST, "--build-arg", "HOSTS=a", "--build-arg", "b", DIGEST],
  ],
];

describe("argvFromPluginEnv", () => {
  test.each([...section1, ...section2, ...section3, ...section7])("%s", (_description, env, variant, expected) => {
    expect(argvFromPluginEnv(env, variant)).toEqual(expected);
  });

  test("the argv holds no program name and no shell quoting", () => {
    const argv = argvFromPluginEnv({ ...REPO, PLUGIN_BUILD_ARGS: "MSG=hello world" }, "docker");
    expect(argv[0]).toBe(DF);
    expect(argv).toContain("MSG=hello world");
  });
});

type FailRow = [description: string, env: Env, variant: PluginVariant, code: PluginEnvErrorCode, variable: string];

const failures: FailRow[] = [
  ["bool yes is refused", { ...REPO, PLUGIN_NO_PUSH: "yes" }, "docker", "invalid-bool", "PLUGIN_NO_PUSH"],
  ["bool with spaces is refused", { ...REPO, PLUGIN_FORCE: " true" }, "docker", "invalid-bool", "PLUGIN_FORCE"],
  ["compressed caching on is refused", { ...REPO, PLUGIN_COMPRESSED_CACHING: "on" }, "docker", "invalid-bool", "PLUGIN_COMPRESSED_CACHING"],
  ["docker skip-tls-verify y is refused", { ...REPO, PLUGIN_SKIP_TLS_VERIFY: "y" }, "docker", "invalid-bool", "PLUGIN_SKIP_TLS_VERIFY"],
  ["ecr parses PLUGIN_CREATE_REPOSITORY", { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "app", PLUGIN_CREATE_REPOSITORY: "yes" }, "ecr", "invalid-bool", "PLUGIN_CREATE_REPOSITORY"],
  ["int with a unit is refused", { ...REPO, PLUGIN_CACHE_TTL: "12h" }, "docker", "invalid-int", "PLUGIN_CACHE_TTL"],
  ["set-but-empty int is refused", { ...REPO, PLUGIN_PUSH_RETRY: "" }, "docker", "invalid-int", "PLUGIN_PUSH_RETRY"],
  ["doubled digit separator is refused", { ...REPO, PLUGIN_CACHE_TTL: "1__0" }, "docker", "invalid-int", "PLUGIN_CACHE_TTL"],
  ["leading digit separator is refused", { ...REPO, PLUGIN_IMAGE_DOWNLOAD_RETRY: "_1" }, "docker", "invalid-int", "PLUGIN_IMAGE_DOWNLOAD_RETRY"],
  ["bare 0x prefix is refused", { ...REPO, PLUGIN_IMAGE_FS_EXTRACT_RETRY: "0x" }, "docker", "invalid-int", "PLUGIN_IMAGE_FS_EXTRACT_RETRY"],
  ["8 in an octal number is refused", { ...REPO, PLUGIN_CACHE_TTL: "08" }, "docker", "invalid-int", "PLUGIN_CACHE_TTL"],
  ["int64 overflow is refused", { ...REPO, PLUGIN_PUSH_RETRY: "9223372036854775808" }, "docker", "invalid-int", "PLUGIN_PUSH_RETRY"],
  ["auto-tag with expand-tag", { ...REPO, PLUGIN_AUTO_TAG: "true", PLUGIN_EXPAND_TAG: "true", DRONE_COMMIT_REF: "refs/tags/v1.0.0" }, "docker", "auto-tag-conflict", "PLUGIN_AUTO_TAG"],
  ["auto-tag with user tags", { ...REPO, PLUGIN_AUTO_TAG: "true", PLUGIN_TAGS: "v1", DRONE_COMMIT_REF: "refs/tags/v1.0.0" }, "docker", "auto-tag-conflict", "PLUGIN_AUTO_TAG"],
  ["auto-tag with latest plus another tag", { ...REPO, PLUGIN_AUTO_TAG: "true", PLUGIN_TAGS: "latest,dev", DRONE_COMMIT_REF: "refs/tags/v1.0.0" }, "docker", "auto-tag-conflict", "PLUGIN_AUTO_TAG"],
  ["auto-tag with set-but-empty PLUGIN_TAGS", { ...REPO, PLUGIN_AUTO_TAG: "true", PLUGIN_TAGS: "", DRONE_COMMIT_REF: "refs/tags/v1.0.0" }, "docker", "auto-tag-conflict", "PLUGIN_AUTO_TAG"],
  ["auto-tag on a non-default branch", { ...REPO, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/heads/feature", DRONE_REPO_BRANCH: "main", DRONE_COMMIT_BRANCH: "feature" }, "docker", "auto-tag-ref", "DRONE_COMMIT_REF"],
  ["auto-tag on a pull-request ref", { ...REPO, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/pull/7/head", DRONE_REPO_BRANCH: "main" }, "docker", "auto-tag-ref", "DRONE_COMMIT_REF"],
  ["auto-tag on a tag that is not X.Y.Z", { ...REPO, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/tags/release-7" }, "docker", "auto-tag-semver", "DRONE_COMMIT_REF"],
  ["acr without PLUGIN_REGISTRY", { PLUGIN_REPO: `${ACR}/img` }, "acr", "missing-registry", "PLUGIN_REGISTRY"],
  ["acr with an empty PLUGIN_REGISTRY", { PLUGIN_REPO: `${ACR}/img`, PLUGIN_REGISTRY: "" }, "acr", "missing-registry", "PLUGIN_REGISTRY"],
  ["docker push without PLUGIN_REPO", { ...LOGIN }, "docker", "missing-repo", "PLUGIN_REPO"],
  ["section 4: docker push without a login", { PLUGIN_REPO: "r/app" }, "docker", "missing-credentials", "PLUGIN_USERNAME"],
  ["section 4: docker push with a user and no password", { PLUGIN_REPO: "r/app", PLUGIN_USERNAME: "u" }, "docker", "missing-credentials", "PLUGIN_PASSWORD"],
  ["section 4: docker push with an empty password", { PLUGIN_REPO: "r/app", PLUGIN_USERNAME: "u", PLUGIN_PASSWORD: "" }, "docker", "missing-credentials", "PLUGIN_PASSWORD"],
  ["section 4: the login check comes before the repository check", {}, "docker", "missing-credentials", "PLUGIN_USERNAME"],
  ["section 4: a no-push build given a user is checked too", { PLUGIN_NO_PUSH: "true", PLUGIN_USERNAME: "u" }, "docker", "missing-credentials", "PLUGIN_PASSWORD"],
  [
    "section 4: a base-image registry without its user",
    { ...REPO, PLUGIN_DOCKER_REGISTRY: "base.io", PLUGIN_DOCKER_PASSWORD: "bp" },
    "docker",
    "missing-credentials",
    "PLUGIN_DOCKER_USERNAME",
  ],
  [
    "section 4: a base-image registry without its password (alias spelling named)",
    { ...REPO, PLUGIN_BASE_IMAGE_REGISTRY: "base.io", PLUGIN_BASE_IMAGE_USERNAME: "bu" },
    "docker",
    "missing-credentials",
    "PLUGIN_DOCKER_PASSWORD",
  ],
  ["acr push without PLUGIN_REPO", { PLUGIN_REGISTRY: ACR }, "acr", "missing-repo", "PLUGIN_REPO"],
];

describe("argvFromPluginEnv failures", () => {
  test.each(failures)("%s", (_description, env, variant, code, variable) => {
    let caught: unknown;
    try {
      argvFromPluginEnv(env, variant);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PluginEnvError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({ code, variable });
    expect((caught as Error).message.length).toBeGreaterThan(10);
  });

  test("the message gives the plugin's reason in words", () => {
    expect(() => argvFromPluginEnv({ ...REPO, PLUGIN_AUTO_TAG: "true", PLUGIN_EXPAND_TAG: "true" }, "docker")).toThrow(
      /auto-tag flag conflicts with the expand-tag flag/,
    );
    expect(() => argvFromPluginEnv({ PLUGIN_REPO: "x" }, "acr")).toThrow(/registry must be specified/);
    expect(() => argvFromPluginEnv({ ...REPO, PLUGIN_NO_PUSH: "yes" }, "docker")).toThrow(/PLUGIN_NO_PUSH.*"yes".*boolean.*before running kaniko/);
    expect(() => argvFromPluginEnv({ PLUGIN_REPO: "r/app", PLUGIN_REGISTRY: "https://registry.hub.docker.com/v2/" }, "docker")).toThrow(
      /^Username must be specified for registry: https:\/\/index\.docker\.io\/v1\/ /,
    );
    expect(() => argvFromPluginEnv({ PLUGIN_REPO: "r/app", PLUGIN_REGISTRY: "reg.io", PLUGIN_USERNAME: "u" }, "docker")).toThrow(/^Password must be specified for registry: reg\.io /);
  });

  test("secret values never reach the message, even when the run fails", () => {
    const secrets = { PLUGIN_PASSWORD: "hunter2-pw", PLUGIN_SECRET_KEY: "aws-s3cr3t", CLIENT_SECRET: "azure-s3cr3t", PLUGIN_DOCKER_PASSWORD: "base-pw" };
    for (const [env, variant] of [
      [{ ...secrets, PLUGIN_NO_PUSH: "nope" }, "docker"],
      [{ ...secrets }, "docker"],
      [{ ...secrets, PLUGIN_REPO: "x" }, "acr"],
      [{ ...secrets, PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "a", PLUGIN_CACHE_TTL: "x" }, "ecr"],
    ] as Array<[Env, PluginVariant]>) {
      try {
        argvFromPluginEnv(env, variant);
        expect.unreachable("the run should fail");
      } catch (error) {
        expect(error).toBeInstanceOf(PluginEnvError);
        for (const value of Object.values(secrets)) expect((error as Error).message).not.toContain(value);
      }
    }
  });
});
