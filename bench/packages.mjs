// @ts-check
/**
 * The built packages, imported by name exactly as a user's engine imports them: each package's
 * `exports` points at its bundle (packages/NAME/dist/bundle/index.js, `pnpm build`). The step
 * packages are found by their package.json (scripts/step-packages.mjs) and composed into one
 * translator, as an engine composes its own.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import * as core from "@buildpush/core";
import * as handlerKit from "@buildpush/core/handler";
import { stepPackages } from "../scripts/step-packages.mjs";
import { benchConnectorsYaml, benchLayerCache, generatePipeline } from "./generate-pipeline.mjs";

export { core, handlerKit };

const root = fileURLToPath(new URL("..", import.meta.url));

/** Every step package's handler. */
export const handlers = await Promise.all(stepPackages(root).map(async ({ packageName, stepHandler }) => (await import(packageName))[stepHandler]));

export const translator = core.createTranslator({ handlers });

/** The yaml package core itself parses with (resolved from core's package, not the root's). */
export const yaml = /** @type {typeof import("../packages/core/node_modules/yaml/dist/index.js")} */ (createRequire(new URL("../packages/core/package.json", import.meta.url))("yaml"));

/** The generated pipeline's connectors, parsed once. */
export const connectors = new core.ConnectorSet(core.parseConnectorFile(benchConnectorsYaml, "connectors.yaml"));

/** Where the generated pipeline's `caching: true` steps keep layers on Harness Cloud (the CLI's --layer-cache). */
export const layerCache = { repository: benchLayerCache };

/**
 * Options for translating a generated pipeline. The default YAML limits admit the 10,000-step
 * pipeline (15.9 MiB, 2.94 million tokens); a larger `--steps` raises them to what the text
 * holds, as an engine translating pipelines that big would.
 * @param {string} text
 */
export function pipelineOptions(text) {
  const { maxLength, maxTokens } = core.defaultYamlLimits;
  // yaml's lexer makes at most 1.5 tokens of a character, so only a text over 2.6 million characters can pass the token limit.
  let tokens = 0;
  if (text.length * 1.5 >= maxTokens) for (const _ of new yaml.Lexer().lex(text)) tokens++;
  return { connectors, layerCache, yamlLimits: { ...core.defaultYamlLimits, maxLength: Math.max(text.length, maxLength), maxTokens: Math.max(tokens, maxTokens) } };
}

/**
 * Build-and-push steps of a generated pipeline as plain objects (what an engine holds after
 * resolving expressions), with what translateStep needs besides the step: the walk follows the
 * generator's own shape (steps in a stage, in parallel blocks and in step groups).
 * @param {number} count
 */
export function parsedSteps(count) {
  const document = yaml.parse(generatePipeline(count), { maxAliasCount: -1 });
  /** @type {{ step: Record<string, unknown>, options: Record<string, unknown> }[]} */
  const found = [];
  for (const { stage } of document.pipeline.stages) {
    const options = { infrastructure: stage.spec.runtime ? "vm" : "kubernetes", stage: { identifier: stage.identifier, sharedPaths: stage.spec.sharedPaths }, connectors, layerCache };
    /** @param {any[]} entries */
    const visit = (entries) => {
      for (const entry of entries) {
        if (entry.step && translator.stepTypes.includes(entry.step.type)) found.push({ step: entry.step, options });
        if (entry.parallel) visit(entry.parallel);
        if (entry.stepGroup) visit(entry.stepGroup.steps);
      }
    };
    visit(stage.spec.execution.steps);
  }
  return found;
}
