import type { BuildAndPushStep } from "@buildpush/core";
import type { DockerRegistrySpec } from "./spec.js";

export { dockerRegistryHandler, dockerRegistryStepType } from "./handler.js";
export { dockerRegistryFields, dockerRegistrySpecSchema } from "./spec-fields.generated.js";
export type { DockerRegistrySpec } from "./spec.js";

/** A BuildAndPushDockerRegistry step as an engine holds it. */
export type DockerRegistryStep = BuildAndPushStep<"BuildAndPushDockerRegistry", DockerRegistrySpec>;
