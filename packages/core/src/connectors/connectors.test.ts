import { describe, expect, test } from "vitest";
import { BuildpushError } from "../problems/error.js";
import { type Problem } from "../problems/problem.js";
import { ConnectorSet, connectorsFromValues, parseConnectorFile } from "./connectors.js";

function problems(yaml: string): Problem[] {
  try {
    parseConnectorFile(yaml, "connectors.yaml");
  } catch (error) {
    if (error instanceof BuildpushError) return [...error.problems];
    throw error;
  }
  throw new Error("expected problems");
}

const docker = (auth: string) => `connector:
  identifier: hub
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://index.docker.io/v2/
    auth:
${auth}`;

describe("reading Harness connector YAML", () => {
  test("one file may hold several documents of each type", () => {
    const connectors = parseConnectorFile(
      `${docker("      type: UsernamePassword\n      spec: {username: u, passwordRef: account.p}")}
---
connector: {identifier: aws, type: Aws, spec: {credential: {type: Irsa}}}
---
connector:
  identifier: az
  type: Azure
  spec:
    credential:
      type: ManualConfig
      spec: {applicationId: app, tenantId: t, auth: {type: Certificate, spec: {certificateRef: org.cert}}}
`,
      "c.yaml",
    );
    expect(connectors.map((c) => [c.identifier, c.type])).toEqual([["hub", "DockerRegistry"], ["aws", "Aws"], ["az", "Azure"]]);
    expect(connectors[0]).toMatchObject({ url: "https://index.docker.io/v2/", auth: { type: "UsernamePassword", username: "u", passwordRef: "account.p" }, position: { file: "c.yaml", line: 2, column: 3 } });
    expect(connectors[2]).toMatchObject({ credential: { auth: { type: "Certificate", certificateRef: "org.cert" } } });
  });

  test("an anonymous Docker registry needs no secrets", () => {
    expect(parseConnectorFile(docker("      type: Anonymous"), "c.yaml")[0]).toMatchObject({ auth: { type: "Anonymous" } });
  });

  test.each<[string, string, Partial<Problem>]>([
    ["missing password reference, with Harness's message", docker("      type: UsernamePassword\n      spec: {username: u}"), { code: "missing-connector-secret", message: "Docker connector password secret does not exist for connector with identifier hub" }],
    ["AWS manual keys without an access key", "connector: {identifier: aws, type: Aws, spec: {credential: {type: ManualConfig, spec: {secretKeyRef: account.s}}}}", { code: "missing-connector-secret", message: "AWS connector access key does not exist for connector with identifier aws" }],
    ["a connector type build-and-push steps do not use", "connector: {identifier: g, type: Github, spec: {}}", { code: "invalid-connector", field: "connector.type" }],
    ["an unsupported Docker auth type", docker("      type: OAuth"), { code: "unsupported-connector-auth", field: "connector.spec.auth.type" }],
    ["a document without connector:", "name: x", { code: "invalid-connector" }],
    ["a registry URL that is not one", "connector: {identifier: h, type: DockerRegistry, spec: {dockerRegistryUrl: 'not a url', auth: {type: Anonymous}}}", { code: "invalid-registry" }],
  ])("%s", (_case, yaml, expected) => {
    expect(problems(yaml)[0]).toMatchObject(expected);
  });

  test("a secret value pasted into connector YAML is refused and never repeated", () => {
    const secret = "hunter2-S3CRET-value";
    const found = [
      ...problems(docker(`      type: UsernamePassword\n      spec: {username: u, password: ${secret}, passwordRef: account.p}`)),
      ...problems(docker(`      type: UsernamePassword\n      spec: {username: u, passwordRef: "${secret} with spaces"}`)),
      ...problems(`connector: {identifier: aws, type: Aws, spec: {credential: {type: ManualConfig, spec: {accessKey: a, secretKey: ${secret}, secretKeyRef: account.s}}}}`),
    ];
    expect(found.filter((p) => p.code === "invalid-connector")).toHaveLength(3);
    expect(JSON.stringify(found)).not.toContain(secret);
    expect(new BuildpushError(found).message).not.toContain(secret);
  });

  test("connectors can be given as plain values", () => {
    const [connector] = connectorsFromValues([{ identifier: "hub", type: "DockerRegistry", spec: { dockerRegistryUrl: "registry.example.com:5000", auth: { type: "Anonymous" } } }]);
    expect(connector).toMatchObject({ identifier: "hub", url: "registry.example.com:5000" });
  });
});

