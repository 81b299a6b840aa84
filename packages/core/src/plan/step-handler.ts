import type { Connector, ConnectorType } from "../connectors/connectors.js";
import type { Path } from "../problems/path.js";
import type { ProblemCollector } from "../problems/collector.js";
import type { Infrastructure, PluginVariant, RegistryCredentials, SecretRef } from "./model.js";
import type { FieldTable, ReadSpec } from "../spec/read-spec.js";
import type { SpecSchema } from "../spec/spec-schema.js";

/** What a handler is given to work out where its step pushes. */
export interface TargetContext<C extends Connector = Connector> {
  spec: ReadSpec;
  connector: C;
  infrastructure: Infrastructure;
  collector: ProblemCollector;
  /** Path of the spec inside the step, for problem positions. */
  specPath: Path;
  identifier: string;
  stepType: string;
}

/** Where a step pushes and with which credentials: the step-type specific part of a BuildPlan. */
export interface RegistryTarget {
  image: string;
  /** Remote cache as written (PLUGIN_CACHE_REPO) and as a full repository name. */
  remoteCache?: { asWritten: string; image: string };
  pushCredentials: RegistryCredentials;
  pluginEnv: Record<string, string>;
  pluginSecretEnv: Record<string, SecretRef>;
}

/**
 * One build-and-push step type. Step packages (@buildpush/docker, ecr, acr) each provide one
 * and register it; a new registry is a new handler, and nothing else changes.
 */
export interface StepHandler<C extends Connector = Connector> {
  type: string;
  variant: PluginVariant;
  /** The connector type its connectorRef must name. */
  connectorType: C["type"] & ConnectorType;
  fields: FieldTable;
  /** The resolved spec schema, precompiled; planStep reports what it rejects and no other check did. */
  specSchema?: SpecSchema;
  /** Harness refuses a base image connector for this step on VM infrastructure. */
  baseImageConnectorAllowedOnVm: boolean;
  target(ctx: TargetContext<C>): RegistryTarget | undefined;
}

const handlers = new Map<string, StepHandler>();

export function registerStepHandler<C extends Connector>(handler: StepHandler<C>): void {
  handlers.set(handler.type, handler as unknown as StepHandler);
}

export function stepHandler(type: string): StepHandler | undefined {
  return handlers.get(type);
}

export function registeredStepTypes(): string[] {
  return [...handlers.keys()].sort();
}
