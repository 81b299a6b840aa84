import { parseArgs } from "node:util";
import { sortProblems, type Problem } from "@buildpush/core";
import { translator } from "../translator.js";
import { parseInputLimits } from "../input-limits.js";
import { loadConnectors, parseInfrastructure, readInput } from "../inputs.js";
import { exitCodes, type CliIo } from "../io.js";
import { collecting, formatProblems, onePipeline, pipelineOptions } from "./shared.js";

export function validateCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: pipelineOptions });
  const file = onePipeline(positionals);
  const infrastructure = parseInfrastructure(values.infra);
  const limits = parseInputLimits(values);
  const problems: Problem[] = [];
  const text = collecting(problems, () => readInput(io, file, limits));
  const connectors = loadConnectors(io, values.connectors ?? [], problems, limits);
  const result = text === undefined ? undefined : collecting(problems, () => translator.translatePipeline(text, { file, connectors, ...(infrastructure ? { infrastructure } : {}), yamlLimits: limits.yamlLimits }));
  if (problems.length > 0 || !result) {
    io.stdout(formatProblems(sortProblems(problems)));
    return exitCodes.problems;
  }
  const count = result.steps.length;
  io.stderr(`${file}: ${count} build-and-push step${count === 1 ? "" : "s"}, no problems\n`);
  return exitCodes.ok;
}
