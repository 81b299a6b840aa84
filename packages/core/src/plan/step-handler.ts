import type { PluginVariant } from "@buildpush/kaniko-args";
import type { Connector } from "../connectors/connectors.js";
import type { ProblemCollector } from "../problems/collector.js";
import type { Path } from "../problems/path.js";
import type { CommonSpec } from "../spec/common-spec.js";
import type { FieldTable, ReadSpec } from "../spec/read-spec.js";
import type { SpecSchema } from "../spec/spec-schema.js";
import type { StepWrapper } from "../spec/step-wrapper.js";
import type { BuildPlan, Infrastructure, RegistryCredentials, SecretRef } from "./build-plan.js";

/** What a handler is given to work out where its step pushes. */
export interface TargetContext<Spec extends CommonSpec = CommonSpec, C extends Connector = Connector> {
  /** The step's spec as read against the handler's field table: required fields are present. */
  spec: ReadSpec<Spec>;
  connector: C;
  infrastructure: Infrastructure;
  /** Where the handler reports problems; paths are relative to the step (`[...specPath, "region"]`). */
  collector: ProblemCollector;
  /** Path of the spec inside the step. */
  specPath: Path;
  identifier: string;
  stepType: string;
  /**
   * Registry hosts the caller lets a step push to although its registry service does not own
   * them (`allowedRegistryHosts`): an ACR step refuses any host but Azure's own unless it is
   * here. Exact hosts, or `*.suffix` for every host under a domain.
   */
  allowedRegistryHosts: readonly string[];
}

/** Where a step pushes and with which credentials: the step type's part of a BuildPlan. */
export interface RegistryTarget {
  /** The full image name without tag. */
  image: string;
  /** The registry as the plugin's artifact file names it: `url` and `type` (`Docker`, `ECR`). */
  registry: { url: string; type: string };
  remoteCache?: { asWritten: string; image: string };
  pushCredentials: RegistryCredentials;
}

/** Environment variables of a container: plain values, and secrets by reference. */
export interface ContainerVariables {
  env: Record<string, string>;
  secretEnv: Record<string, SecretRef>;
}

/** A plugin image Harness runs: its repository name (the key of an override) and default reference. */
export interface PluginImage {
  name: string;
  reference: string;
  /** The plugin's entrypoint, set as the container command where Harness sets it (Kubernetes). */
  entrypoint?: string;
}

/**
 * The plugin images of a step type. `vmBuildx` runs on VM infrastructure when the step takes
 * Harness's buildx path (`caching`, `cacheFrom` or `cacheTo` set): drone-docker has no buildx,
 * and would pull each cache source as an image and ignore the cache destination.
 */
export interface PluginImages {
  kubernetes: PluginImage;
  vm: PluginImage;
  vmBuildx?: PluginImage;
}

/** What the plugin encoding of a step is computed from. */
export interface PluginContext<Spec extends CommonSpec = CommonSpec, C extends Connector = Connector> {
  spec: ReadSpec<Spec>;
  connector: C;
  plan: BuildPlan;
}

/**
 * How Harness runs a step type: which plugin images, and the PLUGIN_* variables only this step
 * type sets (registry, repository, credentials). Only the plugin backend reads it; the shared
 * variables (tags, dockerfile, build args, cache...) it makes from the plan.
 */
export interface PluginEncoding<Spec extends CommonSpec = CommonSpec, C extends Connector = Connector> {
  /** The plugin binary that reads the environment (kaniko-args and explain use it). */
  variant: PluginVariant;
  images: PluginImages;
  variables(context: PluginContext<Spec, C>): ContainerVariables;
  /** Where the plugin reads base-image credentials; PLUGIN_DOCKER_USERNAME / PLUGIN_DOCKER_PASSWORD when absent. */
  baseImageCredentialVariables?: { username: string; password: string };
}

/**
 * One build-and-push step type, as a plain value: step packages (@buildpush/docker, ecr, acr)
 * each export one, and a translator is made from the ones an engine passes to
 * `createTranslator`. Nothing registers itself.
 */
export interface StepHandler<Type extends string = string, Spec extends CommonSpec = any, C extends Connector = any> {
  readonly type: Type;
  /** The connector type its connectorRef must name. */
  readonly connectorType: C["type"];
  readonly fields: FieldTable<Spec>;
  /** The resolved spec schema, precompiled; the step is checked against it last. */
  readonly specSchema?: SpecSchema;
  /** Harness refuses a base image connector for this step on VM infrastructure. */
  readonly baseImageConnectorAllowedOnVm: boolean;
  /** Where Harness's docs support the step (every infrastructure when absent); elsewhere a warning says so. */
  readonly supportedInfrastructures?: readonly Infrastructure[];
  /** Where the step pushes; problems go to the collector (nothing is thrown). */
  target(context: TargetContext<Spec, C>): RegistryTarget | undefined;
  readonly plugin: PluginEncoding<Spec, C>;
}

/** A step of the type a handler translates, as an engine holds it: the wrapper keys and the typed spec. */
export type BuildAndPushStep<Type extends string = string, Spec = Record<string, unknown>> = StepWrapper & {
  type: Type;
  spec: Spec;
};

/** The step a handler (or a union of handlers) accepts. */
export type StepOf<H> = H extends StepHandler<infer Type, infer Spec, any> ? BuildAndPushStep<Type, Spec> : never;
