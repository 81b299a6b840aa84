// @ts-check
/**
 * The authoring flavour, for editors: every field accepts its own type or a Harness expression
 * (`<+...>`), and nothing else.
 *
 * Why `type` arrays and not `oneOf: [<type>, expression]`: yaml-language-server inserts a bare
 * `key` (no `: `) when a property's schema is a `oneOf`, while a `type` array inserts `key: `.
 * It also keeps the branches apart by construction: `pattern` constrains only strings and
 * `items`/`minimum`/`properties` only their own types, so a value matches one reading at most.
 */

/** A whole value that is an expression: `<+input>`, `<+pipeline.variables.cache>`. */
export const wholeExpression = "^<\\+.+>.*$";
/** A string that holds an expression somewhere: `v<+codebase.tag>`. */
export const containsExpression = "<\\+.+>";
const expressionWords = "or a Harness expression (<+...>)";

/**
 * @typedef {import("./source.mjs").JsonSchema} JsonSchema
 * @typedef {"field" | "item" | "mapValue"} Place
 */

/** The authoring spec schema from the resolved one (as `publish` wrote it). */
export function authoringSpec(/** @type {JsonSchema} */ resolved, /** @type {string} */ stepType, /** @type {string} */ summary) {
  const { $schema, title: _title, description: _d, markdownDescription: _m, ...rest } = resolved;
  const description = `${summary} Every field may hold a Harness expression (<+...>) instead of a value.`;
  /** @type {JsonSchema} */
  const out = { $schema, title: `${stepType} spec`, description, markdownDescription: description, ...rest };
  out.properties = Object.fromEntries(Object.entries(resolved.properties ?? {}).map(([name, node]) => [name, authoringNode(node, name, "field")]));
  return out;
}

/**
 * One node of the authoring schema.
 * @param {JsonSchema} node @param {string} label @param {Place} place @returns {JsonSchema}
 */
export function authoringNode(node, label, place) {
  /** @type {JsonSchema} */
  const out = { ...node };
  switch (node.type) {
    case "string":
      // A YAML scalar such as 1.10 or 123456789012 is read as text (its source), so numbers are
      // strings here; map values also take booleans and null (`PLUGIN_NO_PUSH: true`, `KEY:`).
      out.type = place === "mapValue" ? ["string", "number", "boolean", "null"] : ["string", "number"];
      if (node.pattern !== undefined) {
        out.pattern = `${node.pattern}|${containsExpression}`;
        out.patternErrorMessage = `${node.patternErrorMessage}; ${expressionWords}`;
      }
      return out;
    case "boolean":
      // readSpec accepts the strings "true" and "false" as Harness does.
      return typed(out, ["boolean", "string"], `^(?:true|false|${wholeExpression.slice(1, -1)})$`, `${label} is true or false, ${expressionWords}`);
    case "integer":
      return typed(out, ["integer", "string"], `^(?:[0-9]+|${wholeExpression.slice(1, -1)})$`, `${label} is a whole number, ${expressionWords}`);
    case "array":
      if (typeof node.items === "object") out.items = authoringNode(node.items, `${label} items`, "item");
      return typed(out, ["array", "string"], wholeExpression, `${label} is a list, ${expressionWords}`);
    case "object":
      if (node.properties) {
        out.properties = Object.fromEntries(Object.entries(node.properties).map(([name, child]) => [name, authoringNode(child, `${label}.${name}`, "field")]));
      }
      if (typeof node.additionalProperties === "object") out.additionalProperties = authoringNode(node.additionalProperties, `${label} values`, "mapValue");
      if (typeof node.propertyNames === "object" && node.propertyNames.pattern !== undefined) {
        out.propertyNames = {
          ...node.propertyNames,
          pattern: `${node.propertyNames.pattern}|${containsExpression}`,
          patternErrorMessage: `${node.propertyNames.patternErrorMessage}; ${expressionWords}`,
        };
      }
      return typed(out, ["object", "string"], wholeExpression, `${label} is a map, ${expressionWords}`);
    default:
      return out;
  }
}

/** @param {JsonSchema} out @param {string[]} types @param {string} pattern @param {string} words */
function typed(out, types, pattern, words) {
  out.type = types;
  out.pattern = pattern;
  out.patternErrorMessage = words;
  return out;
}
