import type { Finding } from "./problems/collector.js";
import { quote } from "./problems/format.js";
import { toProblems } from "./problems/locate.js";
import type { Path } from "./problems/path.js";
import type { Problem } from "./problems/problem.js";
import { identifierPattern, identifierRule, isEnvName, prototypeNameRule, secretReferencePattern } from "./rules/identifiers.js";
import { allowedHostPattern } from "./rules/registry-hosts.js";
import { characterRules, forbiddenCharacter, normalizedPath, sharedPathProblem, sharedPathRule } from "./rules/text-checks.js";
import { isDnsLabel } from "./render/names.js";
import { describeType, isPlainObject } from "./source/values.js";

/**
 * The options of the translator's functions, checked before anything reads them: a value of
 * the wrong kind is an `invalid-option` problem naming the option, never a TypeError from deep
 * inside translation and never silently ignored (`infrastructure: "k8s"` once gave
 * `Cannot read properties of undefined`, a stage variable holding a Date reached `env`).
 */
export type OptionsOf = "common" | "step" | "plan-step" | "pipeline" | "plan-pipeline";

type Check = (value: unknown, path: Path, findings: Finding[]) => void;

const backendKeys = ["images", "kanikoImage", "executorVersion", "buildahImage", "dockerImage", "buildkitImage", "layerCache"];
const sharedKeys = ["infrastructure", "connectors", "allowRemoteContext", "allowedRegistryHosts"];
/** What a pipeline's expressions are given (plan/resolve-expressions.ts, plan/input-set.ts) and how it is read (plan/as-written.ts). */
const valueKeys = ["values", "inputSet", "inputSetFile", "templates", "asWritten"];
const keysOf: Record<OptionsOf, readonly string[]> = {
  common: [...sharedKeys, "mode", "nonRoot", ...backendKeys],
  step: [...sharedKeys, "mode", "nonRoot", ...backendKeys, "scope", "stage", "source", "containerName", "workspaceRoot"],
  "plan-step": [...sharedKeys, "scope", "stage", "source", "workspaceRoot"],
  pipeline: [...sharedKeys, "mode", "nonRoot", ...backendKeys, "file", "yamlLimits", "workspaceRoot", ...valueKeys],
  "plan-pipeline": [...sharedKeys, "file", "yamlLimits", "workspaceRoot", ...valueKeys],
};

const invalid = (path: Path, message: string, value: unknown, rule: string): Finding => ({ path, at: "value", code: "invalid-option", message, ...(isShown(value) ? { value } : {}), rule });

