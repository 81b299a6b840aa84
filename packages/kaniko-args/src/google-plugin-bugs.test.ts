// The plugin bugs the gcr and gar variants trigger (gcr-gar-and-infrastructure.md sections 5a
// and 10), one row per quirk, and the registry-prefix bugs they share with ECR.
import { describe, expect, test } from "vitest";
import type { Env } from "./env-reader.js";
import type { PluginVariant } from "./plugin-argv.js";
import type { PluginBugId } from "./plugin-bug.js";
import { pluginBugsTriggered } from "./plugin-bugs.js";

const GCR = "gcr.io/my-project";
const GAR = "us-central1-docker.pkg.dev/my-project";
const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const KEY = "<secret account.gcp-key>";
const GCR_STEP = { PLUGIN_REGISTRY: GCR, PLUGIN_REPO: "app", PLUGIN_TAGS: "1.0", PLUGIN_JSON_KEY: KEY, PLUGIN_SNAPSHOT_MODE: "redo" };
const GAR_STEP = { ...GCR_STEP, PLUGIN_REGISTRY: GAR, PLUGIN_REPO: "repo/app", PLUGIN_REGISTRY_TYPE: "gar" };
const OIDC = { PLUGIN_OIDC_TOKEN_ID: "<oidc token>", PLUGIN_PROJECT_NUMBER: "123", PLUGIN_POOL_ID: "pool", PLUGIN_PROVIDER_ID: "prov", PLUGIN_SERVICE_ACCOUNT_EMAIL: "sa@p.iam.gserviceaccount.com" };
const NO_KEY = { PLUGIN_JSON_KEY: undefined };

type Row = [description: string, env: Env, variant: PluginVariant, ids: Array<[PluginBugId, string]>];

