import { asWritten, quote } from "../problems/format.js";
import { identifierPattern, identifierRule, isEnvName, prototypeNameRule, secretReferencePattern } from "../rules/identifiers.js";
import type { Infrastructure, SecretRef } from "../plan/build-plan.js";
import { formatPath, type Path } from "../problems/path.js";
import type { ProblemCollector } from "../problems/collector.js";
import { describeType, isPlainObject } from "../source/values.js";
import type { SecurityContext, StageContext } from "./stage.js";
import { characterRules, forbiddenCharacter, normalizedPath, sharedPathProblem, sharedPathRule } from "../rules/text-checks.js";
import { containsExpression } from "../source/expressions.js";
import { closest, distance } from "fastest-levenshtein";
import { readStageInfrastructure } from "./infrastructure.js";
import { visitStepEntries, type StepSemantics } from "./step-entries.js";
import { readStageSemantics } from "./stage-semantics.js";
import type { StageInfrastructure } from "./stage-infrastructure.js";

/** A build-and-push step found in a pipeline, with where it is and what it inherits. */
export interface LocatedStep {
  stageIdentifier: string;
  /** Path of the step map from the document root, e.g. `pipeline.stages[0].stage.spec.execution.steps[1].step`. */
  path: Path;
  step: Record<string, unknown>;
  infrastructure: Infrastructure;
  stage: StageContext;
  /** Its when, failure strategies, strategy instance and enclosing step groups. */
  semantics: StepSemantics;
}

interface StageInfo {
  infrastructure: Infrastructure;
  os?: string;
  arch?: string;
  infrastructureSpec?: Record<string, unknown>;
  runtime?: "Cloud" | "Docker";
  /** Set when the stage names no infrastructure buildpush knows and Kubernetes was assumed: what it has instead, and where. */
  assumed?: { what: string; path: Path };
}

/**
 * Find every build-and-push step of a Harness v0 pipeline: in stages, `parallel` blocks and
 * step groups, in pipeline order: the steps whose type is one of `stepTypes` (the translator's
 * handlers); other steps are left alone. Stage-level problems go to the collector.
 */
