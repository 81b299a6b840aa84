import { registerStepHandler } from "@buildpush/core";
import { acrHandler } from "./handler.js";

// Importing the package registers its step type with @buildpush/core's translateStep/translatePipeline.
registerStepHandler(acrHandler);

export { acrHandler, acrStepType } from "./handler.js";
export { acrFields, type AcrSpec } from "./spec.js";
