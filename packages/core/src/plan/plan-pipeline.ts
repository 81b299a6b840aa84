import { ConnectorSet, type Connector } from "../connectors/connectors.js";
import { BuildpushError, sortProblems, type Problem, type SourcePosition } from "../problems/problem.js";
import type { BuildPlan, Infrastructure } from "./model.js";
import { findBuildAndPushSteps } from "../pipeline/find-steps.js";
import { ProblemCollector } from "../problems/collector.js";
import type { StageContext } from "../pipeline/stage.js";
import { planStep } from "./plan-step.js";
import { defaultYamlLimits, parseYamlFile, scopedSource, type SourceMap, type YamlLimits } from "../source/yaml-source.js";

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
  stageContext: StageContext;
  /** Where the step is written in the pipeline file. */
  position?: SourcePosition;
  /** The step as written, and a SourceMap with paths relative to it, to place later problems. */
  step: Record<string, unknown>;
  source: SourceMap;
}

/**
 * The plan of every build-and-push step of a Harness v0 pipeline, in pipeline order, for
 * callers that run the steps themselves. Throws one BuildpushError with every problem.
 */
export function planPipeline(yamlText: string, options: PlanPipelineOptions = {}): PlannedStep[] {
  const file = options.file ?? "pipeline.yaml";
  const connectors = options.connectors instanceof ConnectorSet ? options.connectors : new ConnectorSet(options.connectors ?? []);
  const documents = parseYamlFile(yamlText, file, options.yamlLimits ?? defaultYamlLimits);
  if (documents.length !== 1) {
    throw new BuildpushError([{ code: "not-a-pipeline", message: `a pipeline file holds one YAML document, found ${documents.length}`, rule: "one pipeline per file", position: { file, line: 1, column: 1 } }]);
  }
  const { value, source } = documents[0]!;
  const collector = new ProblemCollector(source);
  const located = findBuildAndPushSteps(value, collector, options.infrastructure);
  const problems: Problem[] = [...collector.problems];
  const planned: PlannedStep[] = [];
  for (const found of located) {
    try {
      const stepSource = scopedSource(source, found.path)!;
      const plan = planStep(found.step, { infrastructure: found.infrastructure, connectors, stage: found.stage, source: stepSource, ...(options.workspaceRoot !== undefined ? { workspaceRoot: options.workspaceRoot } : {}) });
      const position = source.locate(found.path);
      planned.push({ stage: found.stageIdentifier, plan, stageContext: found.stage, ...(position ? { position } : {}), step: found.step, source: stepSource });
    } catch (error) {
      if (!(error instanceof BuildpushError)) throw error;
      for (const problem of error.problems) problems.push(problem);
    }
  }
  if (problems.length > 0) throw new BuildpushError(sortProblems(problems));
  return planned;
}
