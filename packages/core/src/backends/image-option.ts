import type { Finding } from "../problems/collector.js";
import { imageReferenceRule, isValidImageReference } from "../rules/image-reference.js";

/** A builder image option (`kanikoImage`, `buildahImage`) that is not an image reference. */
export function imageOptionFindings(reference: string | undefined, option: string, what: string): Finding[] {
  if (reference === undefined || isValidImageReference(reference)) return [];
  return [{ path: [option], at: "value", code: "invalid-option", message: `${JSON.stringify(reference)} is not a valid image reference for ${what}`, value: reference, rule: imageReferenceRule }];
}
