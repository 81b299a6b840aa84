/**
 * @buildpush/core/handler: what a step handler (a registry) or a backend (a builder) is made of.
 * Engines need only the root entry point.
 * @packageDocumentation
 */
export type { BuildAndPushStep, ContainerVariables, PluginContext, PluginEncoding, PluginImage, PluginImages, RegistryTarget, StepHandler, StepOf, TargetContext } from "./plan/step-handler.js";
export type { BuildPlan, BuildSecret, HelperLimitation, Infrastructure, PlanEnv, RegistryCredentials, SecretRef } from "./plan/build-plan.js";
export { runtimeFlags, userVariablePath } from "./plan/runtime-flags.js";
export type { Backend, BackendInput, BackendOptions, BackendOutcome, PluginStep } from "./backends/backend.js";
export type { LayerCache } from "./backends/layer-cache.js";
export { buildContainer, containerName, type ContainerParts } from "./backends/container-layout.js";
export type { SortedRecord } from "./backends/sorted-record.js";
export { artifactOutput, artifactWithDigests, pluginArtifactTemplate } from "./backends/artifact.js";
export { authEntry } from "./backends/registry-auth.js";
export { pluginEnvironment, withSecretPlaceholders } from "./backends/plugin/plugin-backend.js";
export { pluginImageReference } from "./backends/plugin/plugin-images.js";
export { pluginImageFor, takesBuildxPath } from "./backends/plugin/buildx-path.js";
export { buildahCommands, buildahSetup, commandsFor, qualifiedImageName, type BuildahCommandOptions, type BuildahCommands, type BuildahPush, type BuildahSetup, type BuildahTransport } from "./backends/buildah/buildah-commands.js";

export { readSpec, type FieldDef, type FieldKind, type FieldTable, type PartialReadSpec, type ReadSpec, type ReadValue } from "./spec/read-spec.js";
export type { SchemaError, SchemaRule, SchemaValidator, SpecSchema } from "./spec/spec-schema.js";
export type * from "./spec/common-spec.js";
export type { StepWrapper } from "./spec/step-wrapper.js";

export { ProblemCollector, type Finding, type ProblemDraft, type ScalarText } from "./problems/collector.js";
export { toProblems, type PositionSource } from "./problems/locate.js";
export { asWritten, quote } from "./problems/format.js";
export { checkRepositoryField, type RepositoryName } from "./rules/image-reference.js";
export { containersAuthKey, dockerConfigKey, harnessDockerHubV1, isDockerHub, registryHost } from "./rules/docker-hub.js";
export { timeoutMilliseconds } from "./rules/durations.js";
export { hostAllowed } from "./rules/registry-hosts.js";
export { dockerCredentials } from "./connectors/credentials.js";
export type { AwsConnector, AzureConnector, Connector, DockerRegistryConnector, GcpConnector } from "./connectors/connectors.js";
