import type { BuildPlan } from "@buildpush/core";

export interface PushedImage {
  /** `repository:tag` as the step names it. */
  image: string;
  digest: string;
}

/** The kaniko plugin's artifact file (what Harness's Artifacts tab reads), one image per tag. */
export interface ArtifactFile {
  kind: "docker/v1";
  data: { registryType: "Docker" | "ECR"; registryUrl: string; images: PushedImage[] };
}

export function artifactFile(plan: BuildPlan, images: readonly PushedImage[]): ArtifactFile {
  const credentials = plan.pushCredentials;
  const registryUrl = credentials.kind === "basic" || credentials.kind === "anonymous" ? credentials.registry : plan.image.split("/")[0]!;
  return { kind: "docker/v1", data: { registryType: plan.variant === "ecr" ? "ECR" : "Docker", registryUrl, images: [...images] } };
}

/** A file name for a step's artifact file: unique per stage and step identifier. */
export function artifactFileName(stage: string, identifier: string): string {
  return `${stage}.${identifier}.json`.replace(/[^A-Za-z0-9_.-]/g, "_");
}
