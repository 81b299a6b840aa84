import { parseGoBool } from "@buildpush/kaniko-args";
import { qualifiedImageName } from "../backends/buildah/buildah-commands.js";
import type { Finding } from "../problems/collector.js";
import type { SourcePosition } from "../problems/problem.js";
import type { BuildPlan } from "./build-plan.js";

/** What the check reads of a planned step (plan-pipeline's PlannedStep). */
interface PushingStep {
  stage: string;
  plan: BuildPlan;
  position?: SourcePosition;
}

/**
 * Two steps of one pipeline that push the same `repository:tag`: the later push replaces the
 * earlier image without a word (a stage per architecture, each pushing `app:1.0`, leaves only
 * the last architecture). Harness runs it, so it is a warning, at the later step's tag, naming
 * the earlier step. Steps that build without pushing (PLUGIN_NO_PUSH, PLUGIN_DRY_RUN) push nothing.
 * `tagText` gives a tag as it is compared and shown: the plan's, or (checking as written) the
 * text the author wrote, so two pushes of `<+pipeline.sequenceId>` are one tag and two different
 * expressions are not. The findings' paths are relative to their step.
 */
export function duplicatePushFindings<S extends PushingStep>(planned: readonly S[], tagText: (step: S, index: number) => string = (step, index) => step.plan.tags[index]!): Map<S, Finding[]> {
  const pushedBy = new Map<string, S>();
  const warnings = new Map<S, Finding[]>();
  for (const step of planned) {
    if (pushesNothing(step)) continue;
    step.plan.tags.forEach((_, index) => {
      const tag = tagText(step, index);
      const image = `${step.plan.image}:${tag}`;
      const key = `${qualifiedImageName(step.plan.image)}:${tag}`;
      const first = pushedBy.get(key);
      if (first === undefined) {
        pushedBy.set(key, step);
        return;
      }
      const where = first.position ? ` at ${first.position.file}:${first.position.line}:${first.position.column}` : "";
      const warning: Finding = {
        path: ["spec", "tags", index],
        at: "value",
        code: "duplicate-push",
        severity: "warning",
        message: `${image} is pushed by step ${first.stage}/${first.plan.identifier}${where} too: the later push replaces the earlier image`,
        value: image,
        rule: "each step pushes tags of its own: two pushes of one repository:tag leave only the last",
        hint: "give each push its own tag (e.g. 1.0-amd64 and 1.0-arm64) and combine the architectures into one manifest list (docker buildx imagetools create, or a manifest step), or build every platform in one step",
      };
      warnings.set(step, [...(warnings.get(step) ?? []), warning]);
    });
  }
  return warnings;
}

function pushesNothing({ plan }: PushingStep): boolean {
  return ["PLUGIN_NO_PUSH", "PLUGIN_DRY_RUN"].some((name) => {
    const value = plan.userEnv.env[name];
    if (value === undefined || value === "") return false;
    const parsed = parseGoBool(value);
    return parsed.ok && parsed.value;
  });
}
