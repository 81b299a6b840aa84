import type { Finding } from "../problems/collector.js";
import { quote } from "../problems/format.js";
import type { Path } from "../problems/path.js";
import { parseRuntimeInput } from "../source/expressions.js";
import { fillRuntimeInputs } from "../plan/input-set.js";
import type { ParsedYamlDocument, SourceMap } from "../source/yaml-source.js";
import { describeType, isPlainObject } from "../source/values.js";

/**
 * Harness templates (v0 YAML: `template: {identifier, versionLabel, type, spec}`): a step, step
 * group or stage whose body is `template: {templateRef, versionLabel, templateInputs}` is
 * replaced by the template's spec with its `<+input>` fields filled from `templateInputs`, so its
 * build-and-push steps are checked and translated like any other. Positions follow: a field the
 * template gives points into the template file, a field templateInputs give into the pipeline.
 * A template use with no template given is a warning (its steps are not checked).
 */
export interface TemplateDocument {
  identifier: string;
  versionLabel?: string;
  type: "Step" | "StepGroup" | "Stage";
  scope: "account" | "org" | "project";
  spec: Record<string, unknown>;
  source: SourceMap;
  /** Whether Harness marks it the stable version (`isStable`), used when a use names no version. */
  stable: boolean;
}

const wrapperType = { step: "Step", stepGroup: "StepGroup", stage: "Stage" } as const;
type Wrapper = keyof typeof wrapperType;
const maxDepth = 10;

/** The templates of template files (several documents each); problems have paths inside their document. */
export function readTemplates(documents: readonly ParsedYamlDocument[], into: TemplateDocument[], onFinding: (finding: Finding, source: SourceMap) => void): void {
  for (const { value, source } of documents) {
    if (value === null || value === undefined) continue;
    const fail = (path: Path, message: string, rule: string): void => onFinding({ path, at: "value", code: "invalid-template", message, rule }, source);
    const template = isPlainObject(value) ? value["template"] : undefined;
    if (!isPlainObject(template)) {
      fail([], `expected a Harness template with a \`template:\` map at its root, found ${describeType(value)}`, "a template file holds template: {identifier, versionLabel, type, spec} documents");
      continue;
    }
    const { identifier, versionLabel, type, spec } = template;
    if (typeof identifier !== "string") {
      fail(["template"], "the template has no identifier", "a template has an identifier, which templateRef names");
      continue;
    }
    if (type !== "Step" && type !== "StepGroup" && type !== "Stage") {
      fail(["template", "type"], `template ${identifier} is of type ${quote(type)}, which buildpush does not expand`, "buildpush expands Step, StepGroup and Stage templates");
      continue;
    }
    if (!isPlainObject(spec)) {
      fail(["template"], `template ${identifier} has no spec map`, "a template's spec is the body of its step, step group or stage");
      continue;
    }
    const scope = typeof template["projectIdentifier"] === "string" ? "project" : typeof template["orgIdentifier"] === "string" ? "org" : "account";
    into.push({
      identifier,
      ...(typeof versionLabel === "string" || typeof versionLabel === "number" ? { versionLabel: String(versionLabel) } : {}),
      type,
      scope,
      spec,
      source: scoped(source, ["template", "spec"]),
      stable: template["isStable"] === true,
    });
  }
}

export interface ExpandedTemplates {
  document: unknown;
  /** The file's SourceMap, with the expanded parts pointing into the template files. */
  source: SourceMap;
  findings: { finding: Finding; source: SourceMap }[];
}