export function findBuildAndPushSteps(document: unknown, stepTypes: ReadonlySet<string>, collector: ProblemCollector, infrastructureOverride?: Infrastructure): LocatedStep[] {
  if (!isPlainObject(document) || !isPlainObject(document["pipeline"])) {
    collector.add([], {
      code: "not-a-pipeline",
      message: `expected a Harness pipeline with a \`pipeline:\` map at its root, found ${describeType(document)}`,
      rule: "a pipeline file is Harness v0 YAML: pipeline: {identifier, stages: [...]}",
    });
    return [];
  }
  const pipeline = document["pipeline"];
  const pipelineVariables = readVariables(pipeline["variables"], ["pipeline", "variables"], collector);
  const found: LocatedStep[] = [];
  const stagesByIdentifier = new Map<string, StageInfo>();
  const infrastructures = new Map<string, StageInfrastructure>();
  const visitStage = (stage: unknown, path: Path): void => {
    if (!isPlainObject(stage)) return;
    const identifier = checkStageIdentifier(stage["identifier"], path, stagesByIdentifier, collector) ?? `stage${path.join("_")}`;
    const spec = isPlainObject(stage["spec"]) ? stage["spec"] : {};
    const info = stageInfo(spec, stagesByIdentifier, [...path, "spec"], collector);
    stagesByIdentifier.set(identifier, info);
    const stageVariables = readVariables(stage["variables"], [...path, "variables"], collector);
    const context: StageContext = {
      identifier,
      variables: { ...pipelineVariables.plain, ...stageVariables.plain },
      secretVariables: { ...pipelineVariables.secret, ...stageVariables.secret },
    };
    for (const name of Object.keys(stageVariables.plain)) delete context.secretVariables![name];
    for (const name of Object.keys(stageVariables.secret)) delete context.variables![name];
    if (info.os) context.os = info.os;
    if (info.runtime) context.runtime = info.runtime;
    if (info.arch) context.arch = info.arch;
    const infraSpec = info.infrastructureSpec;
    if (infraSpec) {
      const securityContext = readSecurityContext(infraSpec["containerSecurityContext"], [...path, "spec", "infrastructure", "spec", "containerSecurityContext"], collector);
      if (securityContext) context.containerSecurityContext = securityContext;
      const pullPolicy = infraSpec["imagePullPolicy"];
      if (pullPolicy !== undefined && pullPolicy !== "") {
        if (pullPolicy === "Always" || pullPolicy === "IfNotPresent" || pullPolicy === "Never") context.imagePullPolicy = pullPolicy;
        else
          collector.add([...path, "spec", "infrastructure", "spec", "imagePullPolicy"], {
            code: "invalid-image-pull-policy",
            message: `imagePullPolicy ${quote(pullPolicy)} is not one Kubernetes accepts`,
            value: pullPolicy,
            rule: "imagePullPolicy is Always, IfNotPresent or Never",
          });
      }
    }
    const stageInfrastructure = readStageInfrastructure(spec, [...path, "spec"], infrastructures, context, collector);
    if (stageInfrastructure) infrastructures.set(identifier, (context.infrastructure = stageInfrastructure));
    if (typeof stage["name"] === "string") context.name = stage["name"];
    Object.assign(context, readStageSemantics(stage, path, collector));
    if (Array.isArray(spec["sharedPaths"])) context.sharedPaths = readSharedPaths(spec["sharedPaths"], [...path, "spec", "sharedPaths"], collector);
    const infrastructure = infrastructureOverride ?? info.infrastructure;
    const execution = isPlainObject(spec["execution"]) ? spec["execution"] : {};
    const before = found.length;
    visitStepEntries(execution["steps"], [...path, "spec", "execution", "steps"], stepTypes, collector, (step, stepPath, semantics) => {
      found.push({ stageIdentifier: identifier, path: stepPath, step, infrastructure, stage: context, semantics });
    });
    if (info.assumed && !infrastructureOverride && found.length > before) noInfrastructure(identifier, info.assumed, collector);
  };
  const stages = pipeline["stages"];
  if (Array.isArray(stages)) {
    stages.forEach((entry, index) => {
      if (!isPlainObject(entry)) return;
      if (isPlainObject(entry["stage"])) visitStage(entry["stage"], ["pipeline", "stages", index, "stage"]);
      if (Array.isArray(entry["parallel"])) {
        entry["parallel"].forEach((inner, innerIndex) => {
          if (isPlainObject(inner) && isPlainObject(inner["stage"])) visitStage(inner["stage"], ["pipeline", "stages", index, "parallel", innerIndex, "stage"]);
        });
      }
    });
  }
  return found;
}

/**
 * A stage's identifier, when it follows Harness's identifier rule and no earlier stage has it.
 * It names the stage in `run`'s log lines, in file names (`<stage>.<step>.env`) and in
 * `useFromStage`, so one holding `../`, a line break or an escape sequence would reach a path
 * outside its directory or forge a log line.
 */
function checkStageIdentifier(raw: unknown, path: Path, earlier: ReadonlyMap<string, StageInfo>, collector: ProblemCollector): string | undefined {
  if (typeof raw === "string" && identifierPattern.test(raw)) {
    if (!earlier.has(raw)) return raw;
    collector.add([...path, "identifier"], {
      code: "invalid-identifier",
      message: `stage identifier ${raw} is given to an earlier stage too`,
      value: raw,
      rule: "a stage identifier is unique in its pipeline",
    });
    return undefined;
  }
  collector.add([...path, "identifier"], {
    code: raw === undefined || raw === null ? "missing-field" : "invalid-identifier",
    message: raw === undefined || raw === null ? "the stage has no identifier" : `stage identifier ${quote(raw)} is not valid`,
    ...(raw !== undefined ? { value: raw } : {}),
    rule: identifierRule,
  }, raw === undefined ? "key" : "value");
  return undefined;
}

