import { toConnectorSet, type Connector, type ConnectorScope, type ConnectorSet } from "../connectors/connectors.js";
import { ProblemCollector, type Finding } from "../problems/collector.js";
import { asWritten, quote } from "../problems/format.js";
import type { Path } from "../problems/path.js";
import { containerResources } from "../rules/resources.js";
import { workspaceRoot } from "../rules/text-checks.js";
import type { StageContext } from "../pipeline/stage.js";
import type { SourceMap } from "../source/yaml-source.js";
import { isPlainObject } from "../source/values.js";
import { readSpec, type FieldTable } from "../spec/read-spec.js";
import { checkCommonSpec, optionalPath } from "../spec/spec-checks.js";
import { checkSpecSchema } from "../spec/spec-schema.js";
import type { CommonSpec } from "../spec/common-spec.js";
import type { PluginStep } from "../backends/backend.js";
import type { BuildPlan, BuildSecret, Infrastructure, PlanEnv, SecretRef } from "./build-plan.js";
import { baseImageConnector, findConnector, standInConnector } from "./connector-lookup.js";
import { containsExpression, wholeSecretReference } from "../source/expressions.js";
import { checkPathFlags } from "./path-flags.js";
import type { StepHandler } from "./step-handler.js";
import { checkWrapper } from "./wrapper-checks.js";
import { harnessWarnings } from "./harness-warnings.js";
import { takesBuildxPath } from "./buildx-path.js";
import { withImageRegistry } from "./harness-image-registry.js";

export interface PlanOptions {
  infrastructure?: Infrastructure;
  connectors?: ConnectorSet | readonly Connector[];
  /**
   * The organization and project the step's pipeline lives in: a bare connectorRef names a
   * connector of that project, `org.x` one of that organization (Harness's scopes). An
   * identifier left out does not rule connectors out; a reference more than one answers is refused.
   */
  scope?: ConnectorScope;
  stage?: StageContext;
  /** Where the step came from, so problems carry file, line and column. Paths are relative to the step. */
  source?: SourceMap;
  /**
   * The directory dockerfile and context must stay inside: Harness's workspace, `/harness`, by
   * default. `null` for a local run, where the paths are the developer's own (only a leading `-`
   * is still refused there).
   */
  workspaceRoot?: string | null;
  /**
   * Check the step as written (plan/as-written.ts puts stand-ins for its expressions first): a
   * connector reference that is an expression is checked against a stand-in connector.
   */
  asWritten?: boolean;
  /**
   * Let dockerfile and context (and PLUGIN_DOCKERFILE, PLUGIN_CONTEXT) name a remote source
   * (`s3://`, `gs://`, `git://`, `https://`, `tar://`, …). Off by default: a remote context is
   * read from outside the workspace. `dir://PATH` is a local path and stays inside the
   * workspace either way.
   */
  allowRemoteContext?: boolean;
  /**
   * Registry hosts a step may push to although its step type's registry service does not own
   * them: an ACR repository must otherwise be in an Azure registry (`*.azurecr.io`, `.cn`,
   * `.us`), since the ACR plugin sends the Azure AD token to that host. Exact hosts, or
   * `*.example.com` for every host under a domain.
   */
  allowedRegistryHosts?: readonly string[];
}

/** A step checked and planned: the neutral plan, and its type's plugin encoding for the plugin backend. */
export interface StepPlanning {
  plan: BuildPlan;
  plugin: PluginStep;
}

/**
 * Check a step and turn it into a BuildPlan. Every problem found is returned, with paths
 * relative to the step; the plan only when none is an error (warnings come with the plan).
 */
export function planStepFindings(step: unknown, handlers: ReadonlyMap<string, StepHandler>, options: PlanOptions = {}): { planning?: StepPlanning; findings: Finding[] } {
  const collector = new ProblemCollector(options.source);
  const planning = planInto(step, handlers, options, collector);
  return collector.ok && planning ? { planning, findings: collector.findings } : { findings: collector.findings };
}

