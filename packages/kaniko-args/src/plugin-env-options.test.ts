import { describe, expect, test } from "vitest";
import type { Env } from "./env-reader.js";
import { KanikoOptionsError, type KanikoOptionsErrorCode } from "./errors.js";
import { kanikoArgs } from "./kaniko-args.js";
import type { KanikoOptions, KanikoOptionsPatch } from "./kaniko-options.js";
import { argvFromPluginEnv } from "./plugin-argv.js";
import { mergeKanikoOptions, pluginEnvToKanikoOptions } from "./plugin-env-options.js";

type Row = [description: string, env: Env, patch: KanikoOptionsPatch];

const rows: Row[] = [
  ["nothing set gives an empty patch", {}, {}],
  ["variables that aren't PLUGIN_* are ignored", { HOME: "/root", DRONE_COMMIT_REF: "refs/heads/main", PLUGIN_UNSET: undefined }, {}],
  ["PLUGIN_SKIP_TLS_VERIFY", { PLUGIN_SKIP_TLS_VERIFY: "true" }, { skipTlsVerify: true }],
  ["PLUGIN_SKIP_TLS_VERIFY set but empty is false", { PLUGIN_SKIP_TLS_VERIFY: "" }, { skipTlsVerify: false }],
  ["PLUGIN_NO_PUSH with Go spelling T", { PLUGIN_NO_PUSH: "T" }, { noPush: true }],
  ["PLUGIN_TAR_PATH wins over its alias", { PLUGIN_TAR_PATH: "/a.tar", PLUGIN_DESTINATION_TAR_PATH: "/b.tar" }, { tarPath: "/a.tar" }],
  ["PLUGIN_DESTINATION_TAR_PATH alone", { PLUGIN_DESTINATION_TAR_PATH: "/b.tar" }, { tarPath: "/b.tar" }],
  ["PLUGIN_REGISTRY_MIRRORS, empty items dropped", { PLUGIN_REGISTRY_MIRRORS: "mirror.gcr.io, ,m2.io" }, { registryMirrors: ["mirror.gcr.io", "m2.io"] }],
  ["PLUGIN_VERBOSITY", { PLUGIN_VERBOSITY: "trace" }, { verbosity: "trace" }],
  ["PLUGIN_CACHE_TTL read as a Go int (0x10)", { PLUGIN_CACHE_TTL: "0x10" }, { cache: { ttlHours: 16 } }],
  ["PLUGIN_CACHE_TTL 0 is left out, as the plugin leaves it out", { PLUGIN_CACHE_TTL: "0" }, {}],
  [
    "cache settings",
    { PLUGIN_ENABLE_CACHE: "1", PLUGIN_CACHE_REPO: "reg.io/cache", PLUGIN_CACHE_COPY_LAYERS: "true", PLUGIN_CACHE_RUN_LAYERS: "false", PLUGIN_COMPRESSED_CACHING: "False", PLUGIN_CACHE_DIR: "/c" },
    { cache: { enabled: true, repo: "reg.io/cache", copyLayers: true, runLayers: false, compressed: false, dir: "/c" } },
  ],
  ["PLUGIN_PUSH_RETRY and the retries (0 left out)", { PLUGIN_PUSH_RETRY: "3", PLUGIN_IMAGE_FS_EXTRACT_RETRY: "0", PLUGIN_IMAGE_DOWNLOAD_RETRY: "0b10" }, { pushRetry: 3, imageDownloadRetry: 2 }],
  ["PLUGIN_PLATFORM wins over PLUGIN_CUSTOM_PLATFORM", { PLUGIN_PLATFORM: "linux/arm64", PLUGIN_CUSTOM_PLATFORM: "linux/amd64" }, { customPlatform: "linux/arm64" }],
  ["PLUGIN_INSECURE_REGISTRY as a list", { PLUGIN_INSECURE_REGISTRY: "a.local:5000,b.local" }, { insecureRegistries: ["a.local:5000", "b.local"] }],
  ["PLUGIN_SKIP_TLS_VERIFY_REGISTRY naming registries", { PLUGIN_SKIP_TLS_VERIFY_REGISTRY: "a.local, b.local:5000" }, { skipTlsVerifyRegistries: ["a.local", "b.local:5000"] }],
  ["PLUGIN_SKIP_TLS_VERIFY_REGISTRY=false adds nothing", { PLUGIN_SKIP_TLS_VERIFY_REGISTRY: "false" }, {}],
  ["PLUGIN_REGISTRY_CERTIFICATE", { PLUGIN_REGISTRY_CERTIFICATE: "a.io=/ca.pem,b.io=/cb.pem" }, { registryCertificates: [["a.io", "/ca.pem"], ["b.io", "/cb.pem"]] }],
  ["PLUGIN_REGISTRY_CLIENT_CERT", { PLUGIN_REGISTRY_CLIENT_CERT: "m.io=/c.pem,/k.pem" }, { registryClientCertificates: [{ registry: "m.io", certPath: "/c.pem", keyPath: "/k.pem" }] }],
  [
    "PLUGIN_BUILD_ARGS: a value cut at a comma is put back together",
    { PLUGIN_BUILD_ARGS: "HOSTS=a,b,MODE=x" },
    { buildArgs: [["HOSTS", "a,b"], ["MODE", "x"]] },
  ],
  [
    "PLUGIN_BUILD_ARGS_NEW with PLUGIN_MULTIPLE_BUILD_ARGS",
    { PLUGIN_BUILD_ARGS: "IGNORED=1", PLUGIN_BUILD_ARGS_NEW: "HOSTS=a,b; MODE=x=y", PLUGIN_MULTIPLE_BUILD_ARGS: "true" },
    { buildArgs: [["HOSTS", "a,b"], ["MODE", "x=y"]] },
  ],
  ["PLUGIN_CUSTOM_LABELS", { PLUGIN_CUSTOM_LABELS: "team=ci,desc=a, b" }, { labels: [["team", "ci"], ["desc", "a,b"]] }],
  ["PLUGIN_IGNORE_PATH and PLUGIN_IGNORE_PATHS", { PLUGIN_IGNORE_PATH: "/a", PLUGIN_IGNORE_PATHS: "/b,,/c" }, { ignorePaths: ["/a", "/b", "/c"] }],
  [
    "build settings",
    { PLUGIN_DOCKERFILE: "D", PLUGIN_CONTEXT: "ctx", PLUGIN_CONTEXT_SUB_PATH: "s", PLUGIN_TARGET: "t", PLUGIN_SNAPSHOT_MODE: "redo", PLUGIN_REPO: "r.io/a", PLUGIN_TAGS: "1,2," },
    { dockerfile: "D", context: "ctx", contextSubPath: "s", target: "t", snapshotMode: "redo", repository: "r.io/a", tags: ["1", "2"] },
  ],
  [
    "bool flags",
    {
      PLUGIN_SINGLE_SNAPSHOT: "true",
      PLUGIN_REPRODUCIBLE: "t",
      PLUGIN_USE_NEW_RUN: "1",
      PLUGIN_SKIP_UNUSED_STAGES: "TRUE",
      PLUGIN_CLEANUP: "True",
      PLUGIN_FORCE: "true",
      PLUGIN_IGNORE_VAR_RUN: "false",
      PLUGIN_INSECURE: "true",
      PLUGIN_INSECURE_PULL: "true",
      PLUGIN_SKIP_TLS_VERIFY_PULL: "true",
      PLUGIN_SKIP_DEFAULT_REGISTRY_FALLBACK: "true",
      PLUGIN_SKIP_PUSH_PERMISSION_CHECK: "true",
      PLUGIN_LOG_TIMESTAMP: "true",
    },
    {
      singleSnapshot: true,
      reproducible: true,
      useNewRun: true,
      skipUnusedStages: true,
      cleanup: true,
      force: true,
      ignoreVarRun: false,
      insecure: true,
      insecurePull: true,
      skipTlsVerifyPull: true,
      skipDefaultRegistryFallback: true,
      skipPushPermissionCheck: true,
      logTimestamp: true,
    },
  ],
  [
    "digest and layout outputs, log format",
    { PLUGIN_IMAGE_NAME_WITH_DIGEST_FILE: "/n", PLUGIN_IMAGE_NAME_TAG_WITH_DIGEST_FILE: "/t", PLUGIN_OCI_LAYOUT_PATH: "/o", PLUGIN_LOG_FORMAT: "json" },
    { imageNameWithDigestFile: "/n", imageNameTagWithDigestFile: "/t", ociLayoutPath: "/o", logFormat: "json" },
  ],
];

