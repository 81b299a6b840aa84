/**
 * Every user mistake becomes a Problem: a code, the field it concerns, the value, the rule
 * that was broken and, where it helps, what to write instead. Problems carry a source
 * position when the input came from a file. Errors never hold secret values: fields that
 * name secrets carry references only.
 */

export type ProblemCode =
  | "yaml-syntax"
  | "yaml-duplicate-key"
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
  | "invalid-secret-reference";

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
  /** Human sentence: what is wrong, with the value and the rule. */
  message: string;
  /** Field path inside the step or document, e.g. `spec.tags[1]`. */
  field?: string;
  /** The offending value, shown as written (never a secret value). */
  value?: unknown;
  /** The rule in words. */
  rule?: string;
  /** What to write instead, when we can say. */
  hint?: string;
  position?: SourcePosition;
}

/** The one error type buildpush throws for bad input. It always holds every problem found. */
export class BuildpushError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    if (problems.length === 0) throw new TypeError("BuildpushError needs at least one problem");
    super(problems.map(formatProblem).join("\n"));
    this.name = "BuildpushError";
    this.problems = problems;
  }

  /** The first problem's code, for callers that only branch on one. */
  get code(): ProblemCode {
    return this.problems[0]!.code;
  }
}

export function isBuildpushError(error: unknown): error is BuildpushError {
  return error instanceof BuildpushError;
}

/**
 * `FILE:LINE:COL: field: message (rule: ...; hint) [code]`: the leading position is the format
 * editors and CI annotators understand; the rest says what is wrong and what to write instead.
 */
export function formatProblem(problem: Problem): string {
  const where = problem.position
    ? `${problem.position.file}:${problem.position.line}:${problem.position.column}: `
    : "";
  const field = problem.field ? `${problem.field}: ` : "";
  const details = [problem.rule ? `rule: ${problem.rule}` : undefined, problem.hint].filter(Boolean);
  const suffix = details.length > 0 ? ` (${details.join("; ")})` : "";
  return `${where}${field}${problem.message}${suffix} [${problem.code}]`;
}

/** Sort problems by file, line and column so output is stable whatever order checks ran in. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => {
    const pa = a.position;
    const pb = b.position;
    if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
    return pa.file.localeCompare(pb.file) || pa.line - pb.line || pa.column - pb.column;
  });
}

/** How much of a value a message shows: a huge input must not make a huge message (or log line). */
export const shownLength = 200;

/**
 * Show a value in a message the way a user would recognise it from their YAML: quoted, with
 * control characters escaped (so a value cannot end a log line or drive a terminal), and cut
 * short with its length when it is long.
 */
export function quote(value: unknown): string {
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  if (text.length <= shownLength + 2) return text;
  const length = typeof value === "string" ? `${value.length} characters` : `${text.length} characters as JSON`;
  return `${typeof value === "string" ? JSON.stringify(value.slice(0, shownLength)) : text.slice(0, shownLength)}… (${length})`;
}

/**
 * A value inside a message as written (`Invalid format for memory: 2GB`) when it is short and
 * printable; otherwise quoted as {@link quote} does.
 */
export function asWritten(value: unknown): string {
  return typeof value === "string" && value.length <= shownLength && !/[\u0000-\u001f\u007f]/.test(value) ? value : quote(value);
}
