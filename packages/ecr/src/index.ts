import { registerStepHandler } from "@buildpush/core";
import { ecrHandler } from "./handler.js";

// Importing the package registers its step type with @buildpush/core's translateStep/translatePipeline.
registerStepHandler(ecrHandler);

export { ecrHandler, ecrRegistry, ecrStepType } from "./handler.js";
export { ecrFields, ecrSpecSchema } from "./spec-fields.generated.js";
export type { EcrSpec } from "./spec.js";
