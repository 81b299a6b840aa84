import { BuildpushError } from "../problems/error.js";
import { dnsSubdomainMaxLength, isDnsSubdomain, secretKeyPattern, shortHash } from "./names.js";

/**
 * Where a Kubernetes container finds the value of a secret reference: a key of a Secret in the
 * Pod's namespace. The engine (or the user) creates those Secrets; we only name them.
 */
export interface SecretKeySelector {
  /** The Secret's name, a DNS-1123 subdomain. */
  name: string;
  /** The key in the Secret's `data`. */
  key: string;
}

/** Maps a Harness secret reference (`account.docker_pass`) to the Secret key that holds its value. */
export type SecretMapping = (ref: string) => SecretKeySelector;

/** A mapping function, or a table by reference (references not in it use the default mapping). */
export type SecretMappingOption = SecretMapping | Readonly<Record<string, SecretKeySelector>>;

/** The key the default mapping reads: one Secret per reference, its value under `value`. */
export const defaultSecretKey = "value";

/**
 * The default mapping: one Secret per reference, named after it, the value under the key `value`.
 * The name is the reference lowercased with `_` → `-`, so `account.docker_pass` →
 * `account.docker-pass` (the scope prefix stays a DNS label of its own). A reference that does
 * not map one-to-one that way (uppercase, `-`, other characters, too long) gets a hash of the
 * exact reference appended, so two references never share a Secret.
 */
export function defaultSecretMapping(ref: string): SecretKeySelector {
  return { name: secretNameFor(ref), key: defaultSecretKey };
}

/**
 * Every reference as a key of one Secret: `account.docker_pass` → Secret `secretName`, key
 * `account.docker_pass`. Keys keep the reference as written, so this mapping is exact; it
 * needs references made only of letters, digits, `-`, `_` and `.`, which Harness's are.
 */
export function singleSecretMapping(secretName: string): SecretMapping {
  return (ref) => ({ name: secretName, key: ref });
}

/** A table of exact references, falling back to `fallback` (the default mapping) for the rest. */
export function secretMappingFromTable(table: Readonly<Record<string, SecretKeySelector>>, fallback: SecretMapping = defaultSecretMapping): SecretMapping {
  return (ref) => (Object.prototype.hasOwnProperty.call(table, ref) ? table[ref]! : fallback(ref));
}

/**
 * The caller's option as a mapping whose every answer is checked: a Secret name Kubernetes
 * refuses would otherwise surface only when the Pod is created.
 */
export function resolveSecretMapping(option: SecretMappingOption | undefined): SecretMapping {
  const mapping = option === undefined ? defaultSecretMapping : typeof option === "function" ? option : secretMappingFromTable(option);
  return (ref) => {
    const selector = mapping(ref);
    checkSelector(ref, selector);
    return selector;
  };
}

function checkSelector(ref: string, selector: SecretKeySelector): void {
  if (!isDnsSubdomain(selector.name)) {
    throw new BuildpushError([
      {
        code: "invalid-option",
        message: `secret reference ${JSON.stringify(ref)} maps to the Secret name ${JSON.stringify(selector.name)}, which Kubernetes refuses`,
        field: "secrets",
        value: ref,
        rule: "a Secret name is a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters",
      },
    ]);
  }
  if (!secretKeyPattern.test(selector.key) || selector.key.length > dnsSubdomainMaxLength) {
    throw new BuildpushError([
      {
        code: "invalid-option",
        message: `secret reference ${JSON.stringify(ref)} maps to the Secret key ${JSON.stringify(selector.key)}, which Kubernetes refuses`,
        field: "secrets",
        value: ref,
        rule: "a Secret key is made of letters, digits, '-', '_' and '.', at most 253 characters",
      },
    ]);
  }
}

function secretNameFor(ref: string): string {
  const labels = ref
    .toLowerCase()
    .split(".")
    .map((label) => label.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, ""))
    .filter((label) => label.length > 0);
  const name = labels.join(".");
  // `_` → `-` is one-to-one only for references that hold no `-` and nothing else to replace.
  const exact = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/.test(ref) && name === ref.replace(/_/g, "-");
  if (exact && name.length <= dnsSubdomainMaxLength) return name;
  const suffix = shortHash(ref);
  const head = name.slice(0, dnsSubdomainMaxLength - suffix.length - 1).replace(/[-.]+$/, "");
  return head.length > 0 ? `${head}-${suffix}` : `secret-${suffix}`;
}
