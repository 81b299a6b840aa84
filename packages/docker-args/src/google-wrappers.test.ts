import { describe, expect, test } from "vitest";
import { GCP_ACCESS_TOKEN } from "./constants.js";
import { decodeGoBase64 } from "./go-base64.js";
import { goPathClean, goPathJoin } from "./go-path.js";
import { googleLogin, googleWrapperEnvironment } from "./google-wrappers.js";

describe("Go's path.Join, as the GCR and GAR wrappers prefix the registry", () => {
  test.each([
    [["gcr.io/p", "app"], "gcr.io/p/app"],
    [["gcr.io/p/", "/app/"], "gcr.io/p/app"],
    [["gcr.io//p", "a//b"], "gcr.io/p/a/b"],
    [["gcr.io/p", ""], "gcr.io/p"],
    [["", "app"], "app"],
    [["", ""], ""],
    [["gcr.io/p", "../q/app"], "gcr.io/q/app"],
    [["gcr.io", "../../app"], "../app"],
    [["https://gcr.io/p", "app"], "https:/gcr.io/p/app"],
    [["/", "app"], "/app"],
    [["gcr.io/p", "./app/."], "gcr.io/p/app"],
  ])("path.Join(%j) is %j", (elements, joined) => {
    expect(goPathJoin(...elements)).toBe(joined);
  });

  test.each([
    ["", "."],
    ["/", "/"],
    ["a/..", "."],
    ["/..", "/"],
    ["../../a/", "../../a"],
  ])("path.Clean(%j) is %j", (path, cleaned) => {
    expect(goPathClean(path)).toBe(cleaned);
  });
});

describe("Go's base64.StdEncoding, as the wrappers try it on the key", () => {
  test.each([
    ["eyJhIjoxfQ==", '{"a":1}'],
    ["eyJhIjox\nfQ==", '{"a":1}'],
    ["eyJh\r\nIjoxfQ==", '{"a":1}'],
    ["", ""],
    ["YWJj", "abc"],
    ["YWI=", "ab"],
  ])("%j decodes to %j", (text, decoded) => {
    expect(decodeGoBase64(text)).toBe(decoded);
  });

  test.each([['{"type":"service_account"}'], ["eyJhIjoxfQ"], ["eyJhIjoxfQ="], ["YW=j"], ["YWJj===="], ["a b="], ["<secret account.gcp>"], ["YWJj-_=="]])("%j does not decode, so the key is used as given", (text) => {
    expect(decodeGoBase64(text)).toBeUndefined();
  });
});

describe("the GCR and GAR wrappers' login and environment", () => {
  test("with a key: _json_key and the key, handed over as DOCKER_USERNAME / DOCKER_PASSWORD", () => {
    const env = googleWrapperEnvironment({ PLUGIN_REGISTRY: "gcr.io/p", PLUGIN_REPO: "app", PLUGIN_JSON_KEY: "<k>", PLUGIN_REGISTRY_TYPE: "Docker" }, "gcr");
    expect(env).toEqual({ PLUGIN_REGISTRY: "gcr.io/p", PLUGIN_REPO: "gcr.io/p/app", PLUGIN_JSON_KEY: "<k>", PLUGIN_REGISTRY_TYPE: "Docker", DOCKER_USERNAME: "_json_key", DOCKER_PASSWORD: "<k>" });
  });

  test("with OIDC: ACCESS_TOKEN, and no DOCKER_* at all", () => {
    const oidc = { PLUGIN_OIDC_TOKEN_ID: "t", PLUGIN_PROJECT_NUMBER: "1", PLUGIN_POOL_ID: "p", PLUGIN_PROVIDER_ID: "v", PLUGIN_SERVICE_ACCOUNT_EMAIL: "e" };
    const env = googleWrapperEnvironment({ ...oidc, PLUGIN_LOCATION: "us", PLUGIN_REPO: "p/r/app", PLUGIN_JSON_KEY: "<k>" }, "gar");
    expect(env).toMatchObject({ ACCESS_TOKEN: GCP_ACCESS_TOKEN, PLUGIN_REGISTRY: "us-docker.pkg.dev", PLUGIN_REPO: "us-docker.pkg.dev/p/r/app" });
    expect(env).not.toHaveProperty("DOCKER_PASSWORD");
  });

  test("without a key: nothing to log in with, so nothing is handed over", () => {
    const env = googleWrapperEnvironment({ PLUGIN_REPO: "app" }, "gcr");
    expect(env).toEqual({ PLUGIN_REPO: "gcr.io/app", PLUGIN_REGISTRY: "gcr.io" });
  });

  test.each([
    ["a key", { PLUGIN_JSON_KEY: "<k>" }, { kind: "json-key", username: "_json_key", password: "<k>", keyVariable: "PLUGIN_JSON_KEY" }],
    ["workload identity", { GOOGLE_CREDENTIALS: "<k>", PLUGIN_WORKLOAD_IDENTITY: "true" }, { kind: "workload-identity", username: "oauth2accesstoken", password: GCP_ACCESS_TOKEN, keyVariable: "GOOGLE_CREDENTIALS" }],
    ["workload identity without a key", { PLUGIN_WORKLOAD_IDENTITY: "true" }, { kind: "none", username: "oauth2accesstoken", password: "" }],
    ["half the OIDC variables", { PLUGIN_OIDC_TOKEN_ID: "t", PLUGIN_POOL_ID: "p" }, { kind: "none", missingOidcVariables: ["PLUGIN_PROJECT_NUMBER", "PLUGIN_PROVIDER_ID", "PLUGIN_SERVICE_ACCOUNT_EMAIL"] }],
  ])("%s", (_case, env, expected) => {
    expect(googleLogin(env)).toMatchObject(expected);
  });
});
