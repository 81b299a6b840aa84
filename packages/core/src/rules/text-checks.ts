import { posix } from "node:path";
import { quote } from "../problems/format.js";

/**
 * Checks for text that reaches a builder's argv or a container's environment. Values are always
 * passed as whole argv items or env values (never through a shell), so these checks are about
 * what the builder, the kernel or the reader of a log would do with them, not about quoting.
 */

/** Control characters, and whether line breaks (and tabs) are fine in a value. */
export type LineRule = "single-line" | "multi-line";

const anyControl = /[\u0000-\u001f\u007f]/;
const controlBesidesLineBreaks = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const characterRules: Record<LineRule, string> = {
  "single-line": "the value is one line of printable text: no control characters (NUL, newline, escape, ...), which no builder argument or registry name can hold and which could forge log lines",
  "multi-line": "the value holds no control characters other than tab and line breaks: NUL cannot be passed to a process at all, and escape sequences would drive the terminal of whoever reads the build log",
};

/** The first forbidden character as `U+001B`, or undefined when the text is fine. */
export function forbiddenCharacter(text: string, lines: LineRule): string | undefined {
  const match = (lines === "single-line" ? anyControl : controlBesidesLineBreaks).exec(text);
  return match ? `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : undefined;
}

/** Where Harness mounts every step's workspace (the cloned code); absolute paths must stay inside it. */
export const workspaceRoot = "/harness";

export const workspacePathRule = (root: string): string =>
  `a path is relative to the workspace (or absolute inside ${root}), does not climb out of it with .., and does not start with - (builders would read it as an option)`;
export const optionPathRule = "a path does not start with - (builders would read it as an option)";

/**
 * Why `text` (a dockerfile or context path) is not a path inside the workspace `root`, or
 * undefined when it is. `..` that stays inside (`docker/../Dockerfile`) is fine; `../x` and `/etc`
 * are not: a context outside the workspace lets `COPY` read the build container's own files,
 * registry credentials included. With `root` null only the leading `-` is refused.
 */
export function workspacePathProblem(text: string, root: string | null = workspaceRoot): { reason: string; hint?: string } | undefined {
  if (text.startsWith("-")) return { reason: "it starts with -, so a builder would read it as an option", hint: `write ${quote(`./${text}`)}` };
  if (root === null) return undefined;
  const base = normalizedPath(root);
  const absolute = text.startsWith("/");
  const normalized = absolute ? posix.normalize(text) : posix.normalize(`${base}/${text}`);
  if (normalized === base || normalized.startsWith(`${base === "/" ? "" : base}/`)) return undefined;
  if (absolute) return { reason: `it is an absolute path outside the workspace ${base}`, hint: "write the path relative to the root of the codebase" };
  return { reason: "its .. segments climb out of the workspace" };
}

/** Why a path relative to the build context (kaniko's --context-sub-path) leaves it, or undefined. */
export function subPathProblem(text: string): { reason: string; hint?: string } | undefined {
  if (text.startsWith("-")) return { reason: "it starts with -, so a builder would read it as an option", hint: `write ${quote(`./${text}`)}` };
  if (text.startsWith("/")) return { reason: "it is absolute; a sub-path is relative to the context" };
  const normalized = posix.normalize(text);
  return normalized === ".." || normalized.startsWith("../") ? { reason: "its .. segments climb out of the context" } : undefined;
}

/**
 * BuildKit's rule for stage names (`FROM image AS name`), which `--target` must name: anything
 * else can name no stage, and a leading `-` would read as an option.
 */
export const stageNamePattern = /^[a-zA-Z][a-zA-Z0-9_.-]*$/;
export const stageNameRule = "a target names a Dockerfile stage: a letter, then letters, digits, _, . and - (BuildKit's rule for AS names)";

/**
 * Directories buildpush mounts or writes into every build container: a stage's shared path may
 * not be one of them (or, for the builders' own directories, inside one), or two mounts would
 * claim one path and Kubernetes would refuse the pod.
 */
const reservedExactly = [workspaceRoot];
const reservedTrees = ["/addon", "/kaniko", "/buildpush"];

export const sharedPathRule = `a shared path is an absolute directory, given once, other than ${workspaceRoot} and outside ${reservedTrees.join(", ")} (where the workspace, Harness's scratch space and the builders' own files are mounted)`;

/** Why a stage's shared path cannot be mounted, or undefined when it can. `normalized` is how duplicates are compared. */
export function sharedPathProblem(path: string): string | undefined {
  if (!path.startsWith("/")) return "it is not an absolute path";
  const normalized = normalizedPath(path);
  if (reservedExactly.includes(normalized)) return `${normalized} is already mounted there`;
  const tree = reservedTrees.find((root) => normalized === root || normalized.startsWith(`${root}/`));
  if (tree) return `${tree} is reserved for the build's own files`;
  return undefined;
}

/** `/a/b/`, `//a/b` and `/a/x/../b` are the same mount point. */
export function normalizedPath(path: string): string {
  const normalized = posix.normalize(path);
  return normalized.length > 1 ? normalized.replace(/\/+$/, "") : normalized;
}