describe("pluginEnvToKanikoOptions", () => {
  test.each(rows)("%s", (_description, env, patch) => {
    expect(pluginEnvToKanikoOptions(env)).toEqual(patch);
  });
});

type FailRow = [description: string, env: Env, code: KanikoOptionsErrorCode, option: string];

const failures: FailRow[] = [
  ["PLUGIN_PUSH_ONLY has no kaniko equivalent", { PLUGIN_PUSH_ONLY: "true" }, "unsupported-runtime-flag", "PLUGIN_PUSH_ONLY"],
  ["PLUGIN_CUSTOM_DNS has no kaniko equivalent", { PLUGIN_CUSTOM_DNS: "8.8.8.8" }, "unsupported-runtime-flag", "PLUGIN_CUSTOM_DNS"],
  ["PLUGIN_AUTO_TAG has no kaniko equivalent", { PLUGIN_AUTO_TAG: "true" }, "unsupported-runtime-flag", "PLUGIN_AUTO_TAG"],
  ["PLUGIN_REGISTRY has no kaniko equivalent", { PLUGIN_REGISTRY: "reg.io" }, "unsupported-runtime-flag", "PLUGIN_REGISTRY"],
  ["an unknown PLUGIN_* name", { PLUGIN_DAEMON_OFF: "true" }, "unsupported-runtime-flag", "PLUGIN_DAEMON_OFF"],
  ["even set but empty", { PLUGIN_MTU: "" }, "unsupported-runtime-flag", "PLUGIN_MTU"],
  ["a bad bool, by Go's rules", { PLUGIN_NO_PUSH: "yes" }, "invalid-bool", "PLUGIN_NO_PUSH"],
  ["a bad int, by Go's rules", { PLUGIN_CACHE_TTL: "12h" }, "invalid-int", "PLUGIN_CACHE_TTL"],
  ["a set-but-empty int", { PLUGIN_PUSH_RETRY: "" }, "invalid-int", "PLUGIN_PUSH_RETRY"],
  ["an int too large for a JS number", { PLUGIN_PUSH_RETRY: "0x7fffffffffffffff" }, "invalid-int", "PLUGIN_PUSH_RETRY"],
  ["PLUGIN_SKIP_TLS_VERIFY_REGISTRY=true names no registry", { PLUGIN_SKIP_TLS_VERIFY_REGISTRY: "true" }, "invalid-value", "PLUGIN_SKIP_TLS_VERIFY_REGISTRY"],
  ["a snapshot mode kaniko doesn't know", { PLUGIN_SNAPSHOT_MODE: "fast" }, "invalid-choice", "PLUGIN_SNAPSHOT_MODE"],
  ["a verbosity kaniko doesn't know", { PLUGIN_VERBOSITY: "loud" }, "invalid-choice", "PLUGIN_VERBOSITY"],
  ["a build arg without =", { PLUGIN_BUILD_ARGS: "PROXY,A=1" }, "invalid-key-value", "PLUGIN_BUILD_ARGS"],
  ["a build arg with an empty key", { PLUGIN_BUILD_ARGS: "=1" }, "invalid-key-value", "PLUGIN_BUILD_ARGS"],
  ["a PLUGIN_BUILD_ARGS_NEW item without =", { PLUGIN_BUILD_ARGS_NEW: "A=1;oops", PLUGIN_MULTIPLE_BUILD_ARGS: "true" }, "invalid-key-value", "PLUGIN_BUILD_ARGS_NEW"],
  ["a client cert without key path", { PLUGIN_REGISTRY_CLIENT_CERT: "m.io=/c.pem" }, "invalid-key-value", "PLUGIN_REGISTRY_CLIENT_CERT"],
];