/** Kubernetes (`KubernetesDirect`) runs the kaniko plugins; VMs and Harness Cloud run drone-docker. */
function stageInfo(spec: Record<string, unknown>, earlier: Map<string, StageInfo>, path: Path, collector: ProblemCollector): StageInfo {
  const infrastructure = spec["infrastructure"];
  const runtime = spec["runtime"];
  const platform = isPlainObject(spec["platform"]) ? spec["platform"] : {};
  const platformOs = typeof platform["os"] === "string" ? platform["os"] : undefined;
  const platformArch = typeof platform["arch"] === "string" ? platform["arch"] : undefined;
  const vmPlatform = { ...(platformOs ? { os: platformOs } : {}), ...(platformArch ? { arch: platformArch } : {}) };
  if (isPlainObject(infrastructure)) {
    const type = infrastructure["type"];
    const infraSpec = isPlainObject(infrastructure["spec"]) ? infrastructure["spec"] : {};
    if (type === "KubernetesDirect" || type === "KubernetesHosted") {
      const os = typeof infraSpec["os"] === "string" ? infraSpec["os"] : undefined;
      return { infrastructure: "kubernetes", infrastructureSpec: infraSpec, ...(os ? { os } : {}) };
    }
    if (type === "VM") return { infrastructure: "vm", ...vmPlatform };
    if (type !== "UseFromStage") return { infrastructure: "kubernetes", assumed: { what: `infrastructure type ${quote(type)}, which buildpush does not know`, path: [...path, "infrastructure", "type"] } };
    if (type === "UseFromStage") {
      const from = infraSpec["useFromStage"] ?? infrastructure["useFromStage"];
      const info = typeof from === "string" ? earlier.get(from) : undefined;
      if (info) return info;
      collector.add([...path, "infrastructure"], {
        code: "invalid-option",
        message: `infrastructure refers to stage ${quote(from)}, which does not come earlier in the pipeline`,
        value: from,
        rule: "useFromStage names an earlier stage",
      });
      return { infrastructure: "kubernetes" };
    }
  }
  if (isPlainObject(runtime) && (runtime["type"] === "Cloud" || runtime["type"] === "Docker")) {
    return { infrastructure: "vm", runtime: runtime["type"], ...vmPlatform };
  }
  if (isPlainObject(runtime)) return { infrastructure: "kubernetes", assumed: { what: `runtime type ${quote(runtime["type"])}, which buildpush does not know`, path: [...path, "runtime"] } };
  return { infrastructure: "kubernetes", assumed: { what: "no infrastructure and no runtime", path } };
}

/** A stage with build-and-push steps whose infrastructure was assumed: which plugin runs depends on it. */
function noInfrastructure(stage: string, assumed: { what: string; path: Path }, collector: ProblemCollector): void {
  collector.add(assumed.path, {
    code: "no-infrastructure",
    severity: "warning",
    message: `stage ${stage} has ${assumed.what}: buildpush assumes Kubernetes (KubernetesDirect, the kaniko plugins)`,
    rule: "a CI stage runs on infrastructure (KubernetesDirect, VM) or a runtime (Cloud, Docker), and it decides which plugin builds",
    hint: "give the stage its infrastructure (infrastructure: {type: KubernetesDirect, spec: {...}}, type: VM, or runtime: {type: Cloud}), or pass --infra",
  }, "key");
}

interface Variables {
  plain: Record<string, string>;
  secret: Record<string, SecretRef>;
}

/** Pipeline and stage variables: `[{name, type: String|Number|Secret, value}]`. */
function readVariables(list: unknown, path: Path, collector: ProblemCollector): Variables {
  const out: Variables = { plain: {}, secret: {} };
  if (!Array.isArray(list)) return out;
  const declared = new Map<string, { index: number; type: unknown }>();
  list.forEach((variable, index) => {
    if (!isPlainObject(variable)) return;
    const name = variable["name"];
    const at = [...path, index];
    if (typeof name !== "string" || !isEnvName(name)) {
      collector.add([...at, "name"], {
        code: "invalid-env-name",
        message: `variable name ${quote(name)} cannot be an environment variable`,
        value: name,
        rule: name === "__proto__" ? prototypeNameRule : "a variable name starts with a letter or _ and holds letters, digits and _",
      });
      return;
    }
    const first = declared.get(name);
    if (first !== undefined) {
      // Which one would win depends on the reader; a Secret and a String of one name dropped both before.
      collector.add([...at, "name"], {
        code: "duplicate-variable",
        message: `variable ${name} is declared twice: ${formatPath([...path, first.index])} (${typeName(first.type)}) and ${formatPath(at)} (${typeName(variable["type"])})`,
        value: name,
        rule: "a variable name is declared once in its list",
        hint: "remove one of them, or give one another name",
      });
      delete out.plain[name];
      delete out.secret[name];
      return;
    }
    declared.set(name, { index, type: variable["type"] });
    const raw = variable["value"];
    if (raw === undefined || raw === null) return;
    // Checked before the value is turned into text: String() of a map can throw ({toString: null}).
    if (typeof raw === "object") {
      collector.add([...at, "value"], { code: "wrong-type", message: `variable ${name} must have a single value, found ${describeType(raw)}`, value: raw, rule: "variable values are strings or numbers" });
      return;
    }
    const value = collector.textOf([...at, "value"]) ?? (typeof raw === "string" ? raw : String(raw));
    if (containsExpression(value)) {
      collector.add([...at, "value"], {
        code: /^<\+input>/.test(value) ? "unresolved-input" : "unresolved-expression",
        message: `variable ${name} holds ${quote(value)}, which was never resolved`,
        value,
        rule: "expressions and runtime inputs are resolved by the engine before translation",
      });
      return;
    }
    if (variable["type"] === "Secret") {
      // The value names a secret. Anything else may be the secret itself, pasted: never repeat it.
      if (!secretReferencePattern.test(value)) {
        collector.add([...at, "value"], {
          code: "invalid-secret-reference",
          message: `the Secret variable ${name} does not hold a secret reference (its value is not shown)`,
          rule: "a Secret variable's value names a secret: an identifier, optionally prefixed with account. or org.",
          hint: "store the value as a secret and write its reference, e.g. account.docker_pass",
        });
        return;
      }
      out.secret[name] = { ref: value };
      return;
    }
    const forbidden = forbiddenCharacter(value, "multi-line");
    if (forbidden !== undefined) {
      collector.add([...at, "value"], { code: "invalid-character", message: `variable ${name} holds the control character ${forbidden}`, value, rule: characterRules["multi-line"] });
      return;
    }
    out.plain[name] = value;
  });
  return out;
}

