import { Document, visit } from "yaml";

/**
 * Strings Go's number parsing reads as numbers though no YAML schema does (kubectl reads YAML with
 * go-yaml, which hands plain scalars to strconv: `0O17`, `0X1F`, `0x1p-2`): anything that starts
 * like a number is quoted, so it stays a string whatever reads it.
 */
const numberLike = /^[-+]?\.?[0-9]/;

/**
 * YAML text of `value` in which every string stays a string for any reader: the yaml package
 * quotes what YAML 1.1 (`yes`, `on`, `1:20`, `010`) or YAML 1.2's core schema (`0o17`, `1e3`)
 * would read as another type (its `compat` option), and a string that starts like a number is
 * quoted besides. The yaml package does the quoting; this only says when.
 */
export function yamlText(value: unknown): string {
  const document = new Document(value, { version: "1.1", compat: "core", aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && numberLike.test(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return document.toString({ lineWidth: 0 });
}
