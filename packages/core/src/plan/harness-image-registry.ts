import type { ConnectorScope, ConnectorSet } from "../connectors/connectors.js";
import { dockerCredentials } from "../connectors/credentials.js";
import type { RegistryCredentials } from "./build-plan.js";
import type { ProblemCollector } from "../problems/collector.js";
import { quote } from "../problems/format.js";
import type { Path } from "../problems/path.js";
import type { LocatedStep } from "../pipeline/find-steps.js";
import type { StageInfrastructure } from "../pipeline/stage-infrastructure.js";
import { containsExpression } from "../source/expressions.js";
import { isPlainObject } from "../source/values.js";
import { missingConnector } from "./connector-lookup.js";
import type { PluginImage, PluginImages } from "./step-handler.js";

type ImageRegistry = { registry: string; login?: Extract<RegistryCredentials, { kind: "basic" }> };

/**
 * Each stage's `harnessImageConnectorRef` looked up (once per stage infrastructure: a
 * `UseFromStage` stage shares its source's), its registry and login put on the stage context of
 * the steps found. Checking as written without connector files, the reference is not looked up,
 * as a step's connectorRef is not.
 */
export function readHarnessImageRegistries(located: readonly LocatedStep[], document: unknown, connectors: ConnectorSet, scope: ConnectorScope, asWritten: boolean, collector: ProblemCollector): void {
  if (asWritten && connectors.identifiers().length === 0) return;
  const read = new Map<StageInfrastructure, ImageRegistry | undefined>();
  const stagesDone = new Set<object>();
  for (const found of located) {
    const infrastructure = found.stage.infrastructure;
    const ref = infrastructure && "harnessImageConnectorRef" in infrastructure ? infrastructure.harnessImageConnectorRef : undefined;
    if (ref === undefined || containsExpression(ref) || stagesDone.has(found.stage)) continue;
    stagesDone.add(found.stage);
    if (!read.has(infrastructure!)) {
      const stagePath = found.path.slice(0, found.path.indexOf("stage") + 1);
      read.set(infrastructure!, harnessImageRegistry(ref, connectors, scope, [...stagePath, "spec", ...fieldPath(infrastructure!, document, stagePath)], collector));
    }
    const registry = read.get(infrastructure!);
    if (registry === undefined) continue;
    found.stage.harnessImageRegistry = registry.registry;
    if (registry.login) found.stage.harnessImageLogin = registry.login;
  }
}

/** Where a stage spec writes harnessImageConnectorRef; a UseFromStage stage's own useFromStage when the stage it names had no build step to report it at. */
function fieldPath(infrastructure: StageInfrastructure, document: unknown, stagePath: Path): Path {
  let node: unknown = document;
  for (const segment of [...stagePath, "spec", "infrastructure"]) node = isPlainObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
  if (isPlainObject(node) && node["type"] === "UseFromStage") return ["infrastructure", "spec", "useFromStage"];
  if (infrastructure.type === "VM") return ["infrastructure", "spec", "spec", "harnessImageConnectorRef"];
  if (infrastructure.type === "Docker") return ["runtime", "spec", "harnessImageConnectorRef"];
  return ["infrastructure", "spec", "harnessImageConnectorRef"];
}

/**
 * The registry path a stage's `harnessImageConnectorRef` puts before Harness's own images (the
 * plugin images among them), as Harness computes it (HC23
 * `IntegrationStageUtils.getImageWithRegistryPath`): the Docker connector's URL's host, port
 * and path, without a trailing `/`. Docker Hub's hosts add nothing. With the connector's login,
 * as references, when it has one.
 */
export function harnessImageRegistry(ref: string, connectors: ConnectorSet, scope: ConnectorScope, path: Path, collector: ProblemCollector): ImageRegistry | undefined {
  const connector = connectors.find(ref, scope);
  if (!connector) {
    collector.add(path, missingConnector(ref, connectors, scope, "DockerRegistry"));
    return undefined;
  }
  if (connector.type !== "DockerRegistry") {
    collector.add(path, { code: "wrong-connector-type", message: `connector ${quote(ref)} is a ${connector.type} connector, but Harness pulls its images with a DockerRegistry connector`, value: ref, rule: "harnessImageConnectorRef names a DockerRegistry connector" });
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(connector.url);
  } catch {
    collector.add(path, { code: "invalid-connector", message: `Malformed registryUrl ${quote(connector.url)} in docker connector id: ${connector.identifier}`, value: ref, rule: "the image connector's URL is an absolute URL, e.g. https://registry.example.com/harness" });
    return undefined;
  }
  const host = url.port ? `${url.hostname}:${url.port}` : url.hostname;
  // The connector's login pulls the images (an image pull Secret on Kubernetes), by reference.
  const credentials = dockerCredentials(connector);
  const login = credentials.kind === "basic" ? { login: credentials } : {};
  if (host === "index.docker.io" || host === "registry.hub.docker.com") return { registry: "", ...login };
  return { registry: `${host}${url.pathname}`.replace(/\/+$/, ""), ...login };
}

/** A step type's plugin images (each infrastructure's, the buildx one too) pulled from the stage's image registry. */
export function withImageRegistry(images: PluginImages, registry: string | undefined): PluginImages {
  if (!registry) return images;
  const out: PluginImages = { kubernetes: fromRegistry(images.kubernetes, registry), vm: fromRegistry(images.vm, registry) };
  if (images.vmBuildx) out.vmBuildx = fromRegistry(images.vmBuildx, registry);
  return out;
}

/** One image from the registry (unchanged when its name already holds the registry's host). */
function fromRegistry(image: PluginImage, registry: string): PluginImage {
  const host = registry.split("/")[0]!;
  if (image.reference.includes(host)) return image;
  return { ...image, reference: `${registry}/${image.reference.replace(/^\/+/, "")}` };
}
