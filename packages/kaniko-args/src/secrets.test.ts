import { expect, test } from "vitest";
import { isSecretVariable, quoteValue } from "./secrets.js";

test.each([
  ["PLUGIN_PASSWORD", true],
  ["PLUGIN_DOCKER_PASSWORD", true],
  ["PLUGIN_SECRET_KEY", true],
  ["CLIENT_SECRET", true],
  ["AZURE_CLIENT_SECRET", true],
  ["ARTIFACTORY_OIDC_TOKEN", true],
  ["PLUGIN_CONFIG", true],
  ["PLUGIN_ACCESS_KEY", true],
  ["AWS_ACCESS_KEY_ID", true],
  ["DOCKER_PLUGIN_CONFIG", true],
  ["PLUGIN_SSH_AGENT_KEY", true],
  ["PLUGIN_COSIGN_PRIVATE_KEY", true],
  ["SERVICE_PRINCIPAL_CLIENT_SECRET", true],
  ["ACCESS_TOKEN", true],
  ["PLUGIN_JSON_KEY", true],
  ["GCR_JSON_KEY", true],
  ["GOOGLE_CREDENTIALS", true],
  ["TOKEN", true],
  ["PLUGIN_OIDC_TOKEN_ID", true],
  ["plugin_json_key", true],
  ["PLUGIN_PROJECT_NUMBER", false],
  ["PLUGIN_SERVICE_ACCOUNT_EMAIL", false],
  ["GOOGLE_APPLICATION_CREDENTIALS", false],
  ["PLUGIN_EMAIL", false],
  ["PLUGIN_USERNAME", false],
  ["PLUGIN_NO_PUSH", false],
  ["PLUGIN_CACHE_TTL", false],
])("isSecretVariable(%j) is %j", (name, secret) => {
  expect(isSecretVariable(name)).toBe(secret);
});

test("quoteValue hides secrets and quotes the rest", () => {
  expect(quoteValue("PLUGIN_PASSWORD", "hunter2")).toBe("(value hidden)");
  expect(quoteValue("PLUGIN_NO_PUSH", "yes")).toBe('"yes"');
});
