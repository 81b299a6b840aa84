/**
 * Kubernetes name rules the OpenAPI schema does not carry (the API server checks them in Go),
 * and how we turn Harness identifiers and secret references into names that pass them.
 */

/** DNS-1123 label: container, volume, Job and most object names (at most 63 characters). */
export const dnsLabelPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const dnsLabelMaxLength = 63;

/** DNS-1123 subdomain: Pod and Secret names (at most 253 characters, dot-separated labels). */
export const dnsSubdomainPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const dnsSubdomainMaxLength = 253;

/** A C identifier: what the issue (and POSIX shells) accept as an environment variable name. */
export const cIdentifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A key of a Secret's `data` (and so of `secretKeyRef.key`). */
export const secretKeyPattern = /^[-._a-zA-Z0-9]+$/;

/** A label value: empty, or alphanumeric at both ends with `-`, `_`, `.` inside, at most 63. */
export const labelValuePattern = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** The name part of a label or annotation key. */
export const qualifiedNamePattern = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** A label or annotation key: an optional DNS subdomain prefix and `/`, then a qualified name. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = key.slice(slash + 1);
  return (prefix === undefined || isDnsSubdomain(prefix)) && name.length <= dnsLabelMaxLength && qualifiedNamePattern.test(name);
}

export function isLabelValue(value: string): boolean {
  return value.length <= dnsLabelMaxLength && labelValuePattern.test(value);
}

export function isDnsLabel(text: string): boolean {
  return text.length <= dnsLabelMaxLength && dnsLabelPattern.test(text);
}

export function isDnsSubdomain(text: string): boolean {
  return text.length <= dnsSubdomainMaxLength && dnsSubdomainPattern.test(text);
}

/** 32-bit FNV-1a as 8 hex digits: a short, stable suffix that keeps shortened names apart. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * A DNS-1123 label made from `parts` joined by `-`: lowercase, `_` and other characters → `-`.
 * When the text had to be cut to fit, a hash of the whole text keeps two long names apart.
 */
export function toDnsLabel(parts: readonly string[], maxLength = dnsLabelMaxLength): string {
  const whole = parts.join("-");
  const cleaned = trimDashes(whole.toLowerCase().replace(/[^a-z0-9]+/g, "-"));
  if (cleaned.length > 0 && cleaned.length <= maxLength) return cleaned;
  const suffix = shortHash(whole);
  const head = trimDashes(cleaned.slice(0, maxLength - suffix.length - 1));
  return head.length > 0 ? `${head}-${suffix}` : `x${suffix}`;
}

/** A label value for an identifier, or undefined when nothing of it can stand in a label. */
export function toLabelValue(text: string): string | undefined {
  const value = text
    .replace(/[^-A-Za-z0-9_.]+/g, "-")
    .slice(0, dnsLabelMaxLength)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  return value.length > 0 ? value : undefined;
}

function trimDashes(text: string): string {
  return text.replace(/^-+|-+$/g, "");
}
