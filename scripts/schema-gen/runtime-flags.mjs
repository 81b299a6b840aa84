// @ts-check
/**
 * The PLUGIN_* runtime flags as documented keys under `envVariables` in the authoring schemas
 * (and so in schemas/pipeline.json): what each does, the kaniko executor flag it becomes on
 * Kubernetes, what drone-docker does with it on VMs, and whether the step's own plugin reads it.
 * The source is core's table, packages/core/src/plan/runtime-flag-docs.ts (the one the
 * `ignored-runtime-flag` warning reads), compiled in memory.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { readDataExport } from "./rules.mjs";

/**
 * @typedef {"docker" | "ecr" | "acr" | "gcr" | "gar"} Variant
 * @typedef {{ does: string, kaniko?: { flag: string, variants?: Variant[] }, docker?: { effect: string, variants?: Variant[] }, instead?: { kubernetes?: string, vm?: string } }} RuntimeFlagDoc
 * @typedef {import("./source.mjs").JsonSchema} JsonSchema
 */

export const runtimeFlagSource = "packages/core/src/plan/runtime-flag-docs.ts";

const variantWords = { docker: "Docker registry", ecr: "ECR", acr: "ACR", gcr: "GCR", gar: "GAR" };

/** The plugin variant a step package's handler names (`variant: "ecr"`). @param {string} root @param {string} packageName @returns {Variant} */
export function stepVariant(root, packageName) {
  const handler = readFileSync(path.join(root, "packages", packageName, "src/handler.ts"), "utf8");
  const match = /\bvariant: "([a-z]+)"/.exec(handler);
  if (!match) throw new Error(`packages/${packageName}/src/handler.ts names no plugin variant`);
  if (!Object.hasOwn(variantWords, match[1] ?? "")) throw new Error(`packages/${packageName}/src/handler.ts names the plugin variant ${match[1]}, which runtime-flags.mjs has no words for (variantWords)`);
  return /** @type {Variant} */ (match[1]);
}

/**
 * The envVariables properties of a step whose plugin variant is `variant`.
 * @param {string} root @param {Variant} variant @param {JsonSchema} valueSchema the schema of a value (envVariables' additionalProperties)
 * @returns {Record<string, JsonSchema>}
 */
export function runtimeFlagProperties(root, variant, valueSchema) {
  const docs = /** @type {Record<string, RuntimeFlagDoc>} */ (readDataExport(root, runtimeFlagSource, "runtimeFlagDocs"));
  /** @type {Record<string, JsonSchema>} */
  const properties = {};
  for (const name of Object.keys(docs).sort()) {
    const doc = /** @type {RuntimeFlagDoc} */ (docs[name]);
    const reads = (/** @type {{ variants?: Variant[] } | undefined} */ reader) => reader !== undefined && (reader.variants === undefined || reader.variants.includes(variant));
    const only = (/** @type {{ variants?: Variant[] } | undefined} */ reader) => (reader?.variants ? ` (${reader.variants.map((v) => variantWords[v]).join(", ")} steps only)` : "");
    const kubernetes = reads(doc.kaniko)
      ? `${/^--\S+$/.test(doc.kaniko?.flag ?? "") ? `the kaniko plugin passes \`${doc.kaniko?.flag}\` to the executor` : `the kaniko plugin: ${doc.kaniko?.flag.replace(/^\((.*)\)$/, "$1")}`}${only(doc.kaniko)}`
      : `ignored by this step's kaniko plugin${doc.instead?.kubernetes ? `: ${doc.instead.kubernetes}` : ""}`;
    const vm = reads(doc.docker) ? `drone-docker: ${doc.docker?.effect}${only(doc.docker)}` : `ignored by this step's drone-docker plugin${doc.instead?.vm ? `: ${doc.instead.vm}` : ""}`;
    // One text for both: it is markdown already (flags in backticks), and every description of the schemas reads the same in both.
    const description = `Runtime flag. ${doc.does} On Kubernetes, ${kubernetes}. On VMs, Harness Cloud and the local runner, ${vm}.`;
    properties[name] = { ...valueSchema, description, markdownDescription: description };
  }
  return properties;
}

/**
 * @typedef {{ stepType: string, variant: Variant, properties: Record<string, JsonSchema> }} StepRuntimeFlags
 */

/**
 * The runtime flags of every step type as shared definitions, for a schema that holds them all
 * (schemas/pipeline.json): most flags read the same for every step, so each distinct schema of a
 * flag is one definition, `runtimeFlag.NAME`, or `runtimeFlag.NAME.VARIANTS` (e.g.
 * `runtimeFlag.PLUGIN_TAR_PATH.gcr`) when the steps' plugins differ on it; each step's
 * envVariables refers to its own.
 * @param {readonly StepRuntimeFlags[]} steps
 * @returns {{ definitions: Record<string, JsonSchema>, references: Record<string, Record<string, JsonSchema>> }}
 */
export function sharedRuntimeFlags(steps) {
  /** @type {Record<string, JsonSchema>} */
  const definitions = {};
  /** @type {Record<string, Record<string, JsonSchema>>} */
  const references = Object.fromEntries(steps.map((step) => [step.stepType, {}]));
  const names = [...new Set(steps.flatMap((step) => Object.keys(step.properties)))].sort();
  for (const name of names) {
    /** @type {Map<string, { schema: JsonSchema, variants: Variant[], stepTypes: string[] }>} */
    const groups = new Map();
    for (const step of steps) {
      const schema = step.properties[name];
      if (schema === undefined) continue;
      const key = JSON.stringify(schema);
      const group = groups.get(key) ?? { schema, variants: [], stepTypes: [] };
      if (!group.variants.includes(step.variant)) group.variants.push(step.variant);
      group.stepTypes.push(step.stepType);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      const definition = groups.size === 1 ? `runtimeFlag.${name}` : `runtimeFlag.${name}.${group.variants.join("-")}`;
      definitions[definition] = group.schema;
      for (const stepType of group.stepTypes) (references[stepType] ??= {})[name] = { $ref: `#/definitions/${definition}` };
    }
  }
  return { definitions, references };
}
