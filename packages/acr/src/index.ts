import type { BuildAndPushStep } from "@buildpush/core";
import type { AcrSpec } from "./spec.js";

export { acrHandler, acrStepType } from "./handler.js";
export { acrFields, acrSpecSchema } from "./spec-fields.generated.js";
export type { AcrSpec } from "./spec.js";

/** A BuildAndPushACR step as an engine holds it. */
export type AcrStep = BuildAndPushStep<"BuildAndPushACR", AcrSpec>;
