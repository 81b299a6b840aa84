import { parseArgs } from "node:util";
import { isBuildpushError } from "@buildpush/core";
import { argvFromPluginEnv, PluginEnvError, type PluginVariant } from "@buildpush/kaniko-args";
import { readInput } from "../inputs.js";
import { exitCodes, UsageError, type CliIo } from "../io.js";

const variants: readonly PluginVariant[] = ["docker", "ecr", "acr"];

/**
 * `buildpush kaniko-args --variant docker|ecr|acr --env-json FILE`: the argv the kaniko plugin
 * would pass to /kaniko/executor for that environment, as a JSON array, bugs included.
 */
export function kanikoArgsCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { variant: { type: "string" }, "env-json": { type: "string" } } });
  if (positionals.length > 0) throw new UsageError(`kaniko-args takes no positional arguments, got ${JSON.stringify(positionals[0])}`);
  const variant = values.variant;
  if (variant === undefined || !(variants as readonly string[]).includes(variant)) {
    throw new UsageError(`--variant takes ${variants.join(", ")}${variant === undefined ? "" : `, not ${JSON.stringify(variant)}`}`);
  }
  const file = values["env-json"];
  if (file === undefined) throw new UsageError("--env-json FILE is required: a JSON object of PLUGIN_* variables");
  const env = readEnvJson(io, file);
  if (typeof env === "string") {
    io.stderr(`${file}: ${env}\n`);
    return exitCodes.problems;
  }
  try {
    io.stdout(`${JSON.stringify(argvFromPluginEnv(env, variant as PluginVariant))}\n`);
    return exitCodes.ok;
  } catch (error) {
    if (!(error instanceof PluginEnvError)) throw error;
    io.stderr(`${file}: the plugin would fail: ${error.message} [${error.code}]\n`);
    return exitCodes.problems;
  }
}

/** A plugin environment is a few KiB; /dev/zero or an endless pipe as --env-json stops at this. */
const envJsonLimits = { maxBytes: 1024 * 1024, yamlLimits: {} };

/** The environment as a string map, or a sentence saying why the file is not one. */
function readEnvJson(io: CliIo, file: string): Record<string, string> | string {
  let value: unknown;
  try {
    value = JSON.parse(readInput(io, file, envJsonLimits));
  } catch (error) {
    if (error instanceof UsageError || isBuildpushError(error)) throw error;
    return `not JSON: ${(error as Error).message}`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "expected a JSON object of variable names to string values";
  const env: Record<string, string> = {};
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== "string") return `${name} must be a string (environment variables are strings), found ${JSON.stringify(item)}`;
    Object.defineProperty(env, name, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return env;
}
