// The input `kaniko-args` and `docker-args` share: `--variant docker|ecr|acr|gcr|gar --env-json FILE`.

import { parseArgs } from "node:util";
import type { PluginVariant } from "@buildpush/kaniko-args";
import { exitCodes, UsageError, type CliIo } from "../io.js";
import { readEnvJson } from "./env-json.js";

const variants: readonly PluginVariant[] = ["docker", "ecr", "acr", "gcr", "gar"];

export interface PluginEnvInput {
  variant: PluginVariant;
  file: string;
  env: Record<string, string>;
}

/**
 * The variant and the environment of FILE. Throws UsageError for wrong usage (exit 2); for a
 * file that is no JSON object of strings, says why on stderr and returns exit status 1.
 */
export function readPluginEnvInput(command: string, args: string[], io: CliIo): PluginEnvInput | number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { variant: { type: "string" }, "env-json": { type: "string" } } });
  if (positionals.length > 0) throw new UsageError(`${command} takes no positional arguments, got ${JSON.stringify(positionals[0])}`);
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
  return { variant: variant as PluginVariant, file, env };
}
