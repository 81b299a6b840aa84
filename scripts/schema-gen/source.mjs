// @ts-check
/**
 * Reads the single source of the spec fields, the JSDoc'd TypeScript interfaces, with
 * typescript-json-schema. Dev-only: nothing under packages/ imports this.
 */
import path from "node:path";
import * as TJS from "typescript-json-schema";
import { stepPackages } from "../step-packages.mjs";

/**
 * The step packages and the interface each one documents its spec with, found by their
 * package.json's `buildpush` field: a new step package is generated for as soon as it exists.
 * @param {string} root the repository root
 */
export function stepSources(root) {
  return stepPackages(root).map(({ directory, specInterface }) => ({ packageName: directory, interfaceName: specInterface }));
}

/** JSDoc tags that are ours rather than JSON Schema's; the generator moves them out of the published schemas. */
export const customKeywords = ["pluginEnv", "emptyEnv", "patternErrorMessage", "problemCode", "propertyNames", "stepType"];

/**
 * @typedef {Record<string, any>} JsonSchema
 * @typedef {{ packageName: string, interfaceName: string, raw: JsonSchema }} RawStep
 * @typedef {{ common: JsonSchema, wrapper: JsonSchema, steps: RawStep[] }} RawSources
 */

/** @param {string} root the repository root @returns {RawSources} */
export function readSources(root) {
  const core = path.join(root, "packages/core/src/spec");
  const files = [
    path.join(core, "common-spec.ts"),
    path.join(core, "step-wrapper.ts"),
    ...stepSources(root).map((s) => path.join(root, "packages", s.packageName, "src/spec.ts")),
  ];
  // The options are tsconfig JSON (typescript-json-schema converts them), as in tsconfig.base.json.
  const program = TJS.getProgramFromFiles(files, {
    strict: true,
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2023"],
    types: [],
    skipLibCheck: true,
    // Step specs import only the common field types from core: resolve \`@buildpush/core/handler\` to the
    // file that declares them (never to a possibly stale dist/), so the compiler reads a few
    // files rather than all of core.
    baseUrl: root,
    paths: { "@buildpush/core/handler": ["packages/core/src/spec/common-spec.ts"] },
  });
  const generator = TJS.buildGenerator(program, {
    required: true,
    noExtraProps: true,
    ref: false,
    aliasRef: false,
    strictNullChecks: true,
    validationKeywords: customKeywords,
  });
  if (!generator) throw new Error("typescript-json-schema could not compile the spec sources");
  /** @param {string} name */
  const schemaOf = (name) => /** @type {JsonSchema} */ (generator.getSchemaForSymbol(name));
  return {
    common: schemaOf("CommonSpec"),
    wrapper: schemaOf("StepWrapper"),
    steps: stepSources(root).map((s) => ({ ...s, raw: schemaOf(s.interfaceName) })),
  };
}
