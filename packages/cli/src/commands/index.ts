import type { CliIo } from "../io.js";
import { runCommand } from "./run.js";
import { dockerArgsCommand } from "./docker-args.js";
import { explainCommand } from "./explain.js";
import { kanikoArgsCommand } from "./kaniko-args.js";
import { translateCommand } from "./translate.js";
import { validateCommand } from "./validate.js";

/** One entry per `buildpush <command>`; each command lives in its own file. */
/** A command returns its exit status; one that runs processes (`run`) returns it when they end. */
export const commands: Record<string, (args: string[], io: CliIo) => number | Promise<number>> = {
  run: runCommand,
  explain: explainCommand,
  "kaniko-args": kanikoArgsCommand,
  "docker-args": dockerArgsCommand,
  translate: translateCommand,
  validate: validateCommand,
};
