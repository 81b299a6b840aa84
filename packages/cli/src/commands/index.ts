import type { CliIo } from "../io.js";
import { translateCommand } from "./translate.js";
import { validateCommand } from "./validate.js";

/** One entry per `buildpush <command>`; each command lives in its own file. */
export const commands: Record<string, (args: string[], io: CliIo) => number> = {
  translate: translateCommand,
  validate: validateCommand,
};
