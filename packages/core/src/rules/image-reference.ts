/**
 * The distribution reference grammar (what every registry accepts), so a bad tag or repository
 * is caught before a build starts instead of at push time.
 *
 *   tag            := [\w][\w.-]{0,127}
 *   path-component := [a-z0-9]+ ((?:[._]|__|[-]+) [a-z0-9]+)*
 *   domain         := domain-component ('.' domain-component)* (':' port)?   (or [IPv6])
 *   name           := (domain '/')? path-component ('/' path-component)*   (at most 255 chars)
 */

import { quote } from "../problems/format.js";

const tagPattern = /^[\w][\w.-]{0,127}$/;
const pathComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const domainPattern = /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/;

export const tagRule =
  "a tag is 1 to 128 characters: letters, digits, _, . and -, and does not start with . or -";
export const repositoryRule =
  "a repository is lowercase path components (letters, digits, separated by ., _, __ or -) joined by /, optionally after a registry host[:port]/, at most 255 characters";

export function isValidTag(tag: string): boolean {
  return tagPattern.test(tag);
}

/** What to write instead of a bad tag: the closest tag a registry accepts, or undefined. */
export function suggestTag(tag: string): string | undefined {
  const cleaned = tag.replace(/[^\w.-]+/g, "-").replace(/^[.-]+/, "").slice(0, 128);
  return cleaned && isValidTag(cleaned) && cleaned !== tag ? cleaned : undefined;
}

export interface RepositoryName {
  /** Registry host[:port] when the name starts with one. */
  domain?: string;
  /** The repository path inside the registry. */
  path: string;
}

export type RepositoryCheck = { ok: true; name: RepositoryName } | { ok: false; reason: string; suggestion?: string };

/**
 * Check a repository name (no tag, no digest). The first component is a registry host when it
 * holds `.` or `:` or is `localhost`, as Docker decides.
 */
export function checkRepository(text: string): RepositoryCheck {
  if (text.length === 0) return { ok: false, reason: "the repository is empty" };
  if (text.length > 255) return { ok: false, reason: `the repository is ${text.length} characters long, more than 255` };
  if (/\s/.test(text)) return { ok: false, reason: "the repository holds white space", suggestion: text.replace(/\s+/g, "") };
  if (text.includes("://")) return { ok: false, reason: "the repository holds a URL scheme", suggestion: text.replace(/^[a-z]+:\/\//i, "") };
  if (/[@]/.test(text)) return { ok: false, reason: "the repository holds a digest (@...); put tags in tags, not in the repository" };
  const parts = text.split("/");
  let domain: string | undefined;
  const first = parts[0]!;
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    if (!domainPattern.test(first)) return { ok: false, reason: `${quote(first)} is not a valid registry host[:port]` };
    domain = first;
    parts.shift();
  }
  for (const part of parts) {
    if (part.includes(":")) {
      return { ok: false, reason: "the repository holds a tag (:...); put tags in tags", suggestion: text.slice(0, text.lastIndexOf(":")) };
    }
    if (!pathComponent.test(part)) {
      const lower = part.toLowerCase();
      if (pathComponent.test(lower)) {
        return {
          ok: false,
          reason: `repository names must be lowercase (${quote(part)})`,
          suggestion: [domain, ...parts.map((p) => p.toLowerCase())].filter(Boolean).join("/"),
        };
      }
      return { ok: false, reason: `${quote(part)} is not a valid repository path component` };
    }
  }
  return { ok: true, name: domain === undefined ? { path: parts.join("/") } : { domain, path: parts.join("/") } };
}

/** A full image reference `name[:tag][@digest]`, as used for plugin image overrides. */
/** The rule an image reference option is held to. */
export const imageReferenceRule = "an image reference is [registry/]repository[:tag][@sha256:digest]";

export function isValidImageReference(text: string): boolean {
  const match = /^(.+?)(?::([\w][\w.-]{0,127}))?(?:@sha256:[a-f0-9]{64})?$/.exec(text);
  if (!match) return false;
  return checkRepository(match[1]!).ok;
}

/**
 * Report a bad repository on a field, with the rule and a suggestion. Returns the parsed name
 * when it is valid.
 */
export function checkRepositoryField(
  text: string,
  path: readonly (string | number)[],
  collector: { add(path: readonly (string | number)[], draft: { code: "invalid-repository"; message: string; value: unknown; rule: string; hint?: string }): void },
  what = "repository",
): RepositoryName | undefined {
  const check = checkRepository(text);
  if (check.ok) return check.name;
  collector.add(path, {
    code: "invalid-repository",
    message: `${quote(text)} is not a valid ${what}: ${check.reason}`,
    value: text,
    rule: repositoryRule,
    ...(check.suggestion ? { hint: `write ${quote(check.suggestion)}` } : {}),
  });
  return undefined;
}
