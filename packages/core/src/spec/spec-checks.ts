import { asWritten, quote } from "../problems/format.js";
import type { ProblemCollector } from "../problems/collector.js";
import type { Path } from "../problems/path.js";
import { prototypeNameRule, isEnvName } from "../rules/identifiers.js";
import { isValidTag, suggestTag, tagRule } from "../rules/image-reference.js";
import { buildSource, remoteSourceRule } from "../rules/build-context.js";
import { optionPathRule, stageNamePattern, stageNameRule, workspacePathProblem, workspacePathRule } from "../rules/text-checks.js";
import type { CommonSpec } from "./common-spec.js";
import { checkDockerSecrets } from "./docker-secret-checks.js";
import type { PartialReadSpec } from "./read-spec.js";

/** The fields every build-and-push step shares, as readSpec read them. */
type CommonRead = PartialReadSpec<CommonSpec>;

const specPath: Path = ["spec"];

/**
 * The rules for the fields every step shares: tags, build args and labels as the plugin
 * receives them, variable names, paths inside the workspace (`root`; null for a local run),
 * the Dockerfile target, cache sources and build secrets.
 */
export function checkCommonSpec(spec: CommonRead, root: string | null, collector: ProblemCollector, allowRemoteContext = false): void {
  checkTags(spec, specPath, collector);
  checkMap(spec, "buildArgs", specPath, collector, "to pass a value with a comma, set PLUGIN_MULTIPLE_BUILD_ARGS=true and PLUGIN_BUILD_ARGS_NEW (split on ;) in envVariables");
  checkMap(spec, "labels", specPath, collector);
  checkEnvNames(spec, specPath, collector);
  checkCacheFrom(spec, specPath, collector);
  checkWorkspacePath(spec, "dockerfile", root, specPath, collector, allowRemoteContext);
  checkWorkspacePath(spec, "context", root, specPath, collector, allowRemoteContext);
  checkTarget(spec, specPath, collector);
  checkDockerSecrets(spec, root, specPath, collector);
}

/** Harness leaves dockerfile and context out when they are empty or the string `null`. */
export function optionalPath(value: string | undefined): string | undefined {
  return typeof value === "string" && value !== "" && value !== "null" ? value : undefined;
}

function checkTags(spec: CommonRead, specPath: Path, collector: ProblemCollector): void {
  const tags = spec.tags;
  if (tags === undefined) return;
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
  tags.forEach((tag, index) => {
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
function checkMap(spec: CommonRead, field: "buildArgs" | "labels", specPath: Path, collector: ProblemCollector, commaHint?: string): void {
  const entries = spec[field];
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

function checkEnvNames(spec: CommonRead, specPath: Path, collector: ProblemCollector): void {
  for (const [key] of spec.envVariables ?? []) {
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

/** dockerfile and context must stay inside the workspace: outside it, COPY could read the build container's own files. */
function checkWorkspacePath(spec: CommonRead, field: "dockerfile" | "context", root: string | null, specPath: Path, collector: ProblemCollector, allowRemote: boolean): void {
  const value = optionalPath(spec[field]);
  if (value === undefined) return;
  const problem = buildPathProblem(value, root, allowRemote);
  if (!problem) return;
  collector.add([...specPath, field], {
    code: "invalid-path",
    message: `${field} ${quote(value)} is not a path inside the workspace: ${problem.reason}`,
    value,
    rule: problem.remote ? remoteSourceRule : root === null ? optionPathRule : workspacePathRule(root),
    ...(problem.hint ? { hint: problem.hint } : {}),
  });
}

/**
 * Why a dockerfile or context (or PLUGIN_DOCKERFILE, PLUGIN_CONTEXT) is not one the build may
 * read: a remote source the caller did not allow, or a path (`dir://` ones included) outside
 * the workspace.
 */
export function buildPathProblem(value: string, root: string | null, allowRemote: boolean): { reason: string; hint?: string; remote?: true } | undefined {
  const source = buildSource(value);
  if (source.kind === "remote") {
    if (allowRemote) return undefined;
    return { reason: `it names a remote source (${source.scheme}), read from outside the workspace`, hint: "give a path in the workspace, or let the caller allow remote contexts (allowRemoteContext, --allow-remote-context)", remote: true };
  }
  return workspacePathProblem(source.path, root);
}

function checkTarget(spec: CommonRead, specPath: Path, collector: ProblemCollector): void {
  const target = spec.target;
  if (typeof target !== "string" || stageNamePattern.test(target)) return;
  collector.add([...specPath, "target"], {
    code: "invalid-target",
    message: `target ${quote(target)} cannot name a Dockerfile stage`,
    value: target,
    rule: stageNameRule,
  });
}

function checkCacheFrom(spec: CommonRead, specPath: Path, collector: ProblemCollector): void {
  spec.cacheFrom?.forEach((item, index) => {
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

