// @ts-check
/**
 * Turns typescript-json-schema's output into what every generated file is made from: per step
 * type its fields (kind, required, words, plugin variable), its resolved schema and the rules
 * (problem code and words) behind each constraint.
 */
import { customKeywords, stepSources } from "./source.mjs";

export const draft07 = "http://json-schema.org/draft-07/schema#";

/** Keywords that reject a value, each of which must carry words and a problem code. */
const constraintKeywords = ["pattern", "minItems", "maxItems", "minimum", "maximum", "minLength", "maxLength"];

/**
 * @typedef {import("./source.mjs").JsonSchema} JsonSchema
 * @typedef {"string" | "stringList" | "stringMap" | "boolean" | "integer" | "resources"} FieldKind
 * @typedef {{
 *   name: string, kind: FieldKind, required: boolean, title: string, description: string,
 *   pluginEnv?: string, emptyEnv?: string, default?: unknown, examples?: unknown[], schema: JsonSchema
 * }} FieldModel
 * @typedef {{ code: string, rule: string }} SchemaRule
 * @typedef {{
 *   stepType: string, title: string, summary: string, packageName: string, interfaceName: string,
 *   fieldsExport: string, schemaExport: string, validatorExport: string,
 *   fields: FieldModel[], resolved: JsonSchema, rules: Record<string, SchemaRule>
 * }} StepModel
 */

/** @param {import("./source.mjs").RawSources} sources @returns {StepModel[]} */
export function stepModels(sources) {
  return sources.steps.map(({ packageName, interfaceName, raw }) => {
    const stepType = requireText(raw.stepType, `${interfaceName} has no @stepType`);
    const title = requireText(raw.title, `${interfaceName} has no @title`);
    const base = lowerFirst(interfaceName.replace(/Spec$/, ""));
    const fields = fieldModels(raw, interfaceName);
    return {
      stepType,
      title,
      summary: firstParagraph(raw.description ?? ""),
      packageName,
      interfaceName,
      fieldsExport: `${base}Fields`,
      schemaExport: `${base}SpecSchema`,
      validatorExport: `validate${interfaceName}`,
      fields,
      resolved: resolvedSchema(raw, `${stepType} spec, expressions resolved`, `${firstParagraph(raw.description ?? "")} This schema is the spec with every expression resolved, as translation validates it.`),
      rules: schemaRules(raw),
    };
  });
}

/** @param {JsonSchema} raw @param {string} owner @returns {FieldModel[]} */
export function fieldModels(raw, owner) {
  const required = new Set(raw.required ?? []);
  return Object.entries(raw.properties ?? {}).map(([name, schema]) => {
    /** @type {FieldModel} */
    const field = {
      name,
      kind: fieldKind(schema, `${owner}.${name}`),
      required: required.has(name),
      title: requireText(schema.title, `${owner}.${name} has no @title`),
      description: requireText(schema.description && paragraphs(schema.description), `${owner}.${name} has no description`),
      schema,
    };
    if (schema.pluginEnv !== undefined) field.pluginEnv = String(schema.pluginEnv);
    if (schema.emptyEnv !== undefined) field.emptyEnv = String(schema.emptyEnv);
    if (schema.default !== undefined) field.default = schema.default;
    if (schema.examples !== undefined) field.examples = schema.examples;
    return field;
  });
}

/** The FieldKind readSpec reads a field with, from the field's JSON type. */
function fieldKind(/** @type {JsonSchema} */ schema, /** @type {string} */ where) {
  switch (schema.type) {
    case "string":
    case "boolean":
    case "integer":
      return schema.type;
    case "array":
      if (schema.items?.type === "string") return "stringList";
      break;
    case "object":
      if (schema.additionalProperties?.type === "string") return "stringMap";
      if (schema.properties && Object.keys(schema.properties).join() === "limits") return "resources";
      break;
  }
  throw new Error(`${where}: no field kind reads ${JSON.stringify(schema.type)} of this shape; add one to readSpec first`);
}

/**
 * The schema as published: our own JSDoc keywords moved out, `markdownDescription` beside every
 * `description` (editors show it on hover and in completion), draft-07.
 * @param {JsonSchema} raw @param {string} title @param {string} description @returns {JsonSchema}
 */
