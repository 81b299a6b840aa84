// The gcr and gar variants (plugins/kaniko-gcr, plugins/kaniko-gar): one row per rule of
// gcr-gar-and-infrastructure.md section 3 (the PLUGIN_* variables Harness sets on Kubernetes, as
// the plugins read them) and section 5a (how the two binaries differ from the other variants).
import { describe, expect, test } from "vitest";
import type { Env } from "./env-reader.js";
import { PluginEnvError, type PluginEnvErrorCode } from "./errors.js";
import { argvFromPluginEnv, googleKeySetup, type PluginVariant } from "./plugin-argv.js";

const DF = "--dockerfile=Dockerfile";
const CTX = "--context=dir://.";
const DIGEST = "--digest-file=/kaniko/digest-file";
const GCR = "gcr.io/my-project";
const GAR = "us-central1-docker.pkg.dev/my-project";
const KEY = "<secret account.gcp-key>";
/** What Harness sets for a step with a ManualConfig GCP connector (section 3, section 4). */
const GCR_STEP = { PLUGIN_REGISTRY: GCR, PLUGIN_REPO: "app", PLUGIN_TAGS: "1.0", PLUGIN_JSON_KEY: KEY, PLUGIN_SNAPSHOT_MODE: "redo", PLUGIN_ARTIFACT_FILE: "/addon/tmp/.plugin/artifact" };
const GAR_STEP = { ...GCR_STEP, PLUGIN_REGISTRY: GAR, PLUGIN_REPO: "repo/app", PLUGIN_REGISTRY_TYPE: "gar" };
const OIDC = { PLUGIN_OIDC_TOKEN_ID: "<oidc token>", PLUGIN_PROJECT_NUMBER: "123", PLUGIN_POOL_ID: "pool", PLUGIN_PROVIDER_ID: "prov", PLUGIN_SERVICE_ACCOUNT_EMAIL: "sa@p.iam.gserviceaccount.com" };

/** The argv of a run pushing `destinations`, with `extra` before the digest file and `after` after it. */
function argv(destinations: string[], extra: string[] = [], after: string[] = []): string[] {
  return [DF, CTX, ...destinations.map((d) => `--destination=${d}`), ...extra, DIGEST, ...after];
}

type Row = [description: string, env: Env, variant: PluginVariant, argv: string[]];

const bothSteps: Array<[PluginVariant, Env, string]> = [
  ["gcr", GCR_STEP, `${GCR}/app`],
  ["gar", GAR_STEP, `${GAR}/repo/app`],
];

