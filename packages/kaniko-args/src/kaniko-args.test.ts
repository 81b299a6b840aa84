import { describe, expect, test } from "vitest";
import { KanikoOptionsError, type KanikoOptionsErrorCode } from "./errors.js";
import { kanikoArgs } from "./kaniko-args.js";
import type { KanikoOptions } from "./kaniko-options.js";

const DEST = { destinations: ["reg.io/team/app:1.0"] } satisfies KanikoOptions;
const D = "--destination=reg.io/team/app:1.0";

type Row = [description: string, options: KanikoOptions, executorVersion: string | undefined, argv: string[]];

const rows: Row[] = [
  ["one destination and nothing else", DEST, undefined, [D]],
  ["dockerfile", { ...DEST, dockerfile: "build/Dockerfile" }, undefined, ["--dockerfile=build/Dockerfile", D]],
  ["a path context becomes dir://", { ...DEST, context: "/harness/src" }, undefined, ["--context=dir:///harness/src", D]],
  ["a relative path context", { ...DEST, context: "." }, undefined, ["--context=dir://.", D]],
  ["a dir:// context passes as given", { ...DEST, context: "dir:///workspace" }, undefined, ["--context=dir:///workspace", D]],
  ["a tar:// context passes as given", { ...DEST, context: "tar://ctx.tar.gz" }, undefined, ["--context=tar://ctx.tar.gz", D]],
  ["a git:// context passes as given", { ...DEST, context: "git://github.com/org/repo#refs/heads/main" }, undefined, ["--context=git://github.com/org/repo#refs/heads/main", D]],
  ["an s3:// context passes as given", { ...DEST, context: "s3://bucket/ctx.tar.gz" }, undefined, ["--context=s3://bucket/ctx.tar.gz", D]],
  ["a gs:// context passes as given", { ...DEST, context: "gs://bucket/ctx.tar.gz" }, undefined, ["--context=gs://bucket/ctx.tar.gz", D]],
  ["context sub-path", { ...DEST, context: "git://g.com/o/r", contextSubPath: "svc" }, undefined, ["--context=git://g.com/o/r", "--context-sub-path=svc", D]],
  [
    "repository + tags give one destination per tag, after full destinations",
    { destinations: ["other.io/x:y"], repository: "reg.io/app", tags: ["1.0", "latest"] },
    undefined,
    ["--destination=other.io/x:y", "--destination=reg.io/app:1.0", "--destination=reg.io/app:latest"],
  ],
  ["a repository without tags is tagged latest", { repository: "reg.io/app" }, undefined, ["--destination=reg.io/app:latest"]],
  ["a destination without tag is allowed (kaniko pushes latest)", { destinations: ["localhost:5000/app"] }, undefined, ["--destination=localhost:5000/app"]],
  [
    "build args in order, each one item, commas and = kept in values",
    { ...DEST, buildArgs: [["HOSTS", "a,b"], ["URL", "http://x/?a=b"], ["EMPTY", ""], ["A", "1"]] },
    undefined,
    [D, "--build-arg=HOSTS=a,b", "--build-arg=URL=http://x/?a=b", "--build-arg=EMPTY=", "--build-arg=A=1"],
  ],
  ["labels in order", { ...DEST, labels: [["org.opencontainers.image.source", "https://g/x"], ["team", "ci, web"]] }, undefined, [D, "--label=org.opencontainers.image.source=https://g/x", "--label=team=ci, web"]],
  ["target, platform, snapshot mode", { ...DEST, target: "runtime", customPlatform: "linux/arm64/v8", snapshotMode: "redo" }, undefined, [D, "--target=runtime", "--custom-platform=linux/arm64/v8", "--snapshot-mode=redo"]],
  ...(["full", "redo", "time"] as const).map((mode): Row => [`snapshot mode ${mode}`, { ...DEST, snapshotMode: mode }, undefined, [D, `--snapshot-mode=${mode}`]]),
  [
    "bool flags that default to false are emitted as =true",
    { ...DEST, singleSnapshot: true, reproducible: true, useNewRun: true, skipUnusedStages: true, cleanup: true, force: true },
    undefined,
    [D, "--single-snapshot=true", "--reproducible=true", "--use-new-run=true", "--skip-unused-stages=true", "--cleanup=true", "--force=true"],
  ],
  ["bool flags at kaniko's default are left out", { ...DEST, singleSnapshot: false, noPush: false, ignoreVarRun: true, insecure: false }, undefined, [D]],
  ["ignoreVarRun false is emitted", { ...DEST, ignoreVarRun: false }, undefined, [D, "--ignore-var-run=false"]],
  ["ignore paths repeated", { ...DEST, ignorePaths: ["/var/cache", "/tmp/x"] }, undefined, [D, "--ignore-path=/var/cache", "--ignore-path=/tmp/x"]],
  [
    "cache with every setting",
    { ...DEST, cache: { enabled: true, repo: "reg.io/team/app-cache", ttlHours: 24, copyLayers: true, runLayers: false, compressed: false, dir: "/cache" } },
    undefined,
    [D, "--cache=true", "--cache-repo=reg.io/team/app-cache", "--cache-ttl=24h", "--cache-copy-layers=true", "--cache-run-layers=false", "--compressed-caching=false", "--cache-dir=/cache"],
  ],
  ["cache repo is never prefixed or doubled", { ...DEST, cache: { enabled: true, repo: "myreg.azurecr.io/cache" } }, undefined, [D, "--cache=true", "--cache-repo=myreg.azurecr.io/cache"]],
  ["cache without repo (kaniko infers it from the destination)", { ...DEST, cache: { enabled: true } }, undefined, [D, "--cache=true"]],
  ["cache ttl as a Go duration", { ...DEST, cache: { enabled: true, ttl: "1h30m" } }, undefined, [D, "--cache=true", "--cache-ttl=1h30m"]],
  ["cache ttl 0 hours", { ...DEST, cache: { enabled: true, ttlHours: 0 } }, undefined, [D, "--cache=true", "--cache-ttl=0h"]],
  ["an OCI layout cache repo", { ...DEST, cache: { enabled: true, repo: "oci:/cache/layout" } }, undefined, [D, "--cache=true", "--cache-repo=oci:/cache/layout"]],
  ["cache disabled adds nothing", { ...DEST, cache: { enabled: false } }, undefined, [D]],
  ["no push without destinations", { noPush: true }, undefined, ["--no-push=true"]],
  ["no push with a cache repo", { noPush: true, cache: { enabled: true, repo: "reg.io/c" } }, undefined, ["--cache=true", "--cache-repo=reg.io/c", "--no-push=true"]],
  ["no push with a tar path and a destination", { ...DEST, noPush: true, tarPath: "/out/image.tar" }, undefined, [D, "--no-push=true", "--tar-path=/out/image.tar"]],
  [
    "digest and layout outputs",
    { ...DEST, digestFile: "/o/digest", imageNameWithDigestFile: "/o/name", imageNameTagWithDigestFile: "/o/tag", ociLayoutPath: "/o/oci" },
    undefined,
    [D, "--digest-file=/o/digest", "--image-name-with-digest-file=/o/name", "--image-name-tag-with-digest-file=/o/tag", "--oci-layout-path=/o/oci"],
  ],
  [
    "registry settings; --skip-tls-verify-registry always carries its registry",
    {
      ...DEST,
      registryMirrors: ["mirror.gcr.io", "harbor.local:8443/dockerhub"],
      skipDefaultRegistryFallback: true,
      insecure: true,
      insecurePull: true,
      insecureRegistries: ["reg.local:5000", "10.0.0.7"],
      skipTlsVerify: true,
      skipTlsVerifyPull: true,
      skipTlsVerifyRegistries: ["self-signed.local", "[::1]:5000"],
      registryCertificates: [["reg.io", "/certs/ca.pem"]],
      registryClientCertificates: [{ registry: "mtls.io", certPath: "/c/cert.pem", keyPath: "/c/key.pem" }],
      skipPushPermissionCheck: true,
    },
    undefined,
    [
      D,
      "--registry-mirror=mirror.gcr.io",
      "--registry-mirror=harbor.local:8443/dockerhub",
      "--skip-default-registry-fallback=true",
      "--insecure=true",
      "--insecure-pull=true",
      "--insecure-registry=reg.local:5000",
      "--insecure-registry=10.0.0.7",
      "--skip-tls-verify=true",
      "--skip-tls-verify-pull=true",
      "--skip-tls-verify-registry=self-signed.local",
      "--skip-tls-verify-registry=[::1]:5000",
      "--registry-certificate=reg.io=/certs/ca.pem",
      "--registry-client-cert=mtls.io=/c/cert.pem,/c/key.pem",
      "--skip-push-permission-check=true",
    ],
  ],
  ["retries, 0 included", { ...DEST, pushRetry: 3, imageFsExtractRetry: 0, imageDownloadRetry: 5 }, undefined, [D, "--push-retry=3", "--image-fs-extract-retry=0", "--image-download-retry=5"]],
  ["logging", { ...DEST, verbosity: "debug", logFormat: "json", logTimestamp: true }, undefined, [D, "--verbosity=debug", "--log-format=json", "--log-timestamp=true"]],
  ["executor 1.9 accepts the flags it has", { ...DEST, pushRetry: 2, imageFsExtractRetry: 1, skipTlsVerifyRegistries: ["r.local"] }, "1.9", [D, "--skip-tls-verify-registry=r.local", "--push-retry=2", "--image-fs-extract-retry=1"]],
  ["a patch version resolves to its minor's table", { ...DEST, imageDownloadRetry: 1 }, "v1.23.2", [D, "--image-download-retry=1"]],
  [
    "every option, in order",
    {
      logTimestamp: true,
      logFormat: "text",
      verbosity: "info",
      imageDownloadRetry: 3,
      imageFsExtractRetry: 2,
      pushRetry: 1,
      skipPushPermissionCheck: true,
      registryClientCertificates: [{ registry: "m.io", certPath: "/c", keyPath: "/k" }],
      registryCertificates: [["c.io", "/ca"]],
      skipTlsVerifyRegistries: ["s.io"],
      skipTlsVerifyPull: true,
      skipTlsVerify: true,
      insecureRegistries: ["i.io"],
      insecurePull: true,
      insecure: true,
      skipDefaultRegistryFallback: true,
      registryMirrors: ["m.io"],
      ociLayoutPath: "/oci",
      imageNameTagWithDigestFile: "/t",
      imageNameWithDigestFile: "/n",
      digestFile: "/d",
      tarPath: "/x.tar",
      noPush: true,
      cache: { enabled: true, repo: "r.io/cache", ttlHours: 6, copyLayers: true },
      ignorePaths: ["/i"],
      ignoreVarRun: false,
      force: true,
      cleanup: true,
      skipUnusedStages: true,
      useNewRun: true,
      reproducible: true,
      singleSnapshot: true,
      snapshotMode: "time",
      customPlatform: "linux/amd64",
      target: "t",
      labels: [["l", "1"]],
      buildArgs: [["b", "1"]],
      tags: ["v1"],
      repository: "r.io/app",
      destinations: ["r.io/app:x"],
      contextSubPath: "sub",
      context: "ctx",
      dockerfile: "Dockerfile.ci",
    },
    undefined,
    [
      "--dockerfile=Dockerfile.ci",
      "--context=dir://ctx",
      "--context-sub-path=sub",
      "--destination=r.io/app:x",
      "--destination=r.io/app:v1",
      "--build-arg=b=1",
      "--label=l=1",
      "--target=t",
      "--custom-platform=linux/amd64",
      "--snapshot-mode=time",
      "--single-snapshot=true",
      "--reproducible=true",
      "--use-new-run=true",
      "--skip-unused-stages=true",
      "--cleanup=true",
      "--force=true",
      "--ignore-var-run=false",
      "--ignore-path=/i",
      "--cache=true",
      "--cache-repo=r.io/cache",
      "--cache-ttl=6h",
      "--cache-copy-layers=true",
      "--no-push=true",
      "--tar-path=/x.tar",
      "--digest-file=/d",
      "--image-name-with-digest-file=/n",
      "--image-name-tag-with-digest-file=/t",
      "--oci-layout-path=/oci",
      "--registry-mirror=m.io",
      "--skip-default-registry-fallback=true",
      "--insecure=true",
      "--insecure-pull=true",
      "--insecure-registry=i.io",
      "--skip-tls-verify=true",
      "--skip-tls-verify-pull=true",
      "--skip-tls-verify-registry=s.io",
      "--registry-certificate=c.io=/ca",
      "--registry-client-cert=m.io=/c,/k",
      "--skip-push-permission-check=true",
      "--push-retry=1",
      "--image-fs-extract-retry=2",
      "--image-download-retry=3",
      "--verbosity=info",
      "--log-format=text",
      "--log-timestamp=true",
    ],
  ],
];

