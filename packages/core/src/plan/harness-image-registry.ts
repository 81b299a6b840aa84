import type { ConnectorSet } from "../connectors/connectors.js";
import { dockerCredentials } from "../connectors/credentials.js";
import type { RegistryCredentials } from "./build-plan.js";
import type { ProblemCollector } from "../problems/collector.js";
import { quote } from "../problems/format.js";
import type { Path } from "../problems/path.js";
import type { PluginImage } from "./step-handler.js";

/**
 * The registry path a stage's `harnessImageConnectorRef` puts before Harness's own images (the
 * plugin images among them), as Harness computes it (HC23
 * `IntegrationStageUtils.getImageWithRegistryPath`): the Docker connector's URL's host, port
 * and path, without a trailing `/`. Docker Hub's hosts add nothing. With the connector's login,
 * as references, when it has one.
 */
export function harnessImageRegistry(ref: string, connectors: ConnectorSet, path: Path, collector: ProblemCollector): { registry: string; login?: Extract<RegistryCredentials, { kind: "basic" }> } | undefined {
  const connector = connectors.find(ref);
  if (!connector) {
    collector.add(path, { code: "unknown-connector", message: `connector ${quote(ref)} is not defined`, value: ref, rule: `harnessImageConnectorRef names a DockerRegistry connector; connectors given: ${connectors.identifiers().join(", ") || "none"}` });
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

/** A plugin image pulled from the stage's image registry (unchanged when its name already holds the registry's host). */
export function withImageRegistry(image: PluginImage, registry: string | undefined): PluginImage {
  if (!registry) return image;
  const host = registry.split("/")[0]!;
  if (image.reference.includes(host)) return image;
  return { ...image, reference: `${registry}/${image.reference.replace(/^\/+/, "")}` };
}
