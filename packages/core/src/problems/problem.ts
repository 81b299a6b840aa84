import type { Path } from "./path.js";

/**
 * Every user mistake becomes a Problem: a code, the field it concerns, the value, the rule
 * that was broken and, where it helps, what to write instead. Problems carry a source
 * position when the input came from a file. Errors never hold secret values: fields that
 * name secrets carry references only.
 */

export type ProblemCode =
  | "yaml-syntax"
  | "yaml-duplicate-key"
  | "yaml-unsupported"
  | "not-a-pipeline"
  | "invalid-identifier"
  | "invalid-name"
  | "missing-field"
  | "unresolved-input"
  | "unresolved-expression"
  | "wrong-type"
  | "unknown-field"
  | "empty-tags"
  | "invalid-tag"
  | "invalid-repository"
  | "invalid-registry"
  | "invalid-map-entry"
  | "invalid-list-item"
  | "invalid-memory"
  | "invalid-cpu"
  | "invalid-run-as-user"
  | "invalid-timeout"
  | "invalid-env-name"
  | "duplicate-variable"
  | "invalid-image-pull-policy"
  | "unknown-connector"
  | "duplicate-connector"
  | "invalid-connector"
  | "wrong-connector-type"
  | "missing-connector-secret"
  | "unsupported-connector-auth"
  | "too-many-base-image-connectors"
  | "base-image-connector-not-allowed"
  | "not-allowed-on-windows"
  | "unknown-step-type"
  | "invalid-option"
  | "unsupported-runtime-flag"
  | "invalid-runtime-flag"
  | "unsupported-in-mode"
  | "invalid-character"
  | "invalid-path"
  | "invalid-target"
  | "invalid-secret-reference"
  | "too-many-problems"
  | "invalid-runtime-input"
  | "secret-not-allowed"
  | "repository-not-on-registry"
  | "ignored-runtime-flag"
  | "kaniko-needs-root"
  | "base-image-connector-shares-prefix"
  | "step-not-supported-on-infrastructure"
  | "connector-through-delegate"
  | "no-infrastructure"
  | "unknown-template"
  | "invalid-template"
  | "duplicate-push"
  | "missing-layer-cache";

/**
 * How much a problem stops: an `error` means the step cannot be translated as written; a
 * `warning` means Harness runs it, but it will not do what its author expects (a runtime flag
 * the plugin ignores, a key Harness ignores). Only errors make a call throw.
 */
export type Severity = "error" | "warning";

export interface SourcePosition {
  /** File name as given by the caller (e.g. the CLI argument). */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface Problem {
  code: ProblemCode;
  /**
   * `error` or `warning`. Every problem buildpush returns has it; a problem made by hand
   * without it counts as an error.
   */
  severity?: Severity;
  /** Human sentence: what is wrong, with the value and the rule. */
  message: string;
  /**
   * Where the problem is, as keys and indexes from the root of what was checked (the pipeline
   * document, the step, or a connector document): `["spec", "buildArgs", "a.b"]`.
   */
  path?: Path;
  /** The same path as a user writes it, e.g. `spec.tags[1]` or `spec.buildArgs["a.b"]` (derived from `path`). */
  field?: string;
  /** The offending value, shown as written (never a secret value). */
  value?: unknown;
  /** The rule in words. */
  rule?: string;
  /** What to write instead, when we can say. */
  hint?: string;
  position?: SourcePosition;
}
