import { argvFromPluginEnv, PluginEnvError } from "@buildpush/kaniko-args";
import { exitCodes, type CliIo } from "../io.js";
import { readPluginEnvInput } from "./plugin-env-input.js";

/**
 * `buildpush kaniko-args --variant docker|ecr|acr|gcr|gar --env-json FILE`: the argv the kaniko
 * plugin would pass to /kaniko/executor for that environment, as a JSON array, bugs included.
 * Where the plugin would stop, or (GAR push-only) run no executor, exit 1 with why on stderr.
 */
export function kanikoArgsCommand(args: string[], io: CliIo): number {
  const input = readPluginEnvInput("kaniko-args", args, io);
  if (typeof input === "number") return input;
  try {
    io.stdout(`${JSON.stringify(argvFromPluginEnv(input.env, input.variant))}\n`);
    return exitCodes.ok;
  } catch (error) {
    if (!(error instanceof PluginEnvError)) throw error;
    const outcome = error.code === "push-only" ? "run no executor" : "fail";
    io.stderr(`${input.file}: the plugin would ${outcome}: ${error.message} [${error.code}]\n`);
    return exitCodes.problems;
  }
}