describe("kanikoArgs", () => {
  test.each(rows)("%s", (_description, options, version, expected) => {
    expect(kanikoArgs(options, version)).toEqual(expected);
  });

  test("every item is a single --flag=value argv element (no shell string)", () => {
    const argv = kanikoArgs({ ...DEST, buildArgs: [["MSG", "hello world; rm -rf /"]] });
    expect(argv).toEqual([D, "--build-arg=MSG=hello world; rm -rf /"]);
    for (const item of argv) expect(item).toMatch(/^--[a-z-]+=/);
  });
});

// Bad options, cast where the type system would (rightly) refuse them: YAML gives no such guarantee.
const bad = (o: unknown): KanikoOptions => o as KanikoOptions;

type FailRow = [description: string, options: KanikoOptions, executorVersion: string | undefined, code: KanikoOptionsErrorCode, option: string];

const failures: FailRow[] = [
  ["no destination and not no-push", {}, undefined, "destination-required", "destinations"],
  ["tar path needs a destination even with no-push", { noPush: true, tarPath: "/o.tar" }, undefined, "destination-required", "tarPath"],
  ["image-name digest file needs a destination", { noPush: true, imageNameWithDigestFile: "/n" }, undefined, "destination-required", "imageNameWithDigestFile"],
  ["image-name-tag digest file needs a destination", { noPush: true, imageNameTagWithDigestFile: "/t" }, undefined, "destination-required", "imageNameTagWithDigestFile"],
  ["a tag with a slash", { repository: "reg.io/app", tags: ["feature/foo"] }, undefined, "invalid-tag", "tags[0]"],
  ["an empty tag", { repository: "reg.io/app", tags: ["ok", ""] }, undefined, "invalid-tag", "tags[1]"],
  ["a tag starting with a dot", { repository: "reg.io/app", tags: [".x"] }, undefined, "invalid-tag", "tags[0]"],
  ["a 129-character tag", { repository: "reg.io/app", tags: ["a".repeat(129)] }, undefined, "invalid-tag", "tags[0]"],
  ["tags without a repository", { destinations: ["r.io/a:b"], tags: ["1"] }, undefined, "tags-without-repository", "tags"],
  ["an empty tag list", { repository: "r.io/a", tags: [] }, undefined, "invalid-value", "tags"],
  ["an uppercase repository", { repository: "reg.io/App" }, undefined, "invalid-repository", "repository"],
  ["a repository with a tag", { repository: "reg.io/app:1" }, undefined, "invalid-repository", "repository"],
  ["a repository with a scheme", { repository: "https://reg.io/app" }, undefined, "invalid-repository", "repository"],
  ["an empty repository", { repository: "" }, undefined, "invalid-value", "repository"],
  ["a destination with an empty repository", { destinations: [":latest"] }, undefined, "invalid-destination", "destinations[0]"],
  ["a destination with a digest", { destinations: ["reg.io/app@sha256:" + "a".repeat(64)] }, undefined, "invalid-destination", "destinations[0]"],
  ["a destination with a bad tag", { destinations: ["reg.io/app:feature/foo"] }, undefined, "invalid-destination", "destinations[0]"],
  ["a destination with a bad registry", { destinations: ["reg_io.com:x/app:1"] }, undefined, "invalid-destination", "destinations[0]"],
  ["snapshot mode not full/redo/time", bad({ ...DEST, snapshotMode: "fast" }), undefined, "invalid-choice", "snapshotMode"],
  ["verbosity not a level", bad({ ...DEST, verbosity: "loud" }), undefined, "invalid-choice", "verbosity"],
  ["log format not text/color/json", bad({ ...DEST, logFormat: "xml" }), undefined, "invalid-choice", "logFormat"],
  ["negative cache ttl", { ...DEST, cache: { enabled: true, ttlHours: -1 } }, undefined, "invalid-integer", "cache.ttlHours"],
  ["fractional cache ttl", { ...DEST, cache: { enabled: true, ttlHours: 1.5 } }, undefined, "invalid-integer", "cache.ttlHours"],
  ["cache ttl not a Go duration", { ...DEST, cache: { enabled: true, ttl: "2 days" } }, undefined, "invalid-duration", "cache.ttl"],
  ["negative cache ttl duration", { ...DEST, cache: { enabled: true, ttl: "-1h" } }, undefined, "invalid-duration", "cache.ttl"],
  ["cache ttl duration without unit", { ...DEST, cache: { enabled: true, ttl: "6" } }, undefined, "invalid-duration", "cache.ttl"],
  ["both cache ttl forms", { ...DEST, cache: { enabled: true, ttl: "6h", ttlHours: 6 } }, undefined, "conflicting-options", "cache.ttl"],
  ["cache settings with the cache disabled", { ...DEST, cache: { enabled: false, repo: "r.io/c" } }, undefined, "cache-disabled", "cache.repo"],
  ["cache ttl with the cache disabled", { ...DEST, cache: { enabled: false, ttlHours: 3 } }, undefined, "cache-disabled", "cache.ttlHours"],
  ["cache with no-push needs a cache repo", { noPush: true, cache: { enabled: true } }, undefined, "cache-repo-required", "cache.repo"],
  ["cache repo with a tag", { ...DEST, cache: { enabled: true, repo: "r.io/cache:1" } }, undefined, "invalid-repository", "cache.repo"],
  ["empty cache repo", { ...DEST, cache: { enabled: true, repo: "" } }, undefined, "invalid-value", "cache.repo"],
  ["cache.enabled not a bool", bad({ ...DEST, cache: { enabled: "yes" } }), undefined, "invalid-value", "cache.enabled"],
  ["negative push retry", { ...DEST, pushRetry: -1 }, undefined, "invalid-integer", "pushRetry"],
  ["push retry as a string", bad({ ...DEST, pushRetry: "3" }), undefined, "invalid-integer", "pushRetry"],
  ["NaN download retry", { ...DEST, imageDownloadRetry: Number.NaN }, undefined, "invalid-integer", "imageDownloadRetry"],
  ["build arg with an empty key", { ...DEST, buildArgs: [["", "v"]] }, undefined, "invalid-key-value", "buildArgs[0]"],
  ["build arg key with =", { ...DEST, buildArgs: [["A", "1"], ["B=C", "v"]] }, undefined, "invalid-key-value", "buildArgs[1]"],
  ["build arg that isn't a pair", bad({ ...DEST, buildArgs: ["A=1"] }), undefined, "invalid-key-value", "buildArgs[0]"],
  ["label key with =", { ...DEST, labels: [["a=b", "c"]] }, undefined, "invalid-key-value", "labels[0]"],
  ["context with an unknown scheme", { ...DEST, context: "ftp://host/ctx.tar" }, undefined, "invalid-context", "context"],
  ["context scheme with nothing after it", { ...DEST, context: "tar://" }, undefined, "invalid-context", "context"],
  ["empty context", { ...DEST, context: "" }, undefined, "invalid-value", "context"],
  ["empty dockerfile", { ...DEST, dockerfile: "" }, undefined, "invalid-value", "dockerfile"],
  ["dockerfile with a line break", { ...DEST, dockerfile: "a\nb" }, undefined, "invalid-value", "dockerfile"],
  ["platform without arch", { ...DEST, customPlatform: "arm64" }, undefined, "invalid-platform", "customPlatform"],
  ["relative ignore path", { ...DEST, ignorePaths: ["var/cache"] }, undefined, "invalid-path", "ignorePaths[0]"],
  ["insecure registry with a scheme", { ...DEST, insecureRegistries: ["https://reg.io"] }, undefined, "invalid-registry", "insecureRegistries[0]"],
  ["skip-tls-verify registry with a path", { ...DEST, skipTlsVerifyRegistries: ["reg.io/team"] }, undefined, "invalid-registry", "skipTlsVerifyRegistries[0]"],
  ["empty skip-tls-verify registry", { ...DEST, skipTlsVerifyRegistries: [""] }, undefined, "invalid-value", "skipTlsVerifyRegistries[0]"],
  ["mirror with a scheme", { ...DEST, registryMirrors: ["https://mirror.gcr.io"] }, undefined, "invalid-registry", "registryMirrors[0]"],
  ["registry certificate without path", { ...DEST, registryCertificates: [["reg.io", ""]] }, undefined, "invalid-value", "registryCertificates[0][1]"],
  ["registry certificate for a bad registry", { ...DEST, registryCertificates: [["https://reg.io", "/ca"]] }, undefined, "invalid-registry", "registryCertificates[0][0]"],
  ["client cert path with a comma", { ...DEST, registryClientCertificates: [{ registry: "r.io", certPath: "/a,b", keyPath: "/k" }] }, undefined, "invalid-path", "registryClientCertificates[0].certPath"],
  ["no-push not a bool", bad({ noPush: "yes" }), undefined, "invalid-value", "noPush"],
  ["executor 1.9 has no --image-download-retry", { ...DEST, imageDownloadRetry: 2 }, "1.9", "unsupported-flag", "imageDownloadRetry"],
  ["executor 1.9 has no --skip-default-registry-fallback", { ...DEST, skipDefaultRegistryFallback: true }, "1.9", "unsupported-flag", "skipDefaultRegistryFallback"],
  ["executor 1.9 has no --skip-push-permission-check", { ...DEST, skipPushPermissionCheck: true }, "1.9", "unsupported-flag", "skipPushPermissionCheck"],
  ["an executor version not in the table", DEST, "2.0", "unknown-executor-version", "executorVersion"],
  ["an executor version that isn't a version", DEST, "latest", "unknown-executor-version", "executorVersion"],
];

