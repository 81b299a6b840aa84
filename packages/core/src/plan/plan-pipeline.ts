import { toConnectorSet, type Connector, type ConnectorSet } from "../connectors/connectors.js";
import { ProblemCollector, type Finding } from "../problems/collector.js";
import { quote } from "../problems/format.js";
import { formatPath, type Path } from "../problems/path.js";
import { asWrittenFinding, asWrittenRuns, type AsWrittenRuns } from "./as-written.js";
import { isPlainObject } from "../source/values.js";
import { applyInputSet } from "./input-set.js";
import { missingValuesFinding, resolveExpressions, type ExpressionValues } from "./resolve-expressions.js";
import { toProblems } from "../problems/locate.js";
import type { Problem, SourcePosition } from "../problems/problem.js";
import { findBuildAndPushSteps } from "../pipeline/find-steps.js";
import { readPipelineScope } from "../pipeline/pipeline-scope.js";
import type { StageContext } from "../pipeline/stage.js";
import type { StepSemantics } from "../pipeline/step-entries.js";
import { defaultYamlLimits, parseYamlFile, scopedSource, scopeSource, type ScopableSource, type SourceMap, type YamlLimits } from "../source/yaml-source.js";
import type { PluginStep } from "../backends/backend.js";
import type { BuildPlan, Infrastructure } from "./build-plan.js";
import { planStepFindings, type PlanOptions } from "./plan-step.js";
import { expandTemplates, readTemplates, type TemplateDocument } from "../pipeline/templates.js";
import { duplicateIdentifierFindings } from "./duplicate-identifiers.js";
import { duplicatePushFindings } from "./duplicate-pushes.js";
import { readHarnessImageRegistries } from "./harness-image-registry.js";
import { resolveStrategyText, strategyContexts } from "../pipeline/strategy.js";
import type { StepHandler } from "./step-handler.js";

export interface PlanPipelineOptions {
  /** The file name problems are reported against. */
  file?: string;
  /** Overrides every stage's infrastructure. */
  infrastructure?: Infrastructure;
  connectors?: ConnectorSet | readonly Connector[];
  /** The directory dockerfile and context must stay inside (default `/harness`; `null` for a local run). See PlanOptions. */
  workspaceRoot?: string | null;
  /** Limits on the pipeline YAML; any left out keep their defaults (`defaultYamlLimits`). */
  yamlLimits?: Partial<YamlLimits>;
  /** Let dockerfile and context name a remote source (off by default). See PlanOptions. */
  allowRemoteContext?: boolean;
  /** Registry hosts a step may push to beyond its registry service's own. See PlanOptions. */
  allowedRegistryHosts?: readonly string[];
  /**
   * Values for the pipeline's expressions, by expression body (`{"pipeline.sequenceId": "42"}`),
   * or a function returning the value of a body (undefined when it has none). The pipeline's own
   * variables resolve `<+pipeline.variables.x>` and the like without it. When values are given,
   * whatever is still unresolved is one problem naming every missing expression.
   */
  values?: ExpressionValues;
  /** A Harness input set (its YAML text): it fills the pipeline's `<+input>` fields. */
  inputSet?: string;
  /** The input set's file name, for problem positions. */
  inputSetFile?: string;
  /**
   * Harness template files (Step, StepGroup and Stage templates; several documents per file):
   * template uses are expanded from them. Without it, a template use is a warning.
   */
  templates?: readonly TemplateFile[];
  /**
   * Check the pipeline as its author wrote it: an expression is a value whose literal text is
   * still checked, a field that is wholly an expression fits any type (plan/as-written.ts). The
   * plans returned then hold stand-ins for the expressions: for checking, not for running.
   */
  asWritten?: boolean;
}

/** A file of Harness templates: its name (for positions) and its YAML text. */
export interface TemplateFile {
  file: string;
  text: string;
}

/** A build-and-push step of a pipeline with its plan and what it inherits from its stage. */
export interface PlannedStep {
  stage: string;
  plan: BuildPlan;
  /** The step type's plugin encoding of this step: what the plugin backend (and `explain`) read. */
  plugin: PluginStep;
  stageContext: StageContext;
  /** Where the step is written in the pipeline file. */
  position?: SourcePosition;
  /** A SourceMap with paths relative to the step, to place later problems (a backend's). */
  source: SourceMap;
  /** Its when, failure strategies, strategy instance and the step groups around it. */
  semantics: StepSemantics;
  /** The step's warnings: what Harness accepts but will not do what its author expects (another step's push of the same tag among them). */
  warnings: Problem[];
}

/**
 * The plan of every build-and-push step of a Harness v0 pipeline, in pipeline order, and every
 * problem of every step, sorted by position in the caller's order of finding them.
 */
