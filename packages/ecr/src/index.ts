import type { BuildAndPushStep } from "@buildpush/core";
import type { EcrSpec } from "./spec.js";

export { ecrHandler, ecrRegistry, ecrStepType } from "./handler.js";
export { ecrFields, ecrSpecSchema } from "./spec-fields.generated.js";
export type { EcrSpec } from "./spec.js";

/** A BuildAndPushECR step as an engine holds it. */
export type EcrStep = BuildAndPushStep<"BuildAndPushECR", EcrSpec>;
