import { describe, expect, test } from "vitest";
import { buildPlan, dockerPluginStep, type PlanOverrides } from "../../../../../test/support/plans.js";
import { pluginEnvironment } from "./plugin-backend.js";

const plugin = dockerPluginStep({ env: { PLUGIN_REPO: "acme/app", PLUGIN_USERNAME: "acme" }, secretEnv: { PLUGIN_PASSWORD: { ref: "account.dockerhub_token" } } });
const plan = (overrides: PlanOverrides) =>
  buildPlan({ image: "acme/app", tags: ["latest"], optimize: false, pushCredentials: { kind: "anonymous", registry: "https://index.docker.io/v2/" }, ...overrides });

describe("pluginEnvironment", () => {
  test("keys come out in code-unit order (upper case before _ before lower case)", () => {
    const { env } = pluginEnvironment({ plan: plan({ userEnv: { b_var: "1", A_VAR: "2", _X: "3", Z: "4" } }), plugin });
    expect(Object.keys(env)).toEqual(["A_VAR", "PLUGIN_ARTIFACT_FILE", "PLUGIN_REPO", "PLUGIN_TAGS", "PLUGIN_USERNAME", "Z", "_X", "b_var"]);
  });

  test("a name the plugin sets moves between plain and secret, whichever the plugin says", () => {
    const { env, secretEnv } = pluginEnvironment({
      plan: plan({ userEnv: { PLUGIN_PASSWORD: "literal" }, userSecretEnv: { PLUGIN_USERNAME: { ref: "account.user" }, TOKEN: { ref: "account.token" } } }),
      plugin,
    });
    expect(env).not.toHaveProperty("PLUGIN_PASSWORD");
    expect(env["PLUGIN_USERNAME"]).toBe("acme");
    expect(secretEnv).toEqual({ PLUGIN_PASSWORD: { ref: "account.dockerhub_token" }, TOKEN: { ref: "account.token" } });
    expect(Object.keys(secretEnv)).toEqual(["PLUGIN_PASSWORD", "TOKEN"]);
  });

  test("a variable named __proto__ is an ordinary entry, not the object's prototype", () => {
    const userEnv = JSON.parse('{"__proto__": "x", "A": "1"}') as Record<string, string>;
    const { env } = pluginEnvironment({ plan: plan({ userEnv }), plugin });
    expect(Object.getPrototypeOf(env)).toBe(Object.prototype);
    expect(Object.keys(env)).toContain("__proto__");
    expect(Object.getOwnPropertyDescriptor(env, "__proto__")?.value).toBe("x");
    expect(JSON.parse(JSON.stringify(env))).toMatchObject({ A: "1" });
  });
});
