import { googleRegistryHandler } from "@buildpush/gar";
import { gcrFields, gcrSpecSchema } from "./spec-fields.generated.js";
import type { GcrSpec } from "./spec.js";

export const gcrStepType = "BuildAndPushGCR";

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
    },
    env: {},
  },
});
