import "@buildpush/docker";
import "@buildpush/ecr";
import "@buildpush/acr";
import { parseArgs } from "node:util";
import { BuildpushError, formatProblem, sortProblems, translatePipeline, type Problem } from "@buildpush/core";
import { stringify as toYaml } from "yaml";
import { loadConnectors, parseImageOverrides, parseInfrastructure, readInput } from "./inputs.js";
import { exitCodes, processIo, UsageError, type CliIo } from "./io.js";
import { usage } from "./usage.js";

/** Run the CLI with `args` (without node and the script). Returns the exit status; never throws. */
export function main(args: readonly string[], io: CliIo = processIo): number {
  try {
    const [command, ...rest] = args;
    switch (command) {
      case "translate":
        return translateCommand(rest, io);
      case "validate":
        return validateCommand(rest, io);
      case "help":
      case "--help":
      case "-h":
        io.stdout(usage);
        return exitCodes.ok;
      case undefined:
        throw new UsageError("no command given");
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`buildpush: ${(error as Error).message}\n\n${usage}`);
      return exitCodes.usage;
    }
    if (error instanceof BuildpushError) {
      io.stderr(formatProblems(error.problems));
      return exitCodes.problems;
    }
    io.stderr(`buildpush: internal error: ${error instanceof Error ? error.message : String(error)}\nPlease report this with the input that caused it.\n`);
    return exitCodes.internal;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

const pipelineOptions = {
  infra: { type: "string" },
  connectors: { type: "string", multiple: true },
} as const;

function onePipeline(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "no pipeline file given" : `one pipeline file at a time, got ${positionals.length}`);
  return positionals[0]!;
}

function translateCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...pipelineOptions, image: { type: "string", multiple: true }, format: { type: "string", default: "json" } },
  });
  const format = values.format;
  if (format !== "json" && format !== "yaml") throw new UsageError(`--format takes json or yaml, not ${JSON.stringify(format)}`);
  const file = onePipeline(positionals);
  const infrastructure = parseInfrastructure(values.infra);
  const images = parseImageOverrides(values.image ?? []);
  const text = readInput(io, file);
  const problems: Problem[] = [];
  const connectors = loadConnectors(io, values.connectors ?? [], problems);
  let output: ReturnType<typeof translatePipeline> | undefined;
  try {
    output = translatePipeline(text, { file, connectors, images, ...(infrastructure ? { infrastructure } : {}) });
  } catch (error) {
    if (!(error instanceof BuildpushError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || !output) throw new BuildpushError(sortProblems(problems));
  io.stdout(format === "json" ? `${JSON.stringify(output, null, 2)}\n` : toYaml(output));
  return exitCodes.ok;
}

function validateCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: pipelineOptions });
  const file = onePipeline(positionals);
  const infrastructure = parseInfrastructure(values.infra);
  const text = readInput(io, file);
  const problems: Problem[] = [];
  const connectors = loadConnectors(io, values.connectors ?? [], problems);
  let count = 0;
  try {
    count = translatePipeline(text, { file, connectors, ...(infrastructure ? { infrastructure } : {}) }).steps.length;
  } catch (error) {
    if (!(error instanceof BuildpushError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) {
    io.stdout(formatProblems(sortProblems(problems)));
    return exitCodes.problems;
  }
  io.stderr(`${file}: ${count} build-and-push step${count === 1 ? "" : "s"}, no problems\n`);
  return exitCodes.ok;
}

function formatProblems(problems: readonly Problem[]): string {
  return problems.map((problem) => `${problem.position ? "" : "buildpush: "}${formatProblem(problem)}\n`).join("");
}
