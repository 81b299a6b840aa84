import { parseArgs } from "node:util";
import { sortProblems, type Problem } from "@buildpush/core";
import { translator } from "../translator.js";
import { loadConnectors, parseInfrastructure, readInput } from "../inputs.js";
import { exitCodes, type CliIo } from "../io.js";
import { collecting, formatProblems, onePipeline, pipelineOptions } from "./shared.js";

export function validateCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: pipelineOptions });
  const file = onePipeline(positionals);
  const infrastructure = parseInfrastructure(values.infra);
  const text = readInput(io, file);
  const problems: Problem[] = [];
  const connectors = loadConnectors(io, values.connectors ?? [], problems);
  const result = collecting(problems, () => translator.translatePipeline(text, { file, connectors, ...(infrastructure ? { infrastructure } : {}) }));
  if (problems.length > 0 || !result) {
    io.stdout(formatProblems(sortProblems(problems)));
    return exitCodes.problems;
  }
  const count = result.steps.length;
  const warnings = result.warnings.length;
  // Warnings are printed like problems, but the pipeline translates: the exit status stays 0.
  if (warnings > 0) io.stdout(formatProblems(result.warnings));
  io.stderr(`${file}: ${count} build-and-push step${count === 1 ? "" : "s"}, ${warnings > 0 ? `${warnings} warning${warnings === 1 ? "" : "s"}, no errors` : "no problems"}\n`);
  return exitCodes.ok;
}