describe("kanikoArgs refuses bad options", () => {
  test.each(failures)("%s", (_description, options, version, code, option) => {
    let caught: unknown;
    try {
      kanikoArgs(options, version);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KanikoOptionsError);
    expect(caught).toMatchObject({ code, option });
    expect((caught as Error).message).toContain(option.replace(/\[.*$/, "").replace(/\..*$/, ""));
  });

  test("errors carry the offending value and the rule in words", () => {
    try {
      kanikoArgs({ repository: "reg.io/app", tags: ["feature/foo"] });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "invalid-tag", option: "tags[0]", value: "feature/foo" });
      expect((error as Error).message).toMatch(/not a valid tag/);
    }
  });

  test("a flag the executor lacks is named in the error", () => {
    expect(() => kanikoArgs({ ...DEST, imageDownloadRetry: 2 }, "1.9")).toThrow(/--image-download-retry.*1\.9/);
  });

  test("build-arg values never appear in errors", () => {
    for (const options of [
      { ...DEST, buildArgs: [["", "s3cr3t-value"]] },
      { ...DEST, buildArgs: [["K=V", "s3cr3t-value"]] },
      bad({ ...DEST, buildArgs: [["K", "s3cr3t-value", "extra"]] }),
    ] as KanikoOptions[]) {
      try {
        kanikoArgs(options);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(KanikoOptionsError);
        expect((error as Error).message).not.toContain("s3cr3t-value");
        expect((error as KanikoOptionsError).value ?? "").not.toContain("s3cr3t-value");
      }
    }
  });
});
