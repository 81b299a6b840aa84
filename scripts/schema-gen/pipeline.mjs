// @ts-check
/**
 * `schemas/pipeline.json`: the schema a user attaches to a whole Harness v0 pipeline file. It
 * describes only the path to the steps (pipeline → stages → parallel | stage → execution →
 * steps → parallel | stepGroup → step) and every step type buildpush has, in full; everything else in the
 * file, other step types included, passes untouched.
 */
import { authoringNode } from "./authoring.mjs";
import { draft07, paragraphs, publish } from "./model.mjs";

/**
 * @typedef {import("./source.mjs").JsonSchema} JsonSchema
 * @typedef {import("./model.mjs").StepModel} StepModel
 */

/**
 * @param {StepModel[]} steps
 * @param {Record<string, JsonSchema>} authoringSpecs authoring spec schema by step type
 * @param {JsonSchema} wrapperRaw typescript-json-schema's StepWrapper
 * @param {Record<string, JsonSchema>} [sharedDefinitions] definitions the specs refer to (the runtime flags)
 * @returns {JsonSchema}
 */
export function pipelineSchema(steps, authoringSpecs, wrapperRaw, sharedDefinitions = {}) {
  const ref = (/** @type {string} */ name) => ({ $ref: `#/definitions/${name}` });
  const ours = steps.map((s) => s.stepType);
  /** @type {Record<string, JsonSchema>} */
  const definitions = {
    pipeline: {
      type: "object",
      ...described("A Harness v0 pipeline. Only the path to build-and-push steps is described; other keys are left to Harness."),
      properties: { stages: { type: "array", items: ref("stageEntry") } },
    },
    stageEntry: {
      type: "object",
      properties: {
        stage: ref("stage"),
        parallel: { type: "array", items: { type: "object", properties: { stage: ref("stage") } } },
      },
    },
    stage: {
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: {
            execution: { type: "object", properties: { steps: ref("steps"), rollbackSteps: ref("steps") } },
          },
        },
      },
    },
    steps: { type: "array", items: ref("stepEntry") },
    stepEntry: {
      type: "object",
      properties: {
        step: ref("step"),
        parallel: ref("steps"),
        stepGroup: { type: "object", properties: { steps: ref("steps") } },
      },
      defaultSnippets: steps.map((s) => ({ label: s.title, description: `A ${s.stepType} step with its required fields`, body: { step: minimalStep(s) } })),
    },
    step: {
      type: "object",
      title: "Step",
      ...described("A step. The three build-and-push types are described in full; any other type is left to Harness."),
      required: ["type"],
      properties: { type: stepTypeSchema(steps) },
      allOf: ours.map((type) => ({
        if: { properties: { type: { const: type } }, required: ["type"] },
        then: ref(`${type}Step`),
      })),
      defaultSnippets: steps.map((s) => ({ label: s.title, description: `A ${s.stepType} step with its required fields`, body: minimalStep(s) })),
    },
  };
  const wrapper = wrapperProperties(wrapperRaw);
  for (const s of steps) {
    const description = `${s.title}: ${s.summary}`;
    definitions[`${s.stepType}Step`] = {
      type: "object",
      title: s.title,
      description,
      markdownDescription: description,
      properties: {
        type: { const: s.stepType, title: s.title, description: s.summary, markdownDescription: s.summary },
        ...wrapper.properties,
        spec: ref(`${s.stepType}Spec`),
      },
      required: ["type", ...wrapper.required, "spec"],
      additionalProperties: false,
    };
    const { $schema: _schema, ...spec } = authoringSpecs[s.stepType] ?? {};
    definitions[`${s.stepType}Spec`] = spec;
  }
  for (const [name, definition] of Object.entries(sharedDefinitions)) {
    if (name in definitions) throw new Error(`schemas/pipeline.json: the shared definition ${name} would replace one of its own`);
    definitions[name] = definition;
  }
  return {
    $schema: draft07,
    title: "Harness v0 pipeline with build-and-push steps (buildpush)",
    ...described(
      `Attach to a Harness v0 pipeline file for completion, hover and checks of ${typeList(steps)} steps. Other steps and keys are left alone.`,
    ),
    type: "object",
    required: ["pipeline"],
    properties: { pipeline: ref("pipeline") },
    definitions,
  };
}

/** `A, B and C`: the step types, in the order the generator found their packages' specs. */
function typeList(/** @type {StepModel[]} */ steps) {
  const types = steps.map((step) => step.stepType);
  return types.length > 1 ? `${types.slice(0, -1).join(", ")} and ${types[types.length - 1]}` : types.join("");
}

/** Editors show `markdownDescription` where they can and `description` elsewhere: give both. */
function described(/** @type {string} */ text) {
  return { description: text, markdownDescription: text };
}

/** `type:` offers each of our step types, with its words; any other step type is allowed. */
function stepTypeSchema(/** @type {StepModel[]} */ steps) {
  const description = `The step type. buildpush describes ${typeList(steps)}; other types are left to Harness.`;
  return {
    title: "Step type",
    description,
    markdownDescription: description,
    anyOf: [
      ...steps.map((s) => ({ const: s.stepType, title: s.title, description: s.summary, markdownDescription: s.summary })),
      { type: "string", not: { enum: steps.map((s) => s.stepType) }, title: "Other step type", ...described("Any other Harness step type, left to Harness.") },
    ],
  };
}

/**
 * The step wrapper's keys. `name` and `identifier` stay literal (Harness does not resolve
 * expressions there); every other key may hold an expression.
 * @param {JsonSchema} raw
 */
function wrapperProperties(raw) {
  const published = publish(raw);
  /** @type {Record<string, JsonSchema>} */
  const properties = {};
  for (const [name, node] of Object.entries(published.properties ?? {})) {
    properties[name] = name === "name" || name === "identifier" ? node : authoringNode(node, name, "field");
  }
  return { properties, required: /** @type {string[]} */ (raw.required ?? []) };
}

/** A complete minimal step: the wrapper and every required spec field, filled from its first example. */
export function minimalStep(/** @type {StepModel} */ step) {
  let stop = 0;
  const placeholder = (/** @type {unknown} */ value) => `\${${++stop}:${String(value)}}`;
  const name = paragraphs(step.title);
  const wrapper = { type: step.stepType, name: placeholder(name), identifier: placeholder(name.toLowerCase().replace(/[^a-z0-9]+/g, "_")) };
  /** @type {Record<string, unknown>} */
  const spec = {};
  for (const field of step.fields.filter((f) => f.required)) {
    const example = field.examples?.[0];
    if (example === undefined) throw new Error(`${step.interfaceName}.${field.name} is required and needs an @examples for the step snippet`);
    spec[field.name] = Array.isArray(example) ? [placeholder(example[0])] : placeholder(example);
  }
  return { ...wrapper, spec };
}
