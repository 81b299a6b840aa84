// Go's strconv.ParseBool and strconv.ParseInt(s, 0, 64), reimplemented so that
// values read from PLUGIN_* variables are accepted or refused exactly as the
// drone-kaniko plugin (a Go program) accepts or refuses them.

export type GoParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const TRUE_SPELLINGS = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const FALSE_SPELLINGS = new Set(["0", "f", "F", "FALSE", "false", "False"]);

/** strconv.ParseBool: only the twelve spellings Go accepts; anything else is an error. */
export function parseGoBool(text: string): GoParseResult<boolean> {
  if (TRUE_SPELLINGS.has(text)) return { ok: true, value: true };
  if (FALSE_SPELLINGS.has(text)) return { ok: true, value: false };
  return {
    ok: false,
    reason: "invalid syntax: a boolean must be one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False",
  };
}

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

const SYNTAX = "invalid syntax: not an integer as Go reads it (decimal, 0x hex, 0o or leading-0 octal, 0b binary, optional sign, _ only between digits)";
const RANGE = "value out of range: outside the signed 64-bit integers";

function digitValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 122) return lower - 97 + 10; // a-z
  return 99;
}

/**
 * Go's underscoreOK: underscores may only separate digits, or a base prefix
 * from a digit, and may not start or end the number.
 */
function underscoreOK(text: string): boolean {
  let s = text;
  if (s.length >= 1 && (s[0] === "-" || s[0] === "+")) s = s.slice(1);
  let saw: "^" | "0" | "_" | "!" = "^";
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === "0") {
    const p = (s[1] ?? "").toLowerCase();
    if (p === "b" || p === "o" || p === "x") {
      i = 2;
      saw = "0";
      hex = p === "x";
    }
  }
  for (; i < s.length; i++) {
    const c = s[i] as string;
    const isDigit = c >= "0" && c <= "9";
    const isHex = hex && /[a-fA-F]/.test(c);
    if (isDigit || isHex) {
      saw = "0";
      continue;
    }
    if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}

/** strconv.ParseUint(s, 0, 64), the part of ParseInt after the sign. */
function parseGoUint(s: string, whole: string): GoParseResult<bigint> {
  if (s === "") return { ok: false, reason: SYNTAX };
  let base = 10n;
  let digits = s;
  if (s[0] === "0") {
    const p = (s[1] ?? "").toLowerCase();
    if (s.length >= 3 && p === "b") {
      base = 2n;
      digits = s.slice(2);
    } else if (s.length >= 3 && p === "o") {
      base = 8n;
      digits = s.slice(2);
    } else if (s.length >= 3 && p === "x") {
      base = 16n;
      digits = s.slice(2);
    } else {
      base = 8n;
      digits = s.slice(1);
    }
  }
  let n = 0n;
  let underscores = false;
  for (const c of digits) {
    if (c === "_") {
      underscores = true;
      continue;
    }
    const d = BigInt(digitValue(c));
    if (d >= base) return { ok: false, reason: SYNTAX };
    n = n * base + d;
    if (n > UINT64_MAX) return { ok: false, reason: RANGE };
  }
  if (underscores && !underscoreOK(whole)) return { ok: false, reason: SYNTAX };
  return { ok: true, value: n };
}

/** strconv.ParseInt(s, 0, 64): base from prefix, optional sign, `_` separators, int64 range. */
export function parseGoInt(text: string): GoParseResult<bigint> {
  if (text === "") return { ok: false, reason: SYNTAX };
  let s = text;
  let negative = false;
  if (s[0] === "+") {
    s = s.slice(1);
  } else if (s[0] === "-") {
    negative = true;
    s = s.slice(1);
  }
  const parsed = parseGoUint(s, text);
  if (!parsed.ok) return parsed;
  const value = negative ? -parsed.value : parsed.value;
  if (value > INT64_MAX || value < INT64_MIN) return { ok: false, reason: RANGE };
  return { ok: true, value };
}
