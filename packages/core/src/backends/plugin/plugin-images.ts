import type { Finding } from "../../problems/collector.js";
import { quote } from "../../problems/format.js";
import type { PluginImage, StepHandler } from "../../plan/step-handler.js";
import { isValidImageReference, imageReferenceRule } from "../../rules/image-reference.js";

/** The BuildKit image Harness has buildx run for `caching: true`; overridable by its name like the plugin images. */
export const harnessBuildkitImage: PluginImage = { name: "harness/buildkit", reference: "harness/buildkit:1.0.21" };

/**
 * The plugin images Harness runs for the given step types, by repository name, with the
 * caller's overrides. Harness says build image tags change often and every account may override
 * them, so callers replace any entry by its name.
 */
export function pluginImageTable(handlers: readonly StepHandler[]): Record<string, string> {
  const table: Record<string, string> = {};
  // Kubernetes images first, then VM images, then the buildx path's: the order messages list them in.
  for (const infrastructure of ["kubernetes", "vm"] as const) for (const handler of handlers) table[handler.plugin.images[infrastructure].name] = handler.plugin.images[infrastructure].reference;
  const buildx = handlers.flatMap((handler) => (handler.plugin.images.vmBuildx ? [handler.plugin.images.vmBuildx] : []));
  for (const image of buildx) table[image.name] = image.reference;
  if (buildx.length > 0) table[harnessBuildkitImage.name] = harnessBuildkitImage.reference;
  return table;
}

/** An override that names no plugin image of these step types, or is not an image reference. */
export function pluginImageOverrideFindings(overrides: Readonly<Record<string, string>>, handlers: readonly StepHandler[]): Finding[] {
  const known = Object.keys(pluginImageTable(handlers));
  const findings: Finding[] = [];
  for (const name of Object.keys(overrides)) {
    const reference = overrides[name]!;
    if (!known.includes(name)) {
      findings.push({ path: ["images"], at: "value", code: "invalid-option", message: `unknown plugin image ${quote(name)}`, value: name, rule: `an image override names one of: ${known.join(", ")}` });
    } else if (!isValidImageReference(reference)) {
      findings.push({ path: ["images"], at: "value", code: "invalid-option", message: `${quote(reference)} is not a valid image reference for ${name}`, value: reference, rule: imageReferenceRule });
    }
  }
  return findings;
}

/** The image reference for a step: the override for its plugin image's name, or the default. */
export function pluginImageReference(image: PluginImage, overrides: Readonly<Record<string, string>> = {}): string {
  return Object.prototype.hasOwnProperty.call(overrides, image.name) ? overrides[image.name]! : image.reference;
}