/** A value a Problem can carry and JSON can print: plain data only. */
function isShown(value: unknown): boolean {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

const text = (rule: string): Check => (value, path, findings) => {
  if (typeof value !== "string") findings.push(invalid(path, `${path.join(".")} must be text, not ${describeType(value)}`, value, rule));
  else if (forbiddenCharacter(value, "single-line") !== undefined) findings.push(invalid(path, `${path.join(".")} holds the control character ${forbiddenCharacter(value, "single-line")}`, value, characterRules["single-line"]));
};

const flag: Check = (value, path, findings) => {
  if (typeof value !== "boolean") findings.push(invalid(path, `${path.join(".")} must be true or false, not ${describeType(value)}`, value, `${path.join(".")} is a boolean`));
};

const checks: Record<string, Check> = {
  infrastructure: (value, path, findings) => {
    if (value !== "kubernetes" && value !== "vm") findings.push(invalid(path, `infrastructure ${isShown(value) ? quote(value) : `cannot be ${describeType(value)}`}${isShown(value) ? " is not one buildpush knows" : ""}`, value, "infrastructure is kubernetes (the kaniko plugins) or vm (drone-docker)"));
  },
  connectors: (value, path, findings) => {
    if (Array.isArray(value)) return;
    const set = value as { find?: unknown; identifiers?: unknown } | null;
    if (typeof set === "object" && set !== null && typeof set.find === "function" && typeof set.identifiers === "function") return;
    findings.push(invalid(path, `connectors must be a list of connectors or a ConnectorSet, not ${describeType(value)}`, value, "pass parseConnectorFile's or connectorsFromValues' connectors, or a ConnectorSet"));
  },
  allowRemoteContext: flag,
  nonRoot: flag,
  allowedRegistryHosts: (value, path, findings) => {
    if (!Array.isArray(value)) {
      findings.push(invalid(path, `allowedRegistryHosts must be a list of hosts, not ${describeType(value)}`, value, "allowedRegistryHosts lists hosts (registry.corp, registry.corp:5000) or *.domain"));
      return;
    }
    value.forEach((host: unknown, index) => {
      if (typeof host !== "string" || !allowedHostPattern.test(host)) findings.push(invalid([...path, index], `allowedRegistryHosts[${index}] is not a registry host: ${typeof host === "string" ? quote(host) : describeType(host)}`, host, "an allowed registry host is host[:port] or *.domain, e.g. registry.corp.example or *.corp.example"));
    });
  },
  mode: text("mode names one of the translator's backends"),
  kanikoImage: text("kanikoImage is an image reference"),
  buildahImage: text("buildahImage is an image reference"),
  dockerImage: text("dockerImage is an image reference"),
  buildkitImage: text("buildkitImage is an image reference"),
  layerCache: (value, path, findings) => {
    // The repository itself is held to the reference grammar by the backends that read it.
    if (!isPlainObject(value) || Object.keys(value).some((key) => key !== "repository")) findings.push(invalid(path, `layerCache must be { repository }, not ${describeType(value)}`, value, 'layerCache is { repository: "registry.example.com/buildcache" }'));
    else text("layerCache.repository is a registry repository")(value["repository"], [...path, "repository"], findings);
  },
  executorVersion: text("executorVersion is a kaniko executor version, e.g. 1.23.2"),
  file: text("file is the pipeline file's name, as problems should show it"),
  images: (value, path, findings) => {
    if (!isPlainObject(value)) {
      findings.push(invalid(path, `images must be a map of plugin image names to references, not ${describeType(value)}`, value, 'images is { "plugins/kaniko": "registry.internal/kaniko:1.13.3", ... }'));
      return;
    }
    for (const name of Object.keys(value)) if (typeof value[name] !== "string") findings.push(invalid([...path, name], `images[${quote(name)}] must be an image reference, not ${describeType(value[name])}`, value[name], "each image override is an image reference (text)"));
  },
  yamlLimits: (value, path, findings) => {
    if (!isPlainObject(value)) findings.push(invalid(path, `yamlLimits must be a map of limits, not ${describeType(value)}`, value, "yamlLimits is { maxLength, maxDepth, maxDocuments, maxAliasCount }, each optional"));
  },
  workspaceRoot: (value, path, findings) => {
    if (value === null) return;
    if (typeof value !== "string" || !value.startsWith("/") || forbiddenCharacter(value, "single-line") !== undefined) findings.push(invalid(path, `workspaceRoot must be an absolute directory or null, not ${typeof value === "string" ? quote(value) : describeType(value)}`, value, "workspaceRoot is the absolute directory dockerfile and context must stay inside (default /harness), or null for a local run"));
  },
  containerName: (value, path, findings) => {
    if (typeof value !== "string" || !isDnsLabel(value)) findings.push(invalid(path, `containerName ${typeof value === "string" ? quote(value) : describeType(value)} is not a container name`, value, "a container name is a DNS-1123 label: lowercase letters, digits and -, at most 63"));
  },
  source: (value, path, findings) => {
    const source = value as { locate?: unknown; textOf?: unknown } | null;
    if (typeof source !== "object" || source === null || typeof source.locate !== "function" || typeof source.textOf !== "function") findings.push(invalid(path, `source must be a SourceMap (locate and textOf), not ${describeType(value)}`, value, "pass the source of a parsed YAML document (parseYamlFile), or leave it out"));
  },
  scope: (value, path, findings) => {
    if (!isPlainObject(value)) {
      findings.push(invalid(path, `scope must be a map with orgIdentifier and projectIdentifier, not ${describeType(value)}`, value, "scope is { orgIdentifier?, projectIdentifier? }"));
      return;
    }
    for (const key of Object.keys(value)) {
      const id = value[key];
      if (key !== "orgIdentifier" && key !== "projectIdentifier") findings.push(invalid([...path, key], `unknown option scope.${key}`, key, "scope holds orgIdentifier and projectIdentifier"));
      else if (id !== undefined && (typeof id !== "string" || !identifierPattern.test(id))) findings.push(invalid([...path, key], `scope.${key} ${typeof id === "string" ? quote(id) : describeType(id)} is not an identifier`, id, identifierRule));
    }
  },
  stage: stageContextFindings,
  values: (value, path, findings) => {
    if (typeof value === "function") return;
    if (!isPlainObject(value)) {
      findings.push(invalid(path, `values must be a map of expression names to values, or a function, not ${describeType(value)}`, value, "values is { \"pipeline.sequenceId\": \"42\", ... } or (name) => value | undefined"));
      return;
    }
    for (const name of Object.keys(value)) if (typeof value[name] !== "string") findings.push(invalid([...path, name], `values[${quote(name)}] must be text, not ${describeType(value[name])}`, value[name], "each value is the text the expression stands for"));
  },
  inputSet: (value, path, findings) => {
    // YAML text: many lines, so not held to the one-line rule of the other text options.
    if (typeof value !== "string") findings.push(invalid(path, `inputSet must be the input set's YAML text, not ${describeType(value)}`, value, "inputSet is YAML text (inputSetFile names it)"));
  },
  inputSetFile: text("inputSetFile is the input set's file name, as problems should show it"),
  templates: (value, path, findings) => {
    const rule = "templates is a list of { file, text }: each a template file's name and its YAML text";
    if (!Array.isArray(value)) {
      findings.push(invalid(path, `templates must be a list of template files, not ${describeType(value)}`, value, rule));
      return;
    }
    value.forEach((item: unknown, index) => {
      const at = [...path, index];
      if (!isPlainObject(item)) findings.push(invalid(at, `templates[${index}] must be a template file { file, text }, not ${describeType(item)}`, item, rule));
      else {
        // text is YAML (many lines); file is a name problems show, held to the one-line rule.
        text("each template file's file is its name, as problems should show it")(item["file"], [...at, "file"], findings);
        if (typeof item["text"] !== "string") findings.push(invalid([...at, "text"], `templates[${index}].text must be the template file's YAML text, not ${describeType(item["text"])}`, item["text"], rule));
        for (const key of Object.keys(item)) if (key !== "file" && key !== "text") findings.push(invalid([...at, key], `unknown option templates[${index}].${key}`, key, rule));
      }
    });
  },
  asWritten: (value, path, findings) => {
    if (typeof value !== "boolean") findings.push(invalid(path, `asWritten must be true or false, not ${describeType(value)}`, value, "asWritten is a boolean"));
  },
};

/** Every problem with a call's options; `open` when the translator's backends may read keys of their own. */
export function optionProblems(options: unknown, of: OptionsOf, open: boolean): Problem[] {
  if (options === undefined) return [];
  if (!isPlainObject(options)) return toProblems([invalid([], `the options must be a map of options, not ${describeType(options)}`, options, "pass an object of options, or none")]);
  const findings: Finding[] = [];
  const known = keysOf[of];
  for (const key of Object.keys(options)) {
    const value = options[key];
    if (!known.includes(key)) {
      // Custom backends may read options of their own; the built-in ones read only these.
      if (!open) findings.push(invalid([key], `unknown option ${quote(key)}`, key, `the options are ${known.join(", ")}`));
      continue;
    }
    if (value !== undefined) checks[key]!(value, [key], findings);
  }
  return toProblems(findings);
}

const securityFlags = ["runAsNonRoot", "privileged", "allowPrivilegeEscalation", "readOnlyRootFilesystem"];
const stageKeys = ["identifier", "name", "infrastructure", "os", "arch", "variables", "secretVariables", "containerSecurityContext", "imagePullPolicy", "harnessImageRegistry", "harnessImageLogin", "when", "failureStrategies", "sharedPaths"];
/** What `StageContext.infrastructure.type` can be (pipeline/stage-infrastructure.ts). */
const infrastructureTypes = ["KubernetesDirect", "KubernetesHosted", "VM", "Cloud", "Docker"];

/**
 * A StageContext given by an engine (translateStep's `stage`): what a pipeline file's stage
 * would give after find-steps read it, held to the same rules: variable names and values
 * (text only: a Date, a function or a map would reach the environment as garbage), secret
 * references, a typed security context, an image pull policy and mountable shared paths; the
 * stage's infrastructure (of a known type, its volumes mountable), the registry of its
 * `harnessImageConnectorRef` and that login (by reference), and its `when` and failure
 * strategies as maps and lists (a step translated on its own does not read them; a
 * PlannedStep's stageContext has them).
 */
function stageContextFindings(value: unknown, path: Path, findings: Finding[]): void {
  if (!isPlainObject(value)) {
    findings.push(invalid(path, `stage must be a map (a StageContext), not ${describeType(value)}`, value, "stage is { variables?, secretVariables?, containerSecurityContext?, sharedPaths?, ... }"));
    return;
  }
  for (const key of Object.keys(value)) {
    const item = value[key];
    const at = [...path, key];
    if (!stageKeys.includes(key)) {
      findings.push(invalid(at, `unknown option stage.${key}`, key, `a StageContext holds ${stageKeys.join(", ")}`));
      continue;
    }
    if (item === undefined) continue;
    if (key === "identifier" && (typeof item !== "string" || !identifierPattern.test(item))) findings.push(invalid(at, `stage.identifier ${typeof item === "string" ? quote(item) : describeType(item)} is not an identifier`, item, identifierRule));
    if (key === "os") text("stage.os is the stage's operating system, e.g. Linux")(item, at, findings);
    if (key === "arch") text("stage.arch is the stage's CPU architecture, e.g. Amd64 or Arm64")(item, at, findings);
    if (key === "imagePullPolicy" && item !== "Always" && item !== "IfNotPresent" && item !== "Never") findings.push(invalid(at, `stage.imagePullPolicy ${isShown(item) ? quote(item) : describeType(item)} is not one Kubernetes accepts`, item, "imagePullPolicy is Always, IfNotPresent or Never"));
    if (key === "variables") variableFindings(item, at, findings, false);
    if (key === "secretVariables") variableFindings(item, at, findings, true);
    if (key === "containerSecurityContext") securityContextFindings(item, at, findings);
    if (key === "sharedPaths") sharedPathFindings(item, at, findings);
    if (key === "name") text("stage.name is the stage's name")(item, at, findings);
    if (key === "harnessImageRegistry" && (typeof item !== "string" || /\s/.test(item) || forbiddenCharacter(item, "single-line") !== undefined)) findings.push(invalid(at, `stage.harnessImageRegistry ${isShown(item) ? quote(item) : describeType(item)} is not a registry path`, item, "harnessImageRegistry is the registry path plugin images are pulled from (host[:port][/path], or \"\" for Docker Hub)"));
    if (key === "harnessImageLogin") imageLoginFindings(item, at, findings);
    if (key === "infrastructure") infrastructureFindings(item, at, findings);
    if (key === "when" && !isPlainObject(item)) findings.push(invalid(at, `stage.when must be a map, not ${describeType(item)}`, item, "when is { stageStatus, condition? }"));
    if (key === "failureStrategies" && !Array.isArray(item)) findings.push(invalid(at, `stage.failureStrategies must be a list, not ${describeType(item)}`, item, "failureStrategies is a list of { errors, action }"));
  }
}

/** harnessImageLogin: a basic login by reference; a pasted password is never repeated. */
function imageLoginFindings(value: unknown, path: Path, findings: Finding[]): void {
  const login = isPlainObject(value) ? value : undefined;
  const ref = login?.["passwordRef"];
  if (!login || login["kind"] !== "basic" || typeof login["registry"] !== "string" || typeof ref !== "string" || !secretReferencePattern.test(ref)) {
    findings.push({ path, at: "value", code: "invalid-secret-reference", message: "stage.harnessImageLogin is not { kind: \"basic\", registry, username or usernameRef, passwordRef: <secret reference> } (its value is not shown)", rule: "a login holds secret references, never secrets" });
  }
}

/** The stage's infrastructure: a known type; a KubernetesDirect one's volumes are mounted in the step, so each needs an absolute mount path. */
function infrastructureFindings(value: unknown, path: Path, findings: Finding[]): void {
  if (!isPlainObject(value) || !infrastructureTypes.includes(value["type"] as string)) {
    findings.push(invalid(path, `stage.infrastructure must be a StageInfrastructure (type ${infrastructureTypes.join(", ")}), not ${isPlainObject(value) ? `a map of type ${quote(value["type"])}` : describeType(value)}`, isPlainObject(value) ? value["type"] : value, "pass the infrastructure of a translated stage (PipelineTranslation.stages[].infrastructure), or leave it out"));
    return;
  }
  const volumes = value["volumes"];
  if (volumes === undefined) return;
  if (!Array.isArray(volumes)) {
    findings.push(invalid([...path, "volumes"], `stage.infrastructure.volumes must be a list, not ${describeType(volumes)}`, volumes, "volumes is a list of { type, mountPath, ... }"));
    return;
  }
  volumes.forEach((volume: unknown, index) => {
    const mountPath = isPlainObject(volume) ? volume["mountPath"] : undefined;
    const reason = typeof mountPath !== "string" ? `it is ${describeType(mountPath)}` : forbiddenCharacter(mountPath, "single-line") !== undefined ? `it holds the control character ${forbiddenCharacter(mountPath, "single-line")}` : sharedPathProblem(mountPath);
    if (reason !== undefined) findings.push({ path: [...path, "volumes", index, "mountPath"], at: "value", code: "invalid-path", message: `stage.infrastructure.volumes[${index}].mountPath cannot be mounted: ${reason}`, ...(isShown(mountPath) ? { value: mountPath } : {}), rule: sharedPathRule });
  });
}

function variableFindings(value: unknown, path: Path, findings: Finding[], secret: boolean): void {
  const label = path.join(".");
  if (!isPlainObject(value)) {
    findings.push(invalid(path, `${label} must be a map of names to ${secret ? "secret references" : "text"}, not ${describeType(value)}`, value, secret ? '{ NAME: { ref: "account.secret" } }' : '{ NAME: "value" }'));
    return;
  }
  for (const name of Object.keys(value)) {
    const item = value[name];
    const at = [...path, name];
    if (!isEnvName(name)) findings.push({ path: at, at: "key", code: "invalid-env-name", message: `${label} name ${quote(name)} cannot be an environment variable`, value: name, rule: name === "__proto__" ? prototypeNameRule : "a variable name starts with a letter or _ and holds letters, digits and _" });
    if (secret) {
      const ref = isPlainObject(item) ? item["ref"] : undefined;
      // Never repeated: a pasted secret may stand where the reference belongs.
      if (typeof ref !== "string" || !secretReferencePattern.test(ref)) findings.push({ path: at, at: "value", code: "invalid-secret-reference", message: `${label}.${name} is not { ref: <secret reference> } (its value is not shown)`, rule: "a secret variable is { ref: NAME }, NAME an identifier optionally prefixed with account. or org." });
    } else if (typeof item !== "string") {
      findings.push(invalid(at, `${label}.${name} must be text, not ${describeType(item)}`, item, "a variable's value is text (the container's environment holds strings)"));
    } else if (forbiddenCharacter(item, "multi-line") !== undefined) {
      findings.push({ path: at, at: "value", code: "invalid-character", message: `${label}.${name} holds the control character ${forbiddenCharacter(item, "multi-line")}`, value: item, rule: characterRules["multi-line"] });
    }
  }
}

function securityContextFindings(value: unknown, path: Path, findings: Finding[]): void {
  if (!isPlainObject(value)) {
    findings.push(invalid(path, `stage.containerSecurityContext must be a map, not ${describeType(value)}`, value, "a SecurityContext is { runAsUser?, runAsNonRoot?, capabilities?, ... }"));
    return;
  }
  for (const key of Object.keys(value)) {
    const item = value[key];
    const at = [...path, key];
    if (item === undefined) continue;
    if (key === "runAsUser" || key === "runAsGroup") {
      if (!(Number.isInteger(item) && (item as number) >= 0 && (item as number) <= 2147483647)) findings.push({ path: at, at: "value", code: "invalid-run-as-user", message: `stage.containerSecurityContext.${key} ${describeType(item)} is not a user or group ID`, ...(isShown(item) ? { value: item } : {}), rule: `${key} is a whole number from 0 to 2147483647` });
    } else if (securityFlags.includes(key)) {
      if (typeof item !== "boolean") findings.push(invalid(at, `stage.containerSecurityContext.${key} must be true or false, not ${describeType(item)}`, item, `${key} is a boolean`));
    } else if (key === "capabilities") {
      if (!isPlainObject(item)) findings.push(invalid(at, `stage.containerSecurityContext.capabilities must be a map with add and drop, not ${describeType(item)}`, item, "capabilities is { add?: string[], drop?: string[] }"));
      else
        for (const list of Object.keys(item)) {
          const names = item[list];
          if ((list !== "add" && list !== "drop") || !Array.isArray(names) || names.some((name) => typeof name !== "string" || name === "" || forbiddenCharacter(name, "single-line") !== undefined))
            findings.push(invalid([...at, list], `stage.containerSecurityContext.capabilities.${list} is not a list of capability names`, names, "capabilities holds add and drop, lists of names such as NET_ADMIN or ALL"));
        }
    } else findings.push(invalid(at, `unknown option stage.containerSecurityContext.${key}`, key, "a SecurityContext holds runAsUser, runAsGroup, runAsNonRoot, privileged, allowPrivilegeEscalation, readOnlyRootFilesystem and capabilities"));
  }
}

function sharedPathFindings(value: unknown, path: Path, findings: Finding[]): void {
  if (!Array.isArray(value)) {
    findings.push(invalid(path, `stage.sharedPaths must be a list of directories, not ${describeType(value)}`, value, sharedPathRule));
    return;
  }
  const seen = new Set<string>();
  value.forEach((item: unknown, index) => {
    const at = [...path, index];
    const reason = typeof item !== "string" ? `it is ${describeType(item)}` : forbiddenCharacter(item, "single-line") !== undefined ? `it holds the control character ${forbiddenCharacter(item, "single-line")}` : (sharedPathProblem(item) ?? (seen.has(normalizedPath(item)) ? "it is given twice" : undefined));
    if (reason !== undefined) findings.push({ path: at, at: "value", code: "invalid-path", message: `stage.sharedPaths[${index}] cannot be mounted: ${reason}`, ...(isShown(item) ? { value: item } : {}), rule: sharedPathRule });
    if (typeof item === "string") seen.add(normalizedPath(item));
  });
}