function typeName(type: unknown): string {
  return typeof type === "string" && /^[A-Za-z]{1,20}$/.test(type) ? type : "no type";
}

/** A stage's shared paths: each becomes a volume mount of every step, so each must be one Kubernetes accepts. */
function readSharedPaths(list: readonly unknown[], path: Path, collector: ProblemCollector): string[] {
  const paths: string[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, index) => {
    const at = [...path, index];
    if (typeof item !== "string" || item === "") {
      if (item !== null && item !== undefined && item !== "") collector.add(at, { code: "wrong-type", message: `a shared path must be a string, not ${describeType(item)}`, value: item, rule: sharedPathRule });
      return;
    }
    const forbidden = forbiddenCharacter(item, "single-line");
    const reason = forbidden !== undefined ? `it holds the control character ${forbidden}` : sharedPathProblem(item);
    const twin = seen.get(normalizedPath(item));
    const problem = reason ?? (twin !== undefined ? `it is the same directory as sharedPaths[${twin}]` : undefined);
    if (problem !== undefined) {
      collector.add(at, { code: "invalid-path", message: `shared path ${quote(item)} cannot be mounted: ${problem}`, value: item, rule: sharedPathRule });
      return;
    }
    seen.set(normalizedPath(item), index);
    paths.push(item);
  });
  return paths;
}

/** The fields of a stage's containerSecurityContext (Harness's, as it copies them onto every container). */
const securityContextKeys = ["runAsUser", "runAsGroup", "runAsNonRoot", "privileged", "allowPrivilegeEscalation", "readOnlyRootFilesystem", "capabilities", "procMount"];
const securityFlags = ["runAsNonRoot", "privileged", "allowPrivilegeEscalation", "readOnlyRootFilesystem"] as const;

/**
 * A stage's container security context. Every field it names is read or refused at its line:
 * a setting dropped because it was written `"yes"` or `drop: ALL` would run the build with less
 * protection than the file asks for, without a word.
 */
