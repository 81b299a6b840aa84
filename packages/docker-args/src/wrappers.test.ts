import { describe, expect, test } from "vitest";
import { ACR_TOKEN, ECR_TOKEN } from "./constants.js";
import { boolOrFalse, firstNonEmpty } from "./wrapper-getenv.js";
import { droneDockerEnvironment } from "./wrappers.js";

describe("the ECR and ACR wrappers", () => {
  test("they read the first variable that is not empty (not urfave/cli's first that is set)", () => {
    expect(firstNonEmpty({ A: "", B: "b" }, "A", "B")).toBe("b");
    expect(firstNonEmpty({ A: undefined }, "A")).toBe("");
  });

  test("their booleans are Go's, and anything Go refuses is false", () => {
    expect([boolOrFalse("true"), boolOrFalse("1"), boolOrFalse("yes"), boolOrFalse(""), boolOrFalse("False")]).toEqual([true, true, false, false, false]);
  });

  test("ECR hands drone-docker its registry, the prefixed repo and the token as DOCKER_USERNAME / DOCKER_PASSWORD", () => {
    expect(droneDockerEnvironment({ PLUGIN_REPO: "app", PLUGIN_REGISTRY: "r.example", PLUGIN_REGISTRY_TYPE: "Docker" }, "ecr")).toEqual({
      PLUGIN_REPO: "r.example/app",
      PLUGIN_REGISTRY: "r.example",
      DOCKER_USERNAME: "AWS",
      DOCKER_PASSWORD: ECR_TOKEN,
      PLUGIN_REGISTRY_TYPE: "ECR",
    });
  });

  test("ACR's prefix test is a text prefix, as in the plugin", () => {
    const env = droneDockerEnvironment({ PLUGIN_REPO: "myreg.azurecr.io.other/app", PLUGIN_REGISTRY: "myreg.azurecr.io", CLIENT_ID: "i", TENANT_ID: "t", CLIENT_SECRET: "s" }, "acr");
    expect(env).toMatchObject({ PLUGIN_REPO: "myreg.azurecr.io.other/app", DOCKER_PASSWORD: ACR_TOKEN, PLUGIN_REGISTRY_TYPE: "ACR" });
  });

  test("the docker variant's environment is the step's own", () => {
    const env = { PLUGIN_REPO: "a" };
    expect(droneDockerEnvironment(env, "docker")).toBe(env);
  });
});
