import type { CliIo } from "../io.js";

/** A command returns its exit status; one that runs processes (`run`) returns it when they end. */
export type Command = (args: string[], io: CliIo) => number | Promise<number>;

/**
 * A command whose module loads when it runs: `buildpush translate` never loads `run`'s
 * child-process code, nor `explain` the plugin's bug list (docs/performance.md, CLI start-up).
 */
function onDemand(load: () => Promise<Command>): Command {
  return async (args, io) => (await load())(args, io);
}

/** One entry per `buildpush <command>`; each command lives in its own file. */
export const commands: Record<string, Command> = {
  run: onDemand(async () => (await import("./run.js")).runCommand),
  explain: onDemand(async () => (await import("./explain.js")).explainCommand),
  "kaniko-args": onDemand(async () => (await import("./kaniko-args.js")).kanikoArgsCommand),
  "docker-args": onDemand(async () => (await import("./docker-args.js")).dockerArgsCommand),
  translate: onDemand(async () => (await import("./translate.js")).translateCommand),
  validate: onDemand(async () => (await import("./validate.js")).validateCommand),
};

/**
 * Commands whose work may still be running when they return (`run`'s child processes and the
 * streams copying their output): the bin lets the process end by itself after these, and ends it
 * as soon as the output is written after any other (exit-when-written.ts).
 */
export const leavesWorkRunning: ReadonlySet<string> = new Set(["run"]);