function readSecurityContext(value: unknown, path: Path, collector: ProblemCollector): SecurityContext | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (!isPlainObject(value)) {
    collector.add(path, { code: "wrong-type", message: `containerSecurityContext must be a map of settings, found ${describeType(value)}`, value, rule: "containerSecurityContext is a YAML mapping" });
    return undefined;
  }
  const out: SecurityContext = {};
  const wrong = (keys: Path, raw: unknown, rule: string, hint?: string): void => {
    const unresolved = containsExpression(raw);
    const key = keys.join(".");
    collector.add([...path, ...keys], {
      code: unresolved ? "unresolved-expression" : "wrong-type",
      message: unresolved ? `containerSecurityContext.${key} holds ${quote(raw)}, which was never resolved` : `containerSecurityContext.${key} cannot be ${describeType(raw)}`,
      value: raw,
      rule: unresolved ? "expressions are resolved by the engine before translation" : rule,
      ...(hint && !unresolved ? { hint } : {}),
    });
  };
  for (const key of Object.keys(value)) {
    if (securityContextKeys.includes(key)) continue;
    const suggestion = closest(key, securityContextKeys);
    collector.add([...path, key], {
      code: "unknown-field",
      message: `unknown field ${quote(key)} in containerSecurityContext`,
      value: key,
      rule: `containerSecurityContext holds ${securityContextKeys.join(", ")}`,
      ...(distance(key.toLowerCase(), suggestion.toLowerCase()) <= 3 ? { hint: `did you mean ${quote(suggestion)}?` } : {}),
    }, "key");
  }
  const integer = (key: "runAsUser" | "runAsGroup"): void => {
    const raw = value[key];
    if (raw === undefined || raw === null || raw === "") return;
    const number = typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : NaN;
    // Kubernetes takes user and group IDs from 0 to 2^31 - 1.
    if (Number.isInteger(number) && number >= 0 && number <= 2147483647) out[key] = number;
    else if (containsExpression(raw)) wrong([key], raw, "");
    else {
      // A number too large for JS (1e400) is Infinity: say what the file says.
      const written = collector.textOf([...path, key]) ?? raw;
      collector.add([...path, key], {
        code: "invalid-run-as-user",
        message: `Invalid value ${asWritten(written)}, Value should be number`,
        value: written,
        rule: `${key} is a user or group ID (a whole number from 0 to 2147483647)`,
      });
    }
  };
  integer("runAsUser");
  integer("runAsGroup");
  for (const key of securityFlags) {
    const raw = value[key];
    if (raw === undefined || raw === null || raw === "") continue;
    // The same rule as a spec's booleans: true or false, or the strings "true" and "false".
    if (typeof raw === "boolean") out[key] = raw;
    else if (raw === "true" || raw === "false") out[key] = raw === "true";
    else wrong([key], raw, `${key} is true or false`);
  }
  const caps = value["capabilities"];
  if (caps !== undefined && caps !== null && caps !== "") {
    if (!isPlainObject(caps)) wrong(["capabilities"], caps, "capabilities is a map with add and drop, lists of capability names");
    else {
      const capsPath = [...path, "capabilities"];
      const read: { add?: string[]; drop?: string[] } = {};
      for (const key of Object.keys(caps)) {
        const list = caps[key];
        if (key !== "add" && key !== "drop") {
          collector.add([...capsPath, key], { code: "unknown-field", message: `unknown field ${quote(key)} in capabilities`, value: key, rule: "capabilities holds add and drop" }, "key");
          continue;
        }
        if (list === undefined || list === null) continue;
        if (!Array.isArray(list)) {
          wrong(["capabilities", key], list, `capabilities.${key} is a list of capability names`, typeof list === "string" ? `write ${key}: [${asWritten(list)}]` : undefined);
          continue;
        }
        const names: string[] = [];
        list.forEach((item, index) => {
          const forbidden = typeof item === "string" ? forbiddenCharacter(item, "single-line") : undefined;
          if (typeof item === "string" && item !== "" && forbidden === undefined && !containsExpression(item)) names.push(item);
          else
            collector.add([...capsPath, key, index], {
              code: containsExpression(item) ? "unresolved-expression" : forbidden !== undefined ? "invalid-character" : "wrong-type",
              message: forbidden !== undefined ? `capability ${quote(item)} holds the control character ${forbidden}` : `a capability name cannot be ${describeType(item)}`,
              value: item,
              rule: forbidden !== undefined ? characterRules["single-line"] : "a capability is named by a string, e.g. NET_ADMIN or ALL",
            });
        });
        read[key] = names;
      }
      if (read.add || read.drop) out.capabilities = read;
    }
  }
  const procMount = value["procMount"];
  // buildpush carries no procMount: Default is what every container gets without it.
  if (procMount !== undefined && procMount !== null && procMount !== "" && procMount !== "Default") {
    collector.add([...path, "procMount"], {
      code: "invalid-option",
      message: `procMount ${quote(procMount)} is not carried to the build container`,
      value: procMount,
      rule: "buildpush carries procMount: Default only (the Kubernetes default); Unmasked needs a cluster feature gate and is not set by buildpush",
      hint: "remove procMount, or set it to Default",
    });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
