import { dockerPluginRun } from "@buildpush/docker-args";
import { exitCodes, type CliIo } from "../io.js";
import { readPluginEnvInput } from "./plugin-env-input.js";

/**
 * `buildpush docker-args --variant docker|ecr|acr --env-json FILE`: what the drone-docker
 * plugin (VM infrastructure) runs for that environment, as one JSON object
 * `{"exit": N, "daemon": [argv...] | null, "commands": [[argv...], ...]}`, printed whether the
 * plugin would succeed or not. Exit status 0 when the plugin would exit 0, else 1; why it
 * stops goes to stderr.
 */
export function dockerArgsCommand(args: string[], io: CliIo): number {
  const input = readPluginEnvInput("docker-args", args, io);
  if (typeof input === "number") return input;
  const run = dockerPluginRun(input.env, input.variant);
  io.stdout(`${JSON.stringify({ exit: run.exit, daemon: run.daemon, commands: run.commands })}\n`);
  if (run.stop !== undefined) {
    const outcome = run.exit === 0 ? "exit 0 without building" : "fail";
    io.stderr(`${input.file}: the plugin would ${outcome}: ${run.stop.message} [${run.stop.code}]\n`);
  }
  return run.exit === 0 ? exitCodes.ok : exitCodes.problems;
}