/** Replace every template use of the pipeline with the template it names; `templates` undefined: none were given. */
export function expandTemplates(document: unknown, source: SourceMap, templates: readonly TemplateDocument[] | undefined): ExpandedTemplates {
  const findings: ExpandedTemplates["findings"] = [];
  const overlays: { path: Path; source: SourceMap }[] = [];
  // The file's positions with every template expanded so far (nested uses sit inside expanded templates).
  const live = overlaid(source, overlays);
  const warn = (path: Path, message: string, hint: string): void =>
    void findings.push({ finding: { path, at: "key", code: "unknown-template", severity: "warning", message, rule: "the build-and-push steps of a template are checked only when the template is given", hint }, source: live });
  const fail = (path: Path, message: string, rule: string): void => void findings.push({ finding: { path, at: "value", code: "invalid-template", message, rule }, source: live });

  /** The body of a wrapper (`step:`, `stepGroup:`, `stage:`) at `path`, its template expanded. */
  const expandBody = (wrapper: Wrapper, body: Record<string, unknown>, path: Path, depth: number): Record<string, unknown> => {
    const use = body["template"];
    if (use === undefined) return body;
    const at = [...path, "template"];
    const what = `${wrapper === "stepGroup" ? "step group" : wrapper} ${typeof body["identifier"] === "string" ? body["identifier"] : "?"}`;
    if (!isPlainObject(use) || typeof use["templateRef"] !== "string") {
      fail(at, `the ${what} uses a template written as ${describeType(use)}`, "a template use is template: {templateRef, versionLabel, templateInputs}");
      return body;
    }
    const ref = use["templateRef"];
    const version = typeof use["versionLabel"] === "string" || typeof use["versionLabel"] === "number" ? String(use["versionLabel"]) : undefined;
    const named = `${quote(ref)}${version !== undefined ? ` (version ${quote(version)})` : ""}`;
    if (!templates) {
      warn(at, `the ${what} uses the template ${named}, which was not given: its build-and-push steps are not checked`, "pass the template's YAML with --templates FILE (the API: templates)");
      return body;
    }
    const template = findTemplate(templates, ref, version);
    if (!template) {
      warn(at, `the ${what} uses the template ${named}, which none of the template files given holds: its build-and-push steps are not checked`, "add the template (that version) to a --templates file");
      return body;
    }
    if (template.type !== wrapperType[wrapper]) {
      fail([...at, "templateRef"], `the ${what} uses ${quote(ref)}, a ${template.type} template`, `a ${wrapper} uses a ${wrapperType[wrapper]} template`);
      return body;
    }
    if (depth >= maxDepth) {
      fail(at, `templates nest more than ${maxDepth} deep at ${quote(ref)} (a template that uses itself?)`, `templates nest at most ${maxDepth} deep`);
      return body;
    }
    const inputsPath = [...at, "templateInputs"];
    const filled = use["templateInputs"] === undefined ? { value: template.spec, findings: [] } : fillRuntimeInputs(template.spec, use["templateInputs"], inputsPath, live, { code: "invalid-template", giver: "templateInputs", taker: `the template ${quote(ref)}`, onlyInputs: "templateInputs hold only the template's runtime inputs (<+input>)" });
    for (const finding of filled.findings) findings.push({ finding, source: live });
    const { template: _use, ...rest } = body;
    const expanded: Record<string, unknown> = { ...(filled.value as Record<string, unknown>), ...rest };
    // Fields the template gives point into its file; those templateInputs give (and the use's own keys) stay where the
    // use is written: the positions as they were before this overlay (a copy, so that it never reads itself).
    overlays.push({ path, source: templatePart(template, { inputs: use["templateInputs"], path: at, ownKeys: [...Object.keys(rest), "template"] }, overlaid(source, [...overlays]), path) });
    return walkBody(wrapper, expanded, path, depth + 1);
  };

  const walkSteps = (steps: unknown, path: Path, depth: number): unknown => {
    if (!Array.isArray(steps)) return steps;
    return steps.map((entry, index) => {
      if (!isPlainObject(entry)) return entry;
      const out: Record<string, unknown> = { ...entry };
      for (const wrapper of ["step", "stepGroup"] as const) if (isPlainObject(entry[wrapper])) out[wrapper] = expandBody(wrapper, entry[wrapper], [...path, index, wrapper], depth);
      if (Array.isArray(entry["parallel"])) out["parallel"] = walkSteps(entry["parallel"], [...path, index, "parallel"], depth);
      return out;
    });
  };

  const walkBody = (wrapper: Wrapper, body: Record<string, unknown>, path: Path, depth: number): Record<string, unknown> => {
    if (wrapper === "step") return body;
    if (wrapper === "stepGroup") return Array.isArray(body["steps"]) ? { ...body, steps: walkSteps(body["steps"], [...path, "steps"], depth) } : body;
    const spec = body["spec"];
    if (!isPlainObject(spec) || !isPlainObject(spec["execution"])) return body;
    const execution = spec["execution"];
    return { ...body, spec: { ...spec, execution: { ...execution, steps: walkSteps(execution["steps"], [...path, "spec", "execution", "steps"], depth), ...(execution["rollbackSteps"] !== undefined ? { rollbackSteps: walkSteps(execution["rollbackSteps"], [...path, "spec", "execution", "rollbackSteps"], depth) } : {}) } } };
  };

  if (!isPlainObject(document) || !isPlainObject(document["pipeline"])) return { document, source, findings };
  const pipeline = document["pipeline"];
  if (pipeline["template"] !== undefined) warn(["pipeline", "template"], "the pipeline uses a pipeline template, which buildpush does not expand: its build-and-push steps are not checked", "check the pipeline template's own file, or the pipeline Harness resolves from it");
  const stages = Array.isArray(pipeline["stages"])
    ? pipeline["stages"].map((entry: unknown, index: number) => {
        if (!isPlainObject(entry)) return entry;
        const out: Record<string, unknown> = { ...entry };
        const at: Path = ["pipeline", "stages", index];
        if (isPlainObject(entry["stage"])) out["stage"] = expandBody("stage", walkBody("stage", entry["stage"], [...at, "stage"], 0), [...at, "stage"], 0);
        if (Array.isArray(entry["parallel"]))
          out["parallel"] = entry["parallel"].map((inner: unknown, innerIndex: number) =>
            isPlainObject(inner) && isPlainObject(inner["stage"]) ? { ...inner, stage: expandBody("stage", walkBody("stage", inner["stage"], [...at, "parallel", innerIndex, "stage"], 0), [...at, "parallel", innerIndex, "stage"], 0) } : inner,
          );
        return out;
      })
    : pipeline["stages"];
  return { document: { ...document, pipeline: { ...pipeline, stages } }, source: overlays.length > 0 ? live : source, findings };
}

