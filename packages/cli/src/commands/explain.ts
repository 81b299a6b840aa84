import { parseArgs } from "node:util";
import { BuildpushError, sortProblems, type PlannedStep, type Problem } from "@buildpush/core";
import { pluginEnvironment, pluginImageReference, withSecretPlaceholders } from "@buildpush/core/handler";
import { translator } from "../translator.js";
import { argvFromPluginEnv, pluginBugsTriggered, PluginEnvError, type PluginBug } from "@buildpush/kaniko-args";
import { parseInputLimits } from "../input-limits.js";
import { loadConnectors, parseImageOverrides, parseInfrastructure, readInput } from "../inputs.js";
import { exitCodes, UsageError, type CliIo } from "../io.js";
import { collecting, onePipeline, pipelineOptions, printWarnings, remoteContextOption } from "./shared.js";
import { readGivenValues, valueOptions } from "../values.js";

/** What the plugin does with one step: its environment, the executor argv, the bugs it hits. */
export interface StepExplanation {
  stage: string;
  identifier: string;
  type: string;
  position?: { file: string; line: number; column: number };
  image: string;
  env: Record<string, string>;
  secretEnv: Record<string, { ref: string }>;
  /** The kaniko executor argv on Kubernetes; absent on VM, where drone-docker runs docker itself. */
  argv?: string[];
  /** Why the plugin would stop before running the executor. */
  failure?: string;
  bugs: PluginBug[];
}

/**
 * `buildpush explain PIPELINE.yaml`: per step, the PLUGIN_* environment and the argv the kaniko
 * plugin will run, with every plugin bug the step triggers.
 */
export function explainCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...pipelineOptions, ...valueOptions, image: { type: "string", multiple: true }, format: { type: "string", default: "text" } },
  });
  const format = values.format;
  if (format !== "text" && format !== "json") throw new UsageError(`--format takes text or json, not ${JSON.stringify(format)}`);
  const file = onePipeline(positionals);
  const infrastructure = parseInfrastructure(values.infra);
  const images = parseImageOverrides(values.image ?? []);
  // Unknown plugin image names are refused as translate refuses them.
  translator.checkOptions({ mode: "plugin", images });
  const limits = parseInputLimits(values);
  const text = readInput(io, file, limits);
  const problems: Problem[] = [];
  const connectors = loadConnectors(io, values.connectors ?? [], problems, limits);
  const given = readGivenValues(io, values, problems, limits);
  const planned = collecting(problems, () => translator.planPipeline(text, { file, connectors, ...given, values: given.values ?? {}, ...remoteContextOption(values), ...(infrastructure ? { infrastructure } : {}), yamlLimits: limits.yamlLimits }));
  if (problems.length > 0 || !planned) throw new BuildpushError(sortProblems(problems));
  printWarnings(io, planned.flatMap((step) => step.warnings));
  const explanations = planned.map((step) => explainStep(step, images));
  io.stdout(format === "json" ? `${JSON.stringify({ steps: explanations }, null, 2)}\n` : explanations.map(renderText).join("\n"));
  return exitCodes.ok;
}

export function explainStep(step: PlannedStep, images: Readonly<Record<string, string>>): StepExplanation {
  const { stage, plan, plugin, position } = step;
  const { env, secretEnv } = pluginEnvironment(step);
  const explanation: StepExplanation = {
    stage,
    identifier: plan.identifier,
    type: plan.stepType,
    ...(position ? { position } : {}),
    image: pluginImageReference(plugin.images[plan.infrastructure], images),
    env,
    secretEnv,
    bugs: [],
  };
  if (plan.infrastructure !== "kubernetes") return explanation;
  // The plugin reads secrets at run time; their values never change the argv's shape, so a
  // visible placeholder stands in for each (and is what shows if one does reach the argv).
  const pluginEnv = withSecretPlaceholders(env, secretEnv);
  try {
    explanation.argv = argvFromPluginEnv(pluginEnv, plugin.variant);
  } catch (error) {
    if (!(error instanceof PluginEnvError)) throw error;
    explanation.failure = `${error.message} [${error.code}]`;
  }
  explanation.bugs = pluginBugsTriggered(pluginEnv, plugin.variant);
  return explanation;
}

function renderText(step: StepExplanation): string {
  const where = step.position ? `  (${step.position.file}:${step.position.line}:${step.position.column})` : "";
  const lines = [`${step.stage}/${step.identifier}: ${step.type}${where}`, `  image: ${step.image}`, "  environment:"];
  for (const [name, value] of Object.entries(step.env)) lines.push(`    ${name}=${value}`);
  for (const [name, { ref }] of Object.entries(step.secretEnv)) lines.push(`    ${name}=<secret ${ref}>`);
  if (step.failure) lines.push(`  the plugin would fail before building: ${step.failure}`);
  else if (step.argv) {
    lines.push("  the plugin runs /kaniko/executor with (one argument per line):");
    for (const argument of step.argv) lines.push(`    ${JSON.stringify(argument)}`);
  } else lines.push("  on VM infrastructure the drone-docker plugin runs docker itself; there is no kaniko command line");
  if (step.bugs.length > 0) {
    lines.push("  plugin bugs this step triggers:");
    for (const bug of step.bugs) lines.push(`    ! ${bug.id}${bug.variable ? ` (${bug.variable})` : ""}: ${bug.description}`);
  } else if (step.argv) lines.push("  plugin bugs this step triggers: none");
  return `${lines.join("\n")}\n`;
}
