/**
 * The forms of a secret value that `buildpush run` masks wherever it appears in what the run
 * prints: the value as written, and what a builder, a registry client or a log line could have
 * turned it into. docs/reliability.md (Secrets) lists them; secret-forms.test.ts has one test each.
 *
 * A derived form shorter than `shortestEncodedForm` is not masked: a two- or three-character
 * hex or base64 fragment occurs everywhere, and masking it would hide digests and words
 * without protecting anything. The value itself is masked whatever its length.
 */
export function secretForms(value: string): string[] {
  if (value === "") return [];
  const bytes = Buffer.from(value, "utf8");
  const derived = [
    // A tool that trims what it prints (or a CR a line end swallows) must not show the rest.
    value.trim(),
    ...base64Forms(bytes),
    bytes.toString("hex"),
    bytes.toString("hex").toUpperCase(),
    ...urlForms(value),
    jsonEscaped(value),
    goJsonEscaped(value),
    goQuoted(value),
  ].filter((form) => form.length >= shortestEncodedForm);
  // Output is masked line by line, so each line of a multi-line value is a value of its own too.
  const lines = value.includes("\n") ? value.split(/\r?\n/) : [];
  return [...new Set([value, ...lines, ...derived])].filter((form) => form !== "");
}

export const shortestEncodedForm = 4;

/**
 * Base64 in both alphabets (standard and URL-safe), with and without padding; and, because a
 * value inside a longer base64 text (`user:password` in a login, a JSON document) is encoded
 * at one of three offsets, the characters that depend on the value alone at each offset.
 */
function base64Forms(bytes: Buffer): string[] {
  const forms = [bytes.toString("base64"), bytes.toString("base64url")];
  forms.push(...forms.map((form) => form.replace(/=+$/, "")));
  for (const offset of [0, 1, 2]) {
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]);
    // Character k holds bits 6k..6k+5: keep those made of the value's bits only.
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    if (end <= first) continue;
    for (const alphabet of ["base64", "base64url"] as const) forms.push(shifted.toString(alphabet).slice(first, end));
  }
  return forms;
}

/**
 * Percent-encoding as JavaScript's encodeURIComponent does it, and RFC 3986's strict form (all
 * but letters, digits and -._~), each also with `+` for a space (HTML forms, Go's QueryEscape).
 */
function urlForms(value: string): string[] {
  const component = encodeURIComponent(value);
  const strict = component.replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return [component, strict, component.replace(/%20/g, "+"), strict.replace(/%20/g, "+")];
}

/** The value inside a JSON string: `\"`, `\\`, `\n`, `\u001b`. */
function jsonEscaped(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** Go's encoding/json, which also escapes <, > and & and the two Unicode line separators. */
function goJsonEscaped(value: string): string {
  return jsonEscaped(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const goNamedEscapes: Record<string, string> = { "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v", "\\": "\\\\", '"': '\\"' };

/**
 * The value inside Go's `%q` (strconv.Quote), how Buildah and its libraries quote text in
 * their messages: named escapes, `\x1b` for other ASCII controls, `\u00a0` for what Go does
 * not print.
 */
function goQuoted(value: string): string {
  let quoted = "";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (goNamedEscapes[char] !== undefined) quoted += goNamedEscapes[char];
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (char === " " || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(char)) quoted += char;
    else quoted += code > 0xffff ? `\\U${code.toString(16).padStart(8, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  }
  return quoted;
}
