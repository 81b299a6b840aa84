import type { Problem } from "./problem.js";

/**
 * `FILE:LINE:COL: field: message (rule: ...; hint) [code]`: the leading position is the format
 * editors and CI annotators understand; the rest says what is wrong and what to write instead.
 * A warning reads `FILE:LINE:COL: warning: field: ...`.
 */
export function formatProblem(problem: Problem): string {
  const where = (problem.position
    ? `${problem.position.file}:${problem.position.line}:${problem.position.column}: `
    : "") + (problem.severity === "warning" ? "warning: " : "");
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
  // JSON has no Infinity or NaN: JSON.stringify would call 1e400 "null".
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
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

/** A problem's severity: `error` unless it says `warning`. */
export function severityOf(problem: Problem): "error" | "warning" {
  return problem.severity === "warning" ? "warning" : "error";
}

/** The problems that stop a translation (everything but warnings). */
export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((problem) => problem.severity !== "warning");
}

/** The warnings among `problems`. */
export function warningsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((problem) => problem.severity === "warning");
}
