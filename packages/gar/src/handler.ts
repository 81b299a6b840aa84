import { quote } from "@buildpush/core/handler";
import { googleRegistryHandler } from "./google-registry.js";
import { garFields, garSpecSchema } from "./spec-fields.generated.js";
import type { GarSpec } from "./spec.js";

export const garStepType = "BuildAndPushGAR";

/** `<location>-docker.pkg.dev`, Artifact Registry's Docker host (the form Harness reads a region from for the Artifacts tab). */
const garHostPattern = /^[a-z]+(?:-[a-z0-9]+)?-docker\.pkg\.dev$/;

/** BuildAndPushGAR: pushes to `<host>/<projectID>/<imageName>` (`us-central1-docker.pkg.dev/acme/repo/app`) with a GCP connector. */
export const garHandler = googleRegistryHandler<typeof garStepType, GarSpec>({
  type: garStepType,
  fields: garFields,
  specSchema: garSpecSchema,
  registryType: "GAR",
  plugin: {
    variant: "gar",
    images: {
      kubernetes: { name: "plugins/kaniko-gar", reference: "plugins/kaniko-gar:1.13.10", entrypoint: "/kaniko/kaniko-gar" },
      vm: { name: "plugins/gar", reference: "plugins/gar:21.3.3" },
      // Harness's buildx path (caching, cacheFrom or cacheTo): vmImageConfig.buildAndPushBuildxGAR.
      vmBuildx: { name: "plugins/buildx-gar", reference: "plugins/buildx-gar:1.5.6" },
    },
    // Lower case, as Harness sets it; drone-docker copies it into the artifact file.
    env: { PLUGIN_REGISTRY_TYPE: "gar" },
  },
  hostRule: {
    test: (host) => garHostPattern.test(host),
    message: (host) => `host ${quote(host)} is not an Artifact Registry host, and the GAR step sends the connector's key to it`,
    rule: "a GAR host is <location>-docker.pkg.dev, e.g. us-central1-docker.pkg.dev or europe-docker.pkg.dev, or one the caller allows (allowedRegistryHosts)",
    // A host in capitals, or the bare location (`us-central1`).
    suggest: (host) => [host.toLowerCase(), `${host.toLowerCase()}-docker.pkg.dev`].find((candidate) => garHostPattern.test(candidate)),
    hint: "write <location>-docker.pkg.dev, or let the caller allow the host (allowedRegistryHosts, --allow-registry-host)",
  },
  repositoryShape: { components: 2, rule: "Artifact Registry keeps images in repositories: imageName is REPOSITORY/IMAGE", example: "REPOSITORY/IMAGE" },
});
