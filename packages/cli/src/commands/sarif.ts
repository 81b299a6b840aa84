import { isAbsolute, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { problemRules, type Problem, type ProblemCode, type ProblemRule } from "@buildpush/core";

/**
 * `validate --format sarif`: a SARIF 2.1.0 log (OASIS), the format GitHub code scanning and
 * reviewdog read, so problems show on the lines they concern. One result per problem, its
 * `ruleId` the problem code; the rules, with their help, come from core's rule catalogue
 * (`problemRules`, the source of docs/rules.md). The types below are the part of the SARIF
 * object model written here; test/authoring/sarif.test.ts validates the output against the
 * SARIF 2.1.0 JSON schema.
 */
export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: SarifRun[];
}

interface SarifRun {
  tool: { driver: { name: string; informationUri: string; rules: SarifRule[] } };
  columnKind: "utf16CodeUnits";
  results: SarifResult[];
}

interface SarifText {
  text: string;
  markdown?: string;
}

interface SarifRule {
  id: ProblemCode;
  name: string;
  shortDescription: SarifText;
  fullDescription: SarifText;
  help: SarifText;
  helpUri: string;
  defaultConfiguration: { level: "error" | "warning" };
}

interface SarifResult {
  ruleId: ProblemCode;
  ruleIndex: number;
  level: "error" | "warning";
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
}

const repository = "https://github.com/buildpush/buildpush";
const rulesPage = `${repository}/blob/main/docs/rules.md`;

/** The SARIF log of `problems` found in `file` (problems without a position are placed at its first line). */
export function sarifLog(problems: readonly Problem[], file: string): SarifLog {
  const codes = Object.keys(problemRules) as ProblemCode[];
  const index = new Map(codes.map((code, at) => [code, at]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "buildpush", informationUri: repository, rules: codes.map((code) => sarifRule(code, problemRules[code])) } },
        // Columns count UTF-16 code units, as JavaScript strings (and so the YAML positions) do.
        columnKind: "utf16CodeUnits",
        results: problems.map((problem) => ({
          ruleId: problem.code,
          ruleIndex: index.get(problem.code)!,
          level: problem.severity === "warning" ? "warning" : "error",
          message: { text: resultText(problem) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(problem.position?.file ?? file) },
                region: { startLine: problem.position?.line ?? 1, startColumn: problem.position?.column ?? 1 },
              },
            },
          ],
        })),
      },
    ],
  };
}

function sarifRule(code: ProblemCode, rule: ProblemRule): SarifRule {
  const severity = rule.otherSeverity ? ` (${rule.severity}; ${rule.otherSeverity})` : "";
  // As docs/rules.md shows it: shortened where the example that runs is too long to read.
  const example = rule.example.shown ?? rule.example.yaml;
  return {
    id: code,
    name: code.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase()),
    shortDescription: { text: rule.catches },
    fullDescription: { text: `${rule.catches} ${rule.why}` },
    help: {
      text: `${rule.why}${severity}\nFix: ${rule.fix}\nExample:\n${example}`,
      markdown: `${rule.why}${severity}\n\n**Fix:** ${rule.fix}\n\n**Example** (${exampleKind(rule)}):\n\n\`\`\`yaml\n${example.trimEnd()}\n\`\`\``,
    },
    helpUri: `${rulesPage}#${code}`,
    defaultConfiguration: { level: rule.severity },
  };
}

function exampleKind(rule: ProblemRule): string {
  switch (rule.example.kind) {
    case "step":
      return "a step";
    case "pipeline":
      return "a pipeline";
    case "connectors":
      return "a connector file";
    case "api-step":
      return "a step given to the API";
  }
}

/** The message as the text format prints it, without the position and code (SARIF has both). */
function resultText(problem: Problem): string {
  const details = [problem.rule ? `rule: ${problem.rule}` : undefined, problem.hint].filter(Boolean);
  return `${problem.field ? `${problem.field}: ` : ""}${problem.message}${details.length > 0 ? ` (${details.join("; ")})` : ""}`;
}

/** A file name as a SARIF URI: relative names stay relative (to the directory validate ran in), with `/` and percent-escapes. */
function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(sep === "\\" ? /[\\/]/ : "/").map(encodeURIComponent).join("/");
}
