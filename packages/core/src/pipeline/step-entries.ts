import type { ProblemCollector } from "../problems/collector.js";
import type { Path } from "../problems/path.js";
import { isPlainObject } from "../source/values.js";
import { readFailureStrategies, readWhen, type FailureStrategy, type StepWhen } from "./step-semantics.js";
import { noStrategy, readStrategy, resolveStrategyValue, type StrategyContext, type StrategyExpansion, type StrategyInstance } from "./strategy.js";

/** A step group around a step: its identifier (an instance's, when the group has a strategy) and what it says of its steps. */
export interface StepGroupContext {
  identifier: string;
  when?: StepWhen;
  failureStrategies?: FailureStrategy[];
  strategy?: StrategyInstance;
}

/** What a step says about whether and how often it runs, and the step groups around it (outermost first). */
export interface StepSemantics {
  stepGroups: StepGroupContext[];
  when?: StepWhen;
  failureStrategies?: FailureStrategy[];
  strategy?: StrategyInstance;
}

type OnStep = (step: Record<string, unknown>, path: Path, semantics: StepSemantics) => void;

/**
 * Walk a stage's execution steps, parallel blocks and step groups in pipeline order, and call
 * `onStep` for each step whose type is one of `stepTypes`: once per instance of its strategy
 * (and of its step groups' strategies), with the strategy expressions resolved per instance and
 * the identifier and name numbered as Harness numbers them. `when`, `failureStrategies` and
 * `strategy` are read (or refused at their line) once, where they are written.
 */
export function visitStepEntries(steps: unknown, path: Path, stepTypes: ReadonlySet<string>, collector: ProblemCollector, onStep: OnStep): void {
  visit(steps, path, [], [noStrategy], stepTypes, collector, onStep);
}

function visit(list: unknown, path: Path, groups: readonly StepGroupContext[], contexts: readonly StrategyContext[], stepTypes: ReadonlySet<string>, collector: ProblemCollector, onStep: OnStep): void {
  if (!Array.isArray(list)) return;
  // A plain loop, and an entry's paths built only for what it holds: most entries of a stage
  // are steps of other types, which need none (this walks every entry of every stage).
  for (let index = 0; index < list.length; index++) {
    const entry: unknown = list[index];
    if (!isPlainObject(entry)) continue;
    const step = entry["step"];
    if (isPlainObject(step) && typeof step["type"] === "string" && stepTypes.has(step["type"])) {
      const stepPath = [...path, index, "step"];
      const own = readOwnSemantics(step, stepPath, collector);
      for (const instance of instancesOf(own.expansion, step["identifier"])) {
        const chain = instance ? [instance, ...contexts] : contexts;
        const resolved = resolveStrategyValue(withoutStrategy(step), chain);
        if (instance) numbered(resolved, instance);
        onStep(resolved, stepPath, {
          stepGroups: [...groups],
          ...(own.when ? { when: resolveStrategyValue(own.when, chain) } : {}),
          ...(own.failureStrategies ? { failureStrategies: own.failureStrategies } : {}),
          ...(instance ? { strategy: instance } : {}),
        });
      }
    }
    if (Array.isArray(entry["parallel"])) visit(entry["parallel"], [...path, index, "parallel"], groups, contexts, stepTypes, collector, onStep);
    const group = entry["stepGroup"];
    if (isPlainObject(group)) {
      const groupPath = [...path, index, "stepGroup"];
      const own = readOwnSemantics(group, groupPath, collector);
      for (const instance of instancesOf(own.expansion, group["identifier"])) {
        const chain = instance ? [instance, ...contexts] : contexts;
        const identifier = typeof group["identifier"] === "string" ? `${group["identifier"]}${instance?.suffix ?? ""}` : `stepGroup${index}`;
        const context: StepGroupContext = { identifier };
        if (own.when) context.when = resolveStrategyValue(own.when, chain);
        if (own.failureStrategies) context.failureStrategies = own.failureStrategies;
        if (instance) context.strategy = instance;
        visit(group["steps"], [...groupPath, "steps"], [...groups, context], chain, stepTypes, collector, onStep);
      }
    }
  }
}

function readOwnSemantics(node: Record<string, unknown>, path: Path, collector: ProblemCollector): { when?: StepWhen; failureStrategies?: FailureStrategy[]; expansion?: StrategyExpansion | null } {
  // Absent (undefined) reads as nothing, with nothing to report: skip building its path.
  const when = node["when"] === undefined ? undefined : readWhen(node["when"], [...path, "when"], collector);
  const failureStrategies = node["failureStrategies"] === undefined ? undefined : readFailureStrategies(node["failureStrategies"], [...path, "failureStrategies"], collector);
  const hasStrategy = node["strategy"] !== undefined && node["strategy"] !== null && node["strategy"] !== "";
  // null: a strategy was written but refused; the step is then not planned (its problems are reported).
  const expansion = hasStrategy ? (readStrategy(node["strategy"], [...path, "strategy"], collector) ?? null) : undefined;
  return { ...(when ? { when } : {}), ...(failureStrategies ? { failureStrategies } : {}), ...(expansion !== undefined ? { expansion } : {}) };
}

/** The instances to visit: one without a strategy, none for a refused one. */
function instancesOf(expansion: StrategyExpansion | null | undefined, identifier: unknown): (StrategyInstance | undefined)[] {
  if (expansion === undefined) return [undefined];
  if (expansion === null) return [];
  const of = typeof identifier === "string" ? identifier : "";
  return expansion.map(({ kind, ...instance }) => ({ kind, of, ...instance }));
}

/**
 * The step without its strategy key (read already). A step without one is given as it is: the
 * strategy resolution copies whatever it changes, and only an instance (which needs a strategy)
 * is numbered in place: a copy of every step of a pipeline changed nothing.
 */
function withoutStrategy(node: Record<string, unknown>): Record<string, unknown> {
  if (!Object.prototype.hasOwnProperty.call(node, "strategy")) return node;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(node)) if (key !== "strategy") Object.defineProperty(copy, key, { value: node[key], enumerable: true, writable: true, configurable: true });
  return copy;
}

/** An instance's identifier and name, as Harness numbers them: the written ones and the suffix. */
function numbered(step: Record<string, unknown>, instance: StrategyInstance): void {
  if (typeof step["identifier"] === "string") step["identifier"] = `${step["identifier"]}${instance.suffix}`;
  if (typeof step["name"] === "string") step["name"] = `${step["name"]}${instance.suffix}`;
}
