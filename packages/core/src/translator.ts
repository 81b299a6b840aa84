import { ConnectorSet, type Connector } from "./connectors/connectors.js";
import { BuildpushError, sortProblems, type Problem } from "./problems/problem.js";
import { resolvePluginImages } from "./backends/plugin/images.js";
import type { ContainerSpec, Infrastructure, TranslatedStep } from "./plan/model.js";
import { resolveBuildahImage } from "./backends/buildah/buildah-backend.js";
import { backendContainer, type BackendChoice } from "./backends/select.js";
import { resolveKanikoImage } from "./backends/kaniko/kaniko-backend.js";
import { planPipeline } from "./plan/plan-pipeline.js";
import { containerName, type StageContext } from "./pipeline/stage.js";
import { planStep } from "./plan/plan-step.js";
import type { SourceMap, YamlLimits } from "./source/yaml-source.js";

export interface TranslateOptions extends BackendChoice {
  /**
   * `kubernetes` (kaniko plugins) or `vm` (drone-docker plugins). For translateStep it is the
   * step's infrastructure (default kubernetes); for translatePipeline it overrides every stage's.
   */
  infrastructure?: Infrastructure;
  /** The connectors steps may name, as parsed connectors or a ConnectorSet. */
  connectors?: ConnectorSet | readonly Connector[];
  /** Plugin image overrides by repository name: `{ "plugins/kaniko-ecr": "registry.internal/kaniko-ecr:1.13.3" }`. */
  images?: Readonly<Record<string, string>>;
  /** The Buildah image for `mode: "buildah"` (default `quay.io/buildah/stable:latest`). */
  buildahImage?: string;
  /** The kaniko executor image for `mode: "kaniko"` (default a maintained fork's image). */
  kanikoImage?: string;
  /** The kaniko executor version whose flags `mode: "kaniko"` may use (default the newest known). */
  executorVersion?: string;
}

export interface TranslateStepOptions extends TranslateOptions {
  /** What the step inherits from its stage: variables, security context, shared paths. */
  stage?: StageContext;
  /** Positions for problems when the step came from a file (paths relative to the step). */
  source?: SourceMap;
  /** The container name; defaults to one made from the identifier. */
  containerName?: string;
}

export interface TranslatePipelineOptions extends TranslateOptions {
  /** The file name problems are reported against. */
  file?: string;
  /**
   * Limits on the pipeline YAML (size, nesting depth, documents, alias expansion); any you leave
   * out keep their defaults (`defaultYamlLimits`, see docs/reliability.md).
   */
  yamlLimits?: Partial<YamlLimits>;
}

export interface PipelineTranslation {
  steps: TranslatedStep[];
}

/** Translate one resolved step into the container Harness would run. Throws BuildpushError. */
export function translateStep(step: unknown, options: TranslateStepOptions = {}): ContainerSpec {
  const images = resolvePluginImages(options.images);
  const backend = backendOptions(options);
  const plan = planStep(step, options);
  return backendContainer(plan, {
    ...backend,
    images,
    ...(options.stage ? { stage: options.stage } : {}),
    ...(options.containerName ? { name: options.containerName } : {}),
  });
}

/**
 * Translate every build-and-push step of a Harness v0 pipeline. Throws one BuildpushError with
 * every problem of every step, sorted by position; never returns a partial translation.
 */
export function translatePipeline(yamlText: string, options: TranslatePipelineOptions = {}): PipelineTranslation {
  const images = resolvePluginImages(options.images);
  const backend = backendOptions(options);
  const planned = planPipeline(yamlText, options);
  const problems: Problem[] = [];
  const steps: TranslatedStep[] = [];
  const namesByStage = new Map<string, Set<string>>();
  for (const { stage, plan, stageContext, position, step, source } of planned) {
    const taken = namesByStage.get(stage) ?? new Set<string>();
    namesByStage.set(stage, taken);
    const name = containerName(plan.identifier, taken);
    try {
      const container = withPositions(source, step, () => backendContainer(plan, { ...backend, images, stage: stageContext, name }));
      steps.push({ stage, identifier: plan.identifier, type: plan.stepType, ...(position ? { position } : {}), timeout: plan.timeout, container });
    } catch (error) {
      if (error instanceof BuildpushError) for (const problem of error.problems) problems.push(problem);
      else throw error;
    }
  }
  if (problems.length > 0) throw new BuildpushError(sortProblems(problems));
  return { steps };
}

/**
 * Backends report problems by field (`spec.connectorRef`) or runtime flag (`PLUGIN_X`), without
 * positions: place them in the file. A flag set in the step's envVariables points there; one
 * from a stage or pipeline variable points at the step.
 */
function withPositions<T>(source: SourceMap, step: Record<string, unknown>, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof BuildpushError)) throw error;
    const envVariables = (step["spec"] as Record<string, unknown> | undefined)?.["envVariables"];
    throw new BuildpushError(
      error.problems.map((problem) => {
        if (problem.position) return problem;
        const field = problem.field ?? "";
        const path = field.startsWith("spec.")
          ? field.split(".")
          : typeof envVariables === "object" && envVariables !== null && Object.prototype.hasOwnProperty.call(envVariables, field)
            ? ["spec", "envVariables", field]
            : [];
        const position = source.locate(path, path.length > 0 && path[1] === "envVariables" ? "key" : "value");
        return position ? { ...problem, position } : problem;
      }),
    );
  }
}

/** The caller's backend choice, with the Buildah image checked. */
function backendOptions(options: TranslateOptions): BackendChoice & { buildahImage?: string; kanikoImage?: string; executorVersion?: string } {
  return {
    ...(options.kanikoImage !== undefined ? { kanikoImage: resolveKanikoImage(options.kanikoImage) } : {}),
    ...(options.executorVersion !== undefined ? { executorVersion: options.executorVersion } : {}),
    ...(options.mode ? { mode: options.mode } : {}),
    ...(options.nonRoot !== undefined ? { nonRoot: options.nonRoot } : {}),
    ...(options.buildahImage !== undefined ? { buildahImage: resolveBuildahImage(options.buildahImage) } : {}),
  };
}

/** Every problem of a pipeline (an empty list when it translates cleanly). */
export function validatePipeline(yamlText: string, options: TranslatePipelineOptions = {}): Problem[] {
  try {
    translatePipeline(yamlText, options);
    return [];
  } catch (error) {
    if (error instanceof BuildpushError) return [...error.problems];
    throw error;
  }
}
