import type { Connector, ConnectorScope, ConnectorSet } from "./connectors/connectors.js";
import type { Backend, BackendOptions } from "./backends/backend.js";
import { containerName } from "./backends/container-layout.js";
import type { ContainerSpec, TranslatedStage, TranslatedStep } from "./backends/container-spec.js";
import { defaultBackends } from "./backends/default-backends.js";
import type { Finding } from "./problems/collector.js";
import { boundProblems } from "./problems/bound.js";
import { BuildpushError, isBuildpushError } from "./problems/error.js";
import { errorsOf, sortProblems, warningsOf } from "./problems/format.js";
import { toProblems } from "./problems/locate.js";
import type { Problem } from "./problems/problem.js";
import type { BuildPlan, Infrastructure } from "./plan/build-plan.js";
import { planPipelineProblems, type PlannedStep, type PlanPipelineOptions, type TemplateFile } from "./plan/plan-pipeline.js";
import { planStepFindings, type StepPlanning } from "./plan/plan-step.js";
import { semanticFields, translatedStages } from "./plan/translated-stages.js";
import type { StepHandler, StepOf } from "./plan/step-handler.js";
import type { StageContext } from "./pipeline/stage.js";
import type { SourceMap, YamlLimits } from "./source/yaml-source.js";
import type { ExpressionValues } from "./plan/resolve-expressions.js";
import { optionProblems, type OptionsOf } from "./translator-options.js";

export interface TranslateOptions extends BackendOptions {
  /**
   * `kubernetes` (kaniko plugins) or `vm` (drone-docker plugins). For translateStep it is the
   * step's infrastructure (default kubernetes); for translatePipeline it overrides every stage's.
   */
  infrastructure?: Infrastructure;
  /** The connectors steps may name, as parsed connectors or a ConnectorSet. */
  connectors?: ConnectorSet | readonly Connector[];
  /** The backend that builds: a name of the translator's backends (default `plugin`, or `buildah` with `nonRoot`). */
  mode?: string;
  /** The caller asks for a build that does not run as root: kaniko cannot, Buildah can. */
  nonRoot?: boolean;
  /**
   * Let dockerfile and context (and PLUGIN_DOCKERFILE, PLUGIN_CONTEXT) name a remote source
   * (`s3://`, `gs://`, `git://`, `https://`, `tar://`, …); refused by default, since the build
   * then reads from outside the workspace. `dir://PATH` stays inside the workspace either way.
   */
  allowRemoteContext?: boolean;
  /**
   * Registry hosts a step may push to although its step type's registry service does not own
   * them: an ACR repository must otherwise name an Azure registry (`*.azurecr.io`, `*.azurecr.cn`,
   * `*.azurecr.us`), since the ACR plugin sends the Azure AD token to that host. Exact hosts,
   * or `*.example.com` for every host under a domain.
   */
  allowedRegistryHosts?: readonly string[];
}

export interface TranslateStepOptions extends TranslateOptions {
  /**
   * The organization and project the step's pipeline lives in: a bare connectorRef names that
   * project's connector, `org.x` that organization's, `account.x` the account's (Harness's
   * scopes). translatePipeline reads them from the pipeline document.
   */
  scope?: ConnectorScope;
  /** What the step inherits from its stage: variables, security context, shared paths. */
  stage?: StageContext;
  /** Positions for problems when the step came from a file (paths relative to the step). */
  source?: SourceMap;
  /** The container name; defaults to one made from the identifier. */
  containerName?: string;
  /** The directory dockerfile and context must stay inside (default `/harness`; `null` for a local run). */
  workspaceRoot?: string | null;
}

export interface TranslatePipelineOptions extends TranslateOptions {
  /** The file name problems are reported against. */
  file?: string;
  /**
   * Limits on the pipeline YAML (size, nesting depth, documents, alias expansion); any you leave
   * out keep their defaults (`defaultYamlLimits`, see docs/reliability.md).
   */
  yamlLimits?: Partial<YamlLimits>;
  /** The directory dockerfile and context must stay inside (default `/harness`; `null` for a local run). */
  workspaceRoot?: string | null;
  /**
   * Values for the pipeline's expressions by body (`{"pipeline.sequenceId": "42"}`), or a function
   * from body to value. `<+secrets.getValue("name")>` needs none: it becomes the secret reference
   * `name`. With values given, what is still unresolved is one problem naming every missing expression.
   */
  values?: ExpressionValues;
  /** A Harness input set (YAML text) filling the pipeline's `<+input>` fields. */
  inputSet?: string;
  /** The input set's file name, for problem positions. */
  inputSetFile?: string;
  /** Harness template files (Step, StepGroup, Stage templates) that template uses expand from; without them a use is a warning. */
  templates?: readonly TemplateFile[];
}