describe("ConnectorSet looks connectors up by scoped reference", () => {
  const set = new ConnectorSet(
    connectorsFromValues([
      { identifier: "hub", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://a", auth: { type: "Anonymous" } } },
      { identifier: "hub", orgIdentifier: "default", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://o", auth: { type: "Anonymous" } } },
      { identifier: "hub", orgIdentifier: "default", projectIdentifier: "web", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://p", auth: { type: "Anonymous" } } },
      { identifier: "only", projectIdentifier: "web", type: "Aws", spec: { credential: { type: "Irsa" } } },
    ]),
  );
  test.each([
    ["account.hub", "https://a"],
    ["org.hub", "https://o"],
    ["hub", "https://p"],
  ])("%s finds the connector of that scope", (ref, url) => {
    expect(set.find(ref)).toMatchObject({ url });
  });

  test("a reference names only a connector of its own scope: account.x never finds a project's x, a bare x never the account's", () => {
    expect(set.find("account.only")).toBeUndefined();
    expect(set.find("only")).toMatchObject({ identifier: "only", type: "Aws" });
    expect(set.find("account.missing")).toBeUndefined();
  });

  test("from a pipeline that says its project, a bare reference is that project's connector and org. its organization's; another project's or organization's never answers", () => {
    const scoped = new ConnectorSet(
      connectorsFromValues([
        { identifier: "hub", orgIdentifier: "default", projectIdentifier: "web", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://web", auth: { type: "Anonymous" } } },
        { identifier: "hub", orgIdentifier: "default", projectIdentifier: "other_project", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://other", auth: { type: "Anonymous" } } },
        { identifier: "mirror", orgIdentifier: "other_org", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://mirror", auth: { type: "Anonymous" } } },
        { identifier: "elsewhere", orgIdentifier: "default", projectIdentifier: "other_project", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://elsewhere", auth: { type: "Anonymous" } } },
      ]),
    );
    const web = { orgIdentifier: "default", projectIdentifier: "web" };
    expect(scoped.find("hub", web)).toMatchObject({ url: "https://web" });
    expect(scoped.find("hub", { orgIdentifier: "default", projectIdentifier: "other_project" })).toMatchObject({ url: "https://other" });
    expect(scoped.find("elsewhere", web)).toBeUndefined();
    expect(scoped.find("org.mirror", web)).toBeUndefined();
    expect(scoped.find("org.mirror", { orgIdentifier: "other_org" })).toMatchObject({ url: "https://mirror" });
    // Without the pipeline's project, two projects' hub cannot be told apart: neither is taken.
    expect(scoped.find("hub")).toBeUndefined();
    expect(scoped.answering("hub").map((c) => (c.type === "DockerRegistry" ? c.url : c.type))).toEqual(["https://web", "https://other"]);
  });
});

test("two connectors with the same identifier and scope are refused, naming both places", () => {
  const yaml = "connector: {identifier: hub, type: DockerRegistry, spec: {dockerRegistryUrl: https://a, auth: {type: Anonymous}}}\n";
  const first = parseConnectorFile(yaml, "a.yaml");
  const second = parseConnectorFile(yaml, "b.yaml");
  let caught: unknown;
  try {
    new ConnectorSet([...first, ...second]);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BuildpushError);
  expect((caught as BuildpushError).problems[0]).toMatchObject({
    code: "duplicate-connector",
    position: { file: "b.yaml", line: 1, column: 12 },
    message: 'connector "hub" is defined twice (first defined at a.yaml:1:12)',
  });
});