/** Section 3: what Harness sets, row by row, for both steps. */
const section3: Row[] = bothSteps.flatMap(([variant, step, repo]): Row[] => [
  [`${variant}, §3 PLUGIN_REGISTRY + PLUGIN_REPO + PLUGIN_TAGS: <registry>/<repo>:<tag>; snapshot mode redo (optimize)`, step, variant, argv([`${repo}:1.0`], ["--snapshot-mode=redo"])],
  [`${variant}, §3 PLUGIN_TAGS joined with ",": one destination per tag`, { ...step, PLUGIN_TAGS: "1.0,latest" }, variant, argv([`${repo}:1.0`, `${repo}:latest`], ["--snapshot-mode=redo"])],
  [`${variant}, §3 optimize false: no PLUGIN_SNAPSHOT_MODE, no flag`, { ...step, PLUGIN_SNAPSHOT_MODE: undefined }, variant, argv([`${repo}:1.0`])],
  [
    `${variant}, §3 PLUGIN_DOCKERFILE / PLUGIN_CONTEXT / PLUGIN_TARGET`,
    { ...step, PLUGIN_DOCKERFILE: "docker/Dockerfile", PLUGIN_CONTEXT: "svc", PLUGIN_TARGET: "run" },
    variant,
    ["--dockerfile=docker/Dockerfile", "--context=dir://svc", `--destination=${repo}:1.0`, "--target=run", "--snapshot-mode=redo", DIGEST],
  ],
  [
    `${variant}, §3 PLUGIN_BUILD_ARGS and PLUGIN_CUSTOM_LABELS (labels work through custom labels)`,
    { ...step, PLUGIN_BUILD_ARGS: "A=1,B=2", PLUGIN_CUSTOM_LABELS: "team=ci" },
    variant,
    argv([`${repo}:1.0`], ["--build-arg", "A=1", "--build-arg", "B=2", "--label=team=ci", "--snapshot-mode=redo"]),
  ],
  [
    `${variant}, §3 PLUGIN_BUILD_ARGS_NEW with PLUGIN_MULTIPLE_BUILD_ARGS`,
    { ...step, PLUGIN_BUILD_ARGS_NEW: "A=1,2;B=3", PLUGIN_MULTIPLE_BUILD_ARGS: "true" },
    variant,
    argv([`${repo}:1.0`], ["--build-arg", "A=1,2", "--build-arg", "B=3", "--snapshot-mode=redo"]),
  ],
  [
    `${variant}, §3 remoteCacheImage: PLUGIN_ENABLE_CACHE + PLUGIN_CACHE_REPO, prefixed with the registry`,
    { ...step, PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "app-cache" },
    variant,
    argv([`${repo}:1.0`], ["--snapshot-mode=redo", "--cache=true", `--cache-repo=${step["PLUGIN_REGISTRY"]}/app-cache`]),
  ],
  [
    `${variant}, §3 and quirk 4: remoteCacheImage "" still enables the cache, cache repo <registry>/`,
    { ...step, PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "" },
    variant,
    argv([`${repo}:1.0`], ["--snapshot-mode=redo", "--cache=true", `--cache-repo=${step["PLUGIN_REGISTRY"]}/`]),
  ],
  [`${variant}, §3 PLUGIN_ARTIFACT_FILE adds no argument (the plugin writes it after the build)`, step, variant, argv([`${repo}:1.0`], ["--snapshot-mode=redo"])],
  [`${variant}, §3 envVariables: a runtime flag reaches the argv`, { ...step, PLUGIN_PUSH_RETRY: "3" }, variant, argv([`${repo}:1.0`], ["--snapshot-mode=redo"], ["--push-retry=3"])],
]);

const gcrOnly = { PLUGIN_REPO: "app", PLUGIN_JSON_KEY: KEY };
const garOnly = { PLUGIN_REGISTRY: GAR, PLUGIN_REPO: "repo/app", PLUGIN_JSON_KEY: KEY };

