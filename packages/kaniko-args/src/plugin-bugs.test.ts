import { describe, expect, test } from "vitest";
import type { Env } from "./env-reader.js";
import { PluginEnvError } from "./errors.js";
import type { PluginVariant } from "./plugin-argv.js";
import type { PluginBugId } from "./plugin-bug.js";
import { pluginBugsTriggered } from "./plugin-bugs.js";

const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const ACR = "myreg.azurecr.io";
/** Pushes with the docker variant need a login, or the plugin stops before kaniko (reference section 4). */
const LOGIN = { PLUGIN_USERNAME: "u", PLUGIN_PASSWORD: "p" };

type Row = [description: string, env: Env, variant: PluginVariant, ids: Array<[PluginBugId, string]>];

const rows: Row[] = [
  ["a clean docker run triggers nothing", { ...LOGIN, PLUGIN_REPO: "r/app", PLUGIN_TAGS: "1.0,latest" }, "docker", []],
  [
    "skip-tls-verify-registry without value, followed by another flag",
    { ...LOGIN, PLUGIN_REPO: "r/app", PLUGIN_SKIP_TLS_VERIFY_REGISTRY: "true", PLUGIN_USE_NEW_RUN: "true" },
    "docker",
    [["skip-tls-verify-registry-without-value", "PLUGIN_SKIP_TLS_VERIFY_REGISTRY"]],
  ],
  [
    "skip-tls-verify-registry without value, as the last argument",
    { ...LOGIN, PLUGIN_REPO: "r/app", PLUGIN_SKIP_TLS_VERIFY_REGISTRY: "1" },
    "docker",
    [["skip-tls-verify-registry-without-value", "PLUGIN_SKIP_TLS_VERIFY_REGISTRY"]],
  ],
  ["ecr cache repo empty", { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "app", PLUGIN_ENABLE_CACHE: "true" }, "ecr", [["cache-repo-empty", "PLUGIN_CACHE_REPO"]]],
  ["acr cache repo empty", { PLUGIN_REGISTRY: ACR, PLUGIN_REPO: `${ACR}/img`, PLUGIN_ENABLE_CACHE: "true" }, "acr", [["cache-repo-empty", "PLUGIN_CACHE_REPO"]]],
  ["ecr cache without PLUGIN_ENABLE_CACHE triggers nothing", { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "app" }, "ecr", []],
  [
    "acr cache repo doubled",
    { PLUGIN_REGISTRY: ACR, PLUGIN_REPO: `${ACR}/img`, PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: `${ACR}/cache` },
    "acr",
    [["cache-repo-doubled", "PLUGIN_CACHE_REPO"]],
  ],
  [
    "ecr cache repo doubled",
    { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "app", PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: `${ECR}/app-cache` },
    "ecr",
    [["cache-repo-doubled", "PLUGIN_CACHE_REPO"]],
  ],
  ["ecr relative cache repo is fine", { PLUGIN_REGISTRY: ECR, PLUGIN_REPO: "app", PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "team/cache" }, "ecr", []],
  ["docker full cache repo is fine", { ...LOGIN, PLUGIN_REPO: "r/app", PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: "reg.io/cache" }, "docker", []],
  ["destination without repo", { PLUGIN_NO_PUSH: "true", PLUGIN_TAR_PATH: "/o.tar" }, "docker", [["destination-without-repo", "PLUGIN_REPO"]]],
  ["no-push without tar path and no repo is fine", { PLUGIN_NO_PUSH: "true" }, "docker", []],
  ["tag kaniko rejects", { ...LOGIN, PLUGIN_REPO: "r/app", PLUGIN_TAGS: "feature/foo,ok" }, "docker", [["invalid-tag", "PLUGIN_TAGS"]]],
  ["empty tag kaniko rejects", { ...LOGIN, PLUGIN_REPO: "r/app", PLUGIN_TAGS: "a,,b" }, "docker", [["invalid-tag", "PLUGIN_TAGS"]]],
  [
    "expanded tag with build metadata kaniko rejects (reported once per tag)",
    { ...LOGIN, PLUGIN_REPO: "r/app", PLUGIN_TAGS: "1.2.3+linux_amd64", PLUGIN_EXPAND_TAG: "true" },
    "docker",
    [
      ["invalid-tag", "PLUGIN_TAGS"],
      ["invalid-tag", "PLUGIN_TAGS"],
      ["invalid-tag", "PLUGIN_TAGS"],
    ],
  ],
  ["auto tag kaniko rejects", { ...LOGIN, PLUGIN_REPO: "r/app", PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/tags/v1.0.0+build.5" }, "docker", [["invalid-tag", "PLUGIN_AUTO_TAG"]]],
  ["129-character tag", { ...LOGIN, PLUGIN_REPO: "r/app", PLUGIN_TAGS: "a".repeat(129) }, "docker", [["invalid-tag", "PLUGIN_TAGS"]]],
  ["128-character tag is fine", { ...LOGIN, PLUGIN_REPO: "r/app", PLUGIN_TAGS: "a".repeat(128) }, "docker", []],
  ["build arg split on a comma", { ...LOGIN, PLUGIN_REPO: "r/app", PLUGIN_BUILD_ARGS: "HOSTS=a,b,MODE=x" }, "docker", [["build-arg-split-on-comma", "PLUGIN_BUILD_ARGS"]]],
  ["build args without commas in values are fine", { ...LOGIN, PLUGIN_REPO: "r/app", PLUGIN_BUILD_ARGS: "A=1,B=2" }, "docker", []],
  [
    "PLUGIN_BUILD_ARGS_NEW keeps commas",
    { ...LOGIN, PLUGIN_REPO: "r/app", PLUGIN_BUILD_ARGS_NEW: "HOSTS=a,b", PLUGIN_MULTIPLE_BUILD_ARGS: "true" },
    "docker",
    [],
  ],
  [
    "several at once",
    { PLUGIN_NO_PUSH: "true", PLUGIN_TAR_PATH: "/o.tar", PLUGIN_TAGS: "a/b", PLUGIN_SKIP_TLS_VERIFY_REGISTRY: "true" },
    "docker",
    [
      ["destination-without-repo", "PLUGIN_REPO"],
      ["invalid-tag", "PLUGIN_TAGS"],
      ["skip-tls-verify-registry-without-value", "PLUGIN_SKIP_TLS_VERIFY_REGISTRY"],
    ],
  ],
];

describe("pluginBugsTriggered", () => {
  test.each(rows)("%s", (_description, env, variant, expected) => {
    const bugs = pluginBugsTriggered(env, variant);
    expect(bugs.map((b) => [b.id, b.variable])).toEqual(expected);
    for (const bug of bugs) expect(bug.description.length).toBeGreaterThan(20);
  });

  test("descriptions say what happens", () => {
    const [eats] = pluginBugsTriggered({ ...LOGIN, PLUGIN_REPO: "r", PLUGIN_SKIP_TLS_VERIFY_REGISTRY: "true", PLUGIN_USE_NEW_RUN: "true" }, "docker");
    expect(eats?.description).toContain('"--use-new-run"');
    const [last] = pluginBugsTriggered({ ...LOGIN, PLUGIN_REPO: "r", PLUGIN_SKIP_TLS_VERIFY_REGISTRY: "true" }, "docker");
    expect(last?.description).toContain("flag needs an argument");
    const [doubled] = pluginBugsTriggered({ PLUGIN_REGISTRY: ACR, PLUGIN_REPO: "x", PLUGIN_ENABLE_CACHE: "true", PLUGIN_CACHE_REPO: `${ACR}/c` }, "acr");
    expect(doubled?.description).toContain(`--cache-repo=${ACR}/${ACR}/c`);
    const [empty] = pluginBugsTriggered({ PLUGIN_NO_PUSH: "true", PLUGIN_TAR_PATH: "/o.tar" }, "docker");
    expect(empty?.description).toContain("--destination=:latest");
  });

  test("the comma bug names the build arg's key but never its value", () => {
    const [bug] = pluginBugsTriggered({ ...LOGIN, PLUGIN_REPO: "r", PLUGIN_BUILD_ARGS: "NPM_TOKEN=abc,def-secret" }, "docker");
    expect(bug?.description).toContain("NPM_TOKEN");
    expect(bug?.description).not.toContain("abc");
    expect(bug?.description).not.toContain("def-secret");
  });

  test("an environment the plugin refuses throws instead of listing bugs", () => {
    expect(() => pluginBugsTriggered({ ...LOGIN, PLUGIN_REPO: "r", PLUGIN_NO_PUSH: "yes" }, "docker")).toThrow(PluginEnvError);
  });
});
