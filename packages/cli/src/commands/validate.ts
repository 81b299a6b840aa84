import { parseArgs } from "node:util";
import { sortProblems, type Problem } from "@buildpush/core";
import { translator } from "../translator.js";
import { parseInputLimits, withLimitFlag } from "../input-limits.js";
import { loadConnectors, parseInfrastructure, readInput } from "../inputs.js";
import { exitCodes, UsageError, type CliIo } from "../io.js";
import { collecting, formatProblems, onePipeline, pipelineOptions, remoteContextOption } from "./shared.js";
import { readGivenValues, valueOptions } from "../values.js";
import { sarifLog } from "./sarif.js";

export function validateCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...pipelineOptions, ...valueOptions, "max-warnings": { type: "string" }, resolved: { type: "boolean" }, format: { type: "string", default: "text" } } });
  const format = values.format;
  if (format !== "text" && format !== "json" && format !== "sarif") throw new UsageError(`--format takes text, json or sarif, not ${JSON.stringify(format)}`);
  const file = onePipeline(positionals);
  const infrastructure = parseInfrastructure(values.infra);
  const maxWarnings = parseMaxWarnings(values["max-warnings"]);
  const limits = parseInputLimits(values);
  const problems: Problem[] = [];
  // A file over the size limit is a problem like the others, printed with them.
  const text = collecting(problems, () => readInput(io, file, limits));
  const connectors = loadConnectors(io, values.connectors ?? [], problems, limits);
  const given = readGivenValues(io, values, problems, limits);
  // As written by default: expressions are values whose literal text is still checked. --resolved checks as translate would.
  const result = text === undefined ? { problems: [], steps: 0 } : translator.checkPipeline(text, { file, connectors, ...given, ...remoteContextOption(values), ...(values.resolved ? { values: given.values ?? {} } : { asWritten: true }), ...(infrastructure ? { infrastructure } : {}), yamlLimits: limits.yamlLimits });
  for (const problem of result.problems) problems.push(withLimitFlag(problem));
  const errors = problems.filter((problem) => problem.severity !== "warning").length;
  const warnings = problems.length - errors;
  // json: every problem as the API returns it (code, severity, message, field, value, rule, hint, position), for CI systems.
  if (format === "json") io.stdout(`${JSON.stringify({ file, steps: result.steps, errors, warnings, problems: sortProblems(problems) }, null, 2)}\n`);
  // sarif: SARIF 2.1.0 for GitHub code scanning and reviewdog, one result per problem (commands/sarif.ts).
  else if (format === "sarif") io.stdout(`${JSON.stringify(sarifLog(sortProblems(problems), file), null, 2)}\n`);
  else if (problems.length > 0) io.stdout(formatProblems(sortProblems(problems)));
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  if (errors > 0 || tooManyWarnings) {
    if (tooManyWarnings && errors === 0) io.stderr(`${file}: ${plural(warnings, "warning")}, more than --max-warnings ${maxWarnings}\n`);
    return exitCodes.problems;
  }
  const count = result.steps;
  io.stderr(`${file}: ${plural(count, "build-and-push step")}, ${warnings === 0 ? "no problems" : plural(warnings, "warning")}\n`);
  return exitCodes.ok;
}

/** `--max-warnings N`: how many warnings still exit 0 (like eslint's). */
function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number, not ${JSON.stringify(value)}`);
  return Number(value);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
