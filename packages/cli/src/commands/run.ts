import { parseArgs } from "node:util";
import { BuildpushError, sortProblems, type Problem } from "@buildpush/core";
import { checkYamlTokens, inputLimitOptions, parseInputLimits, type InputLimits } from "../input-limits.js";
import { loadConnectors, readInput } from "../inputs.js";
import { exitCodes, type CliIo } from "../io.js";
import { EnvironmentFailure, RunFailure, RunStopped, runPipeline } from "../run/runner.js";
import { parseSecretsFile, secretsFormat } from "../run/secrets.js";
import { terminationMessage, terminationStatus, whileStoppable, type Termination } from "../termination.js";
import { collecting, onePipeline } from "./shared.js";
import { readGivenValues, valueOptions } from "../values.js";

export const defaultArtifactsDir = "buildpush-artifacts";

/** `buildpush run PIPELINE.yaml [--connectors FILE]... [--secrets FILE] [--artifacts DIR] [--storage-driver NAME] [--allow-registry-host HOST]...`: build and push with Buildah here. */
export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      connectors: { type: "string", multiple: true },
      ...valueOptions,
      secrets: { type: "string" },
      artifacts: { type: "string", default: defaultArtifactsDir },
      "storage-driver": { type: "string", default: "vfs" },
      "allow-registry-host": { type: "string", multiple: true },
      ...inputLimitOptions,
    },
  });
  const file = onePipeline(positionals);
  const limits = parseInputLimits(values);
  const text = readInput(io, file, limits);
  const problems: Problem[] = [];
  const connectors = loadConnectors(io, values.connectors ?? [], problems, limits);
  const given = readGivenValues(io, values, problems, limits);
  const secretsFile = values.secrets;
  const secrets = secretsFile === undefined ? new Map<string, string>() : collecting(problems, () => readSecrets(io, secretsFile, limits));
  if (problems.length > 0 || !secrets) throw new BuildpushError(sortProblems(problems));
  // Any terminating signal, or a closed output, stops the builder and removes the login first.
  const stopping = new AbortController();
  let termination: Termination | undefined;
  const release = whileStoppable((received) => {
    termination = received;
    // Said now, not when the builder has ended: stopping can take the builder's grace period.
    const message = terminationMessage(received);
    if (message !== undefined) io.stderr(message);
    stopping.abort();
  });
  try {
    const runs = await runPipeline({
      pipelineText: text,
      pipelineFile: file,
      connectors,
      given,
      yamlLimits: limits.yamlLimits,
      ...(values["allow-registry-host"] ? { allowedRegistryHosts: values["allow-registry-host"] } : {}),
      secrets,
      ...(secretsFile !== undefined ? { secretsSource: secretsFile } : {}),
      workingDir: process.cwd(),
      artifactsDir: values.artifacts,
      // vfs works everywhere (no fuse-overlayfs, no root); a machine whose Buildah storage already uses overlay can say so.
      buildah: { storageDriver: values["storage-driver"] },
      output: io.stdout,
      stop: stopping.signal,
    });
    // Asked to stop as the last step ended: the work is done, but the caller asked and is told.
    if (termination !== undefined) return terminationStatus(termination);
    const pushed = runs.reduce((count, run) => count + run.images.length, 0);
    const ran = runs.filter((run) => run.status !== "skipped").length;
    const skipped = runs.length - ran;
    const failed = runs.filter((run) => run.status === "failed").length;
    const more = `${skipped > 0 ? `, ${skipped} skipped` : ""}${failed > 0 ? `, ${failed} failed and let go by ${failed === 1 ? "its" : "their"} failure strateg${failed === 1 ? "y" : "ies"}` : ""}`;
    io.stderr(`${file}: ${ran} step${ran === 1 ? "" : "s"} run${more}, ${pushed} image${pushed === 1 ? "" : "s"} pushed\n`);
    return exitCodes.ok;
  } catch (error) {
    if (termination !== undefined && (error instanceof RunStopped || error instanceof RunFailure)) return terminationStatus(termination);
    if (!(error instanceof RunFailure)) throw error;
    io.stderr(`buildpush: ${error.message}\n`);
    // The machine, not the pipeline, failed: a refusal when nothing had run yet.
    return error instanceof EnvironmentFailure && !error.builderStarted ? exitCodes.usage : exitCodes.stepFailed;
  } finally {
    release();
  }
}

/** The secrets file, held to the same limits as the pipeline: its size while it is read, a YAML file's tokens before it is parsed. */
function readSecrets(io: CliIo, file: string, limits: InputLimits): Map<string, string> {
  const text = readInput(io, file, limits);
  const tooMany = secretsFormat(file, text) === "yaml" ? checkYamlTokens(text, file, limits) : undefined;
  if (tooMany) throw new BuildpushError([tooMany]);
  return parseSecretsFile(text, file);
}
