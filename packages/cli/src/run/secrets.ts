import { basename } from "node:path";
import { BuildpushError, type Problem } from "@buildpush/core";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";

/**
 * Secret values for local runs, by the reference Harness would resolve (`account.docker_pass`).
 * Problems about a secrets file name the reference and the line, never the value.
 */
export type SecretValues = ReadonlyMap<string, string>;

export type SecretsFormat = "yaml" | "dotenv";

/** `.env`, `x.env`, `.env.local` are dotenv; `.yaml`, `.yml`, `.json` are YAML; otherwise the first entry decides. */
export function secretsFormat(file: string, text: string): SecretsFormat {
  const name = basename(file).toLowerCase();
  if (name.endsWith(".env") || name.startsWith(".env")) return "dotenv";
  if (/\.(ya?ml|json)$/.test(name)) return "yaml";
  const first = text.split(/\r?\n/).find((line) => line.trim() !== "" && !line.trim().startsWith("#")) ?? "";
  return /^\s*(?:export\s+)?[^\s=:#]+\s*=/.test(first) ? "dotenv" : "yaml";
}

export function parseSecretsFile(text: string, file: string): Map<string, string> {
  return secretsFormat(file, text) === "dotenv" ? parseDotenvSecrets(text, file) : parseYamlSecrets(text, file);
}

/** A YAML mapping of reference → value. Every scalar is read as the text written (`12345` stays a string). */
export function parseYamlSecrets(text: string, file: string): Map<string, string> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { schema: "failsafe", prettyErrors: false, uniqueKeys: true, lineCounter });
  const at = (offset: number | undefined): Problem["position"] => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { file, line, column: col };
  };
  const problems: Problem[] = [];
  // The parser's own messages can quote the offending line, which may hold a secret: report only where.
  for (const error of document.errors) {
    problems.push({
      code: error.code === "DUPLICATE_KEY" ? "yaml-duplicate-key" : "yaml-syntax",
      message: error.code === "DUPLICATE_KEY" ? "a secret reference is given twice" : "the secrets file is not valid YAML here",
      rule: "a secrets file is a YAML mapping of secret reference to value, e.g. `account.docker_pass: VALUE`",
      position: at(error.pos[0]),
    });
  }
  if (problems.length > 0) throw new BuildpushError(problems);
  const values = new Map<string, string>();
  const contents = document.contents;
  if (contents === null) return values;
  if (!isMap(contents)) {
    throw new BuildpushError([{ code: "wrong-type", message: "the secrets file must be a mapping of secret reference to value", rule: "e.g. `account.docker_pass: VALUE`", position: at(contents.range?.[0]) }]);
  }
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    if (key === undefined || key === "") {
      problems.push({ code: "wrong-type", message: "a secret reference must be a plain text key", position: at(keyOffset) });
      continue;
    }
    if (pair.value !== null && !isScalar(pair.value)) {
      problems.push({ code: "wrong-type", message: `the value of ${key} must be text, not a list or mapping`, field: key, position: at(keyOffset) });
      continue;
    }
    values.set(key, pair.value === null ? "" : String(pair.value.value ?? ""));
  }
  if (problems.length > 0) throw new BuildpushError(problems);
  return values;
}

/**
 * dotenv: `REF=value` per line, `#` comments, optional `export `. Double-quoted values take
 * `\n`, `\t`, `\"` and `\\` escapes; single-quoted values are literal; unquoted values end at ` #`.
 */
export function parseDotenvSecrets(text: string, file: string): Map<string, string> {
  const values = new Map<string, string>();
  const problems: Problem[] = [];
  const lines = text.split(/\r?\n/);
  const rule = "a dotenv secrets file has one `REFERENCE=value` per line, e.g. `account.docker_pass=VALUE`";
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const position = { file, line: index + 1, column: 1 };
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const match = /^\s*(?:export\s+)?([^\s=#]+)\s*=(.*)$/.exec(line);
    if (!match) {
      problems.push({ code: "yaml-syntax", message: "this line is not REFERENCE=value", rule, position });
      continue;
    }
    const key = match[1]!;
    const value = dotenvValue(match[2]!);
    if (value === undefined) {
      problems.push({ code: "yaml-syntax", message: `the value of ${key} has no closing quote`, field: key, rule, position });
      continue;
    }
    if (values.has(key)) {
      problems.push({ code: "yaml-duplicate-key", message: `${key} is given twice`, field: key, rule, position });
      continue;
    }
    values.set(key, value);
  }
  if (problems.length > 0) throw new BuildpushError(problems);
  return values;
}

function dotenvValue(raw: string): string | undefined {
  const text = raw.trimStart();
  const quote = text[0];
  if (quote === "'" || quote === '"') {
    let value = "";
    for (let i = 1; i < text.length; i++) {
      const char = text[i]!;
      if (char === quote) return value;
      if (quote === '"' && char === "\\" && i + 1 < text.length) {
        const next = text[++i]!;
        value += next === "n" ? "\n" : next === "t" ? "\t" : next === "r" ? "\r" : next;
      } else {
        value += char;
      }
    }
    return undefined;
  }
  const comment = text.search(/\s#/);
  return (comment === -1 ? text : text.slice(0, comment)).trim();
}
