import type { BuildPlan } from "./build-plan.js";

/**
 * Harness takes its buildx path on VM infrastructure when a step asks for layer caching:
 * `caching: true`, cache sources or a cache destination (gcr-gar-and-infrastructure.md §2, §3,
 * §6). One rule for the plugin backend, which runs the buildx plugin then, and for the
 * warnings, which then cannot say which runtime flags the plugin reads.
 */
export function takesBuildxPath(step: Pick<BuildPlan, "infrastructure" | "caching" | "cacheTo"> & { cacheFrom?: readonly string[] | undefined }): boolean {
  return step.infrastructure === "vm" && (step.caching === true || (step.cacheFrom?.length ?? 0) > 0 || step.cacheTo !== undefined);
}
