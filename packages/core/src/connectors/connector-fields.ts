import { quote } from "../problems/format.js";
import type { SourcePosition } from "../problems/problem.js";
import type { Path } from "../problems/path.js";
import type { ProblemCollector } from "../problems/collector.js";
import { secretReferencePattern } from "../rules/identifiers.js";
import { characterRules, forbiddenCharacter } from "../rules/text-checks.js";

// What every connector reader shares: the fields of a connector's root, and reading a text
// field or a secret reference so that a value that may be a secret is never repeated.

/** Where a connector (or a pipeline) lives: both identifiers for a project, only orgIdentifier for an organization, neither for the account. */
export interface ConnectorScope {
  /** The organization's identifier. */
  orgIdentifier?: string;
  /** The project's identifier (within its organization). */
  projectIdentifier?: string;
}

export interface ConnectorBase extends ConnectorScope {
  identifier: string;
  name?: string;
  /** Where the connector was defined, for messages. */
  position?: SourcePosition;
}

export function unsupportedAuth(base: ConnectorBase, type: string, path: Path, allowed: string, collector: ProblemCollector): void {
  collector.add(path, {
    code: "unsupported-connector-auth",
    message: `connector ${base.identifier} uses ${quote(type)}, which build-and-push steps do not support`,
    value: type,
    rule: `the type is ${allowed}`,
  });
}

/** Connector YAML must never hold a secret value: say so without repeating the value. */
export function rejectLiteralSecret(spec: Record<string, unknown>, literal: string, reference: string, path: Path, collector: ProblemCollector): void {
  if (spec[literal] === undefined) return;
  collector.add([...path, literal], {
    code: "invalid-connector",
    message: `${literal} holds a secret value in connector YAML; its value is not shown`,
    rule: "connectors hold secret references, never secret values",
    hint: `store the value as a secret and write ${reference}: account.<secret_identifier>`,
  }, "key");
}

export function optionalSecretRef(spec: Record<string, unknown>, key: string, path: Path, collector: ProblemCollector): string | undefined {
  const value = spec[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || !secretReferencePattern.test(value)) {
    // The value may be a pasted secret: never echo it.
    collector.add([...path, key], {
      code: "invalid-connector",
      message: `${key} is not a secret reference (its value is not shown)`,
      rule: "a secret reference is an identifier, optionally prefixed with account. or org.",
      hint: `write ${key}: account.<secret_identifier>`,
    });
    return undefined;
  }
  return value;
}

export function text(spec: Record<string, unknown>, key: string, path: Path, collector: ProblemCollector, required: boolean): string | undefined {
  const value = spec[key];
  if (value === undefined || value === null || value === "") {
    if (required) collector.add([...path, key], { code: "invalid-connector", message: `connector field ${key} is missing`, rule: `${key} is required` }, "key");
    return undefined;
  }
  if (typeof value !== "string" && typeof value !== "number") {
    collector.add([...path, key], { code: "invalid-connector", message: `connector field ${key} must be a string`, value, rule: `${key} is a string` });
    return undefined;
  }
  const forbidden = forbiddenCharacter(String(value), "single-line");
  if (forbidden !== undefined) {
    // Not repeated: a value mangled by a paste may be part of a secret.
    collector.add([...path, key], { code: "invalid-character", message: `connector field ${key} holds the control character ${forbidden} (its value is not shown)`, rule: characterRules["single-line"] });
    return undefined;
  }
  return String(value);
}

export function optionalText(spec: Record<string, unknown>, key: string, path: Path, collector: ProblemCollector): string | undefined {
  return text(spec, key, path, collector, false);
}
