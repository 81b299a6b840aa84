// @ts-check
/**
 * The built packages, imported by name exactly as a user's engine imports them: each package's
 * `exports` points at its bundle (packages/NAME/dist/bundle/index.js, `pnpm build`), and each
 * step package registers its handler on import. The step packages reach core through their own
 * workspace link, which Node resolves to the same file, so there is one handler registry.
 */
import { createRequire } from "node:module";
import * as core from "@buildpush/core";
import "@buildpush/docker";
import "@buildpush/ecr";
import "@buildpush/acr";
import { benchConnectorsYaml, generatePipeline } from "./generate-pipeline.mjs";

export { core };

/** The yaml package core itself parses with (resolved from core's package, not the root's). */
export const yaml = /** @type {typeof import("../packages/core/node_modules/yaml/dist/index.js")} */ (createRequire(new URL("../packages/core/package.json", import.meta.url))("yaml"));

/** The generated pipeline's connectors, parsed once. */
export const connectors = new core.ConnectorSet(core.parseConnectorFile(benchConnectorsYaml, "connectors.yaml"));

/**
 * Options for translating a generated pipeline. Its text is larger than the default size
 * limit (10 MB) at 10,000 steps, so the limit is raised to the text's own length, as an engine
 * translating pipelines this big would.
 * @param {string} text
 */
export function pipelineOptions(text) {
  return { connectors, yamlLimits: { ...core.defaultYamlLimits, maxLength: Math.max(text.length, core.defaultYamlLimits.maxLength) } };
}

/**
 * Build-and-push steps of a generated pipeline as plain objects (what an engine holds after
 * resolving expressions), with what translateStep needs besides the step.
 * @param {number} count
 */
export function parsedSteps(count) {
  const text = generatePipeline(count);
  const [document] = core.parseYamlFile(text, "pipeline.yaml", pipelineOptions(text).yamlLimits);
  const located = core.findBuildAndPushSteps(document?.value, new core.ProblemCollector());
  return located.map((found) => ({
    step: found.step,
    options: { infrastructure: found.infrastructure, stage: found.stage, connectors },
  }));
}
