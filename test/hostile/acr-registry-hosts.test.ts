// The ACR step sends the connector's Azure AD token to its repository's host (issue 18, item
// 14): the host must be an Azure registry (*.azurecr.io, Azure China's *.azurecr.cn, Azure
// Government's *.azurecr.us) unless the caller allows it by name.
import { describe, expect, test } from "vitest";
import { exampleConnectors } from "../support/fixtures.js";
import { problemsOf } from "../support/problems.js";
import { runCli } from "../support/run-cli.js";
import { translateStep } from "../support/translator.js";

const step = (repository: string) => ({ type: "BuildAndPushACR", name: "Push", identifier: "push", spec: { connectorRef: "account.azure", repository, tags: ["1.0"] } });

describe("ACR registry hosts", () => {
  test.each(["acme.azurecr.io/widget", "ACME.AzureCR.io/widget", "acme.eastus.geo.azurecr.io/widget", "acme.azurecr.cn/widget", "acme.azurecr.us/team/widget"])("%s is an Azure registry", (repository) => {
    for (const mode of ["plugin", "kaniko"]) expect(() => translateStep(step(repository), { connectors: exampleConnectors, mode })).not.toThrow();
  });

  test.each(["attacker.example.com/widget", "acme.azurecr.io.attacker.example/widget", "attacker.example/acme.azurecr.io/widget", "azurecr.io/widget", "-.azurecr.io/widget", "localhost:5000/widget"])("%s is refused in every mode", (repository) => {
    for (const mode of ["plugin", "kaniko", "buildah"]) {
      expect(problemsOf(() => translateStep(step(repository), { connectors: exampleConnectors, mode })).map((p) => [p.code, p.field]), `${mode} ${repository}`).toContainEqual(["invalid-repository", "spec.repository"]);
    }
  });

  test("allowedRegistryHosts lets the caller name other hosts: exactly, or *.domain for every host under it", () => {
    expect(translateStep(step("registry.corp.example/widget"), { connectors: exampleConnectors, allowedRegistryHosts: ["registry.corp.example"] }).env["PLUGIN_REGISTRY"]).toBe("registry.corp.example");
    expect(translateStep(step("eu.mirror.example/widget"), { connectors: exampleConnectors, allowedRegistryHosts: ["*.mirror.example"] }).env["PLUGIN_REGISTRY"]).toBe("eu.mirror.example");
    expect(problemsOf(() => translateStep(step("mirror.example/widget"), { connectors: exampleConnectors, allowedRegistryHosts: ["*.mirror.example"] }))[0]).toMatchObject({ code: "invalid-repository" });
    expect(problemsOf(() => translateStep(step("attacker.example/widget"), { connectors: exampleConnectors, allowedRegistryHosts: ["registry.corp.example"] }))[0]).toMatchObject({ code: "invalid-repository" });
  });

  test("through the CLI: refused, unless --allow-registry-host names the host", async () => {
    const pipeline = `pipeline:\n  identifier: p\n  stages:\n    - stage:\n        identifier: s\n        spec:\n          infrastructure: {type: KubernetesDirect, spec: {}}\n          execution:\n            steps:\n              - step:\n                  type: BuildAndPushACR\n                  name: Push\n                  identifier: push\n                  spec: {connectorRef: account.azure, repository: registry.corp.example/widget, tags: [latest]}\n`;
    const refused = await runCli(["translate", "p.yaml", "--connectors", "examples/connectors.yaml"], { "p.yaml": pipeline });
    expect(refused.code).toBe(1);
    expect(refused.stderr + refused.stdout).toContain("is not an Azure registry host");
    const allowed = await runCli(["translate", "p.yaml", "--connectors", "examples/connectors.yaml", "--allow-registry-host", "registry.corp.example"], { "p.yaml": pipeline });
    expect(allowed.code, allowed.stderr).toBe(0);
  });
});