const rows: Row[] = [
  ["a clean GCR step triggers nothing", GCR_STEP, "gcr", []],
  ["a clean GAR step triggers nothing (PLUGIN_REGISTRY_TYPE is Harness's, not a runtime flag)", GAR_STEP, "gar", []],
  ["quirk 3: a full remoteCacheImage is prefixed twice (gcr)", { ...GCR_STEP, PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: `${GCR}/cache` }, "gcr", [["cache-repo-doubled", "PLUGIN_CACHE_REPO"]]],
  ["quirk 3: a full remoteCacheImage is prefixed twice (gar)", { ...GAR_STEP, PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: `${GAR}/repo/cache` }, "gar", [["cache-repo-doubled", "PLUGIN_CACHE_REPO"]]],
  ["a relative remoteCacheImage is fine", { ...GAR_STEP, PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "repo/cache" }, "gar", []],
  ["quirk 4: remoteCacheImage \"\" gives --cache-repo=<registry>/", { ...GCR_STEP, PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "" }, "gcr", [["cache-repo-empty", "PLUGIN_CACHE_REPO"]]],
  ["an imageName holding the registry is prefixed twice (gcr)", { ...GCR_STEP, PLUGIN_REPO: `${GCR}/app` }, "gcr", [["repo-doubled", "PLUGIN_REPO"]]],
  ["an imageName holding the registry is prefixed twice (gar)", { ...GAR_STEP, PLUGIN_REPO: `${GAR}/repo/app` }, "gar", [["repo-doubled", "PLUGIN_REPO"]]],
  ["ECR prefixes the same way", { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: `${ECR}/app` }, "ecr", [["repo-doubled", "PLUGIN_REPO"]]],
  ["GAR without PLUGIN_REGISTRY: destinations start with /", { ...GAR_STEP, PLUGIN_REGISTRY: undefined }, "gar", [["destination-without-registry", "PLUGIN_REGISTRY"]]],
  ["GCR with a set-but-empty PLUGIN_REGISTRY: destinations start with /", { ...GCR_STEP, PLUGIN_REGISTRY: "" }, "gcr", [["destination-without-registry", "PLUGIN_REGISTRY"]]],
  ["GCR without PLUGIN_REGISTRY uses the apex host: fine", { ...GCR_STEP, PLUGIN_REGISTRY: undefined }, "gcr", []],
  ["GCR without PLUGIN_REPO pushes <registry>/", { ...GCR_STEP, PLUGIN_REPO: undefined }, "gcr", [["destination-without-repo", "PLUGIN_REPO"]]],
  ["tags are not checked", { ...GAR_STEP, PLUGIN_TAGS: "feature/x" }, "gar", [["invalid-tag", "PLUGIN_TAGS"]]],
  ["quirk 9: OIDC without a key: ignored by kaniko, an unauthenticated push", { ...GCR_STEP, ...NO_KEY, ...OIDC }, "gcr", [["oidc-ignored", "PLUGIN_OIDC_TOKEN_ID"]]],
  ["quirk 9 on GAR, only some OIDC variables set", { ...GAR_STEP, ...NO_KEY, PLUGIN_POOL_ID: "pool" }, "gar", [["oidc-ignored", "PLUGIN_POOL_ID"]]],
  ["OIDC beside a key: the key is used", { ...GAR_STEP, ...OIDC }, "gar", []],
  ["OIDC on a build that pushes nothing", { ...GCR_STEP, ...NO_KEY, ...OIDC, PLUGIN_NO_PUSH: "true" }, "gcr", []],
  ["no key and no OIDC (the pod's own identity, InheritFromDelegate): no bug", { ...GCR_STEP, ...NO_KEY }, "gcr", []],
  ["quirk 5: no key, so the base-image login is dropped", { ...GCR_STEP, ...NO_KEY, PLUGIN_BASE_IMAGE_REGISTRY: "https://index.docker.io/v1/", PLUGIN_BASE_IMAGE_USERNAME: "u", PLUGIN_BASE_IMAGE_PASSWORD: "p" }, "gcr", [["base-image-login-dropped", "PLUGIN_BASE_IMAGE_REGISTRY"]]],
  ["a base-image login with a key is written", { ...GAR_STEP, PLUGIN_DOCKER_REGISTRY: "base.io", PLUGIN_DOCKER_USERNAME: "u", PLUGIN_DOCKER_PASSWORD: "p" }, "gar", []],
  ["quirk 6: PLUGIN_SKIP_TLS_VERIFY is ignored (gcr)", { ...GCR_STEP, PLUGIN_SKIP_TLS_VERIFY: "true" }, "gcr", [["ignored-runtime-flag", "PLUGIN_SKIP_TLS_VERIFY"]]],
  ["quirk 6: PLUGIN_SKIP_TLS_VERIFY is ignored (gar), whatever its value", { ...GAR_STEP, PLUGIN_SKIP_TLS_VERIFY: "yes" }, "gar", [["ignored-runtime-flag", "PLUGIN_SKIP_TLS_VERIFY"]]],
  ["PLUGIN_SKIP_TLS_VERIFY=false changes nothing either way", { ...GAR_STEP, PLUGIN_SKIP_TLS_VERIFY: "false" }, "gar", []],
  ["quirk 6: PLUGIN_TAR_PATH is ignored by GCR", { ...GCR_STEP, PLUGIN_TAR_PATH: "/o.tar" }, "gcr", [["ignored-runtime-flag", "PLUGIN_TAR_PATH"]]],
  ["PLUGIN_TAR_PATH is read by GAR", { ...GAR_STEP, PLUGIN_TAR_PATH: "/o.tar" }, "gar", []],
  ["quirk 6: push-only is ignored by GCR", { ...GCR_STEP, PLUGIN_PUSH_ONLY: "true", PLUGIN_SOURCE_TAR_PATH: "/i.tar" }, "gcr", [["ignored-runtime-flag", "PLUGIN_PUSH_ONLY"], ["ignored-runtime-flag", "PLUGIN_SOURCE_TAR_PATH"]]],
  ["labels: PLUGIN_LABEL and PLUGIN_IGNORE_PATHS have no effect", { ...GAR_STEP, PLUGIN_LABEL: "a=b", PLUGIN_IGNORE_PATHS: "/x" }, "gar", [["ignored-runtime-flag", "PLUGIN_IGNORE_PATHS"], ["ignored-runtime-flag", "PLUGIN_LABEL"]]],
  ["PLUGIN_EXPAND_REPO is the docker variant's", { ...GCR_STEP, PLUGIN_EXPAND_REPO: "true" }, "gcr", [["ignored-runtime-flag", "PLUGIN_EXPAND_REPO"]]],
  ["a JSON key given to the docker variant does nothing", { PLUGIN_REPO: "r/app", PLUGIN_USERNAME: "u", PLUGIN_PASSWORD: "p", PLUGIN_JSON_KEY: KEY }, "docker", [["ignored-runtime-flag", "PLUGIN_JSON_KEY"]]],
  [
    "GAR push-only overrides no-push and the tag helpers",
    { ...GAR_STEP, PLUGIN_PUSH_ONLY: "true", PLUGIN_SOURCE_TAR_PATH: "/i.tar", PLUGIN_NO_PUSH: "true", PLUGIN_EXPAND_TAG: "true" },
    "gar",
    [["push-only-overrides-settings", "PLUGIN_NO_PUSH"]],
  ],
  ["GAR push-only: its tags are not checked either", { ...GAR_STEP, PLUGIN_PUSH_ONLY: "true", PLUGIN_SOURCE_TAR_PATH: "/i.tar", PLUGIN_TAGS: "a b" }, "gar", [["invalid-tag", "PLUGIN_TAGS"]]],
  ["GAR push-only: an empty tag is pushed as latest, no bug", { ...GAR_STEP, PLUGIN_PUSH_ONLY: "true", PLUGIN_SOURCE_TAR_PATH: "/i.tar", PLUGIN_TAGS: "" }, "gar", []],
];

