import { argvFromPluginEnv, PluginEnvError } from "@buildpush/kaniko-args";
import { exitCodes, type CliIo } from "../io.js";
import { readPluginEnvInput } from "./plugin-env-input.js";

/**
 * `buildpush kaniko-args --variant docker|ecr|acr --env-json FILE`: the argv the kaniko plugin
 * would pass to /kaniko/executor for that environment, as a JSON array, bugs included.
 */
export function kanikoArgsCommand(args: string[], io: CliIo): number {
  const input = readPluginEnvInput("kaniko-args", args, io);
  if (typeof input === "number") return input;
  try {
    io.stdout(`${JSON.stringify(argvFromPluginEnv(input.env, input.variant))}\n`);
    return exitCodes.ok;
  } catch (error) {
    if (!(error instanceof PluginEnvError)) throw error;
    io.stderr(`${input.file}: the plugin would fail: ${error.message} [${error.code}]\n`);
    return exitCodes.problems;
  }
}
