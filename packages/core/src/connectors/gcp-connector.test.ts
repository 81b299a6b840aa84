// The GCP connector (`type: Gcp`) as Harness's connector YAML writes it, one row per credential
// type and per rule of ../shared/reference/gcr-gar-and-infrastructure.md §4.
import { describe, expect, test } from "vitest";
import { BuildpushError } from "../problems/error.js";
import { formatProblem } from "../problems/format.js";
import { type Problem } from "../problems/problem.js";
import { parseConnectorFile } from "./connectors.js";
import { problemsOf } from "../../../../test/support/problems.js";

/** The problems reading `yaml` gives. */
const problems = (yaml: string): Problem[] => problemsOf(() => parseConnectorFile(yaml, "connectors.yaml"));

const gcp = (spec: string) => `connector:
  name: GCP
  identifier: gcp
  type: Gcp
  spec:
${spec
  .trim()
  .split("\n")
  .map((line) => `    ${line}`)
  .join("\n")}
`;

describe("reading a GCP connector", () => {
  test.each<[string, string, unknown]>([
    [
      "ManualConfig: the JSON key as a secret reference",
      "credential:\n  type: ManualConfig\n  spec:\n    secretKeyRef: account.gcp_key\ndelegateSelectors: []\nexecuteOnDelegate: true",
      { type: "ManualConfig", secretKeyRef: "account.gcp_key" },
    ],
    [
      "InheritFromDelegate: no key, the delegate's (the pod's) identity, with the delegate selectors Harness requires",
      "credential:\n  type: InheritFromDelegate\ndelegateSelectors:\n  - gke-builders\n  - 42",
      { type: "InheritFromDelegate", delegateSelectors: ["gke-builders", "42"] },
    ],
    [
      "OidcAuthentication: pool, provider, project number and service account, all plain values",
      'credential:\n  type: OidcAuthentication\n  spec:\n    workloadPoolId: harness-pool\n    providerId: harness-provider\n    gcpProjectId: "123456789012"\n    serviceAccountEmail: ci-push@acme-prod.iam.gserviceaccount.com',
      { type: "OidcAuthentication", workloadPoolId: "harness-pool", providerId: "harness-provider", gcpProjectId: "123456789012", serviceAccountEmail: "ci-push@acme-prod.iam.gserviceaccount.com" },
    ],
  ])("%s", (_rule, spec, credential) => {
    const [connector] = parseConnectorFile(gcp(spec), "connectors.yaml");
    expect(connector).toMatchObject({ identifier: "gcp", type: "Gcp", credential, position: { file: "connectors.yaml", line: 2, column: 3 } });
    expect(connector && "credential" in connector ? connector.credential : undefined).toEqual(credential);
  });

  test.each<[string, string, Partial<Problem>]>([
    [
      "ManualConfig without secretKeyRef, with Harness's message",
      "credential:\n  type: ManualConfig\n  spec: {}",
      { code: "missing-connector-secret", field: "connector.spec.credential.spec.secretKeyRef", message: "GCP connector GCP_KEY secret does not exist for connector with identifier gcp" },
    ],
    [
      "InheritFromDelegate with a credential spec, with Harness's message",
      "credential:\n  type: InheritFromDelegate\n  spec:\n    secretKeyRef: account.gcp_key\ndelegateSelectors: [gke]",
      { code: "invalid-connector", field: "connector.spec.credential.spec", message: "No spec should be provided with the inherit from delegate type" },
    ],
    [
      "InheritFromDelegate without delegate selectors",
      "credential:\n  type: InheritFromDelegate\ndelegateSelectors: []",
      { code: "invalid-connector", field: "connector.spec.delegateSelectors", message: "GCP connector gcp inherits the delegate's identity but names no delegate selector" },
    ],
    [
      "InheritFromDelegate with a delegate selector that is not a tag",
      "credential:\n  type: InheritFromDelegate\ndelegateSelectors: [gke, {tag: x}]",
      { code: "invalid-connector", field: "connector.spec.delegateSelectors[1]", message: "a delegate selector must be a non-empty string" },
    ],
    [
      "OIDC without a required field",
      "credential:\n  type: OidcAuthentication\n  spec: {workloadPoolId: p, providerId: q, gcpProjectId: '1'}",
      { code: "invalid-connector", field: "connector.spec.credential.spec.serviceAccountEmail", message: "connector field serviceAccountEmail is missing" },
    ],
    [
      "OIDC with the project ID where the project number belongs",
      "credential:\n  type: OidcAuthentication\n  spec: {workloadPoolId: p, providerId: q, gcpProjectId: acme-prod, serviceAccountEmail: ci@acme-prod.iam.gserviceaccount.com}",
      { code: "invalid-connector", field: "connector.spec.credential.spec.gcpProjectId", value: "acme-prod", hint: "gcloud projects describe PROJECT_ID --format='value(projectNumber)' prints it" },
    ],
    [
      "OIDC with a service account that is not an email address",
      "credential:\n  type: OidcAuthentication\n  spec: {workloadPoolId: p, providerId: q, gcpProjectId: '42', serviceAccountEmail: ci-push}",
      { code: "invalid-connector", field: "connector.spec.credential.spec.serviceAccountEmail", value: "ci-push" },
    ],
    ["a credential type GCP connectors do not have", "credential:\n  type: Irsa", { code: "unsupported-connector-auth", field: "connector.spec.credential.type", rule: "the type is ManualConfig, InheritFromDelegate or OidcAuthentication" }],
    ["no credential at all", "delegateSelectors: []", { code: "invalid-connector", field: "connector.spec.credential" }],
  ])("%s", (_case, spec, expected) => {
    expect(problems(gcp(spec))[0]).toMatchObject(expected);
  });

  test("each problem is at its line and column", () => {
    const [problem] = problems(gcp("credential:\n  type: OidcAuthentication\n  spec:\n    workloadPoolId: p\n    providerId: q\n    gcpProjectId: acme-prod\n    serviceAccountEmail: ci@acme-prod.iam.gserviceaccount.com"));
    expect(problem?.position).toEqual({ file: "connectors.yaml", line: 11, column: 23 });
  });
});

