/**
 * The translator the tests use: every step package of the workspace, found by its package.json
 * (scripts/step-packages.mjs) rather than listed, so a new registry's package is tested as
 * soon as it exists. The wrappers take `unknown` steps: tests hand the translator what a
 * pipeline file could hold, typos and wrong types included, to test the run-time checks.
 */
import { createTranslator, type PlanPipelineOptions, type StepHandler, type StepOf, type TranslatePipelineOptions, type TranslateStepOptions, type ValidatePipelineOptions } from "@buildpush/core";
import { stepPackages } from "../../scripts/step-packages.mjs";
import { repoRoot } from "./paths.js";

export const stepPackageList = stepPackages(repoRoot);

/** Each step package's handler, imported by name as an engine would. */
export const stepHandlers: StepHandler[] = await Promise.all(
  stepPackageList.map(async ({ name, stepHandler }) => {
    const module = (await import(`@buildpush/${name}`)) as Record<string, StepHandler>;
    const handler = module[stepHandler];
    if (!handler) throw new Error(`@buildpush/${name} does not export ${stepHandler} (its package.json's buildpush.stepHandler)`);
    return handler;
  }),
);

export const translator = createTranslator({ handlers: stepHandlers });

type AnyStep = StepOf<StepHandler>;

export const translateStep = (step: unknown, options?: TranslateStepOptions) => translator.translateStep(step as AnyStep, options);
export const planStep = (step: unknown, options?: Parameters<typeof translator.planStep>[1]) => translator.planStep(step as AnyStep, options);
export const translatePipeline = (yamlText: string, options?: TranslatePipelineOptions) => translator.translatePipeline(yamlText, options);
export const validatePipeline = (yamlText: string, options?: ValidatePipelineOptions) => translator.validatePipeline(yamlText, options);
export const planPipeline = (yamlText: string, options?: PlanPipelineOptions) => translator.planPipeline(yamlText, options);
