// @ts-check
/**
 * The per-step operations to measure. Each has `prepare(item)`, run once per pool step outside
 * the timing, and `run(input)`, the timed call.
 *
 * - translateStep: an already-parsed step to its container spec.
 * - readSpec: a spec read against its handler's field table (types, required fields, expressions).
 * - precompiled validator: the handler's Ajv standalone validator (`handler.specSchema.validate`)
 *   on the spec as the typed interface holds it, the way planStep calls it; no schema compiles.
 * - planStep: every check a step gets (wrapper, fields, tags, maps, resources, connectors, the
 *   schema net) and its BuildPlan.
 */
import { handlerKit, handlers, translator } from "../packages.mjs";

/**
 * @typedef {{ step: Record<string, unknown>, options: Record<string, unknown> }} PoolItem
 * @typedef {{ name: string, prepare: (item: PoolItem) => unknown, run: (input: any) => unknown }} EntryPoint
 */

/** @param {Record<string, unknown>} step */
function handlerOf(step) {
  const handler = handlers.find((candidate) => candidate.type === step["type"]);
  if (!handler) throw new Error(`no step package handles ${String(step["type"])}`);
  return handler;
}

/** @param {Record<string, unknown>} step */
function readStepSpec(step) {
  const handler = handlerOf(step);
  const collector = new handlerKit.ProblemCollector();
  const spec = handlerKit.readSpec(handler.fields, step["spec"], { stepType: handler.type, identifier: String(step["identifier"]), collector, base: ["spec"] });
  if (!collector.ok) throw new Error(`step ${String(step["identifier"])} has problems: ${collector.findings.map((p) => p.message).join("; ")}`);
  return spec;
}

/**
 * The spec as the typed interface holds it, the way planStep gives it to the validator: maps
 * read as ordered entries become maps again.
 * @param {Record<string, unknown>} spec @param {Record<string, { kind: string }>} fields
 */
function resolvedSpec(spec, fields) {
  return Object.fromEntries(Object.entries(spec).map(([name, value]) => [name, fields[name]?.kind === "stringMap" ? Object.fromEntries(/** @type {[string, string][]} */ (value)) : value]));
}

/** @returns {EntryPoint[]} */
export function entryPoints() {
  /** @type {EntryPoint[]} */
  const entries = [
    { name: "translateStep", prepare: (item) => item, run: ({ step, options }) => translator.translateStep(step, options) },
    { name: "readSpec (field table)", prepare: (item) => item.step, run: readStepSpec },
  ];
  entries.push({
      name: "precompiled validator",
      prepare: ({ step }) => {
        const handler = handlerOf(step);
        const validate = handler.specSchema?.validate;
        if (!validate) return undefined;
        const data = resolvedSpec(readStepSpec(step), handler.fields);
        if (!validate(data)) throw new Error(`the validator rejects step ${String(step["identifier"])}: ${JSON.stringify(validate.errors)}`);
        return { validate, data };
      },
      run: ({ validate, data }) => validate(data),
  });
  // planStep plans for every builder, so it takes no builder option (the layer cache).
  entries.push({ name: "planStep (all checks + plan)", prepare: ({ step, options: { layerCache: _builderOnly, ...options } }) => ({ step, options }), run: ({ step, options }) => translator.planStep(step, options) });
  return entries;
}

/**
 * The entry points with their inputs prepared from `pool`; an entry none of whose steps has
 * what it needs (no handler with a validator) is left out.
 * @param {PoolItem[]} pool
 */
export function preparedEntryPoints(pool) {
  return entryPoints()
    .map((entry) => ({ ...entry, inputs: pool.map(entry.prepare).filter((input) => input !== undefined) }))
    .filter((entry) => entry.inputs.length > 0);
}
