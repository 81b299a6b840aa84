import { registerStepHandler } from "@buildpush/core";
import { dockerRegistryHandler } from "./handler.js";

// Importing the package registers its step type with @buildpush/core's translateStep/translatePipeline.
registerStepHandler(dockerRegistryHandler);

export { dockerRegistryHandler, dockerRegistryStepType } from "./handler.js";
export { dockerRegistryFields, dockerRegistrySpecSchema } from "./spec-fields.generated.js";
export type { DockerRegistrySpec } from "./spec.js";
