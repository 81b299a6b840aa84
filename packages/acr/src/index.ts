import { registerStepHandler } from "@buildpush/core";
import { acrHandler } from "./handler.js";

// Importing the package registers its step type with @buildpush/core's translateStep/translatePipeline.
registerStepHandler(acrHandler);

export { acrHandler, acrStepType } from "./handler.js";
export { acrFields, acrSpecSchema } from "./spec-fields.generated.js";
export type { AcrSpec } from "./spec.js";
