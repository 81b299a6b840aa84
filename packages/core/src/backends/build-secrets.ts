import type { Finding } from "../problems/collector.js";
import type { BuildPlan } from "../plan/build-plan.js";

/**
 * Builders without build secrets (kaniko, and the kaniko plugins) would run the build without
 * them: a `RUN --mount=type=secret` then fails, or quietly builds something else. Refused at
 * the field, once per field that sets any. `builder` names the builder in the message.
 */
export function unsupportedBuildSecretFindings(plan: BuildPlan, builder: string, hint: string): Finding[] {
  const findings: Finding[] = [];
  for (const [field, from] of [["envDockerSecrets", "env"], ["fileDockerSecrets", "file"]] as const) {
    const ids = plan.buildSecrets.filter((secret) => secret.from === from).map((secret) => secret.id);
    if (ids.length === 0) continue;
    findings.push({
      path: ["spec", field],
      at: "key",
      code: "unsupported-in-mode",
      message: `${builder} has no build secrets: ${field} (${ids.join(", ")}) would not reach the build (step ${plan.identifier})`,
      rule: "build secrets (envDockerSecrets, fileDockerSecrets) need a builder that mounts them: buildx on VM infrastructure",
      hint,
    });
  }
  return findings;
}

/** The hint for kaniko, wherever it runs. */
export const kanikoBuildSecretHint = "run the step on VM infrastructure (plugin mode, or --mode docker), where buildx mounts build secrets";

/** unsupportedBuildSecretFindings for a kaniko builder. */
export function kanikoBuildSecretFindings(plan: BuildPlan, builder: string): Finding[] {
  return unsupportedBuildSecretFindings(plan, builder, kanikoBuildSecretHint);
}
