import type { BuildPlan, PluginArtifact } from "../plan/model.js";

/**
 * The kaniko plugin's artifact file for a plan (what Harness's Artifacts tab reads), one image
 * per tag as written, with every digest still empty for whoever ran the push to fill in.
 */
export function pluginArtifactTemplate(plan: BuildPlan): PluginArtifact {
  const credentials = plan.pushCredentials;
  // Docker registry connectors name their URL; for ECR and ACR the registry is the image's host.
  const registryUrl = credentials.kind === "basic" || credentials.kind === "anonymous" ? credentials.registry : plan.image.split("/")[0]!;
  return {
    kind: "docker/v1",
    data: {
      registryType: plan.variant === "ecr" ? "ECR" : "Docker",
      registryUrl,
      images: plan.tags.map((tag) => ({ image: `${plan.image}:${tag}`, digest: "" })),
    },
  };
}