describe("pluginEnvToKanikoOptions refusals", () => {
  test.each(failures)("%s", (_description, env, code, option) => {
    let caught: unknown;
    try {
      pluginEnvToKanikoOptions(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KanikoOptionsError);
    expect(caught).toMatchObject({ code, option });
    expect((caught as Error).message).toContain(option);
  });

  test("the reason is given in words", () => {
    expect(() => pluginEnvToKanikoOptions({ PLUGIN_PUSH_ONLY: "true" })).toThrow(/kaniko always builds/);
    expect(() => pluginEnvToKanikoOptions({ PLUGIN_CUSTOM_DNS: "1.1.1.1" })).toThrow(/no DNS setting/);
    expect(() => pluginEnvToKanikoOptions({ PLUGIN_JSON_KEY: "<secret account.gcp>" })).toThrow(/Google access .* GOOGLE_APPLICATION_CREDENTIALS/);
  });

  test("secret values never reach an error", () => {
    for (const env of [
      { PLUGIN_PASSWORD: "hunter2-pw" },
      { PLUGIN_SECRET_KEY: "aws-s3cr3t" },
      { PLUGIN_DOCKER_PASSWORD: "base-pw" },
      { PLUGIN_BUILD_ARGS: "NPM_TOKEN", PLUGIN_X_TOKEN: "tok-s3cr3t" },
      { PLUGIN_BUILD_ARGS_NEW: "A=1;tok-s3cr3t", PLUGIN_MULTIPLE_BUILD_ARGS: "true" },
    ] as Env[]) {
      try {
        pluginEnvToKanikoOptions(env);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(KanikoOptionsError);
        for (const secret of ["hunter2-pw", "aws-s3cr3t", "base-pw", "tok-s3cr3t"]) {
          expect((error as Error).message).not.toContain(secret);
          expect((error as KanikoOptionsError).value ?? "").not.toContain(secret);
        }
      }
    }
  });
});

describe("mergeKanikoOptions", () => {
  const base: KanikoOptions = { repository: "reg.io/app", tags: ["1.0"], registryMirrors: ["a.io"], cache: { enabled: true, repo: "reg.io/cache" } };

  test("patch fields replace base fields; cache fields merge one by one", () => {
    expect(mergeKanikoOptions(base, { registryMirrors: ["b.io"], noPush: true, cache: { ttlHours: 5 } })).toEqual({
      repository: "reg.io/app",
      tags: ["1.0"],
      registryMirrors: ["b.io"],
      noPush: true,
      cache: { enabled: true, repo: "reg.io/cache", ttlHours: 5 },
    });
  });

  test("a cache only the patch mentions stays disabled unless the patch enables it", () => {
    expect(mergeKanikoOptions({ repository: "r.io/a" }, { cache: { ttlHours: 5 } }).cache).toEqual({ enabled: false, ttlHours: 5 });
    expect(mergeKanikoOptions({ repository: "r.io/a" }, { cache: { enabled: true } }).cache).toEqual({ enabled: true });
  });

  test("the base is not modified", () => {
    const copy = structuredClone(base);
    mergeKanikoOptions(base, { tags: ["2"], cache: { enabled: false } });
    expect(base).toEqual(copy);
  });
});

describe("runtime flags end to end: the plugin's argv versus the direct argv", () => {
  test("skip-tls-verify-registry and an ACR-style cache repo come out right", () => {
    const env = { PLUGIN_SKIP_TLS_VERIFY_REGISTRY: "myreg.azurecr.io", PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "myreg.azurecr.io/cache", PLUGIN_USE_NEW_RUN: "true" };
    const direct = kanikoArgs(mergeKanikoOptions({ context: "/harness", destinations: ["myreg.azurecr.io/img:1"] }, pluginEnvToKanikoOptions(env)));
    expect(direct).toEqual([
      "--context=dir:///harness",
      "--destination=myreg.azurecr.io/img:1",
      "--use-new-run=true",
      "--cache=true",
      "--cache-repo=myreg.azurecr.io/cache",
      "--skip-tls-verify-registry=myreg.azurecr.io",
    ]);
    // The plugin, given the same cache settings, doubles the registry.
    const plugin = argvFromPluginEnv({ PLUGIN_REGISTRY: "myreg.azurecr.io", PLUGIN_REPO: "myreg.azurecr.io/img", PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "myreg.azurecr.io/cache" }, "acr");
    expect(plugin).toContain("--cache-repo=myreg.azurecr.io/myreg.azurecr.io/cache");
  });

  test("a build arg with a comma stays one build arg", () => {
    const direct = kanikoArgs(mergeKanikoOptions({ destinations: ["r.io/a:1"] }, pluginEnvToKanikoOptions({ PLUGIN_BUILD_ARGS: "HOSTS=a,b" })));
    expect(direct).toEqual(["--destination=r.io/a:1", "--build-arg=HOSTS=a,b"]);
  });

  test("no-push with a tar path but no destination is refused instead of --destination=:latest", () => {
    const options = mergeKanikoOptions({}, pluginEnvToKanikoOptions({ PLUGIN_NO_PUSH: "true", PLUGIN_TAR_PATH: "/o.tar" }));
    expect(() => kanikoArgs(options)).toThrow(expect.objectContaining({ code: "destination-required", option: "tarPath" }));
  });
});
