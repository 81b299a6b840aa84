import { toConnectorSet, type Connector, type ConnectorSet } from "../connectors/connectors.js";
import { ProblemCollector } from "../problems/collector.js";
import { toProblems } from "../problems/locate.js";
import type { Problem, SourcePosition } from "../problems/problem.js";
import { findBuildAndPushSteps } from "../pipeline/find-steps.js";
import type { StageContext } from "../pipeline/stage.js";
import type { StepSemantics } from "../pipeline/step-entries.js";
import { defaultYamlLimits, parseYamlFile, scopedSource, type SourceMap, type YamlLimits } from "../source/yaml-source.js";
import type { PluginStep } from "../backends/backend.js";
import type { BuildPlan, Infrastructure } from "./build-plan.js";
import { planStepFindings } from "./plan-step.js";
import { duplicateIdentifierFindings } from "./duplicate-identifiers.js";
import { duplicatePushWarnings } from "./duplicate-pushes.js";
import { harnessImageRegistry } from "./harness-image-registry.js";
import type { StepHandler } from "./step-handler.js";

export interface PlanPipelineOptions {
  /** The file name problems are reported against. */
  file?: string;
  /** Overrides every stage's infrastructure. */
  infrastructure?: Infrastructure;
  connectors?: ConnectorSet | readonly Connector[];
  /** The directory dockerfile and context must stay inside (default `/harness`; `null` for a local run). See PlanOptions. */
  workspaceRoot?: string | null;
  /** Limits on the pipeline YAML; any left out keep their defaults (`defaultYamlLimits`). */
  yamlLimits?: Partial<YamlLimits>;
}

/** A build-and-push step of a pipeline with its plan and what it inherits from its stage. */
export interface PlannedStep {
  stage: string;
  plan: BuildPlan;
  /** The step type's plugin encoding of this step: what the plugin backend (and `explain`) read. */
  plugin: PluginStep;
  stageContext: StageContext;
  /** Where the step is written in the pipeline file. */
  position?: SourcePosition;
  /** A SourceMap with paths relative to the step, to place later problems (a backend's). */
  source: SourceMap;
  /** Its when, failure strategies, strategy instance and the step groups around it. */
  semantics: StepSemantics;
  /** The step's warnings: what Harness runs but will not do what its author expects (another step's push of the same tag). */
  warnings: Problem[];
}

/**
 * The plan of every build-and-push step of a Harness v0 pipeline, in pipeline order, and every
 * problem of every step, sorted by position in the caller's order of finding them.
 */
export function planPipelineProblems(yamlText: string, handlers: ReadonlyMap<string, StepHandler>, options: PlanPipelineOptions = {}): { planned: PlannedStep[]; problems: Problem[] } {
  const file = options.file ?? "pipeline.yaml";
  const connectors = toConnectorSet(options.connectors);
  const documents = parseYamlFile(yamlText, file, options.yamlLimits ?? defaultYamlLimits);
  if (documents.length !== 1) {
    return { planned: [], problems: [{ code: "not-a-pipeline", message: `a pipeline file holds one YAML document, found ${documents.length}`, rule: "one pipeline per file", position: { file, line: 1, column: 1 } }] };
  }
  const { value, source } = documents[0]!;
  const collector = new ProblemCollector(source);
  const located = findBuildAndPushSteps(value, new Set(handlers.keys()), collector, options.infrastructure);
  collector.addAll(duplicateIdentifierFindings(value, (path) => source.locate(path)));
  const imageRegistriesRead = new Set<StageContext>();
  for (const found of located) {
    const infrastructure = found.stage.infrastructure;
    const ref = infrastructure && "harnessImageConnectorRef" in infrastructure ? infrastructure.harnessImageConnectorRef : undefined;
    if (ref === undefined || imageRegistriesRead.has(found.stage)) continue;
    imageRegistriesRead.add(found.stage);
    const where = infrastructure!.type === "VM" ? ["infrastructure", "spec", "spec"] : infrastructure!.type === "Docker" ? ["runtime", "spec"] : ["infrastructure", "spec"];
    const registry = harnessImageRegistry(ref, connectors, [...found.path.slice(0, found.path.indexOf("stage") + 1), "spec", ...where, "harnessImageConnectorRef"], collector);
    if (registry === undefined) continue;
    found.stage.harnessImageRegistry = registry.registry;
    if (registry.login) found.stage.harnessImageLogin = registry.login;
  }
  const problems: Problem[] = toProblems(collector.findings, source);
  const planned: PlannedStep[] = [];
  for (const found of located) {
    const stepSource = scopedSource(source, found.path)!;
    const { planning, findings } = planStepFindings(found.step, handlers, {
      infrastructure: found.infrastructure,
      connectors,
      stage: found.stage,
      source: stepSource,
      ...(options.workspaceRoot !== undefined ? { workspaceRoot: options.workspaceRoot } : {}),
    });
    for (const problem of toProblems(findings, stepSource)) problems.push(problem);
    if (!planning) continue;
    const position = source.locate(found.path);
    planned.push({ stage: found.stageIdentifier, ...planning, stageContext: found.stage, ...(position ? { position } : {}), source: stepSource, semantics: found.semantics, warnings: [] });
  }
  for (const [step, warnings] of duplicatePushWarnings(planned)) {
    step.warnings.push(...warnings);
    problems.push(...warnings);
  }
  return { planned, problems };
}
