// @ts-check
/**
 * Ajv validators compiled ahead of time (standalone code), so importing a step package never
 * compiles a schema and never loads Ajv.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** @type {typeof import("ajv").default} */
const Ajv = require("ajv").default;
/** @type {typeof import("ajv/dist/standalone/index.js").default} */
const standaloneCode = require("ajv/dist/standalone").default;

/** Keywords that only annotate: left out of the compiled code (the Problem's words come from the rules table). */
const annotationKeywords = ["$schema", "title", "description", "markdownDescription", "patternErrorMessage", "examples", "default", "defaultSnippets"];

/**
 * The JavaScript of one validator, as an ES module whose only export is `exportName`.
 * @param {Record<string, any>} schema @param {string} exportName @returns {string}
 */
export function validatorCode(schema, exportName) {
  const ajv = new Ajv({ allErrors: true, strict: true, code: { source: true, esm: true, lines: true } });
  ajv.addSchema(validationOnly(schema), exportName);
  const code = standaloneCode(ajv, { [exportName]: exportName });
  // The runtime must not depend on Ajv: refuse code that imports Ajv's runtime helpers (they
  // come with keywords such as minLength or uniqueItems; use a pattern or leave them out).
  if (/\brequire\(|\bimport\s/.test(code)) throw new Error(`the ${exportName} validator imports Ajv's runtime; use keywords that compile to plain code`);
  return code;
}

/**
 * The schema without its annotations: the same rules, and code that does not carry every
 * description along.
 * @param {any} node @returns {any}
 */
export function validationOnly(node) {
  if (Array.isArray(node)) return node.map(validationOnly);
  if (typeof node !== "object" || node === null) return node;
  /** @type {Record<string, any>} */
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (annotationKeywords.includes(key)) continue;
    // Under these keys the children are names, not keywords: keep every name.
    if (key === "properties" || key === "definitions") out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, validationOnly(child)]));
    else out[key] = validationOnly(value);
  }
  return out;
}