/** How to validate: as `translatePipeline` would translate, or the file as its author wrote it. */
export interface ValidatePipelineOptions extends TranslatePipelineOptions {
  /**
   * Check the file as written (what `buildpush validate` does): an expression is a value whose
   * literal text is still checked (`v<+pipeline.sequenceId>` is a fine tag, `feature/<+codebase.branch>`
   * is not), a field that is wholly an expression fits any type, `<+input>` modifiers have their
   * values checked; every other check runs.
   */
  asWritten?: boolean;
}

/** What validating a pipeline found: how many build-and-push steps, and every problem. */
export interface PipelineCheck {
  steps: number;
  problems: Problem[];
}

export interface PipelineTranslation {
  /** Each stage with translated steps, in pipeline order, with its infrastructure: the renderings apply it to its Pod and Jobs. */
  stages: TranslatedStage[];
  steps: TranslatedStep[];
  /** What Harness accepts but will not do what the author expects, sorted by position (the steps are translated all the same). */
  warnings: Problem[];
}

/** What `createTranslator` composes: the step types and the builders of one engine. */
export interface TranslatorConfig<H extends StepHandler> {
  /** One handler per step type, e.g. `[dockerRegistryHandler, ecrHandler, acrHandler]`. */
  handlers: readonly H[];
  /** The builders `mode` chooses from, by name; default `defaultBackends` (plugin, kaniko, buildah). */
  backends?: Readonly<Record<string, Backend>>;
}

/** Translation for the step types one engine composed. Every function throws a BuildpushError holding every problem, never a partial result. */
export interface Translator<H extends StepHandler = StepHandler> {
  /** The step types this translator translates, sorted. */
  readonly stepTypes: readonly H["type"][];
  /** The backend names `mode` takes. */
  readonly modes: readonly string[];
  readonly handlers: readonly H[];
  /** Translate one step into the container that builds and pushes it. */
  translateStep(step: StepOf<H>, options?: TranslateStepOptions): ContainerSpec;
  /** Check one step and return its neutral BuildPlan. */
  planStep(step: StepOf<H>, options?: Omit<TranslateStepOptions, keyof BackendOptions | "mode" | "nonRoot" | "containerName">): BuildPlan;
  /** Translate every build-and-push step of a Harness v0 pipeline, in pipeline order; problems sorted by position. */
  translatePipeline(yamlText: string, options?: TranslatePipelineOptions): PipelineTranslation;
  /** Throws when a call's backend options are wrong (an unknown mode, plugin image name or a bad image reference). */
  checkOptions(options: TranslateOptions): void;
  /** Every problem of a pipeline, errors and warnings (each says its `severity`); an empty list when it translates cleanly. */
  validatePipeline(yamlText: string, options?: ValidatePipelineOptions): Problem[];
  /** `validatePipeline` with the number of build-and-push steps checked. */
  checkPipeline(yamlText: string, options?: ValidatePipelineOptions): PipelineCheck;
  /** The plan of every build-and-push step, for callers that run the steps themselves. */
  planPipeline(yamlText: string, options?: PlanPipelineOptions): PlannedStep[];
}

/**
 * A translator for the given step handlers and backends: the one place an engine composes
 * buildpush. Nothing is registered globally, so any number of translators (and copies of
 * core) live side by side.
 */
