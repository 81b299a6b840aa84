import { parseArgs } from "node:util";
import { BuildpushError, sortProblems, type Problem } from "@buildpush/core";
import { translator } from "../translator.js";
import { yamlText } from "./yaml-text.js";
import { parseInputLimits } from "../input-limits.js";
import { loadConnectors, parseImageOverrides, parseInfrastructure, parseLayerCache, readInput } from "../inputs.js";
import { exitCodes, UsageError, type CliIo } from "../io.js";
import { checkRenderOptions, isRenderFormat, renderOptions, renderSteps } from "./render-output.js";
import { collecting, onePipeline, pipelineOptions, printWarnings, remoteContextOption } from "./shared.js";
import { readGivenValues, valueOptions } from "../values.js";

export function translateCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...pipelineOptions,
      ...valueOptions,
      image: { type: "string", multiple: true },
      format: { type: "string", default: "json" },
      mode: { type: "string" },
      "non-root": { type: "boolean" },
      "buildah-image": { type: "string" },
      "kaniko-image": { type: "string" },
      "executor-version": { type: "string" },
      "docker-image": { type: "string" },
      "buildkit-image": { type: "string" },
      "layer-cache": { type: "string" },
      ...renderOptions,
    },
  });
  const format = values.format;
  if (format !== "json" && format !== "yaml" && !isRenderFormat(format)) throw new UsageError(`--format takes json or yaml (the containers), or kubernetes or docker (what an engine runs), not ${JSON.stringify(format)}`);
  checkRenderOptions(format, values);
  const file = onePipeline(positionals);
  const infrastructure = parseInfrastructure(values.infra);
  const images = parseImageOverrides(values.image ?? []);
  const mode = parseMode(values.mode);
  const layerCache = parseLayerCache(values["layer-cache"]);
  const backend = {
    ...(mode ? { mode } : {}),
    ...(values["non-root"] ? { nonRoot: true } : {}),
    ...(values["buildah-image"] !== undefined ? { buildahImage: values["buildah-image"] } : {}),
    ...(values["kaniko-image"] !== undefined ? { kanikoImage: values["kaniko-image"] } : {}),
    ...(values["executor-version"] !== undefined ? { executorVersion: values["executor-version"] } : {}),
    ...(values["docker-image"] !== undefined ? { dockerImage: values["docker-image"] } : {}),
    ...(values["buildkit-image"] !== undefined ? { buildkitImage: values["buildkit-image"] } : {}),
    ...(layerCache ? { layerCache } : {}),
  };
  const limits = parseInputLimits(values);
  const text = readInput(io, file, limits);
  const problems: Problem[] = [];
  const connectors = loadConnectors(io, values.connectors ?? [], problems, limits);
  const given = readGivenValues(io, values, problems, limits);
  const output = collecting(problems, () => translator.translatePipeline(text, { file, connectors, images, ...backend, ...given, values: given.values ?? {}, ...remoteContextOption(values), ...(infrastructure ? { infrastructure } : {}), yamlLimits: limits.yamlLimits }));
  if (problems.length > 0 || !output) throw new BuildpushError(sortProblems(problems));
  printWarnings(io, output.warnings);
  const containers = { stages: output.stages, steps: output.steps };
  if (isRenderFormat(format)) io.stdout(renderSteps(format, output, values));
  else io.stdout(format === "json" ? `${JSON.stringify(containers, null, 2)}\n` : yamlText(containers));
  return exitCodes.ok;
}

/** `--mode NAME`: one of the translator's backends. */
function parseMode(value: string | undefined): string | undefined {
  if (value === undefined || translator.modes.includes(value)) return value;
  throw new UsageError(`--mode takes ${translator.modes.join(" or ")}, not ${JSON.stringify(value)}`);
}
