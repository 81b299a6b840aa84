import { BuildpushError } from "../problems/error.js";
import type { BuildPlan } from "../plan/build-plan.js";
import type { ArtifactOutput, PluginArtifact } from "./container-spec.js";

/**
 * The kaniko plugin's artifact file for a plan (what Harness's Artifacts tab reads), one image
 * per tag as written, with every digest still empty for whoever ran the push to fill in.
 */
export function pluginArtifactTemplate(plan: BuildPlan): PluginArtifact {
  return {
    kind: "docker/v1",
    data: {
      registryType: plan.registry.type,
      registryUrl: plan.registry.url,
      images: plan.tags.map((tag) => ({ image: `${plan.image}:${tag}`, digest: "" })),
    },
  };
}

/** How the runtime makes the artifact file: the digest the builder writes to `digestFile` (in `digestFormat`), put into the template. */
export function artifactOutput(plan: BuildPlan, digestFile: string, digestFormat?: ArtifactOutput["digestFormat"]): ArtifactOutput {
  return { digestFile, ...(digestFormat ? { digestFormat } : {}), template: pluginArtifactTemplate(plan) };
}

/** The artifact with each image's digest filled in: one digest for every tag, or one per image. */
export function artifactWithDigests(template: PluginArtifact, digestOf: (image: string) => string): PluginArtifact {
  return { kind: template.kind, data: { ...template.data, images: template.data.images.map(({ image }) => ({ image, digest: digestOf(image) })) } };
}

/**
 * The artifact file for the Artifacts view: the template with the digest the builder wrote. All
 * tags of one build point at the same image, so one digest serves every tag. Throws when the
 * digest file does not hold a digest (the build failed or did not push), or for buildx's
 * metadata, no `containerimage.digest`.
 */
export function completeArtifact(output: ArtifactOutput, digestFileText: string): PluginArtifact {
  const digest = output.digestFormat === "buildx-metadata" ? metadataDigest(digestFileText) : digestFileText.trim();
  if (!/^sha256:[a-f0-9]{64}$/.test(digest)) {
    throw new BuildpushError([
      {
        code: "invalid-option",
        message: `${output.digestFile} does not hold an image digest`,
        value: digest.slice(0, 80),
        rule: "the digest file holds sha256:<64 hex digits>, written by the builder after a successful push",
      },
    ]);
  }
  return artifactWithDigests(output.template, () => digest);
}

/** `containerimage.digest` of buildx's metadata file, or "" when the text holds none. */
function metadataDigest(text: string): string {
  try {
    const metadata: unknown = JSON.parse(text);
    const digest = typeof metadata === "object" && metadata !== null ? (metadata as Record<string, unknown>)["containerimage.digest"] : undefined;
    return typeof digest === "string" ? digest : "";
  } catch {
    return "";
  }
}
