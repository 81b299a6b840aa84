import { defaultYamlLimits, type Problem, type YamlLimits } from "@buildpush/core";
import { Lexer } from "yaml";
import { UsageError } from "./io.js";

/**
 * `--max-yaml-bytes SIZE` and `--max-yaml-tokens N`, taken by every command that reads YAML
 * (translate, validate, explain, run). They bound every file the command reads: the pipeline,
 * the connector files and the secrets file.
 */
export const inputLimitOptions = {
  "max-yaml-bytes": { type: "string" },
  "max-yaml-tokens": { type: "string" },
} as const;

export interface InputLimitValues {
  "max-yaml-bytes"?: string | undefined;
  "max-yaml-tokens"?: string | undefined;
}

export interface InputLimits {
  /** The most bytes one input file may hold; reading stops once it is passed. */
  maxBytes: number;
  /** The flag that raises `maxBytes`, or none for a fixed limit. */
  flag?: string;
  /** The limits handed to core's YAML parser: `maxLength` is `maxBytes` (a character is at least one byte). */
  yamlLimits: Partial<YamlLimits>;
}

/** The defaults: core's own limits, so the CLI admits exactly what an engine admits. */
export const defaultInputLimits: InputLimits = inputLimits(defaultYamlLimits.maxLength, defaultYamlLimits.maxTokens);

function inputLimits(maxBytes: number, maxTokens: number): InputLimits {
  return { maxBytes, flag: "--max-yaml-bytes", yamlLimits: { maxLength: maxBytes, maxTokens } };
}

const sizeUnits: Record<string, number> = { "": 1, k: 1024, kib: 1024, m: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gib: 1024 ** 3 };

export function parseInputLimits(values: InputLimitValues): InputLimits {
  const bytes = values["max-yaml-bytes"];
  const tokens = values["max-yaml-tokens"];
  let maxBytes = defaultInputLimits.maxBytes;
  if (bytes !== undefined) {
    const match = /^(\d+)\s*([a-z]*)$/i.exec(bytes.trim());
    const unit = match ? sizeUnits[match[2]!.toLowerCase()] : undefined;
    maxBytes = match && unit ? Number(match[1]) * unit : Number.NaN;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new UsageError(`--max-yaml-bytes takes a size in bytes, e.g. 67108864, 64MiB or 512KiB, not ${JSON.stringify(bytes)}`);
  }
  let maxTokens = defaultYamlLimits.maxTokens;
  if (tokens !== undefined) {
    maxTokens = /^\d+$/.test(tokens.trim()) ? Number(tokens) : Number.NaN;
    if (!Number.isSafeInteger(maxTokens) || maxTokens < 1) throw new UsageError(`--max-yaml-tokens takes a whole number, e.g. 8000000, not ${JSON.stringify(tokens)}`);
  }
  return inputLimits(maxBytes, maxTokens);
}

/** `33554432` as `32 MiB`, other sizes in bytes. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [["GiB", 1024 ** 3], ["MiB", 1024 ** 2], ["KiB", 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** The problem for a file over the size limit, at its first line like core's own size limit. */
export function tooLargeProblem(file: string, { maxBytes, flag }: InputLimits): Problem {
  return {
    code: "yaml-syntax",
    message: `the file is larger than ${formatSize(maxBytes)}, the limit for an input file; reading stopped there`,
    rule: "input files are limited in size so a huge or endless one (/dev/zero, a pipe that never ends) cannot exhaust memory",
    hint: flag ? `${flag} SIZE raises the limit, e.g. ${flag} ${formatSize(maxBytes * 2).replace(" ", "")}` : "the limit is fixed",
    position: { file, line: 1, column: 1 },
  };
}

/** Core names its limits by their API option; the CLI's user is told the flag that raises one. */
export function withLimitFlag(problem: Problem): Problem {
  if (problem.rule?.endsWith("(yamlLimits.maxTokens)") && problem.hint === undefined) {
    return { ...problem, hint: "--max-yaml-tokens N raises the limit" };
  }
  return problem;
}

/**
 * The token limit for YAML the CLI parses itself (a secrets file), counted by yaml's lexer
 * before anything is built. yaml's lexer makes at most 1.5 tokens of a character (`1,` is a
 * scalar marker, the scalar and the comma), so a file under half the limit is not lexed.
 */
export function checkYamlTokens(text: string, file: string, limits: InputLimits): Problem | undefined {
  const maxTokens = limits.yamlLimits.maxTokens ?? defaultYamlLimits.maxTokens;
  if (text.length * 2 + 16 <= maxTokens) return undefined;
  let tokens = 0;
  for (const _ of new Lexer().lex(text)) {
    if (++tokens > maxTokens) {
      return {
        code: "yaml-syntax",
        message: `the file holds more than ${maxTokens} YAML tokens`,
        rule: "files are limited in tokens (scalars, indicators, spaces, line breaks) so a hostile file cannot exhaust memory",
        hint: "--max-yaml-tokens N raises the limit",
        position: { file, line: 1, column: 1 },
      };
    }
  }
  return undefined;
}
