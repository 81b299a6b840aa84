import { ConnectorSet, type Connector, type DockerRegistryConnector } from "../connectors/connectors.js";
import { asWritten, BuildpushError, quote } from "../problems/problem.js";
import { stepHandler, registeredStepTypes, type StepHandler } from "./step-handler.js";
import { isValidTag, suggestTag, tagRule } from "../rules/image-reference.js";
import type { BuildPlan, Infrastructure, RegistryCredentials, SecretRef } from "./model.js";
import type { Path } from "../problems/path.js";
import { ProblemCollector } from "../problems/collector.js";
import { containerResources } from "../rules/resources.js";
import { isPlainObject, readSpec, type ReadSpec, type ResourcesSpec } from "../spec/read-spec.js";
import { checkSpecSchema } from "../spec/spec-schema.js";
import type { StageContext } from "../pipeline/stage.js";
import { characterRules, forbiddenCharacter, optionPathRule, stageNamePattern, stageNameRule, subPathProblem, workspacePathProblem, workspacePathRule, workspaceRoot } from "../rules/text-checks.js";
import type { SourceMap } from "../source/yaml-source.js";

export const identifierPattern = /^[a-zA-Z_][0-9a-zA-Z_]{0,127}$/;
export const namePattern = /^[a-zA-Z_0-9-.][-0-9a-zA-Z_\s.]{0,127}$/;
export const timeoutPattern = /^\d+(?:ms|[smhdw])(?:\s*\d+(?:ms|[smhdw]))*$/;
export const envNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

const stepWrapperKeys = ["type", "name", "identifier", "spec", "timeout", "description", "when", "failureStrategies", "strategy"];

export interface PlanOptions {
  infrastructure?: Infrastructure;
  connectors?: ConnectorSet | readonly Connector[];
  stage?: StageContext;
  /** Where the step came from, so problems carry file, line and column. Paths are relative to the step. */
  source?: SourceMap;
  /**
   * The directory dockerfile and context must stay inside: Harness's workspace, `/harness`, by
   * default. `null` for a local run, where the paths are the developer's own (only a leading `-`
   * is still refused there).
   */
  workspaceRoot?: string | null;
}

/**
 * Check a step and turn it into a BuildPlan. Throws a BuildpushError holding every problem
 * found; never returns a partial plan.
 */
export function planStep(step: unknown, options: PlanOptions = {}): BuildPlan {
  const collector = new ProblemCollector(options.source);
  const read: SpecRead = {};
  const plan = planInto(step, options, collector, read);
  // Last, so the hand-written checks (better words, hints) win on every field they cover.
  if (read.handler?.specSchema && read.spec) checkSpecSchema(read.handler.specSchema, read.spec, read.handler.fields, ["spec"], collector);
  if (!collector.ok || !plan) throw new BuildpushError(collector.problems);
  return plan;
}

/** The spec as planInto read it, for the schema check that runs after every other check. */
interface SpecRead {
  handler?: StepHandler;
  spec?: ReadSpec;
}

