import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { connectorsFromValues, ConnectorSet, parseConnectorFile, type ContainerSpec, type Infrastructure, type StageContext } from "@buildpush/core";
import { type FieldTable } from "./internals.js";
import { stepHandlers, translateStep } from "./translator.js";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export function readRepoFile(path: string): string {
  return readFileSync(`${repoRoot}${path}`, "utf8");
}

/**
 * The bundled example connectors (account-level, as Harness exports them: no org or project
 * identifier) plus a few auth variants the examples don't show, defined at the scopes the tests
 * reference them from (`org.private_registry`; the rest by a bare, project-level reference).
 */
export const exampleConnectors = parseConnectorFile(readRepoFile("examples/connectors.yaml"), "examples/connectors.yaml");

const project = { orgIdentifier: "default", projectIdentifier: "default" };

export const extraConnectors = connectorsFromValues([
  { identifier: "private_registry", orgIdentifier: "default", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://registry.example.com", auth: { type: "UsernamePassword", spec: { usernameRef: "org.registry_user", passwordRef: "org.registry_pass" } } } },
  { identifier: "anonymous_hub", ...project, type: "DockerRegistry", spec: { dockerRegistryUrl: "https://index.docker.io/v2/", auth: { type: "Anonymous" } } },
  { identifier: "aws_keys_ref", ...project, type: "Aws", spec: { credential: { type: "ManualConfig", spec: { accessKeyRef: "account.aws_access_key", secretKeyRef: "account.aws_secret_key" } } } },
  { identifier: "aws_delegate", ...project, type: "Aws", spec: { credential: { type: "InheritFromDelegate" } } },
  { identifier: "aws_cross", ...project, type: "Aws", spec: { credential: { type: "ManualConfig", spec: { accessKey: "AKIAEXAMPLE", secretKeyRef: "account.aws_secret_key" }, crossAccountAccess: { crossAccountRoleArn: "arn:aws:iam::111111111111:role/push", externalId: "ext-1" } } } },
  { identifier: "azure_cert", ...project, type: "Azure", spec: { credential: { type: "ManualConfig", spec: { applicationId: "app-id", tenantId: "tenant-id", auth: { type: "Certificate", spec: { certificateRef: "account.azure_cert" } } } } } },
  { identifier: "azure_delegate", ...project, type: "Azure", spec: { credential: { type: "InheritFromDelegate" } } },
]);

export const allConnectors = new ConnectorSet([...exampleConnectors, ...extraConnectors]);

export const minimalSpecs = {
  BuildAndPushDockerRegistry: { connectorRef: "account.dockerhub", repo: "acme/app", tags: ["1.0"] },
  BuildAndPushECR: { connectorRef: "account.aws_prod", region: "us-east-1", account: "123456789012", imageName: "app", tags: ["1.0"] },
  BuildAndPushACR: { connectorRef: "account.azure", repository: "acme.azurecr.io/app", tags: ["1.0"] },
  BuildAndPushGCR: { connectorRef: "account.gcp", host: "gcr.io", projectID: "acme-prod", imageName: "app", tags: ["1.0"] },
  BuildAndPushGAR: { connectorRef: "account.gcp", host: "us-central1-docker.pkg.dev", projectID: "acme-prod", imageName: "docker-repo/app", tags: ["1.0"] },
} as const;

export type StepType = keyof typeof minimalSpecs;

export interface StepCase {
  type: StepType;
  spec?: Record<string, unknown>;
  infrastructure?: Infrastructure;
  stage?: StageContext;
  images?: Record<string, string>;
  layerCache?: { repository: string };
}

/** A step of `type` whose spec is the minimal valid spec with `spec` laid over it. */
export function step(type: StepType, spec: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type, name: "Build", identifier: "build_step", spec: { ...minimalSpecs[type], ...spec }, ...extra };
}

export function translate(c: StepCase): ContainerSpec {
  return translateStep(step(c.type, c.spec), {
    connectors: allConnectors,
    ...(c.infrastructure ? { infrastructure: c.infrastructure } : {}),
    ...(c.stage ? { stage: c.stage } : {}),
    ...(c.images ? { images: c.images } : {}),
    ...(c.layerCache ? { layerCache: c.layerCache } : {}),
  });
}

/** Each step type with its generated field table, for tests that go over every field of every type. */
export const stepFieldTables: [string, FieldTable][] = stepHandlers.map((handler) => [handler.type, handler.fields]);