function planInto(step: unknown, handlers: ReadonlyMap<string, StepHandler>, options: PlanOptions, collector: ProblemCollector): StepPlanning | undefined {
  if (!isPlainObject(step)) {
    collector.add([], { code: "wrong-type", message: "a step must be a map with type, name, identifier and spec", value: step, rule: "step is a YAML mapping" });
    return undefined;
  }
  const type = step["type"];
  const handler = typeof type === "string" ? handlers.get(type) : undefined;
  if (!handler) {
    const known = [...handlers.keys()].sort();
    collector.add(["type"], {
      code: "unknown-step-type",
      message: type === undefined ? "the step has no type" : `no handler for step type ${quote(type)}`,
      value: type,
      rule: known.length > 0 ? `build-and-push step types are ${known.join(", ")}` : "the translator was made without step handlers: pass them to createTranslator({ handlers })",
    }, type === undefined ? "key" : "value");
    return undefined;
  }
  const { identifier, name, timeout } = checkWrapper(step, handler.type, collector);
  const infrastructure = options.infrastructure ?? "kubernetes";
  const stage = options.stage ?? {};
  if (infrastructure === "kubernetes" && stage.os === "Windows") {
    collector.add(["type"], {
      code: "not-allowed-on-windows",
      message: `${handler.type} step not allowed in windows kubernetes builds`,
      value: handler.type,
      rule: "kaniko builds run on Linux pods only",
      hint: "run this step in a Linux stage",
    });
  }
  const specPath: Path = ["spec"];
  // The map holds handlers of every step type, so their spec types meet here as what they share.
  const spec = readSpec(handler.fields as FieldTable<CommonSpec & { connectorRef?: string }>, step["spec"], { stepType: handler.type, identifier, collector, base: specPath, ...(options.asWritten ? { asWritten: true } : {}) });
  const root = options.workspaceRoot === undefined ? workspaceRoot : options.workspaceRoot;
  const allowRemote = options.allowRemoteContext === true;
  checkCommonSpec(spec, root, collector, allowRemote);
  const resources = containerResources(spec.resources, [...specPath, "resources"], collector);
  const runAsUser = spec.runAsUser;
  if (runAsUser !== undefined && (runAsUser < 0 || runAsUser > 2147483647)) {
    collector.add([...specPath, "runAsUser"], {
      code: "invalid-run-as-user",
      message: `Invalid value ${asWritten(collector.textOf([...specPath, "runAsUser"]) ?? String(runAsUser))}, Value should be number`,
      value: runAsUser,
      rule: "runAsUser is a user ID from 0 to 2147483647",
    });
  }
  const connectors = toConnectorSet(options.connectors);
  const scope = options.scope ?? {};
  // A reference that is an expression names a connector nobody can look up yet, and as written
  // without any connector given (a pre-merge check: connectors live in Harness) none can be: the stand-in takes its place.
  const expressionRef = containsExpression(spec.connectorRef) || (options.asWritten === true && spec.connectorRef !== undefined && connectors.identifiers().length === 0);
  const connector = expressionRef ? standInConnector(handler.connectorType) : findConnector(spec.connectorRef, "connectorRef", handler, connectors, scope, specPath, collector);
  const baseImageRefs = spec.baseImageConnectorRefs?.some((ref) => containsExpression(ref)) || (options.asWritten === true && connectors.identifiers().length === 0) ? undefined : spec.baseImageConnectorRefs;
  const baseImageCredentials = baseImageConnector(baseImageRefs, handler, infrastructure, connectors, scope, specPath, collector);
  // The handler checks its own fields too, so run it whenever the fields it reads are there:
  // the user then sees those problems alongside the others.
  const fields: Readonly<Record<string, { required?: boolean }>> = handler.fields;
  const read: Readonly<Record<string, unknown>> = spec;
  const requiredPresent = Object.keys(fields).every((field) => !fields[field]!.required || read[field] !== undefined);
  // An unknown connector (already reported) must not hide the step's other checks: they run against a stand-in.
  const checkedWith = connector ?? (spec.connectorRef !== undefined ? standInConnector(handler.connectorType) : undefined);
  const target = checkedWith && requiredPresent ? handler.target({ spec, connector: checkedWith, infrastructure, collector, specPath, identifier, stepType: handler.type, allowedRegistryHosts: options.allowedRegistryHosts ?? [] }) : undefined;
  // What Harness runs but will not do what the author expects: warnings, whatever else is wrong.
  const found = expressionRef ? undefined : connector;
  harnessWarnings({
    handler,
    infrastructure,
    stage,
    envVariables: spec.envVariables ?? [],
    buildxPath: takesBuildxPath({ infrastructure, caching: spec.caching, cacheFrom: spec.cacheFrom, cacheTo: spec.cacheTo }),
    ...(runAsUser !== undefined ? { runAsUser } : {}),
    ...(found ? { connector: found, ...(spec.connectorRef !== undefined ? { connectorRef: spec.connectorRef } : {}), ...(target ? { pushRegistry: target.registry.url } : {}) } : {}),
    ...(baseImageRefs?.[0] !== undefined && baseImageCredentials ? { baseImageRef: baseImageRefs[0], baseImageCredentials } : {}),
    specPath,
    collector,
  });
  // Last, so the hand-written checks (better words, hints) win on every field they cover.
  if (handler.specSchema) checkSpecSchema(handler.specSchema, spec, handler.fields, specPath, collector);
  if (!target || !connector || !collector.ok) return undefined;

  const userEnv = userVariables(stage, spec.envVariables ?? []);
  checkPathFlags(userEnv, root, collector, allowRemote);
  if (!collector.ok) return undefined;
  const plan: BuildPlan = {
    stepType: handler.type,
    identifier,
    name,
    infrastructure,
    image: target.image,
    tags: spec.tags ?? [],
    registry: target.registry,
    buildArgs: spec.buildArgs ?? [],
    labels: spec.labels ?? [],
    optimize: spec.optimize ?? true,
    cacheFrom: spec.cacheFrom ?? [],
    buildSecrets: buildSecrets(spec),
    pushCredentials: target.pushCredentials,
    userEnv,
    resources,
    timeout,
  };
  const dockerfile = optionalPath(spec.dockerfile);
  if (dockerfile !== undefined) plan.dockerfile = dockerfile;
  const context = optionalPath(spec.context);
  if (context !== undefined) plan.context = context;
  if (spec.target !== undefined) plan.target = spec.target;
  if (target.remoteCache !== undefined) plan.remoteCache = target.remoteCache;
  if (spec.caching !== undefined) plan.caching = spec.caching;
  if (spec.cacheTo !== undefined) plan.cacheTo = spec.cacheTo;
  if (baseImageCredentials) plan.baseImageCredentials = baseImageCredentials;
  if (runAsUser !== undefined) plan.runAsUser = runAsUser;
  const encoding = handler.plugin;
  const plugin: PluginStep = { variant: encoding.variant, images: withImageRegistry(encoding.images, stage.harnessImageRegistry), variables: encoding.variables({ spec, connector, plan }) };
  if (encoding.baseImageCredentialVariables) plugin.baseImageCredentialVariables = encoding.baseImageCredentialVariables;
  return { plan, plugin };
}