/** The template a use names: by identifier and scope (`account.x`, `org.x`, `x`), the version given, else the stable or only one. */
function findTemplate(templates: readonly TemplateDocument[], ref: string, version: string | undefined): TemplateDocument | undefined {
  const [scope, identifier] = ref.startsWith("account.") ? ["account", ref.slice(8)] : ref.startsWith("org.") ? ["org", ref.slice(4)] : ["project", ref];
  const named = templates.filter((template) => template.identifier === identifier);
  // A template file need not say its scope (orgIdentifier, projectIdentifier): prefer the scope named, else any.
  const inScope = named.some((template) => template.scope === scope) ? named.filter((template) => template.scope === scope) : named;
  if (version !== undefined) return inScope.find((template) => template.versionLabel === version);
  return inScope.find((template) => template.stable) ?? (inScope.length === 1 ? inScope[0] : undefined);
}

/**
 * Positions inside an expanded body at `base`: the use's own keys stay in the pipeline file, a
 * field the template leaves to a runtime input points at templateInputs (where they give it),
 * the rest into the template file.
 */
function templatePart(template: TemplateDocument, use: { inputs: unknown; path: Path; ownKeys: readonly string[] }, pipeline: SourceMap, base: Path): SourceMap {
  const inputsPath = [...use.path, "templateInputs"];
  const inPipeline = (sub: Path): Path | undefined => {
    if (sub.length === 0 || use.ownKeys.includes(String(sub[0]))) return [...base, ...sub];
    let node: unknown = template.spec;
    for (let length = 0; length <= sub.length; length++) {
      if (typeof node === "string" && parseRuntimeInput(node)) return has(use.inputs, sub) ? [...inputsPath, ...sub] : inputsPath;
      if (length === sub.length || (!isPlainObject(node) && !Array.isArray(node))) return undefined;
      node = (node as Record<string | number, unknown>)[sub[length]!];
    }
    return undefined;
  };
  return {
    locate(sub, at) {
      const path = inPipeline(sub);
      return path ? pipeline.locate(path, at) : template.source.locate(sub, at);
    },
    textOf(sub) {
      const path = inPipeline(sub);
      return path ? pipeline.textOf(path) : template.source.textOf(sub);
    },
  };
}

function has(value: unknown, path: Path): boolean {
  let node = value;
  for (const segment of path) {
    if (!(isPlainObject(node) || Array.isArray(node)) || !Object.prototype.hasOwnProperty.call(node, segment)) return false;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return true;
}

/** `source` with the parts under each overlay's path read from the overlay (the deepest wins). */
function overlaid(source: SourceMap, overlays: readonly { path: Path; source: SourceMap }[]): SourceMap {
  const find = (path: Path): { sub: Path; source: SourceMap } | undefined => {
    let best: { path: Path; source: SourceMap } | undefined;
    for (const overlay of overlays) if (overlay.path.length <= path.length && overlay.path.every((segment, index) => path[index] === segment) && (!best || overlay.path.length > best.path.length)) best = overlay;
    return best ? { sub: path.slice(best.path.length), source: best.source } : undefined;
  };
  return {
    locate(path, at) {
      const found = find(path);
      return found ? found.source.locate(found.sub, at) : source.locate(path, at);
    },
    textOf(path) {
      const found = find(path);
      return found ? found.source.textOf(found.sub) : source.textOf(path);
    },
  };
}

function scoped(source: SourceMap, base: Path): SourceMap {
  return { locate: (path, at) => source.locate([...base, ...path], at), textOf: (path) => source.textOf([...base, ...path]) };
}
