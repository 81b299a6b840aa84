/**
 * The conditions `buildpush run` can decide by itself: `true`, `false`, and comparisons of
 * literals joined by `&&`, `||`, `!` and parentheses, which is what a condition becomes once
 * its expressions are resolved (`"arm64" == "arm64"` from `<+matrix.arch> == "arm64"`). Harness
 * evaluates conditions as JEXL; anything beyond this subset, or an expression never resolved,
 * cannot be decided here and is said so before anything runs.
 */
export type ConditionResult = { ok: true; value: boolean } | { ok: false; reason: string };

type Value = string | number | boolean | null;
type Token = { kind: "literal"; value: Value } | { kind: "op"; text: string };

export function evaluateCondition(text: string): ConditionResult {
  if (text.includes("<+")) return { ok: false, reason: "it holds an expression that was never resolved" };
  const tokens = tokenize(text);
  if (!tokens) return { ok: false, reason: "it is not a comparison of literals buildpush run can evaluate" };
  const parser = new Parser(tokens);
  const value = parser.expression();
  if (value === undefined || !parser.done()) return { ok: false, reason: "it is not a comparison of literals buildpush run can evaluate" };
  if (typeof value !== "boolean") return { ok: false, reason: `it is ${JSON.stringify(value)}, not true or false` };
  return { ok: true, value };
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(&&|\|\||==|!=|!|\(|\))|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(-?\d+(?:\.\d+)?)\b|(true|false|null)\b)/y;
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match) return undefined;
    index = pattern.lastIndex;
    const [, op, double, single, number, word] = match;
    if (op !== undefined) tokens.push({ kind: "op", text: op });
    else if (double !== undefined) tokens.push({ kind: "literal", value: unescape(double) });
    else if (single !== undefined) tokens.push({ kind: "literal", value: unescape(single) });
    else if (number !== undefined) tokens.push({ kind: "literal", value: Number(number) });
    else tokens.push({ kind: "literal", value: word === "null" ? null : word === "true" });
  }
  return tokens;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, "$1");
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  done(): boolean {
    return this.at === this.tokens.length;
  }

  expression(): Value | undefined {
    let left = this.conjunction();
    while (left !== undefined && this.take("||")) {
      const right = this.conjunction();
      if (typeof left !== "boolean" || typeof right !== "boolean") return undefined;
      left = left || right;
    }
    return left;
  }

  private conjunction(): Value | undefined {
    let left = this.negation();
    while (left !== undefined && this.take("&&")) {
      const right = this.negation();
      if (typeof left !== "boolean" || typeof right !== "boolean") return undefined;
      left = left && right;
    }
    return left;
  }

  private negation(): Value | undefined {
    if (this.take("!")) {
      const value = this.negation();
      return typeof value === "boolean" ? !value : undefined;
    }
    return this.comparison();
  }

  private comparison(): Value | undefined {
    const left = this.primary();
    if (left === undefined) return undefined;
    for (const op of ["==", "!="]) {
      if (!this.take(op)) continue;
      const right = this.primary();
      if (right === undefined) return undefined;
      return op === "==" ? looselyEqual(left, right) : !looselyEqual(left, right);
    }
    return left;
  }

  private primary(): Value | undefined {
    const token = this.tokens[this.at];
    if (!token) return undefined;
    if (token.kind === "literal") {
      this.at++;
      return token.value;
    }
    if (token.text !== "(") return undefined;
    this.at++;
    const value = this.expression();
    return this.take(")") ? value : undefined;
  }

  private take(op: string): boolean {
    const token = this.tokens[this.at];
    if (token?.kind !== "op" || token.text !== op) return false;
    this.at++;
    return true;
  }
}

/** JEXL's `==`: a number and a numeric string compare as numbers; otherwise values of one type compare. */
function looselyEqual(left: Value, right: Value): boolean {
  if (typeof left === "number" && typeof right === "string" && right.trim() !== "") return left === Number(right);
  if (typeof right === "number" && typeof left === "string" && left.trim() !== "") return right === Number(left);
  return left === right;
}
