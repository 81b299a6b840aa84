export { BuildpushError, formatProblem, isBuildpushError, sortProblems, quote, asWritten, type Problem, type ProblemCode, type SourcePosition } from "./errors.js";
export { formatPath, type Path, type PathSegment } from "./path.js";
export { parseYamlFile, resolveYamlLimits, scopedSource, defaultYamlLimits, type ParsedYamlDocument, type SourceMap, type YamlLimits } from "./yaml-source.js";
export { ProblemCollector, type ProblemDraft } from "./problems.js";
export { readSpec, isPlainObject, describeType, type FieldDef, type FieldKind, type FieldTable, type ReadSpec, type ResourcesSpec } from "./spec-fields.js";
export { commonFields } from "./common-fields.generated.js";
export { checkSpecSchema, resolvedSpec, type SchemaError, type SchemaRule, type SchemaValidator, type SpecSchema } from "./spec-schema.js";
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
} from "./common-spec.js";
export type { StepWrapper } from "./step-wrapper.js";
export { checkRepository, checkRepositoryField, isValidTag, isValidImageReference, suggestTag, tagRule, repositoryRule, type RepositoryName, type RepositoryCheck } from "./image-reference.js";
export { parseMemory, parseCpu, defaultLimits, defaultRequests, type ContainerResources, type ResourceQuantities } from "./resources.js";
export {
  ConnectorSet,
  connectorsFromValues,
  parseConnectorFile,
  type AwsConnector,
  type AzureConnector,
  type Connector,
  type ConnectorType,
  type DockerRegistryConnector,
} from "./connectors.js";
export type { ArtifactOutput, BuildPlan, ContainerSpec, DockerConfigFile, PluginArtifact, ProvidedFile, RegistryAuthEntry, Infrastructure, PluginVariant, RegistryCredentials, SecretRef, SecurityContext, TranslatedStep, VolumeMount } from "./model.js";
export { defaultPluginImages, resolvePluginImages, pluginImageChoice, type PluginImageName, type PluginImages } from "./images.js";
export { registerStepHandler, stepHandler, registeredStepTypes, type RegistryTarget, type StepHandler, type TargetContext } from "./handler.js";
export { planStep, dockerCredentials, identifierPattern, namePattern, timeoutPattern, envNamePattern, type PlanOptions } from "./step.js";
export { containerName, type StageContext } from "./stage.js";
export { pluginContainer, pluginEnvironment, pluginArtifactFile, dockerHubV1, encodeMap, type PluginContainerOptions } from "./plugin-backend.js";
export { buildAndPushStepTypes, findBuildAndPushSteps, type LocatedStep } from "./pipeline.js";
export { translateStep, translatePipeline, validatePipeline, type PipelineTranslation, type TranslateOptions, type TranslatePipelineOptions, type TranslateStepOptions } from "./translate.js";
export { containsExpression, isRuntimeInput } from "./expressions.js";
export { buildahCommands, buildahTransport, buildahAuthEntries, authFileKey, qualifiedImageName, type BuildahCommandOptions, type BuildahCommands, type BuildahPush, type BuildahTransport } from "./backends/buildah.js";
export { buildahContainer, resolveBuildahImage, defaultBuildahImage, buildahImageUser, buildahScratchDir, buildahAuthFile, commandChainScript, commandChainName, chainArguments, type BuildahContainerOptions } from "./backends/buildah-container.js";
export { backendContainer, backendModes, chooseBackend, type BackendChoice, type BackendContainerOptions, type BackendMode } from "./backends/select.js";
export { planPipeline, type PlannedStep, type PlanPipelineOptions } from "./plan-pipeline.js";
export { pluginArtifactTemplate } from "./backends/artifact.js";
export { completeArtifact, defaultKanikoImage, kanikoContainer, kanikoDigestFile, kanikoDockerConfigPath, kanikoOptionsFromPlan, type KanikoContainerOptions } from "./backends/kaniko.js";
export * from "./render/index.js";
