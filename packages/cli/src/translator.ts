import { createTranslator } from "@buildpush/core";
import { acrHandler } from "@buildpush/acr";
import { dockerRegistryHandler } from "@buildpush/docker";
import { ecrHandler } from "@buildpush/ecr";
import { garHandler } from "@buildpush/gar";
import { gcrHandler } from "@buildpush/gcr";

/** The step types the buildpush command translates: a new registry is one more handler here. */
export const translator = createTranslator({ handlers: [dockerRegistryHandler, ecrHandler, acrHandler, gcrHandler, garHandler] });
