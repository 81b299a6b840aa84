/**
 * @buildpush/core for engines: compose a translator from the step handlers you run, translate
 * pipelines and steps into containers, render them for Kubernetes or docker. Handler and
 * backend authors find their building blocks in `@buildpush/core/handler`.
 * @packageDocumentation
 */
export type { ExpressionValues } from "./plan/resolve-expressions.js";
export { createTranslator, type PipelineCheck, type ValidatePipelineOptions, type PipelineTranslation, type TranslateOptions, type TranslatePipelineOptions, type TranslateStepOptions, type Translator, type TranslatorConfig } from "./translator.js";
export { defaultBackends } from "./backends/default-backends.js";
export type { Backend, BackendInput, BackendOptions, BackendOutcome, PluginStep } from "./backends/backend.js";
export type { LayerCache } from "./backends/layer-cache.js";
export type { BuildAndPushStep, StepHandler, StepOf } from "./plan/step-handler.js";
export type { PlannedStep, PlanPipelineOptions, TemplateFile } from "./plan/plan-pipeline.js";
export type { BuildPlan, BuildSecret, HelperLimitation, Infrastructure, PlanEnv, SecretRef, RegistryCredentials } from "./plan/build-plan.js";
export type { ContainerResources, ResourceQuantities } from "./rules/resources.js";
export type { StepWrapper } from "./spec/step-wrapper.js";
export type { ArtifactOutput, ContainerSpec, DockerConfigFile, PluginArtifact, ProvidedFile, RegistryAuthEntry, TranslatedStage, TranslatedStep, VolumeMount } from "./backends/container-spec.js";
export type { StepGroupContext, StepSemantics } from "./pipeline/step-entries.js";
export { failureErrorTypes, type FailureAction, type FailureErrorType, type FailureStrategy, type StageWhen, type StepWhen } from "./pipeline/step-semantics.js";
export { maxStrategyInstances, type StrategyInstance } from "./pipeline/strategy.js";
export type { CloudRuntime, HostPathType, KubernetesInfrastructure, MachineInfrastructure, StageArch, StageInfrastructure, StageOs, StageVolume, Toleration } from "./pipeline/stage-infrastructure.js";
export type { SecurityContext, StageContext } from "./pipeline/stage.js";
export { completeArtifact } from "./backends/artifact.js";

export { ConnectorSet, connectorsFromValues, parseConnectorFile, type AwsConnector, type AzureConnector, type Connector, type ConnectorScope, type ConnectorType, type DockerRegistryConnector, type GcpConnector } from "./connectors/connectors.js";

export type { Problem, ProblemCode, Severity, SourcePosition } from "./problems/problem.js";
export { problemRules, type ProblemRule, type RuleExample } from "./problems/catalogue.js";
export type { Path, PathSegment } from "./problems/path.js";
export { BuildpushError, isBuildpushError } from "./problems/error.js";
export { formatProblem, sortProblems } from "./problems/format.js";
export { problemLimit } from "./problems/bound.js";
export { defaultYamlLimits, type YamlLimits } from "./source/yaml-source.js";

export * from "./render/index.js";
