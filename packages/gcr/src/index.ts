import type { BuildAndPushStep } from "@buildpush/core";
import type { GcrSpec } from "./spec.js";

export { gcrHandler, gcrStepType } from "./handler.js";
export { gcrFields, gcrSpecSchema } from "./spec-fields.generated.js";
export type { GcrSpec } from "./spec.js";

/** A BuildAndPushGCR step as an engine holds it. */
export type GcrStep = BuildAndPushStep<"BuildAndPushGCR", GcrSpec>;