/** The step's build secrets: those read from variables, then those read from files (the plugin's order). */
function buildSecrets(spec: { envDockerSecrets?: readonly (readonly [string, string])[]; fileDockerSecrets?: readonly (readonly [string, string])[] }): BuildSecret[] {
  const fromEnv = (spec.envDockerSecrets ?? []).map(([id, variable]): BuildSecret => ({ id, from: "env", variable }));
  const fromFiles = (spec.fileDockerSecrets ?? []).map(([id, path]): BuildSecret => ({ id, from: "file", path }));
  return [...fromEnv, ...fromFiles];
}

/** The user's variables: the stage's (pipeline, then stage), then the step's envVariables over them. */
function userVariables(stage: StageContext, envVariables: readonly (readonly [string, string])[]): PlanEnv {
  const env: Record<string, string> = { ...stage.variables };
  const secretEnv: Record<string, SecretRef> = { ...stage.secretVariables };
  for (const [key, value] of envVariables) {
    // `<+secrets.getValue("name")>` is the secret reference name, never a value (readSpec checked the reference).
    const secret = wholeSecretReference(value);
    if (secret !== undefined) {
      secretEnv[key] = { ref: secret };
      delete env[key];
      continue;
    }
    env[key] = value;
    delete secretEnv[key];
  }
  return { env, secretEnv, setByStep: envVariables.map(([key]) => key) };
}
