/**
 * `buildpush kaniko-args --variant gcr|gar`, run as a process the way a user or another tool
 * runs it (the installed bin, built by `pnpm build`, which `pnpm test` runs first). The other
 * variants' CLI tests are in explain.test.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { cliBin } from "../../../test/support/paths.js";

const dir = mkdtempSync(join(tmpdir(), "buildpush-kaniko-args-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** `buildpush kaniko-args --variant VARIANT --env-json FILE`, with `env` written to FILE. */
function kanikoArgs(variant: string, env: Record<string, string>) {
  const file = join(dir, `env-${files++}.json`);
  writeFileSync(file, JSON.stringify(env));
  const child = spawnSync(process.execPath, [cliBin, "kaniko-args", "--variant", variant, "--env-json", file], { encoding: "utf8" });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr, file };
}

const KEY = '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----MARKER-7f3a"}';
/** What Harness sets for a GCR step on Kubernetes with a ManualConfig GCP connector. */
const GCR_STEP = { PLUGIN_REGISTRY: "gcr.io/acme", PLUGIN_REPO: "app", PLUGIN_TAGS: "1.0", PLUGIN_JSON_KEY: KEY, PLUGIN_SNAPSHOT_MODE: "redo", PLUGIN_ARTIFACT_FILE: "/addon/tmp/.plugin/artifact" };
const GAR_STEP = { ...GCR_STEP, PLUGIN_REGISTRY: "us-docker.pkg.dev/acme", PLUGIN_REPO: "repo/app", PLUGIN_REGISTRY_TYPE: "gar" };

describe("buildpush kaniko-args --variant gcr|gar", () => {
  test("GCR: one JSON array on stdout, the registry prefixed to the repo and the cache repo, exit 0", () => {
    const result = kanikoArgs("gcr", { ...GCR_STEP, PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "app-cache" });
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout.endsWith("]\n")).toBe(true);
    expect(JSON.parse(result.stdout)).toEqual([
      "--dockerfile=Dockerfile",
      "--context=dir://.",
      "--destination=gcr.io/acme/app:1.0",
      "--snapshot-mode=redo",
      "--cache=true",
      "--cache-repo=gcr.io/acme/app-cache",
      "--digest-file=/kaniko/digest-file",
    ]);
  });

  test("GAR: flags the binary lacks change nothing; its tar path does", () => {
    const result = kanikoArgs("gar", { ...GAR_STEP, PLUGIN_SKIP_TLS_VERIFY: "true", PLUGIN_IGNORE_PATHS: "/x", PLUGIN_TAR_PATH: "/harness/image.tar" });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(["--dockerfile=Dockerfile", "--context=dir://.", "--destination=us-docker.pkg.dev/acme/repo/app:1.0", "--snapshot-mode=redo", "--digest-file=/kaniko/digest-file", "--tar-path=/harness/image.tar"]);
  });

  test("GCR ignores the tar path", () => {
    const result = kanikoArgs("gcr", { ...GCR_STEP, PLUGIN_TAR_PATH: "/harness/image.tar" });
    expect(JSON.parse(result.stdout)).not.toContain("--tar-path=/harness/image.tar");
  });

  test("with a key, a base-image registry without a login: exit 1, the plugin's reason, never the key", () => {
    const result = kanikoArgs("gcr", { ...GCR_STEP, PLUGIN_DOCKER_REGISTRY: "https://index.docker.io/v1/" });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`${result.file}: the plugin would fail: failed to create docker config: Username must be specified for registry: https://index.docker.io/v1/ (set PLUGIN_DOCKER_USERNAME, or drop the base image registry) [missing-credentials]\n`);
  });

  test("without a key, the same base-image registry is dropped and the plugin runs", () => {
    const { PLUGIN_JSON_KEY: _key, ...withoutKey } = GAR_STEP;
    expect(kanikoArgs("gar", { ...withoutKey, PLUGIN_DOCKER_REGISTRY: "https://index.docker.io/v1/" }).status).toBe(0);
  });

  test("GAR push-only runs no executor: exit 1, and stderr says what the plugin does instead", () => {
    const result = kanikoArgs("gar", { ...GAR_STEP, PLUGIN_PUSH_ONLY: "true", PLUGIN_SOURCE_TAR_PATH: "/harness/image.tar" });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `${result.file}: the plugin would run no executor: with PLUGIN_PUSH_ONLY=true the GAR plugin runs no kaniko executor: it pushes the tarball /harness/image.tar with crane to us-docker.pkg.dev/acme/repo/app:1.0, as _json_key with PLUGIN_JSON_KEY [push-only]\n`,
    );
  });

  test("a value the plugin cannot parse: exit 1 with its reason", () => {
    const result = kanikoArgs("gar", { ...GAR_STEP, PLUGIN_CACHE_TTL: "" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/the plugin would fail: PLUGIN_CACHE_TTL: could not parse "" as an integer .* \[invalid-int\]\n$/);
  });

  test("the JSON key is never printed, whatever happens", () => {
    for (const [variant, env] of [
      ["gcr", GCR_STEP],
      ["gar", { ...GAR_STEP, PLUGIN_NO_PUSH: "maybe" }],
      ["gar", { ...GAR_STEP, PLUGIN_BASE_IMAGE_REGISTRY: "base.io", PLUGIN_BASE_IMAGE_USERNAME: "u" }],
      ["gar", { ...GAR_STEP, PLUGIN_PUSH_ONLY: "true" }],
    ] as const) {
      const result = kanikoArgs(variant, env);
      expect(result.stdout + result.stderr).not.toContain("MARKER-7f3a");
    }
  });
});