export function resolvedSchema(raw, title, description) {
  const { $schema: _schema, description: _description, markdownDescription: _markdown, title: _title, ...rest } = publish(raw);
  return { $schema: draft07, title, description, markdownDescription: description, ...rest };
}

/** @param {JsonSchema} node @returns {JsonSchema} */
export function publish(node) {
  /** @type {JsonSchema} */
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "propertyNames") out[key] = publish(value);
    else if (customKeywords.includes(key)) {
      if (key === "patternErrorMessage") out[key] = value;
    } else if (key === "description") {
      out.description = paragraphs(value);
      out.markdownDescription = markdownFor(node);
    } else if (key === "properties") {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, publish(child)]));
    } else if ((key === "items" || key === "additionalProperties") && typeof value === "object") {
      out[key] = publish(value);
    } else out[key] = value;
  }
  return out;
}

/** Hover text: the description, then the plugin variable and the default, as the docs show them. */
function markdownFor(/** @type {JsonSchema} */ node) {
  const lines = [paragraphs(node.description)];
  const facts = [];
  if (node.pluginEnv !== undefined) facts.push(`Becomes ${String(node.pluginEnv).split(/,\s*|\s+or\s+/).map((name) => `\`${name}\``).join(", ")}.`);
  if (node.default !== undefined) facts.push(`Default: \`${JSON.stringify(node.default).replace(/^"|"$/g, "")}\`.`);
  if (facts.length > 0) lines.push(facts.join(" "));
  return lines.join("\n\n");
}

/**
 * The problem code and words behind every constraint, keyed by the schema path Ajv reports
 * (`#/properties/tags/items/pattern`), so a run-time error becomes the project's own Problem.
 * @param {JsonSchema} raw @returns {Record<string, SchemaRule>}
 */
export function schemaRules(raw) {
  /** @type {Record<string, SchemaRule>} */
  const rules = {};
  /** @param {JsonSchema} node @param {string} schemaPath @param {string} label */
  const visit = (node, schemaPath, label) => {
    for (const keyword of constraintKeywords) {
      if (node[keyword] === undefined) continue;
      if (typeof node.problemCode !== "string") throw new Error(`${label}: ${keyword} needs a @problemCode`);
      rules[`${schemaPath}/${keyword}`] = { code: node.problemCode, rule: ruleWords(node, keyword, label) };
    }
    for (const [name, child] of Object.entries(node.properties ?? {})) visit(child, `${schemaPath}/properties/${name}`, label ? `${label}.${name}` : name);
    if (typeof node.items === "object") visit(node.items, `${schemaPath}/items`, `${label} items`);
    if (typeof node.additionalProperties === "object") visit(node.additionalProperties, `${schemaPath}/additionalProperties`, `${label} values`);
    if (typeof node.propertyNames === "object") visit(node.propertyNames, `${schemaPath}/propertyNames`, `${label} names`);
  };
  visit(raw, "#", "");
  return rules;
}

function ruleWords(/** @type {JsonSchema} */ node, /** @type {string} */ keyword, /** @type {string} */ label) {
  switch (keyword) {
    case "pattern":
      return requireText(node.patternErrorMessage, `${label}: @pattern needs a @patternErrorMessage`);
    case "minItems":
      return `${label} needs at least ${node.minItems} item${node.minItems === 1 ? "" : "s"}`;
    case "maxItems":
      return `${label} holds at most ${node.maxItems} item${node.maxItems === 1 ? "" : "s"}`;
    case "minimum":
    case "maximum":
      return node.minimum !== undefined && node.maximum !== undefined
        ? `${label} is from ${node.minimum} to ${node.maximum}`
        : node.minimum !== undefined
          ? `${label} is at least ${node.minimum}`
          : `${label} is at most ${node.maximum}`;
    default:
      return `${label} breaks its ${keyword} rule`;
  }
}

/** JSDoc wraps lines: join them back into paragraphs. */
export function paragraphs(/** @type {string} */ text) {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .join("\n\n");
}

function firstParagraph(/** @type {string} */ text) {
  return paragraphs(text).split("\n\n")[0] ?? "";
}

function lowerFirst(/** @type {string} */ text) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** @param {unknown} value @param {string} message @returns {string} */
function requireText(value, message) {
  if (typeof value !== "string" || value.trim() === "") throw new Error(message);
  return value;
}

export { stepSources };
