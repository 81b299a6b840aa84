import { parseArgs } from "node:util";
import { BuildpushError, sortProblems, type LayerCache, type PlannedStep, type Problem } from "@buildpush/core";
import { pluginEnvironment, pluginImageFor, pluginImageReference, takesBuildxPath, withSecretPlaceholders } from "@buildpush/core/handler";
import { dockerPluginRun } from "@buildpush/docker-args";
import { translator } from "../translator.js";
import { argvFromPluginEnv, pluginBugsTriggered, PluginEnvError } from "@buildpush/kaniko-args";
import { parseInputLimits } from "../input-limits.js";
import { loadConnectors, parseImageOverrides, parseInfrastructure, parseLayerCache, readInput } from "../inputs.js";
import { exitCodes, UsageError, type CliIo } from "../io.js";
import { renderExplanation } from "./explain-text.js";
import type { StepExplanation } from "./explanation.js";
import { collecting, onePipeline, pipelineOptions, printWarnings, remoteContextOption } from "./shared.js";
import { readGivenValues, valueOptions } from "../values.js";

/**
 * `buildpush explain PIPELINE.yaml`: per step, the PLUGIN_* environment and what the plugin
 * runs with it (the kaniko executor's argv on Kubernetes, the docker commands on VMs), with
 * every plugin bug the step triggers.
 */
export function explainCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...pipelineOptions, ...valueOptions, image: { type: "string", multiple: true }, "layer-cache": { type: "string" }, format: { type: "string", default: "text" } },
  });
  const format = values.format;
  if (format !== "text" && format !== "json") throw new UsageError(`--format takes text or json, not ${JSON.stringify(format)}`);
  const file = onePipeline(positionals);
  const infrastructure = parseInfrastructure(values.infra);
  const images = parseImageOverrides(values.image ?? []);
  const layerCache = parseLayerCache(values["layer-cache"]);
  // Unknown plugin image names and a bad layer cache are refused as translate refuses them.
  translator.checkOptions({ mode: "plugin", images, ...(layerCache ? { layerCache } : {}) });
  const limits = parseInputLimits(values);
  const text = readInput(io, file, limits);
  const problems: Problem[] = [];
  const connectors = loadConnectors(io, values.connectors ?? [], problems, limits);
  const given = readGivenValues(io, values, problems, limits);
  const planned = collecting(problems, () => translator.planPipeline(text, { file, connectors, ...given, values: given.values ?? {}, ...remoteContextOption(values), ...(infrastructure ? { infrastructure } : {}), yamlLimits: limits.yamlLimits }));
  if (problems.length > 0 || !planned) throw new BuildpushError(sortProblems(problems));
  printWarnings(io, planned.flatMap((step) => step.warnings));
  const explanations = planned.map((step) => explainStep(step, images, layerCache));
  io.stdout(format === "json" ? `${JSON.stringify({ steps: explanations }, null, 2)}\n` : explanations.map(renderExplanation).join("\n"));
  return exitCodes.ok;
}

export function explainStep(step: PlannedStep, images: Readonly<Record<string, string>>, layerCache?: LayerCache): StepExplanation {
  const { stage, plan, plugin, position } = step;
  const { env, secretEnv } = pluginEnvironment(step, { images, ...(layerCache ? { layerCache } : {}) });
  const kubernetes = plan.infrastructure === "kubernetes";
  const explanation: StepExplanation = {
    stage,
    identifier: plan.identifier,
    type: plan.stepType,
    ...(position ? { position } : {}),
    image: pluginImageReference(pluginImageFor(plan, plugin.images), images),
    plugin: kubernetes ? "kaniko" : takesBuildxPath(plan) && plugin.images.vmBuildx ? "buildx" : "drone-docker",
    env,
    secretEnv,
    bugs: [],
  };
  // The plugin reads secrets at run time; their values never change what it runs, so a visible
  // placeholder stands in for each (and is what shows where one reaches a command line).
  const pluginEnv = withSecretPlaceholders(env, secretEnv);
  if (explanation.plugin === "kaniko") explainKaniko(explanation, pluginEnv, plugin.variant);
  else if (explanation.plugin === "drone-docker") explainDroneDocker(explanation, pluginEnv, plugin.variant);
  return explanation;
}

function explainKaniko(explanation: StepExplanation, pluginEnv: Record<string, string>, variant: PlannedStep["plugin"]["variant"]): void {
  try {
    explanation.argv = argvFromPluginEnv(pluginEnv, variant);
  } catch (error) {
    if (!(error instanceof PluginEnvError)) throw error;
    explanation.failure = `${error.message} [${error.code}]`;
  }
  explanation.bugs = pluginBugsTriggered(pluginEnv, variant);
}

function explainDroneDocker(explanation: StepExplanation, pluginEnv: Record<string, string>, variant: PlannedStep["plugin"]["variant"]): void {
  const run = dockerPluginRun(pluginEnv, variant);
  explanation.daemon = run.daemon;
  explanation.commands = run.commands;
  explanation.buildkitFrom = run.buildkitFrom;
  // An exit 0 stop (auto tag on another branch) is not a failure; its bug says what happens.
  if (run.stop !== undefined && run.exit !== 0) explanation.failure = `${run.stop.message} [${run.stop.code}]`;
  explanation.bugs = run.bugs;
}
