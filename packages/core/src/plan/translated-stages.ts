import type { TranslatedStage } from "../backends/container-spec.js";
import type { PlannedStep } from "./plan-pipeline.js";

/** The stages of the planned steps, once each in pipeline order, with what their steps inherit of where they run. */
export function translatedStages(planned: readonly Pick<PlannedStep, "stage" | "stageContext">[]): TranslatedStage[] {
  const stages = new Map<string, TranslatedStage>();
  for (const { stage, stageContext } of planned) {
    if (stages.has(stage)) continue;
    const translated: TranslatedStage = { identifier: stage };
    if (stageContext.name !== undefined) translated.name = stageContext.name;
    if (stageContext.infrastructure) translated.infrastructure = stageContext.infrastructure;
    stages.set(stage, translated);
  }
  return [...stages.values()];
}
