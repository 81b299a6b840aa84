import { isBuildpushError } from "@buildpush/core";
import { commands } from "./commands/index.js";
import { formatProblems } from "./commands/shared.js";
import { InputError } from "./inputs.js";
import { exitCodes, processIo, UsageError, type CliIo } from "./io.js";
import { usage } from "./usage.js";

/**
 * Run the CLI with `args` (without node and the script). Returns the exit status, or a promise
 * of it for commands that run processes (`run`); never throws or rejects.
 */
export function main(args: readonly string[], io: CliIo = processIo): number | Promise<number> {
  try {
    const [command, ...rest] = args;
    if (command === "help" || command === "--help" || command === "-h") {
      io.stdout(usage);
      return exitCodes.ok;
    }
    if (command === undefined) throw new UsageError("no command given");
    const run = Object.prototype.hasOwnProperty.call(commands, command) ? commands[command] : undefined;
    if (!run) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    const status = run(rest, io);
    return typeof status === "number" ? status : status.catch((error: unknown) => report(error, io));
  } catch (error) {
    return report(error, io);
  }
}

/** The message and exit status for an error a command raised. */
function report(error: unknown, io: CliIo): number {
  if (error instanceof InputError) {
    io.stderr(`buildpush: ${error.message}\n`);
    return exitCodes.usage;
  }
  if (error instanceof UsageError || isParseArgsError(error)) {
    io.stderr(`buildpush: ${(error as Error).message}\n\n${usage}`);
    return exitCodes.usage;
  }
  if (isBuildpushError(error)) {
    io.stderr(formatProblems(error.problems));
    return exitCodes.problems;
  }
  io.stderr(`buildpush: internal error: ${error instanceof Error ? error.message : String(error)}\nPlease report this with the input that caused it.\n`);
  return exitCodes.internal;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}
