import { readFileSync } from "node:fs";
import { dockerRegistryHandler } from "@buildpush/docker";
import { garHandler } from "@buildpush/gar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stepFieldTables as stepTypes } from "../support/fixtures.js";
import { modeline, pipelineWithStep, positionOf, YamlLanguageServer, type Diagnostic } from "./yaml-language-server.js";

// One yaml-language-server for the whole file: starting it is the slow part.
let server: YamlLanguageServer;
beforeAll(async () => {
  server = await YamlLanguageServer.start();
});
afterAll(async () => {
  await server?.stop();
});

const dockerSpec = ["connectorRef: account.dockerhub", "repo: acme/app", "tags: [latest]"];

function summary(diagnostics: Diagnostic[]): [number, string][] {
  return diagnostics.map((d) => [d.range.start.line, d.message]);
}

describe("diagnostics name the problem in words, on its line", () => {
  it.each([
    ["an unknown key", [...dockerSpec, "tagz: [v1]"], "tagz:", "Property tagz is not allowed."],
    ["a bad boolean", [...dockerSpec, 'caching: "yes"'], "caching:", "caching is true or false, or a Harness expression (<+...>)"],
    ["a non-numeric runAsUser", [...dockerSpec, "runAsUser: abc"], "runAsUser:", "runAsUser is a whole number, or a Harness expression (<+...>)"],
    ["a missing required field", ["connectorRef: account.dockerhub", "tags: [latest]"], "spec:", 'Missing property "repo".'],
    ["a bad tag", ["connectorRef: account.dockerhub", "repo: acme/app", "tags: [latest, v1/beta]"], "tags:", "a tag is 1 to 128 characters: letters, digits, _, . and -, and does not start with . or -; or a Harness expression (<+...>)"],
    ["a bad memory limit", [...dockerSpec, "resources:", "  limits:", "    memory: 2GB"], "memory:", "memory is a positive number with a unit G, M, Gi or Mi, e.g. 500Mi or 2Gi; or a Harness expression (<+...>)"],
  ])("%s", async (_, spec, where, message) => {
    const text = pipelineWithStep(dockerRegistryHandler.type, spec);
    const { diagnostics } = await server.open(text);
    expect(summary(diagnostics)).toEqual([[positionOf(text, where, 0, "- step:").line, message]]);
  });

  it.each([
    ["a GAR host with a scheme", "host: https://us-docker.pkg.dev", "host:", "host is a registry host such as us-central1-docker.pkg.dev, without https:// or a path; or a Harness expression (<+...>)"],
    ["a GAR projectID with a slash", "projectID: acme/prod", "projectID:", "projectID is one GCP project ID: lowercase letters, digits and -, starting with a letter, e.g. acme-prod (domain-scoped: example.com:acme-prod); or a Harness expression (<+...>)"],
  ])("%s", async (_, line, where, message) => {
    const fields = { host: "host: us-central1-docker.pkg.dev", projectID: "projectID: acme-prod" };
    const key = line.slice(0, line.indexOf(":")) as keyof typeof fields;
    const spec = ["connectorRef: account.gcp", ...Object.values({ ...fields, [key]: line }), "imageName: docker-repo/app", "tags: [latest]"];
    const text = pipelineWithStep(garHandler.type, spec);
    const { diagnostics } = await server.open(text);
    expect(summary(diagnostics)).toEqual([[positionOf(text, where, 0, "- step:").line, message]]);
  });

  it("a bad identifier", async () => {
    const text = pipelineWithStep(dockerRegistryHandler.type, dockerSpec, ["name: Build", "identifier: 9build"]);
    const { diagnostics } = await server.open(text);
    expect(summary(diagnostics)).toEqual([[positionOf(text, "identifier: 9build").line, "an identifier starts with a letter or _ and holds letters, digits and _ (at most 128)"]]);
  });

  it("a step without a type", async () => {
    const text = pipelineWithStep(dockerRegistryHandler.type, dockerSpec).replace(/^ *type: BuildAndPushDockerRegistry\n/m, "");
    const { diagnostics } = await server.open(text);
    expect(summary(diagnostics)).toEqual([[positionOf(text, "- step:").line, 'Missing property "type".']]);
  });
});