/** Section 5a: the two binaries, rule by rule. */
const section5a: Row[] = [
  ["gcr, registry: the GCR apex host when PLUGIN_REGISTRY is unset", gcrOnly, "gcr", argv(["gcr.io/app:latest"])],
  ["gcr, registry: BASE_REGISTRY is an alias", { ...gcrOnly, BASE_REGISTRY: "eu.gcr.io/p" }, "gcr", argv(["eu.gcr.io/p/app:latest"])],
  ["gcr, registry: PLUGIN_REGISTRY wins over BASE_REGISTRY", { ...gcrOnly, PLUGIN_REGISTRY: GCR, BASE_REGISTRY: "eu.gcr.io/p" }, "gcr", argv([`${GCR}/app:latest`])],
  ["gcr, registry: a set-but-empty PLUGIN_REGISTRY wins over the alias and the default", { ...gcrOnly, PLUGIN_REGISTRY: "", BASE_REGISTRY: "eu.gcr.io/p" }, "gcr", argv(["/app:latest"])],
  ["gar, registry: no default, so an unset PLUGIN_REGISTRY leaves a leading /", { PLUGIN_REPO: "repo/app", PLUGIN_JSON_KEY: KEY }, "gar", argv(["/repo/app:latest"])],
  ["gar, registry: BASE_REGISTRY is not read", { PLUGIN_REPO: "repo/app", BASE_REGISTRY: GAR }, "gar", argv(["/repo/app:latest"])],
  ["gcr, destination repo: always <registry>/<repo>, even when the repo already names it", { ...gcrOnly, PLUGIN_REGISTRY: GCR, PLUGIN_REPO: `${GCR}/app` }, "gcr", argv([`${GCR}/${GCR}/app:latest`])],
  ["gar, destination repo: always <registry>/<repo>, even when the repo already names it", { ...garOnly, PLUGIN_REPO: `${GAR}/repo/app` }, "gar", argv([`${GAR}/${GAR}/repo/app:latest`])],
  ["gcr, destination repo: no PLUGIN_REPO still pushes (to <registry>/), no missing-repo stop", { PLUGIN_REGISTRY: GCR }, "gcr", argv([`${GCR}/:latest`])],
  ["gcr, destination repo: a trailing / on the registry is kept", { ...gcrOnly, PLUGIN_REGISTRY: `${GCR}/` }, "gcr", argv([`${GCR}//app:latest`])],
  [
    "gcr, cache repo: a full remoteCacheImage is prefixed again (quirk 3)",
    { ...gcrOnly, PLUGIN_REGISTRY: GCR, PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: `${GCR}/app-cache` },
    "gcr",
    argv([`${GCR}/app:latest`], ["--cache=true", `--cache-repo=${GCR}/${GCR}/app-cache`]),
  ],
  [
    "gar, cache repo: PLUGIN_ENABLE_CACHE without PLUGIN_CACHE_REPO gives <registry>/",
    { ...garOnly, PLUGIN_ENABLE_CACHE: "true" },
    "gar",
    argv([`${GAR}/repo/app:latest`], ["--cache=true", `--cache-repo=${GAR}/`]),
  ],
  ["gcr, cache repo without PLUGIN_ENABLE_CACHE adds nothing", { ...gcrOnly, PLUGIN_CACHE_REPO: "c" }, "gcr", argv(["gcr.io/app:latest"])],
  ["gcr, JSON key: written to a file, no argument", { ...gcrOnly, PLUGIN_JSON_KEY: '{"type":"service_account"}' }, "gcr", argv(["gcr.io/app:latest"])],
  ["gcr, JSON key: none (workload identity) is no stop", { PLUGIN_REPO: "app" }, "gcr", argv(["gcr.io/app:latest"])],
  [
    "gcr, base-image credentials with a key: a docker config, no argument",
    { ...gcrOnly, PLUGIN_DOCKER_REGISTRY: "https://index.docker.io/v1/", PLUGIN_DOCKER_USERNAME: "u", PLUGIN_DOCKER_PASSWORD: "<secret hub>" },
    "gcr",
    argv(["gcr.io/app:latest"]),
  ],
  [
    "gar, base-image credentials without a key: dropped, and an incomplete login is no stop",
    { PLUGIN_REGISTRY: GAR, PLUGIN_REPO: "repo/app", PLUGIN_BASE_IMAGE_REGISTRY: "base.io" },
    "gar",
    argv([`${GAR}/repo/app:latest`]),
  ],
  ["gcr, OIDC variables add no argument (no OIDC support)", { PLUGIN_REPO: "app", ...OIDC }, "gcr", argv(["gcr.io/app:latest"])],
  ["gar, OIDC variables add no argument (no OIDC support)", { PLUGIN_REGISTRY: GAR, PLUGIN_REPO: "repo/app", ...OIDC }, "gar", argv([`${GAR}/repo/app:latest`])],
  ["gcr, PLUGIN_SKIP_TLS_VERIFY has no effect (not even parsed)", { ...gcrOnly, PLUGIN_SKIP_TLS_VERIFY: "yes" }, "gcr", argv(["gcr.io/app:latest"])],
  ["gar, PLUGIN_SKIP_TLS_VERIFY=true has no effect", { ...garOnly, PLUGIN_SKIP_TLS_VERIFY: "true" }, "gar", argv([`${GAR}/repo/app:latest`])],
  ["gcr, PLUGIN_LABEL has no effect", { ...gcrOnly, PLUGIN_LABEL: "a=b" }, "gcr", argv(["gcr.io/app:latest"])],
  ["gar, PLUGIN_IGNORE_PATHS has no effect, PLUGIN_IGNORE_PATH is honoured", { ...garOnly, PLUGIN_IGNORE_PATHS: "/y", PLUGIN_IGNORE_PATH: "/x" }, "gar", argv([`${GAR}/repo/app:latest`], [], ["--ignore-path=/x"])],
  ["gcr, PLUGIN_EXPAND_REPO is not read", { ...gcrOnly, PLUGIN_EXPAND_REPO: "maybe" }, "gcr", argv(["gcr.io/app:latest"])],
  ["gcr, tar path: PLUGIN_TAR_PATH is ignored", { ...gcrOnly, PLUGIN_TAR_PATH: "/o.tar" }, "gcr", argv(["gcr.io/app:latest"])],
  ["gcr, tar path: no-push with a tar path emits no destination", { ...gcrOnly, PLUGIN_NO_PUSH: "true", PLUGIN_DESTINATION_TAR_PATH: "/o.tar" }, "gcr", argv([], [], ["--no-push"])],
  ["gar, tar path: PLUGIN_TAR_PATH", { ...garOnly, PLUGIN_TAR_PATH: "/o.tar" }, "gar", argv([`${GAR}/repo/app:latest`], [], ["--tar-path=/o.tar"])],
  ["gar, tar path: no-push with PLUGIN_DESTINATION_TAR_PATH keeps the destinations", { ...garOnly, PLUGIN_NO_PUSH: "true", PLUGIN_DESTINATION_TAR_PATH: "/o.tar" }, "gar", argv([`${GAR}/repo/app:latest`], [], ["--no-push", "--tar-path=/o.tar"])],
  ["gcr, push-only: PLUGIN_PUSH_ONLY is ignored (not even parsed), the image is built", { ...gcrOnly, PLUGIN_PUSH_ONLY: "yes", PLUGIN_SOURCE_TAR_PATH: "/i.tar" }, "gcr", argv(["gcr.io/app:latest"])],
  ["gar, push-only false builds as usual", { ...garOnly, PLUGIN_PUSH_ONLY: "false" }, "gar", argv([`${GAR}/repo/app:latest`])],
  ["gcr, PLUGIN_REGISTRY_TYPE is ignored", { ...gcrOnly, PLUGIN_REGISTRY_TYPE: "GAR" }, "gcr", argv(["gcr.io/app:latest"])],
  ["gcr, PLUGIN_CACHE_DIR has a flag but no argument", { ...gcrOnly, PLUGIN_CACHE_DIR: "/cache" }, "gcr", argv(["gcr.io/app:latest"])],
  ["gar, an empty boolean is false", { ...garOnly, PLUGIN_NO_PUSH: "" }, "gar", argv([`${GAR}/repo/app:latest`])],
  ["gcr, PLUGIN_EXPAND_TAG as in the other variants", { ...gcrOnly, PLUGIN_TAGS: "v1.2.3", PLUGIN_EXPAND_TAG: "true" }, "gcr", argv(["gcr.io/app:1", "gcr.io/app:1.2", "gcr.io/app:1.2.3"])],
  ["gar, PLUGIN_AUTO_TAG as in the other variants", { ...garOnly, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/tags/v2.0.1" }, "gar", argv(["2", "2.0", "2.0.1"].map((t) => `${GAR}/repo/app:${t}`))],
  [
    "gcr, the executor flags every variant has, in the same order",
    { ...gcrOnly, PLUGIN_REGISTRY_MIRRORS: "mirror.gcr.io", PLUGIN_CACHE_TTL: "6", PLUGIN_VERBOSITY: "debug", PLUGIN_SKIP_TLS_VERIFY_PULL: "true", PLUGIN_IGNORE_VAR_RUN: "false" },
    "gcr",
    argv(["gcr.io/app:latest"], ["--registry-mirror=mirror.gcr.io", "--cache-ttl=6h"], ["--verbosity=debug", "--skip-tls-verify-pull", "--ignore-var-run=false"]),
  ],
];

describe("argvFromPluginEnv, gcr and gar", () => {
  test.each([...section3, ...section5a])("%s", (_description, env, variant, expected) => {
    expect(argvFromPluginEnv(env, variant)).toEqual(expected);
  });
});

type FailRow = [description: string, env: Env, variant: PluginVariant, code: PluginEnvErrorCode, variable: string, message: RegExp];

const failures: FailRow[] = [
  [
    "with a key, a base-image registry without a user stops the plugin (after the key file is written)",
    { ...gcrOnly, PLUGIN_DOCKER_REGISTRY: "base.io", PLUGIN_DOCKER_PASSWORD: "<secret>" },
    "gcr",
    "missing-credentials",
    "PLUGIN_DOCKER_USERNAME",
    /^failed to create docker config: Username must be specified for registry: base\.io \(set PLUGIN_DOCKER_USERNAME, or drop the base image registry\)$/,
  ],
  [
    "with a key, a base-image registry without a password names the alias that was set",
    { ...garOnly, PLUGIN_BASE_IMAGE_REGISTRY: "base.io", PLUGIN_BASE_IMAGE_USERNAME: "u" },
    "gar",
    "missing-credentials",
    "PLUGIN_DOCKER_PASSWORD",
    /^failed to create docker config: Password must be specified for registry: base\.io/,
  ],
  [
    "with a key, Docker Hub's v2 address is named as the v1 one",
    { ...gcrOnly, DOCKER_REGISTRY: "https://index.docker.io/v2/", DOCKER_USERNAME: "u" },
    "gcr",
    "missing-credentials",
    "PLUGIN_DOCKER_PASSWORD",
    /registry: https:\/\/index\.docker\.io\/v1\//,
  ],
  ["an empty integer is fatal", { ...gcrOnly, PLUGIN_CACHE_TTL: "" }, "gcr", "invalid-int", "PLUGIN_CACHE_TTL", /PLUGIN_CACHE_TTL: could not parse "" as an integer/],
  ["a bad boolean is fatal", { ...garOnly, PLUGIN_ENABLE_CACHE: "on" }, "gar", "invalid-bool", "PLUGIN_ENABLE_CACHE", /before running kaniko/],
  ["gar parses PLUGIN_PUSH_ONLY", { ...garOnly, PLUGIN_PUSH_ONLY: "yes" }, "gar", "invalid-bool", "PLUGIN_PUSH_ONLY", /PLUGIN_PUSH_ONLY/],
  ["auto tag on a branch that is not the default", { ...gcrOnly, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/heads/x", DRONE_REPO_BRANCH: "main" }, "gcr", "auto-tag-ref", "DRONE_COMMIT_REF", /./],
  [
    "gar push-only runs no executor: crane pushes the tarball, an empty tag as latest",
    { ...garOnly, PLUGIN_PUSH_ONLY: "true", PLUGIN_SOURCE_TAR_PATH: "/harness/image.tar", PLUGIN_TAGS: "1.0," },
    "gar",
    "push-only",
    "PLUGIN_PUSH_ONLY",
    new RegExp(`^with PLUGIN_PUSH_ONLY=true the GAR plugin runs no kaniko executor: it pushes the tarball /harness/image\\.tar with crane to ${GAR}/repo/app:1\\.0, ${GAR}/repo/app:latest, as _json_key with PLUGIN_JSON_KEY$`),
  ],
  [
    "gar push-only wins over no-push and ignores auto-tag conflicts; without a key it pushes anonymously",
    { PLUGIN_REGISTRY: GAR, PLUGIN_REPO: "repo/app", PLUGIN_PUSH_ONLY: "true", PLUGIN_NO_PUSH: "true", PLUGIN_AUTO_TAG: "true", PLUGIN_EXPAND_TAG: "true", PLUGIN_SOURCE_TAR_PATH: "/i.tar" },
    "gar",
    "push-only",
    "PLUGIN_PUSH_ONLY",
    /repo\/app:latest, anonymously \(no PLUGIN_JSON_KEY\)$/,
  ],
  ["gar push-only without a tarball", { ...garOnly, PLUGIN_PUSH_ONLY: "true" }, "gar", "missing-source-tar", "PLUGIN_SOURCE_TAR_PATH", /^source_tar_path is required when push_only is set/],
  ["gar push-only without a repository", { PLUGIN_REGISTRY: GAR, PLUGIN_PUSH_ONLY: "1", PLUGIN_SOURCE_TAR_PATH: "/i.tar" }, "gar", "missing-repo", "PLUGIN_REPO", /^repository and registry must be specified for push-only operation/],
  ["gar push-only without a registry", { PLUGIN_REPO: "repo/app", PLUGIN_PUSH_ONLY: "1", PLUGIN_SOURCE_TAR_PATH: "/i.tar" }, "gar", "missing-registry", "PLUGIN_REGISTRY", /^repository and registry must be specified/],
];

describe("argvFromPluginEnv failures, gcr and gar", () => {
  test.each(failures)("%s", (_description, env, variant, code, variable, message) => {
    expect(() => argvFromPluginEnv(env, variant)).toThrow(expect.objectContaining({ name: "PluginEnvError", code, variable, message: expect.stringMatching(message) }));
  });

  test("the JSON key never reaches a message", () => {
    const key = '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----S3cr3t"}';
    for (const env of [
      { PLUGIN_JSON_KEY: key, PLUGIN_DOCKER_REGISTRY: "base.io" },
      { PLUGIN_JSON_KEY: key, PLUGIN_NO_PUSH: "nope" },
      { PLUGIN_JSON_KEY: key, PLUGIN_REGISTRY: GAR, PLUGIN_REPO: "r/a", PLUGIN_PUSH_ONLY: "true", PLUGIN_SOURCE_TAR_PATH: "/i.tar" },
    ]) {
      for (const variant of ["gcr", "gar"] as const) {
        try {
          argvFromPluginEnv(env, variant);
        } catch (error) {
          expect((error as Error).message).not.toContain("S3cr3t");
        }
      }
    }
  });
});

describe("googleKeySetup", () => {
  test("with a key: the key file, GOOGLE_APPLICATION_CREDENTIALS for the executor, the base-image login written", () => {
    expect(googleKeySetup({ ...gcrOnly, PLUGIN_DOCKER_REGISTRY: "base.io", PLUGIN_DOCKER_USERNAME: "u", PLUGIN_DOCKER_PASSWORD: "p", ...OIDC }, "gcr")).toEqual({
      keyFile: "/kaniko/config.json",
      executorEnv: { GOOGLE_APPLICATION_CREDENTIALS: "/kaniko/config.json" },
      baseImageRegistry: "base.io",
      droppedBaseImageRegistry: undefined,
      ignoredOidcVariables: Object.keys(OIDC),
    });
  });

  test("without a key: no file, the executor inherits the environment, the base-image login is dropped", () => {
    expect(googleKeySetup({ PLUGIN_REPO: "r/a", DOCKER_REGISTRY: "base.io", PLUGIN_OIDC_TOKEN_ID: "" }, "gar")).toEqual({
      keyFile: undefined,
      executorEnv: {},
      baseImageRegistry: undefined,
      droppedBaseImageRegistry: { registry: "base.io", variable: "DOCKER_REGISTRY" },
      ignoredOidcVariables: [],
    });
  });

  test("the other variants and a GAR push-only run prepare no Google key", () => {
    expect(googleKeySetup({ PLUGIN_REGISTRY: "1.dkr.ecr.eu-west-1.amazonaws.com", PLUGIN_REPO: "a", PLUGIN_JSON_KEY: KEY }, "ecr")).toBeUndefined();
    expect(googleKeySetup({ ...garOnly, PLUGIN_PUSH_ONLY: "true", PLUGIN_SOURCE_TAR_PATH: "/i.tar" }, "gar")).toBeUndefined();
  });

  test("it throws where the plugin stops", () => {
    expect(() => googleKeySetup({ ...gcrOnly, PLUGIN_DOCKER_REGISTRY: "base.io" }, "gcr")).toThrow(PluginEnvError);
  });
});