function planInto(step: unknown, options: PlanOptions, collector: ProblemCollector, read: SpecRead): BuildPlan | undefined {
  if (!isPlainObject(step)) {
    collector.add([], { code: "wrong-type", message: "a step must be a map with type, name, identifier and spec", value: step, rule: "step is a YAML mapping" });
    return undefined;
  }
  const type = step["type"];
  const handler = typeof type === "string" ? stepHandler(type) : undefined;
  if (!handler) {
    const known = registeredStepTypes();
    collector.add(["type"], {
      code: "unknown-step-type",
      message: type === undefined ? "the step has no type" : `no handler for step type ${quote(type)}`,
      value: type,
      rule: known.length > 0 ? `build-and-push step types are ${known.join(", ")}` : "import @buildpush/docker, @buildpush/ecr or @buildpush/acr to register their step types",
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
  const spec = readSpec(handler.fields, step["spec"], { stepType: handler.type, identifier, collector, base: specPath });
  read.handler = handler;
  read.spec = spec;
  checkTags(spec, specPath, collector);
  checkMap(spec, "buildArgs", specPath, collector, "to pass a value with a comma, set PLUGIN_MULTIPLE_BUILD_ARGS=true and PLUGIN_BUILD_ARGS_NEW (split on ;) in envVariables");
  checkMap(spec, "labels", specPath, collector);
  checkEnvNames(spec, specPath, collector);
  checkCacheFrom(spec, specPath, collector);
  const root = options.workspaceRoot === undefined ? workspaceRoot : options.workspaceRoot;
  checkWorkspacePath(spec, "dockerfile", root, specPath, collector);
  checkWorkspacePath(spec, "context", root, specPath, collector);
  checkTarget(spec, specPath, collector);
  const resources = containerResources(spec["resources"] as ResourcesSpec | undefined, [...specPath, "resources"], collector);
  const runAsUser = spec["runAsUser"] as number | undefined;
  if (runAsUser !== undefined && (runAsUser < 0 || runAsUser > 2147483647)) {
    collector.add([...specPath, "runAsUser"], {
      code: "invalid-run-as-user",
      message: `Invalid value ${runAsUser}, Value should be number`,
      value: runAsUser,
      rule: "runAsUser is a user ID from 0 to 2147483647",
    });
  }
  const connectors = options.connectors instanceof ConnectorSet ? options.connectors : new ConnectorSet(options.connectors ?? []);
  const connector = findConnector(spec, "connectorRef", handler, connectors, specPath, collector);
  const baseImageCredentials = baseImageConnector(spec, handler, infrastructure, connectors, specPath, collector);
  // The handler checks its own fields too, so run it whenever the fields it reads are there:
  // the user then sees those problems alongside the others.
  const requiredPresent = Object.keys(handler.fields).every((field) => !handler.fields[field]!.required || spec[field] !== undefined);
  if (!connector || !requiredPresent) return undefined;
  const target = handler.target({ spec, connector, infrastructure, collector, specPath, identifier, stepType: handler.type });
  if (!target || !collector.ok) return undefined;

  const userEnv: Record<string, string> = { ...stage.variables };
  const userSecretEnv: Record<string, SecretRef> = { ...stage.secretVariables };
  for (const [key, value] of (spec["envVariables"] as [string, string][] | undefined) ?? []) {
    userEnv[key] = value;
    delete userSecretEnv[key];
  }
  checkPathFlags(userEnv, spec, root, specPath, collector);
  if (!collector.ok) return undefined;
  const plan: BuildPlan = {
    stepType: handler.type,
    identifier,
    name,
    variant: handler.variant,
    infrastructure,
    image: target.image,
    tags: spec["tags"] as string[],
    buildArgs: (spec["buildArgs"] as [string, string][] | undefined) ?? [],
    labels: (spec["labels"] as [string, string][] | undefined) ?? [],
    optimize: (spec["optimize"] as boolean | undefined) ?? true,
    cacheFrom: (spec["cacheFrom"] as string[] | undefined) ?? [],
    pushCredentials: target.pushCredentials,
    pluginEnv: target.pluginEnv,
    pluginSecretEnv: target.pluginSecretEnv,
    userEnv,
    userSecretEnv,
    resources,
    timeout,
  };
  const dockerfile = optionalPath(spec["dockerfile"]);
  if (dockerfile !== undefined) plan.dockerfile = dockerfile;
  const context = optionalPath(spec["context"]);
  if (context !== undefined) plan.context = context;
  if (typeof spec["target"] === "string") plan.target = spec["target"];
  if (target.remoteCache !== undefined) {
    plan.remoteCache = target.remoteCache.asWritten;
    plan.remoteCacheImage = target.remoteCache.image;
  }
  if (typeof spec["caching"] === "boolean") plan.caching = spec["caching"];
  if (typeof spec["cacheTo"] === "string") plan.cacheTo = spec["cacheTo"];
  if (baseImageCredentials) plan.baseImageCredentials = baseImageCredentials;
  if (runAsUser !== undefined) plan.runAsUser = runAsUser;
  return plan;
}

/** Harness leaves dockerfile and context out when they are empty or the string `null`. */
function optionalPath(value: ReadSpec[string]): string | undefined {
  return typeof value === "string" && value !== "" && value !== "null" ? value : undefined;
}

function checkWrapper(step: Record<string, unknown>, type: string, collector: ProblemCollector): { identifier: string; name: string; timeout: string } {
  for (const key of Object.keys(step)) {
    if (!stepWrapperKeys.includes(key)) {
      collector.add([key], {
        code: "unknown-field",
        message: `unknown field ${quote(key)} on a ${type} step`,
        value: key,
        rule: `a step holds ${stepWrapperKeys.join(", ")}`,
        ...(key === "tags" || key === "repo" || key === "connectorRef" ? { hint: `${key} belongs under spec` } : {}),
      }, "key");
    }
  }
  const identifier = typeof step["identifier"] === "string" ? step["identifier"] : "";
  if (!identifierPattern.test(identifier)) {
    collector.add(["identifier"], {
      code: step["identifier"] === undefined ? "missing-field" : "invalid-identifier",
      message: step["identifier"] === undefined ? "the step has no identifier" : `step identifier ${quote(step["identifier"])} is not valid`,
      value: step["identifier"],
      rule: "an identifier starts with a letter or _ and holds letters, digits and _ (at most 128)",
      ...(typeof step["identifier"] === "string" ? { hint: `for example ${quote(suggestIdentifier(step["identifier"]))}` } : {}),
    }, step["identifier"] === undefined ? "key" : "value");
  }
  const name = typeof step["name"] === "string" ? step["name"] : "";
  if (!namePattern.test(name)) {
    collector.add(["name"], {
      code: step["name"] === undefined ? "missing-field" : "invalid-name",
      message: step["name"] === undefined ? "the step has no name" : `step name ${quote(step["name"])} is not valid`,
      value: step["name"],
      rule: "a name starts with a letter, digit, _, - or . and holds letters, digits, spaces, _, - and . (at most 128)",
    }, step["name"] === undefined ? "key" : "value");
  } else if (forbiddenCharacter(name, "single-line") !== undefined) {
    // Harness's pattern takes any white space, line breaks included; the name prefixes log lines (`buildpush run`).
    collector.add(["name"], {
      code: "invalid-character",
      message: `step name ${quote(name)} holds the control character ${forbiddenCharacter(name, "single-line")}`,
      value: name,
      rule: characterRules["single-line"],
    });
  }
  let timeout = "2h";
  const rawTimeout = step["timeout"];
  if (rawTimeout !== undefined && rawTimeout !== null) {
    if (typeof rawTimeout === "string" && timeoutPattern.test(rawTimeout.trim())) timeout = rawTimeout.trim();
    else
      collector.add(["timeout"], {
        code: "invalid-timeout",
        message: `timeout ${quote(rawTimeout)} is not a duration`,
        value: rawTimeout,
        rule: "a timeout is numbers with units ms, s, m, h, d or w, e.g. 10m or 1h 30m",
      });
  }
  // Other messages name the step by its identifier: a broken one is shown quoted and short.
  return { identifier: identifierPattern.test(identifier) ? identifier : asWritten(identifier), name, timeout };
}

function suggestIdentifier(text: string): string {
  const cleaned = text.replace(/[^0-9a-zA-Z_]+/g, "_").slice(0, 128);
  return /^[0-9]/.test(cleaned) ? `_${cleaned}`.slice(0, 128) : cleaned || "_";
}

function checkTags(spec: ReadSpec, specPath: Path, collector: ProblemCollector): void {
  const tags = spec["tags"];
  if (!Array.isArray(tags)) return;
  if (tags.length === 0) {
    collector.add([...specPath, "tags"], {
      code: "empty-tags",
      message: "Environment variable PLUGIN_TAGS can't be empty or null",
      value: [],
      rule: "a build-and-push step needs at least one tag",
      hint: "for example tags: [latest]",
    });
    return;
  }
  (tags as string[]).forEach((tag, index) => {
    if (isValidTag(tag)) return;
    const suggestion = suggestTag(tag);
    collector.add([...specPath, "tags", index], {
      code: "invalid-tag",
      message: `${quote(tag)} is not a valid tag`,
      value: tag,
      rule: tagRule,
      ...(suggestion ? { hint: `write ${quote(suggestion)}` } : {}),
    });
  });
}

/** `k=v,k=v` is how maps reach the plugin: a `,` in a value or `=`/`,` in a key would corrupt it. */
function checkMap(spec: ReadSpec, field: string, specPath: Path, collector: ProblemCollector, commaHint?: string): void {
  const entries = spec[field] as [string, string][] | undefined;
  for (const [key, value] of entries ?? []) {
    // The path is built only for a problem: this loop runs for every entry of every step.
    if (key.trim() === "" || /[=,\s]/.test(key)) {
      collector.add([...specPath, field, key], {
        code: "invalid-map-entry",
        message: `${field} name ${quote(key)} cannot be passed to the builder`,
        value: key,
        rule: `${field} names are non-empty and hold no =, comma or white space (the plugin receives k=v,k=v)`,
      }, "key");
    }
    if (value.includes(",")) {
      collector.add([...specPath, field, key], {
        code: "invalid-map-entry",
        message: `${field}.${asWritten(key)} holds a comma, which would split it into two entries`,
        value,
        rule: `${field} values reach the plugin as k=v,k=v, so a value cannot hold a comma`,
        ...(commaHint ? { hint: commaHint } : {}),
      });
    }
  }
}

function checkEnvNames(spec: ReadSpec, specPath: Path, collector: ProblemCollector): void {
  for (const [key] of (spec["envVariables"] as [string, string][] | undefined) ?? []) {
    if (!isEnvName(key)) {
      collector.add([...specPath, "envVariables", key], {
        code: "invalid-env-name",
        message: `${quote(key)} is not a valid environment variable name`,
        value: key,
        rule: key === "__proto__" ? prototypeNameRule : "a variable name starts with a letter or _ and holds letters, digits and _",
      }, "key");
    }
  }
}

/**
 * `__proto__` fits the pattern, but an engine that copies the environment into a JS object by
 * assignment would set that object's prototype instead of a variable: the variable would vanish.
 */
export const prototypeNameRule = "__proto__ cannot name a variable: JavaScript objects (the engine's included) treat it as the object's prototype, so the variable would be lost";

/** A name a container's environment can hold, and every JS object holding it keeps as data. */
export function isEnvName(name: string): boolean {
  return envNamePattern.test(name) && name !== "__proto__";
}

/** dockerfile and context must stay inside the workspace: outside it, COPY could read the build container's own files. */
function checkWorkspacePath(spec: ReadSpec, field: "dockerfile" | "context", root: string | null, specPath: Path, collector: ProblemCollector): void {
  const value = optionalPath(spec[field]);
  if (value === undefined) return;
  const problem = workspacePathProblem(value, root);
  if (!problem) return;
  collector.add([...specPath, field], {
    code: "invalid-path",
    message: `${field} ${quote(value)} is not a path inside the workspace: ${problem.reason}`,
    value,
    rule: root === null ? optionPathRule : workspacePathRule(root),
    ...(problem.hint ? { hint: problem.hint } : {}),
  });
}

/**
 * Runtime flags that choose what the build reads (the plugin takes them when the spec leaves
 * dockerfile or context out) are held to the same rule as the spec fields. A flag set by a stage
 * variable is reported at the step, the closest place the file shows.
 */
const pathFlags = ["PLUGIN_DOCKERFILE", "PLUGIN_CONTEXT", "PLUGIN_CONTEXT_SUB_PATH"] as const;

function checkPathFlags(userEnv: Record<string, string>, spec: ReadSpec, root: string | null, specPath: Path, collector: ProblemCollector): void {
  const fromStep = new Set(((spec["envVariables"] as [string, string][] | undefined) ?? []).map(([key]) => key));
  for (const flag of pathFlags) {
    if (!Object.prototype.hasOwnProperty.call(userEnv, flag)) continue;
    const value = userEnv[flag]!;
    if (value === "") continue;
    // The sub-path is relative to the context, so it may not climb out of it wherever the context is.
    const problem = flag === "PLUGIN_CONTEXT_SUB_PATH" ? subPathProblem(value) : workspacePathProblem(value, root);
    if (!problem) continue;
    collector.add(fromStep.has(flag) ? [...specPath, "envVariables", flag] : [], {
      code: "invalid-path",
      message: `${flag} ${quote(value)} is not a path inside the workspace: ${problem.reason}${fromStep.has(flag) ? "" : " (set by a stage or pipeline variable)"}`,
      value,
      rule: flag === "PLUGIN_CONTEXT_SUB_PATH" ? "a context sub-path is relative to the context and does not climb out of it with .." : root === null ? optionPathRule : workspacePathRule(root),
      ...(problem.hint ? { hint: problem.hint } : {}),
    });
  }
}

function checkTarget(spec: ReadSpec, specPath: Path, collector: ProblemCollector): void {
  const target = spec["target"];
  if (typeof target !== "string" || stageNamePattern.test(target)) return;
  collector.add([...specPath, "target"], {
    code: "invalid-target",
    message: `target ${quote(target)} cannot name a Dockerfile stage`,
    value: target,
    rule: stageNameRule,
  });
}

function checkCacheFrom(spec: ReadSpec, specPath: Path, collector: ProblemCollector): void {
  (spec["cacheFrom"] as string[] | undefined)?.forEach((item, index) => {
    if (item.includes(";") || item.trim() === "") {
      collector.add([...specPath, "cacheFrom", index], {
        code: "invalid-list-item",
        message: `cacheFrom item ${quote(item)} cannot be passed to buildx`,
        value: item,
        rule: "cacheFrom items are non-empty and hold no ; (the plugin receives them joined with ;)",
      });
    }
  });
}

function findConnector(spec: ReadSpec, field: string, handler: StepHandler, connectors: ConnectorSet, specPath: Path, collector: ProblemCollector): Connector | undefined {
  const ref = spec[field];
  if (typeof ref !== "string") return undefined;
  const connector = connectors.find(ref);
  const path = [...specPath, field];
  if (!connector) {
    const known = connectors.identifiers();
    collector.add(path, {
      code: "unknown-connector",
      message: `connector ${quote(ref)} is not defined`,
      value: ref,
      rule: known.length > 0 ? `connectors given: ${known.join(", ")}` : "no connector files were given",
      hint: `pass its connector YAML (identifier: ${asWritten(ref.replace(/^(account|org)\./, ""))}, type: ${handler.connectorType})`,
    });
    return undefined;
  }
  if (connector.type !== handler.connectorType) {
    collector.add(path, {
      code: "wrong-connector-type",
      message: `connector ${quote(ref)} is a ${connector.type} connector, but a ${handler.type} step needs a ${handler.connectorType} connector`,
      value: ref,
      rule: `${handler.type} pushes with a ${handler.connectorType} connector`,
    });
    return undefined;
  }
  return connector;
}

function baseImageConnector(spec: ReadSpec, handler: StepHandler, infrastructure: Infrastructure, connectors: ConnectorSet, specPath: Path, collector: ProblemCollector): RegistryCredentials | undefined {
  const refs = spec["baseImageConnectorRefs"] as string[] | undefined;
  if (!refs || refs.length === 0) return undefined;
  const path = [...specPath, "baseImageConnectorRefs"];
  if (refs.length > 1) {
    collector.add(path, {
      code: "too-many-base-image-connectors",
      message: "Only a single base image connector is allowed.",
      value: refs,
      rule: "baseImageConnectorRefs holds at most one connector",
    });
    return undefined;
  }
  if (infrastructure === "vm" && !handler.baseImageConnectorAllowedOnVm) {
    collector.add(path, {
      code: "base-image-connector-not-allowed",
      message: "Base image connector is not allowed for VM Infrastructure.",
      value: refs,
      rule: `${handler.type} on VM infrastructure pulls base images without a connector`,
    });
    return undefined;
  }
  const ref = refs[0]!;
  const connector = connectors.find(ref);
  if (!connector) {
    collector.add([...path, 0], {
      code: "unknown-connector",
      message: `connector ${quote(ref)} is not defined`,
      value: ref,
      rule: `connectors given: ${connectors.identifiers().join(", ") || "none"}`,
    });
    return undefined;
  }
  if (connector.type !== "DockerRegistry") {
    collector.add([...path, 0], {
      code: "wrong-connector-type",
      message: `base image connector ${quote(ref)} is a ${connector.type} connector, but base images are pulled with a DockerRegistry connector`,
      value: ref,
      rule: "baseImageConnectorRefs names a DockerRegistry connector",
    });
    return undefined;
  }
  return dockerCredentials(connector);
}

/** A Docker registry connector's credentials, as references. */
export function dockerCredentials(connector: DockerRegistryConnector): RegistryCredentials {
  if (connector.auth.type === "Anonymous") return { kind: "anonymous", registry: connector.url };
  const credentials: RegistryCredentials = { kind: "basic", registry: connector.url, passwordRef: connector.auth.passwordRef };
  if (connector.auth.username !== undefined) credentials.username = connector.auth.username;
  if (connector.auth.usernameRef !== undefined) credentials.usernameRef = connector.auth.usernameRef;
  return credentials;
}