export function createTranslator<const H extends StepHandler>(config: TranslatorConfig<H>): Translator<H> {
  const handlers = new Map<string, StepHandler>();
  for (const handler of config.handlers) {
    if (handlers.has(handler.type)) throw new BuildpushError([{ code: "invalid-option", message: `two handlers for step type ${JSON.stringify(handler.type)}`, path: ["handlers"], field: "handlers", rule: "createTranslator takes one handler per step type" }]);
    handlers.set(handler.type, handler);
  }
  const backends: Readonly<Record<string, Backend>> = config.backends ?? defaultBackends;
  const modes = Object.keys(backends);

  // The built-in backends read only the documented options; backends of the caller's own may read more.
  const openOptions = config.backends !== undefined && config.backends !== defaultBackends;
  const checked = (options: unknown, of: OptionsOf): void => {
    const problems = optionProblems(options, of, openOptions);
    if (problems.length > 0) throw new BuildpushError(problems);
  };

  /** The backend a call asks for, and every problem with its options. */
  function backendFor(options: TranslateOptions): { backend?: Backend; problems: Problem[] } {
    const mode = options.mode ?? (options.nonRoot ? "buildah" : "plugin");
    const backend = Object.prototype.hasOwnProperty.call(backends, mode) ? backends[mode] : undefined;
    if (!backend) return { problems: [{ code: "invalid-option", message: `unknown mode ${JSON.stringify(mode)}`, path: ["mode"], field: "mode", value: mode, rule: `mode is one of ${modes.join(", ")}` }] };
    return { backend, problems: toProblems(backend.checkOptions?.(options, config.handlers) ?? []) };
  }

  function containerOf(backend: Backend, planning: StepPlanning, stage: StageContext, name: string, options: TranslateOptions): { container?: ContainerSpec; findings: Finding[] } {
    const outcome = backend.container({ ...planning, stage, name }, options);
    // A backend's warnings travel with the step's other problems; translateStep returns the container alone.
    return outcome.ok ? { container: outcome.container, findings: outcome.warnings ?? [] } : { findings: outcome.findings };
  }

  function planStepOrThrow(step: unknown, options: TranslateStepOptions): StepPlanning {
    const { planning, findings } = planStepFindings(step, handlers, options);
    if (!planning) throw new BuildpushError(sortProblems(toProblems(findings, options.source)));
    return planning;
  }

  function translatePipelineProblems(yamlText: string, options: ValidatePipelineOptions): { stages: TranslatedStage[]; steps: TranslatedStep[]; problems: Problem[] } {
    checked(options, "pipeline");
    const { backend, problems } = backendFor(options);
    if (!backend || problems.length > 0) return { stages: [], steps: [], problems };
    const planned = planPipelineProblems(yamlText, handlers, options);
    const steps: TranslatedStep[] = [];
    const namesByStage = new Map<string, Set<string>>();
    for (const step of planned.planned) {
      const taken = namesByStage.get(step.stage) ?? new Set<string>();
      namesByStage.set(step.stage, taken);
      const { container, findings } = containerOf(backend, step, step.stageContext, containerName(step.plan.identifier, taken), options);
      for (const problem of toProblems(findings, step.source)) planned.problems.push(problem);
      if (container) steps.push({ stage: step.stage, identifier: step.plan.identifier, type: step.plan.stepType, ...(step.position ? { position: step.position } : {}), timeout: step.plan.timeout, ...semanticFields(step.semantics), container });
    }
    return { stages: translatedStages(planned.planned), steps, problems: sortProblems(planned.problems) };
  }

  function checkPipeline(yamlText: string, options: ValidatePipelineOptions): PipelineCheck {
    try {
      const { steps, problems } = translatePipelineProblems(yamlText, options);
      return { steps: steps.length, problems: boundProblems(problems).map((problem) => (problem.severity ? problem : { ...problem, severity: "error" as const })) };
    } catch (error) {
      // Unreadable YAML and duplicate connectors stop planning before any step: still a list of problems here.
      if (isBuildpushError(error)) return { steps: 0, problems: [...error.problems] };
      throw error;
    }
  }

  return {
    stepTypes: [...handlers.keys()].sort() as H["type"][],
    modes,
    handlers: config.handlers,
    translateStep(step, options = {}) {
      checked(options, "step");
      const { backend, problems } = backendFor(options);
      if (!backend || problems.length > 0) throw new BuildpushError(problems);
      const planning = planStepOrThrow(step, options);
      const { container, findings } = containerOf(backend, planning, options.stage ?? {}, options.containerName ?? containerName(planning.plan.identifier), options);
      if (!container) throw new BuildpushError(toProblems(findings, options.source));
      return container;
    },
    checkOptions(options) {
      checked(options, "common");
      const { problems } = backendFor(options);
      if (problems.length > 0) throw new BuildpushError(problems);
    },
    planStep(step, options = {}) {
      checked(options, "plan-step");
      return planStepOrThrow(step, options).plan;
    },
    translatePipeline(yamlText, options = {}) {
      const { stages, steps, problems } = translatePipelineProblems(yamlText, options);
      if (errorsOf(problems).length > 0) throw new BuildpushError(problems);
      return { stages, steps, warnings: warningsOf(problems) };
    },
    validatePipeline(yamlText, options = {}) {
      return checkPipeline(yamlText, options).problems;
    },
    checkPipeline(yamlText, options = {}) {
      return checkPipeline(yamlText, options);
    },
    planPipeline(yamlText, options = {}) {
      checked(options, "plan-pipeline");
      const { planned, problems } = planPipelineProblems(yamlText, handlers, options);
      if (errorsOf(problems).length > 0) throw new BuildpushError(sortProblems(problems));
      return planned;
    },
  };
}