describe("expressions", () => {
  it.each(stepTypes)("<+input> in every field of a %s step gives no diagnostic", async (type, fields) => {
    const spec = Object.keys(fields).map((name) => `${name}: <+input>`);
    const text = pipelineWithStep(type, spec, ["name: Build", "identifier: build", "timeout: <+input>", "when: <+input>", "failureStrategies: <+input>", "strategy: <+input>"]);
    const { diagnostics } = await server.open(text);
    expect(summary(diagnostics)).toEqual([]);
  });

  it("<+input> inside lists, maps and resources gives no diagnostic", async () => {
    const spec = [
      "connectorRef: <+input>",
      "repo: <+pipeline.variables.repo>",
      "tags: [<+input>, v<+codebase.tag>, <+pipeline.sequenceId>]",
      "labels: { version: <+input> }",
      "envVariables: { PLUGIN_NO_PUSH: <+input> }",
      "baseImageConnectorRefs: [<+input>]",
      "resources: { limits: { memory: <+input>, cpu: <+input> } }",
    ];
    const { diagnostics } = await server.open(pipelineWithStep(dockerRegistryHandler.type, spec));
    expect(summary(diagnostics)).toEqual([]);
  });

  it("an expression does not excuse a value of the wrong kind", async () => {
    // `yes<+x>` is neither a boolean nor a whole expression.
    const text = pipelineWithStep(dockerRegistryHandler.type, [...dockerSpec, "optimize: yes<+input>"]);
    const { diagnostics } = await server.open(text);
    expect(summary(diagnostics)).toEqual([[positionOf(text, "optimize:").line, "optimize is true or false, or a Harness expression (<+...>)"]]);
  });
});

describe("valid documents", () => {
  it.each(["pipeline.yaml", "docker.yaml", "ecr.yaml", "acr.yaml", "gcr.yaml", "gar.yaml", "all-registries.yaml"])("examples/%s has no diagnostic", async (name) => {
    const text = `${modeline}\n${readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8")}`;
    const { diagnostics } = await server.open(text);
    expect(summary(diagnostics)).toEqual([]);
  });

  it("other step types pass untouched, in parallel blocks and step groups too", async () => {
    const text = [
      modeline,
      "pipeline:",
      "  stages:",
      "    - parallel:",
      "        - stage:",
      "            spec:",
      "              execution:",
      "                steps:",
      "                  - step: { type: Run, name: test, identifier: test, spec: { command: make, anything: [1, 2] }, extra: true }",
      "                  - parallel:",
      "                      - step: { type: Plugin, identifier: p, spec: { settings: { a: b } } }",
      "                  - stepGroup:",
      "                      steps:",
      "                        - step: { type: BuildAndPushECR, name: ECR, identifier: ecr, spec: { connectorRef: aws, region: us-east-1, account: 123456789012, imageName: app, tags: [1.10] } }",
      "",
    ].join("\n");
    const { diagnostics } = await server.open(text);
    expect(summary(diagnostics)).toEqual([]);
  });

  it("checks build-and-push steps inside step groups", async () => {
    const text = [
      modeline,
      "pipeline:",
      "  stages:",
      "    - stage:",
      "        spec:",
      "          execution:",
      "            steps:",
      "              - stepGroup:",
      "                  steps:",
      "                    - parallel:",
      "                        - step: { type: BuildAndPushACR, name: ACR, identifier: acr, spec: { connectorRef: az, repository: a.azurecr.io/app, tags: [x], cacheTo: y } }",
      "",
    ].join("\n");
    const { diagnostics } = await server.open(text);
    expect(summary(diagnostics)).toEqual([[10, "Property cacheTo is not allowed."]]);
  });
});
