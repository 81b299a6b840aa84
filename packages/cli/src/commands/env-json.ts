// The JSON object of environment variables that `kaniko-args` and `docker-args` read. Its values
// are often secrets (a PLUGIN_PASSWORD pasted in to see what the plugin does with it), so no
// message about the file repeats any of its text: a syntax error gives its line and column, a
// value of the wrong kind its JSON type.

import { createRequire } from "node:module";
import type * as JsoncParser from "jsonc-parser";
import { readInput } from "../inputs.js";
import type { CliIo } from "../io.js";

// jsonc-parser (Microsoft's, the one VS Code uses) finds where the text stops being JSON; JSON.parse's
// own messages quote the text around the mistake. It loads only for a file that is not JSON.
const requireFromCli = createRequire(import.meta.url);

/** Words for jsonc-parser's error codes; the text at the position is never shown. */
const SYNTAX_ERRORS: Readonly<Record<string, string>> = {
  InvalidSymbol: "a character that cannot start a JSON value",
  InvalidNumberFormat: "a malformed number",
  PropertyNameExpected: "a property name in double quotes expected",
  ValueExpected: "a value expected",
  ColonExpected: '":" expected',
  CommaExpected: '"," expected',
  CloseBraceExpected: '"}" expected',
  CloseBracketExpected: '"]" expected',
  EndOfFileExpected: "text after the end of the JSON value",
  InvalidCommentToken: "a comment, which JSON does not have",
  UnexpectedEndOfComment: "an unclosed comment",
  UnexpectedEndOfString: "an unclosed string",
  UnexpectedEndOfNumber: "a number cut short",
  InvalidUnicode: "a malformed \\u escape",
  InvalidEscapeCharacter: "a backslash escape JSON does not have",
  InvalidCharacter: "a control character inside a string",
};

/** Line and column (from 1) of an offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Where and why `text` is not JSON, in words that never quote it. */
export function jsonSyntaxProblem(text: string): string {
  if (text.trim() === "") return "not JSON: the file is empty";
  const parser = requireFromCli("jsonc-parser") as typeof JsoncParser;
  const errors: JsoncParser.ParseError[] = [];
  parser.parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  // JSON.parse refused it; should jsonc-parser find nothing, still say nothing of the text.
  if (first === undefined) return "not JSON";
  const { line, column } = lineAndColumn(text, first.offset);
  return `not JSON: line ${line}, column ${column}: ${SYNTAX_ERRORS[parser.printParseErrorCode(first.error)] ?? "invalid JSON"}`;
}

/** The JSON type of a value, for a message that must not show the value itself. */
function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "object") return "an object";
  return typeof value === "number" ? "a number" : "a boolean";
}

/** A plugin environment is a few KiB; /dev/zero or an endless pipe as --env-json stops at this (a fixed limit). */
const envJsonLimits = { maxBytes: 1024 * 1024, yamlLimits: {} };

/** The environment in FILE as a string map, or a sentence saying why the file is not one. */
export function readEnvJson(io: CliIo, file: string): Record<string, string> | string {
  const text = readInput(io, file, envJsonLimits);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return jsonSyntaxProblem(text);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "expected a JSON object of variable names to string values";
  const env: Record<string, string> = {};
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== "string") return `${JSON.stringify(name)} must be a string (environment variables are strings), found ${jsonType(item)}`;
    // defineProperty keeps a "__proto__" key as a variable instead of a prototype.
    Object.defineProperty(env, name, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return env;
}