describe("pluginBugsTriggered, gcr and gar", () => {
  test.each(rows)("%s", (_description, env, variant, expected) => {
    const bugs = pluginBugsTriggered(env, variant);
    expect(bugs.map((bug) => [bug.id, bug.variable])).toEqual(expected);
    for (const bug of bugs) expect(bug.description.length).toBeGreaterThan(20);
  });

  test("the descriptions name what goes wrong", () => {
    const [doubled] = pluginBugsTriggered({ ...GCR_STEP, PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: `${GCR}/cache` }, "gcr");
    expect(doubled?.description).toBe(`PLUGIN_CACHE_REPO already names a registry (gcr.io), but the gcr plugin prefixes PLUGIN_REGISTRY again: --cache-repo=${GCR}/${GCR}/cache`);
    const [oidc] = pluginBugsTriggered({ ...GCR_STEP, ...NO_KEY, ...OIDC }, "gcr");
    expect(oidc?.description).toMatch(/^the gcr kaniko plugin has no OIDC support: it ignores PLUGIN_OIDC_TOKEN_ID, PLUGIN_PROJECT_NUMBER, PLUGIN_POOL_ID, PLUGIN_PROVIDER_ID, PLUGIN_SERVICE_ACCOUNT_EMAIL, .*unauthenticated/);
    const [tls] = pluginBugsTriggered({ ...GAR_STEP, PLUGIN_SKIP_TLS_VERIFY: "true" }, "gar");
    expect(tls?.description).toBe("PLUGIN_SKIP_TLS_VERIFY has no effect: the gar kaniko plugin does not define its flag, so TLS to the registry is verified all the same (only the docker variant has skip-tls-verify)");
    const [registry] = pluginBugsTriggered({ ...GAR_STEP, PLUGIN_REGISTRY: undefined }, "gar");
    expect(registry?.description).toMatch(/the gar plugin has no default registry.*\/repo\/app:1\.0 starts with "\/"/);
  });

  test("no description holds the JSON key or the OIDC token", () => {
    const key = "S3cr3t-key-material";
    const env = { ...GCR_STEP, PLUGIN_JSON_KEY: undefined, ...OIDC, PLUGIN_OIDC_TOKEN_ID: key, PLUGIN_DOCKER_REGISTRY: "base.io", PLUGIN_DOCKER_PASSWORD: key };
    for (const variant of ["gcr", "gar"] as const) {
      for (const bug of pluginBugsTriggered(env, variant)) expect(bug.description).not.toContain(key);
    }
  });
});