describe("a pasted service account key is refused and never repeated", () => {
  const privateKey = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-PLAINTEXT\\n-----END PRIVATE KEY-----\\n";
  const keyFile = `{"type": "service_account", "project_id": "acme-prod", "private_key_id": "0123abcd-PLAINTEXT", "private_key": "${privateKey}", "client_email": "ci@acme-prod.iam.gserviceaccount.com"}`;

  test.each<[string, string, string]>([
    ["the key file's JSON as the secretKeyRef (YAML reads it as a map)", `credential:\n  type: ManualConfig\n  spec:\n    secretKeyRef: ${keyFile}`, "connector.spec.credential.spec.secretKeyRef"],
    ["the key file's JSON quoted as a string", `credential:\n  type: ManualConfig\n  spec:\n    secretKeyRef: '${keyFile}'`, "connector.spec.credential.spec.secretKeyRef"],
    ["the key under a made-up field", `credential:\n  type: ManualConfig\n  spec:\n    secretKeyRef: account.gcp_key\n    jsonKey: ${keyFile}`, "connector.spec.credential.spec.jsonKey"],
    ["the key in an OIDC field", `credential:\n  type: OidcAuthentication\n  spec:\n    workloadPoolId: ${keyFile}`, "connector.spec.credential.spec.workloadPoolId"],
    ["the key as a secretKey value", `credential:\n  type: ManualConfig\n  spec:\n    secretKey: "${privateKey}"\n    secretKeyRef: account.gcp_key`, "connector.spec.credential.spec.secretKey"],
  ])("%s", (_case, spec, field) => {
    const found = problems(gcp(spec));
    expect(found).toMatchObject([{ code: "invalid-connector", field, message: "GCP connector gcp holds what looks like a service account JSON key; its value is not shown" }]);
    const everything = `${JSON.stringify(found)}\n${found.map(formatProblem).join("\n")}\n${new BuildpushError(found).message}`;
    expect(everything).not.toContain("PLAINTEXT");
    expect(everything).not.toContain("PRIVATE KEY");
  });

  test("a secretKey that is not a key is refused by name, without its value", () => {
    const found = problems(gcp("credential:\n  type: ManualConfig\n  spec:\n    secretKey: hunter2-PLAINTEXT\n    secretKeyRef: account.gcp_key"));
    expect(found).toMatchObject([{ code: "invalid-connector", field: "connector.spec.credential.spec.secretKey", message: "secretKey holds a secret value in connector YAML; its value is not shown" }]);
    expect(JSON.stringify(found)).not.toContain("PLAINTEXT");
  });
});