export function planPipelineProblems(yamlText: string, handlers: ReadonlyMap<string, StepHandler>, options: PlanPipelineOptions = {}): { planned: PlannedStep[]; problems: Problem[] } {
  const file = options.file ?? "pipeline.yaml";
  const connectors = toConnectorSet(options.connectors);
  const documents = parseYamlFile(yamlText, file, options.yamlLimits ?? defaultYamlLimits);
  if (documents.length !== 1) {
    return { planned: [], problems: [{ code: "not-a-pipeline", severity: "error", message: `a pipeline file holds one YAML document, found ${documents.length}`, rule: "one pipeline per file", position: { file, line: 1, column: 1 } }] };
  }
  let { source } = documents[0]!;
  let document = documents[0]!.value;
  const problems: Problem[] = [];
  // Templates first: an input set and values then apply to the expanded pipeline as to any other.
  const templates = readTemplateFiles(options);
  for (const problem of templates.problems) problems.push(problem);
  const expanded = expandTemplates(document, source, templates.documents);
  document = expanded.document;
  source = expanded.source;
  for (const { finding, source: at } of expanded.findings) problems.push(...toProblems([finding], at));
  if (options.inputSet !== undefined) {
    const inputFile = options.inputSetFile ?? "input-set.yaml";
    const inputs = parseYamlFile(options.inputSet, inputFile, options.yamlLimits ?? defaultYamlLimits);
    const applied = applyInputSet(document, inputs[0]?.value, inputs[0]?.source ?? { textOf: () => undefined });
    document = applied.document;
    for (const problem of toProblems(applied.findings, inputs[0]?.source)) problems.push(problem);
  }
  const givesValues = options.values !== undefined || options.inputSet !== undefined;
  const resolution = resolveExpressions(document, { ...(options.values !== undefined ? { values: options.values } : {}), inputDefaults: givesValues && !options.asWritten });
  const once = (doc: unknown, asWritten: boolean, written?: AsWrittenRuns["substituted"]): PlanRun => planRun(doc, source, handlers, connectors, options, asWritten, written);
  if (!options.asWritten && (!givesValues || resolution.missing.length === 0)) {
    const run = once(resolution.document, false);
    for (const { base, finding } of run.findings) problems.push(...toProblems([finding], scopedSource(source, base)));
    return { planned: run.planned, problems };
  }
  // As written, or with values still missing: every other check runs on the step as written.
  const runs = asWrittenRuns(resolution.document, handlers);
  const main = runs.main.map((doc) => once(doc, true, runs.substituted));
  const inAll = (key: string): boolean => main.every((run) => run.keys.has(key));
  const kept: Located[] = [];
  const seen = new Set<string>();
  for (const located of main[0]!.findings) {
    const key = findingKey(located);
    const absolute = [...located.base, ...located.finding.path];
    if (seen.has(key) || !inAll(key) || isUnder(absolute, runs.unknown)) continue;
    seen.add(key);
    kept.push({ base: located.base, finding: asWrittenFinding(located.finding, located.base, runs) });
  }
  runs.given.forEach((given, index) => {
    const run = once(given.document, true, runs.substituted);
    for (const located of run.findings) {
      const absolute = formatPath([...located.base, ...located.finding.path]);
      const value = given.paths.get(absolute);
      if (value === undefined || seen.has(`${findingKey(located)} ${index}`)) continue;
      seen.add(`${findingKey(located)} ${index}`);
      kept.push({ base: located.base, finding: { ...located.finding, message: `${located.finding.message} (${quote(value)} is a value its runtime input gives)` } });
    }
  });
  for (const finding of runs.findings) kept.push(relative(finding, main[0]!.bases));
  if (!options.asWritten) {
    const missing = missingValuesFinding(resolution.missing);
    if (missing) kept.push(relative(missing, main[0]!.bases));
  }
  for (const { base, finding } of kept) problems.push(...toProblems([finding], scopedSource(source, base)));
  const errors = problems.some((problem) => problem.severity !== "warning");
  return { planned: options.asWritten || !errors ? main[0]!.planned : [], problems };
}

/** The templates of the template files given (undefined when none were), and their problems. */
function readTemplateFiles(options: PlanPipelineOptions): { documents?: TemplateDocument[]; problems: Problem[] } {
  if (options.templates === undefined) return { problems: [] };
  const documents: TemplateDocument[] = [];
  const problems: Problem[] = [];
  for (const { file, text } of options.templates) {
    readTemplates(parseYamlFile(text, file, options.yamlLimits ?? defaultYamlLimits), documents, (finding, at) => problems.push(...toProblems([finding], at)));
  }
  return { documents, problems };
}

/** A finding and the path of what it is relative to: a step's path, or the document root. */
interface Located {
  base: Path;
  finding: Finding;
}

