import { quote } from "@buildpush/core/handler";
import { googleRegistryHandler } from "@buildpush/gar";
import { gcrFields, gcrSpecSchema } from "./spec-fields.generated.js";
import type { GcrSpec } from "./spec.js";

export const gcrStepType = "BuildAndPushGCR";

/**
 * Google's registry hosts: Container Registry's `gcr.io` and the hosts under it (`us.gcr.io`,
 * `eu.gcr.io`, `asia.gcr.io`), and Artifact Registry's under `pkg.dev`, which now serves gcr.io
 * repositories too; the hosts kaniko's Google keychain answers for.
 */
const googleHostPattern = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*(?:gcr\.io|pkg\.dev)$/;

/**
 * BuildAndPushGCR: pushes to `<host>/<projectID>/<imageName>` (`gcr.io/acme/app`) with a GCP
 * connector. Harness runs it exactly as BuildAndPushGAR but for the plugin images, the registry
 * type of the artifact file and GAR's own PLUGIN_REGISTRY_TYPE, so it is that step's handler
 * with GCR's profile.
 */
export const gcrHandler = googleRegistryHandler<typeof gcrStepType, GcrSpec>({
  type: gcrStepType,
  fields: gcrFields,
  specSchema: gcrSpecSchema,
  registryType: "GCR",
  plugin: {
    variant: "gcr",
    images: {
      kubernetes: { name: "plugins/kaniko-gcr", reference: "plugins/kaniko-gcr:1.13.10", entrypoint: "/kaniko/kaniko-gcr" },
      vm: { name: "plugins/gcr", reference: "plugins/gcr:21.3.3" },
      // Harness's buildx path (caching, cacheFrom or cacheTo). Harness's VM image config lists no
      // GCR buildx image; Harness Cloud runs the same drone-buildx-gcr plugin containerless, and
      // this is its image as Harness's config names it for Kubernetes (buildAndPushBuildxGCRConfig).
      vmBuildx: { name: "plugins/buildx-gcr", reference: "plugins/buildx-gcr:1.5.6" },
    },
    env: {},
  },
  hostRule: {
    test: (host) => googleHostPattern.test(host.toLowerCase()),
    message: (host) => `host ${quote(host)} is not a Google registry host, and the GCR step sends the connector's key to it`,
    rule: "a GCR host is gcr.io or a host under it (us.gcr.io, eu.gcr.io, asia.gcr.io), an Artifact Registry host under pkg.dev, or one the caller allows (allowedRegistryHosts)",
    suggest: () => undefined,
    hint: "write gcr.io (or us.gcr.io, eu.gcr.io, asia.gcr.io), or let the caller allow the host (allowedRegistryHosts, --allow-registry-host)",
  },
});
