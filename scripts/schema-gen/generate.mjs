// @ts-check
/**
 * Every generated file, computed in memory from the spec sources and the rule catalogue: the CLI writes them, and a
 * test compares them with the committed files.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { authoringSpec } from "./authoring.mjs";
import { stepPage, stepsIndexPage } from "./docs.mjs";
import { commonFieldsModule, stepFieldsModule, validatorModule } from "./emit.mjs";
import { fieldModels, stepModels } from "./model.mjs";
import { pipelineSchema } from "./pipeline.mjs";
import { rulesPage } from "./rules.mjs";
import { runtimeFlagProperties, sharedRuntimeFlags, stepVariant } from "./runtime-flags.mjs";
import { readSources } from "./source.mjs";
import { validatorCode } from "./validators.mjs";

/**
 * @param {string} root the repository root
 * @returns {Map<string, string>} file contents by path relative to root
 */
export function generateFiles(root) {
  const sources = readSources(root);
  const steps = stepModels(sources);
  // yaml is core's dependency, not the root's: load it the way core does.
  /** @type {import("./docs.mjs").YamlWriter} */
  const yaml = createRequire(path.join(root, "packages/core/package.json"))("yaml");
  /** @type {Map<string, string>} */
  const files = new Map();
  const json = (/** @type {unknown} */ value) => `${JSON.stringify(value, null, 2)}\n`;
  /** @type {Record<string, import("./source.mjs").JsonSchema>} */
  const authoring = {};
  /** @type {Record<string, import("./source.mjs").JsonSchema>} the authoring specs without their runtime flags */
  const bare = {};
  /** @type {import("./runtime-flags.mjs").StepRuntimeFlags[]} */
  const flags = [];
  for (const step of steps) {
    const spec = authoringSpec(step.resolved, step.stepType, step.summary);
    bare[step.stepType] = spec;
    const variant = stepVariant(root, step.packageName);
    const valueSchema = envValueSchema(spec);
    const properties = valueSchema ? runtimeFlagProperties(root, variant, valueSchema) : {};
    flags.push({ stepType: step.stepType, variant, properties });
    // Each step's own schema stands alone, so its flags are written out in it.
    authoring[step.stepType] = withEnvProperties(spec, properties);
    files.set(`schemas/${step.stepType}.resolved.json`, json(step.resolved));
    files.set(`schemas/${step.stepType}.authoring.json`, json(authoring[step.stepType]));
    const src = `packages/${step.packageName}/src`;
    files.set(`${src}/spec-fields.generated.ts`, stepFieldsModule(step));
    files.set(`${src}/spec-validator.generated.ts`, validatorModule(step, validatorCode(step.resolved, step.validatorExport)));
    files.set(`docs/steps/${step.stepType}.md`, stepPage(step, yaml));
  }
  // schemas/pipeline.json holds every step type: a flag's schema is written once per distinct text, the steps' envVariables refer to it.
  const shared = sharedRuntimeFlags(flags);
  const referring = Object.fromEntries(steps.map((step) => [step.stepType, withEnvProperties(bare[step.stepType] ?? {}, shared.references[step.stepType] ?? {})]));
  files.set("schemas/pipeline.json", json(pipelineSchema(steps, referring, sources.wrapper, shared.definitions)));
  files.set("packages/core/src/spec/common-fields.generated.ts", commonFieldsModule(fieldModels(sources.common, "CommonSpec")));
  files.set("docs/steps/README.md", stepsIndexPage(steps));
  files.set("docs/rules.md", rulesPage(root));
  return files;
}

/**
 * The schema of an envVariables value (its additionalProperties), which the runtime flags take too.
 * @param {import("./source.mjs").JsonSchema} spec
 */
function envValueSchema(spec) {
  const env = spec.properties?.envVariables;
  return env && typeof env.additionalProperties === "object" ? env.additionalProperties : undefined;
}

/**
 * The authoring spec with the PLUGIN_* runtime flags as documented keys of envVariables (for
 * completion and hover; any other name is still accepted, as before).
 * @param {import("./source.mjs").JsonSchema} spec @param {Record<string, import("./source.mjs").JsonSchema>} properties
 */
function withEnvProperties(spec, properties) {
  const env = spec.properties?.envVariables;
  if (!env || typeof env.additionalProperties !== "object") return spec;
  return { ...spec, properties: { ...spec.properties, envVariables: { ...env, properties } } };
}
