// @ts-check
/**
 * `docs/rules.md`: the rule catalogue, from core's own table (packages/core/src/problems/catalogue.ts,
 * `problemRules`: one entry per ProblemCode). The file holds only data and type imports, so it
 * is read here from the source, compiled in memory, never from a possibly stale dist/.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * @typedef {{ kind: "step" | "pipeline" | "connectors" | "api-step", yaml: string, connectors?: string, mode?: string, resolved?: boolean, shown?: string }} RuleExample
 * @typedef {{ severity: "error" | "warning", otherSeverity?: string, catches: string, why: string, example: RuleExample, fix: string }} ProblemRule
 */

export const catalogueSource = "packages/core/src/problems/catalogue.ts";

/**
 * An export of a core source file that holds data (and type imports only), compiled in memory.
 * @param {string} root the repository root @param {string} file @param {string} name
 * @returns {unknown}
 */
export function readDataExport(root, file, name) {
  const source = readFileSync(path.join(root, file), "utf8");
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  if (/\brequire\(/.test(outputText)) throw new Error(`${file} must import types only: the generator evaluates it on its own`);
  /** @type {Record<string, unknown>} */
  const exports = {};
  new Function("exports", outputText)(exports);
  if (!(name in exports)) throw new Error(`${file} does not export ${name}`);
  return exports[name];
}

/** @param {string} root the repository root @returns {Record<string, ProblemRule>} */
export function readProblemRules(root) {
  return /** @type {Record<string, ProblemRule>} */ (readDataExport(root, catalogueSource, "problemRules"));
}

const kinds = {
  step: "a step of a one-stage Kubernetes pipeline",
  pipeline: "a pipeline file",
  connectors: "a connector file",
  "api-step": "a step given to the API (`translateStep`)",
};

/** @param {string} root @returns {string} */
export function rulesPage(root) {
  const rules = readProblemRules(root);
  const codes = Object.keys(rules);
  const row = (/** @type {string} */ code) => `| [\`${code}\`](#${code}) | ${rules[code]?.severity} | ${escapeCell(rules[code]?.catches ?? "")} |`;
  const sections = codes.map((code) => section(code, /** @type {ProblemRule} */ (rules[code])));
  return `<!-- Generated from ${catalogueSource} by \`pnpm generate\`: edit the table there, not this page. -->
# Rule catalogue

Every problem buildpush reports carries one of these codes: at the end of a text line
(\`FILE:LINE:COL: ... [invalid-tag]\`), as \`code\` in \`validate --format json\` and the API, as
\`ruleId\` in \`validate --format sarif\`. An **error** stops the step (\`validate\` exits 1); a
**warning** is what Harness accepts but will not do what its author expects (\`validate\` exits 0
unless \`--max-warnings N\` is exceeded). Each example fails as shown: \`test/authoring/rule-catalogue.test.ts\`
checks it with \`buildpush validate\`'s reading (as written, with the connectors of
\`examples/connectors.yaml\` and those the example adds).

| code | severity | what it catches |
|---|---|---|
${codes.map(row).join("\n")}

${sections.join("\n\n")}
`;
}

/** @param {string} code @param {ProblemRule} rule */
function section(code, rule) {
  const how = [rule.example.mode ? `with \`--mode ${rule.example.mode}\`` : "", rule.example.resolved ? "translated (or `validate --resolved`)" : ""].filter(Boolean).join(", ");
  const connectors = rule.example.connectors ? `\n\nwith the connector file:\n\n\`\`\`yaml\n${rule.example.connectors.trimEnd()}\n\`\`\`` : "";
  return `## ${code}

**${rule.severity}**${rule.otherSeverity ? ` (${rule.otherSeverity})` : ""}

**Catches:** ${rule.catches}

**Why:** ${rule.why}

**Example** (${kinds[rule.example.kind]}${how ? `, ${how}` : ""}):

\`\`\`yaml
${(rule.example.shown ?? rule.example.yaml).trimEnd()}
\`\`\`${connectors}

**Fix:** ${rule.fix}`;
}

/** @param {string} text */
function escapeCell(text) {
  return text.replace(/\|/g, "\\|");
}
