/**
 * Core's internals that tests check directly (the YAML reader, the pipeline walker, the rules
 * shared by hand-written checks and schemas), gathered in one place. Engines never import
 * these: the packages' public entry points are `@buildpush/core` and `@buildpush/core/handler`.
 */
export { parseYamlFile, scopedSource } from "../../packages/core/src/source/yaml-source.js";
export { findBuildAndPushSteps } from "../../packages/core/src/pipeline/find-steps.js";
export { formatPath } from "../../packages/core/src/problems/path.js";
export { checkSpecSchema, resolvedSpec } from "../../packages/core/src/spec/spec-schema.js";
export { commonFields } from "../../packages/core/src/spec/common-fields.generated.js";
export { envNamePattern, identifierPattern, namePattern } from "../../packages/core/src/rules/identifiers.js";
export { timeoutPattern } from "../../packages/core/src/rules/durations.js";
export { pluginReadsFlag, runtimeFlagDocs } from "../../packages/core/src/plan/runtime-flag-docs.js";
// What each kaniko plugin binary defines (kaniko-args models the plugins; core's runtime flag table must agree).
export { ACR_TRAITS, DOCKER_TRAITS, ECR_TRAITS, GAR_TRAITS, GCR_TRAITS, UNDEFINED_FLAG_EFFECT } from "../../packages/kaniko-args/src/plugin-variants.js";
export { isValidTag } from "../../packages/core/src/rules/image-reference.js";
export { parseCpu, parseMemory } from "../../packages/core/src/rules/resources.js";
export { defaultBuildahImage } from "../../packages/core/src/backends/buildah/buildah-backend.js";
export {
  ProblemCollector,
  pluginEnvironment,
  readSpec,
  type FieldDef,
  type FieldTable,
  type ReadSpec,
} from "@buildpush/core/handler";

import { translator } from "./translator.js";
/** The backend names `mode` takes. */
export const backendModes = translator.modes;

import type { StepHandler } from "@buildpush/core";
import { toProblems, type ProblemCollector as Collector } from "@buildpush/core/handler";
import { stepHandlers } from "./translator.js";

/** The handler of a step type, as the translator holds it. */
export function handlerFor(type: string): StepHandler {
  const handler = stepHandlers.find((candidate) => candidate.type === type);
  if (!handler) throw new Error(`no step package handles ${type}`);
  return handler;
}

/** The step types the translator picks out of a pipeline. */
export const stepTypes: ReadonlySet<string> = new Set(stepHandlers.map((handler) => handler.type));

/** What a collector found, as the API reports problems (without positions). */
export function collected(collector: Collector) {
  return toProblems(collector.findings);
}
