import type { TranslatedStage, TranslatedStep } from "../backends/container-spec.js";
import type { StepSemantics } from "../pipeline/step-entries.js";
import { authEntry } from "../backends/registry-auth.js";
import { dockerConfigKey } from "../rules/docker-hub.js";
import type { PlannedStep } from "./plan-pipeline.js";

/** The stages of the planned steps, once each in pipeline order, with what their steps inherit of where they run. */
export function translatedStages(planned: readonly Pick<PlannedStep, "stage" | "stageContext">[]): TranslatedStage[] {
  const stages = new Map<string, TranslatedStage>();
  for (const { stage, stageContext } of planned) {
    if (stages.has(stage)) continue;
    const translated: TranslatedStage = { identifier: stage };
    if (stageContext.name !== undefined) translated.name = stageContext.name;
    if (stageContext.infrastructure) translated.infrastructure = stageContext.infrastructure;
    if (stageContext.when) translated.when = stageContext.when;
    if (stageContext.failureStrategies) translated.failureStrategies = stageContext.failureStrategies;
    if (stageContext.harnessImageLogin) translated.imagePullLogin = authEntry(stageContext.harnessImageLogin, dockerConfigKey(stageContext.harnessImageLogin.registry));
    stages.set(stage, translated);
  }
  return [...stages.values()];
}

/** A translated step's when, failure strategies, strategy instance and step groups, each only when there is one. */
export function semanticFields(semantics: StepSemantics): Pick<TranslatedStep, "stepGroups" | "when" | "failureStrategies" | "strategy"> {
  return {
    ...(semantics.stepGroups.length > 0 ? { stepGroups: semantics.stepGroups } : {}),
    ...(semantics.when ? { when: semantics.when } : {}),
    ...(semantics.failureStrategies ? { failureStrategies: semantics.failureStrategies } : {}),
    ...(semantics.strategy ? { strategy: semantics.strategy } : {}),
  };
}
