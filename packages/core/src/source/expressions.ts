// Harness expressions (`<+pipeline.sequenceId>`) must be resolved before translation.

export function isRuntimeInput(value: unknown): boolean {
  if (typeof value !== "string" || value.length < 8) return false;
  // Only text starting with "<", or with what trim() may remove (code 32 and below, 160 and
  // above), can be one: every other string is answered without trimming it and running the
  // regex (this runs for most strings of every step).
  const first = value.charCodeAt(0);
  if (first !== 60 && first > 32 && first < 160) return false;
  return /^<\+input>/.test(value.trim());
}

/**
 * True when the text holds `<+...>`. Written as two searches rather than /<\+[^>]*>/: that regex
 * rescans the rest of the text from every `<+`, so `<+<+<+...` took quadratic time (seconds for
 * 20 000 characters).
 */
export function containsExpression(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const start = value.indexOf("<+");
  return start !== -1 && value.indexOf(">", start + 2) !== -1;
}

/** One `<+...>` in a text: where it starts and ends (end exclusive) and what is between the brackets. */
export interface ExpressionSpan {
  start: number;
  end: number;
  body: string;
}

/**
 * Every top-level `<+...>` of a text, left to right. A `<+` inside an expression nests
 * (`<+a.get(<+b>)>` is one span); one scan, so `<+<+<+...` stays linear.
 */
export function expressionSpans(text: string): ExpressionSpan[] {
  const spans: ExpressionSpan[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "<" && text[i + 1] === "+") {
      if (depth === 0) start = i;
      depth++;
      i++;
    } else if (text[i] === ">" && depth > 0) {
      depth--;
      if (depth === 0) spans.push({ start, end: i + 1, body: text.slice(start + 2, i) });
    }
  }
  return spans;
}

/** True when the whole text is one expression (`<+pipeline.sequenceId>`) or a runtime input with its modifiers. */
export function isWholeExpression(text: string): boolean {
  if (parseRuntimeInput(text)) return true;
  const spans = expressionSpans(text.trim());
  return spans.length === 1 && spans[0]!.start === 0 && spans[0]!.end === text.trim().length;
}

/** A runtime input as written: `<+input>` and the values its modifiers give. */
export interface RuntimeInput {
  default?: string;
  allowedValues?: string[];
  regex?: string;
  /** Modifiers buildpush does not read (`executionInput()`, `selectOneFrom(...)`), by name. */
  other: string[];
  /** A modifier that could not be read, e.g. an unclosed `.default(`. */
  malformed?: string;
}

/** Modifiers Harness has that say nothing about the values (when and how the input is asked for). */
const otherModifiers = ["executionInput", "selectOneFrom", "selectManyFrom"];

/**
 * Read `<+input>.default(a).allowedValues(a,b).regex(^v)`: Harness's runtime input with its
 * modifiers (developer.harness.io, "Use runtime input"). Values are split on commas; a value
 * written `\'a,b\'` keeps its comma. Undefined when the text is not a runtime input.
 */
export function parseRuntimeInput(text: string): RuntimeInput | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("<+input>")) return undefined;
  const input: RuntimeInput = { other: [] };
  let rest = trimmed.slice("<+input>".length);
  while (rest.length > 0) {
    const head = /^\.([A-Za-z]+)\(/.exec(rest);
    if (!head) {
      input.malformed = rest;
      return input;
    }
    const name = head[1]!;
    const close = closingParen(rest, head[0].length);
    if (close === -1) {
      input.malformed = rest;
      return input;
    }
    const argument = rest.slice(head[0].length, close);
    if (name === "default") input.default = unescapeValue(argument);
    else if (name === "allowedValues") input.allowedValues = splitValues(argument);
    else if (name === "regex") input.regex = argument;
    else if (otherModifiers.includes(name)) input.other.push(name);
    else {
      input.malformed = rest;
      return input;
    }
    rest = rest.slice(close + 1);
  }
  return input;
}

/** The `)` that closes the argument starting at `from`, skipping `\'...\'` and nested parentheses (a regex has them). */
function closingParen(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text.startsWith("\\'", i)) {
      const end = text.indexOf("\\'", i + 2);
      if (end === -1) return -1;
      i = end + 1;
    } else if (text[i] === "\\") i++;
    else if (text[i] === "(") depth++;
    else if (text[i] === ")") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function splitValues(argument: string): string[] {
  const values: string[] = [];
  let current = "";
  for (let i = 0; i < argument.length; i++) {
    if (argument.startsWith("\\'", i)) {
      const end = argument.indexOf("\\'", i + 2);
      current += argument.slice(i + 2, end === -1 ? argument.length : end);
      i = end === -1 ? argument.length : end + 1;
    } else if (argument[i] === ",") {
      values.push(current.trim());
      current = "";
    } else current += argument[i];
  }
  values.push(current.trim());
  return values;
}

function unescapeValue(argument: string): string {
  const quoted = /^\\'([\s\S]*)\\'$/.exec(argument.trim());
  return quoted ? quoted[1]! : argument.trim();
}

/** `secrets.getValue("name")` (or with single quotes): the secret reference an expression body names, else undefined. */
export function secretReferenceIn(body: string): string | undefined {
  const match = /^\s*secrets\.getValue\(\s*(?:"([^"]*)"|'([^']*)')\s*\)\s*$/.exec(body);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** The secret reference when the whole text is `<+secrets.getValue("name")>`, else undefined. */
export function wholeSecretReference(text: unknown): string | undefined {
  // One span from the first character: text that does not start with `<+` (nearly every
  // variable's value) is answered without scanning it.
  if (typeof text !== "string" || !text.startsWith("<+")) return undefined;
  const spans = expressionSpans(text);
  if (spans.length !== 1 || spans[0]!.start !== 0 || spans[0]!.end !== text.length) return undefined;
  return secretReferenceIn(spans[0]!.body);
}

/** True when the text holds a `<+secrets.getValue(...)>` anywhere. */
export function holdsSecretExpression(text: unknown): boolean {
  return typeof text === "string" && text.includes("secrets.") && expressionSpans(text).some((span) => secretReferenceIn(span.body) !== undefined || /^\s*secrets\./.test(span.body));
}
