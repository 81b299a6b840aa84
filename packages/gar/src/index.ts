import type { BuildAndPushStep } from "@buildpush/core";
import type { GarSpec } from "./spec.js";

export { garHandler, garStepType } from "./handler.js";
export { garFields, garSpecSchema } from "./spec-fields.generated.js";
export type { GarSpec } from "./spec.js";
// The step both Google registries share, for @buildpush/gcr (and any registry on Google's rules).
export { googleRegistryHandler, type GoogleRegistryProfile, type GoogleRegistrySpec } from "./google-registry.js";
export type { RepositoryShape } from "./google-registry-checks.js";
export { jsonKeyUser, oidcTokenRef } from "./google-credentials.js";

/** A BuildAndPushGAR step as an engine holds it. */
export type GarStep = BuildAndPushStep<"BuildAndPushGAR", GarSpec>;
