export { BuildpushError, formatProblem, isBuildpushError, sortProblems, quote, asWritten, type Problem, type ProblemCode, type SourcePosition } from "./problems/problem.js";
export { formatPath, type Path, type PathSegment } from "./problems/path.js";
export { parseYamlFile, resolveYamlLimits, scopedSource, defaultYamlLimits, type ParsedYamlDocument, type SourceMap, type YamlLimits } from "./source/yaml-source.js";
export { ProblemCollector, type ProblemDraft } from "./problems/collector.js";
export { readSpec, isPlainObject, describeType, type FieldDef, type FieldKind, type FieldTable, type ReadSpec, type ResourcesSpec } from "./spec/read-spec.js";
export { commonFields } from "./spec/common-fields.generated.js";
export { checkSpecSchema, resolvedSpec, type SchemaError, type SchemaRule, type SchemaValidator, type SpecSchema } from "./spec/spec-schema.js";
export type {
  BaseImageConnectorRefsField,
  BuildArgsField,
  CacheFromField,
  CacheToField,
  CachingField,
  CommonSpec,
  ContextField,
  DockerfileField,
  EnvVariablesField,
  LabelsField,
  OptimizeField,
  ResourceLimits,
  ResourcesField,
  RunAsUserField,
  TagsField,
  TargetField,
} from "./spec/common-spec.js";
export type { StepWrapper } from "./spec/step-wrapper.js";
export { checkRepository, checkRepositoryField, isValidTag, isValidImageReference, suggestTag, tagRule, repositoryRule, type RepositoryName, type RepositoryCheck } from "./rules/image-reference.js";
export { parseMemory, parseCpu, defaultLimits, defaultRequests, type ContainerResources, type ResourceQuantities } from "./rules/resources.js";
export {
  ConnectorSet,
  connectorsFromValues,
  parseConnectorFile,
  type AwsConnector,
  type AzureConnector,
  type Connector,
  type ConnectorType,
  type DockerRegistryConnector,
} from "./connectors/connectors.js";
export type { ArtifactOutput, BuildPlan, ContainerSpec, DockerConfigFile, PluginArtifact, ProvidedFile, RegistryAuthEntry, Infrastructure, PluginVariant, RegistryCredentials, SecretRef, SecurityContext, TranslatedStep, VolumeMount } from "./plan/model.js";
export { defaultPluginImages, resolvePluginImages, pluginImageChoice, type PluginImageName, type PluginImages } from "./backends/plugin/images.js";
export { registerStepHandler, stepHandler, registeredStepTypes, type RegistryTarget, type StepHandler, type TargetContext } from "./plan/step-handler.js";
export { planStep, dockerCredentials, identifierPattern, namePattern, timeoutPattern, envNamePattern, type PlanOptions } from "./plan/plan-step.js";
export { containerName, type StageContext } from "./pipeline/stage.js";
export { pluginContainer, pluginEnvironment, pluginArtifactFile, dockerHubV1, encodeMap, type PluginContainerOptions } from "./backends/plugin/plugin-backend.js";
export { buildAndPushStepTypes, findBuildAndPushSteps, type LocatedStep } from "./pipeline/find-steps.js";
export { translateStep, translatePipeline, validatePipeline, type PipelineTranslation, type TranslateOptions, type TranslatePipelineOptions, type TranslateStepOptions } from "./translator.js";
export { containsExpression, isRuntimeInput } from "./source/expressions.js";
export { buildahCommands, buildahTransport, buildahAuthEntries, authFileKey, qualifiedImageName, type BuildahCommandOptions, type BuildahCommands, type BuildahPush, type BuildahTransport } from "./backends/buildah/buildah-commands.js";
export { buildahContainer, resolveBuildahImage, defaultBuildahImage, buildahImageUser, buildahScratchDir, buildahAuthFile, commandChainScript, commandChainName, chainArguments, type BuildahContainerOptions } from "./backends/buildah/buildah-backend.js";
export { backendContainer, backendModes, chooseBackend, type BackendChoice, type BackendContainerOptions, type BackendMode } from "./backends/select.js";
export { planPipeline, type PlannedStep, type PlanPipelineOptions } from "./plan/plan-pipeline.js";
export { pluginArtifactTemplate } from "./backends/artifact.js";
export { completeArtifact, defaultKanikoImage, kanikoContainer, kanikoDigestFile, kanikoDockerConfigPath, kanikoOptionsFromPlan, type KanikoContainerOptions } from "./backends/kaniko/kaniko-backend.js";
export * from "./render/index.js";