interface PlanRun {
  planned: PlannedStep[];
  findings: Located[];
  keys: Set<string>;
  /** The paths of the steps found, to place findings made with document paths. */
  bases: Path[];
}

/** Find the steps of a document and plan each: the findings of the stages and of every step. */
function planRun(document: unknown, fileSource: SourceMap, handlers: ReadonlyMap<string, StepHandler>, connectors: ConnectorSet, options: PlanPipelineOptions, asWritten: boolean, written?: AsWrittenRuns["substituted"]): PlanRun {
  const source = sourceOf(document, fileSource);
  const collector = new ProblemCollector(source);
  const located = findBuildAndPushSteps(document, new Set(handlers.keys()), collector, options.infrastructure);
  const scope = readPipelineScope(document, collector);
  collector.addAll(duplicateIdentifierFindings(document, (path) => source.locate(path)));
  readHarnessImageRegistries(located, document, connectors, scope, asWritten, collector);
  const findings: Located[] = collector.findings.map((finding) => ({ base: [], finding }));
  const planned: PlannedStep[] = [];
  const stepPaths = new Map<PlannedStep, Path>();
  // What every step is planned with, made once rather than spread together per step.
  const pipelineWide: PlanOptions = { connectors, scope };
  if (options.workspaceRoot !== undefined) pipelineWide.workspaceRoot = options.workspaceRoot;
  if (asWritten) pipelineWide.asWritten = true;
  if (options.allowRemoteContext !== undefined) pipelineWide.allowRemoteContext = options.allowRemoteContext;
  if (options.allowedRegistryHosts !== undefined) pipelineWide.allowedRegistryHosts = options.allowedRegistryHosts;
  for (const found of located) {
    const stepSource = scopedSource(source, found.path)!;
    const { planning, findings: stepFindings } = planStepFindings(found.step, handlers, { ...pipelineWide, infrastructure: found.infrastructure, stage: found.stage, source: stepSource });
    for (const finding of stepFindings) findings.push({ base: found.path, finding });
    if (!planning) continue;
    const position = source.locate(found.path);
    planned.push({ stage: found.stageIdentifier, ...planning, stageContext: found.stage, ...(position ? { position } : {}), source: stepSource, semantics: found.semantics, warnings: toProblems(stepFindings, stepSource) });
    stepPaths.set(planned[planned.length - 1]!, found.path);
  }
  // Across steps: two pushes of one repository:tag (told with the tag as written when checking as written).
  const tagText = (step: PlannedStep, index: number): string => {
    const original = written?.get(formatPath([...stepPaths.get(step)!, "spec", "tags", index]))?.original;
    return original === undefined ? step.plan.tags[index]! : resolveStrategyText(original, strategyContexts(step.semantics));
  };
  for (const [step, warnings] of duplicatePushFindings(planned, tagText)) {
    for (const finding of warnings) findings.push({ base: stepPaths.get(step)!, finding });
    step.warnings.push(...toProblems(warnings, step.source));
  }
  return { planned, findings, keys: new Set(findings.map(findingKey)), bases: located.map((found) => found.path) };
}

function findingKey({ base, finding }: Located): string {
  return `${formatPath([...base, ...finding.path])} ${finding.at} ${finding.code}`;
}

function isUnder(path: Path, paths: ReadonlySet<string>): boolean {
  for (let length = path.length; length > 0; length--) if (paths.has(formatPath(path.slice(0, length)))) return true;
  return false;
}

/** A finding with a document path, made relative to the step it lies in (so its field reads as the step's). */
function relative(finding: Finding, bases: readonly Path[]): Located {
  const base = bases.find((candidate) => candidate.every((segment, index) => finding.path[index] === segment));
  return base ? { base, finding: { ...finding, path: finding.path.slice(base.length) } } : { base: [], finding };
}

/**
 * The file's SourceMap for a document made from it: positions as in the file, but a scalar's
 * text only where the document still holds what the file says (a value an expression resolved
 * to, or a stand-in, is read as it is now). Seen from a step (scopedSource), both the file's map
 * and the document are walked from the step, not from the root: translation asks for the text
 * of every number and boolean of every step.
 */
function sourceOf(document: unknown, source: SourceMap): ScopableSource {
  return {
    locate: (path, at) => source.locate(path, at),
    textOf(path) {
      const text = source.textOf(path);
      if (text === undefined) return undefined;
      const node = valueAt(document, path);
      return typeof node === "string" && node !== text ? undefined : text;
    },
    [scopeSource]: (base) => sourceOf(valueAt(document, base), scopedSource(source, base)!),
  };
}

/** The value at `path` in plain data; undefined past anything that is not a map or a list. */
function valueAt(document: unknown, path: Path): unknown {
  let node = document;
  for (const segment of path) node = isPlainObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
  return node;
}
