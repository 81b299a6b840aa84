// The two semantic-version readers the plugin uses, reproduced:
// - golang.org/x/mod/semver (for PLUGIN_EXPAND_TAG): "v" prefix required,
//   "v1" and "v1.2" shorthands allowed, no leading zeros;
// - github.com/coreos/go-semver (for PLUGIN_AUTO_TAG): exactly three dotted
//   parts read as decimal integers (leading zeros allowed), pre-release and
//   build metadata of [0-9A-Za-z-] identifiers.

export interface ModSemver {
  major: string;
  minor: string;
  patch: string;
  /** "-rc.1" or "" */
  prerelease: string;
  /** "+build.1" or "" */
  build: string;
}

function parseNumber(v: string): [string, string] | undefined {
  const m = /^[0-9]+/.exec(v);
  if (m === null) return undefined;
  const digits = m[0];
  if (digits.length > 1 && digits[0] === "0") return undefined;
  return [digits, v.slice(digits.length)];
}

function isIdentChar(c: string): boolean {
  return /^[0-9A-Za-z-]$/.test(c);
}

function isBadNumber(v: string): boolean {
  return /^[0-9]+$/.test(v) && v.length > 1 && v[0] === "0";
}

function parseDotted(v: string, lead: "-" | "+"): [string, string] | undefined {
  if (v[0] !== lead) return undefined;
  let i = 1;
  let start = 1;
  for (; i < v.length && !(lead === "-" && v[i] === "+"); i++) {
    const c = v[i] as string;
    if (!isIdentChar(c) && c !== ".") return undefined;
    if (c === ".") {
      if (start === i || (lead === "-" && isBadNumber(v.slice(start, i)))) return undefined;
      start = i + 1;
    }
  }
  if (start === i || (lead === "-" && isBadNumber(v.slice(start, i)))) return undefined;
  return [v.slice(0, i), v.slice(i)];
}

/** golang.org/x/mod/semver's parse; undefined when semver.IsValid would be false. */
export function parseModSemver(version: string): ModSemver | undefined {
  if (!version.startsWith("v")) return undefined;
  const major = parseNumber(version.slice(1));
  if (major === undefined) return undefined;
  let [maj, rest] = major;
  if (rest === "") return { major: maj, minor: "0", patch: "0", prerelease: "", build: "" };
  if (rest[0] !== ".") return undefined;
  const minor = parseNumber(rest.slice(1));
  if (minor === undefined) return undefined;
  const [min, afterMinor] = minor;
  rest = afterMinor;
  if (rest === "") return { major: maj, minor: min, patch: "0", prerelease: "", build: "" };
  if (rest[0] !== ".") return undefined;
  const patch = parseNumber(rest.slice(1));
  if (patch === undefined) return undefined;
  const [pat, afterPatch] = patch;
  rest = afterPatch;
  let prerelease = "";
  let build = "";
  if (rest.startsWith("-")) {
    const p = parseDotted(rest, "-");
    if (p === undefined) return undefined;
    [prerelease, rest] = p;
  }
  if (rest.startsWith("+")) {
    const b = parseDotted(rest, "+");
    if (b === undefined) return undefined;
    [build, rest] = b;
  }
  if (rest !== "") return undefined;
  return { major: maj, minor: min, patch: pat, prerelease, build };
}

export interface CoreosSemver {
  major: bigint;
  minor: bigint;
  patch: bigint;
  prerelease: string;
  metadata: string;
  /** The three dotted parts as written (for the zero-padding the tagger keeps). */
  parts: [string, string, string];
}

const IDENTIFIER = /^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/;
const INT64_MAX = (1n << 63n) - 1n;

function parseDecimalInt64(text: string): bigint | undefined {
  // strconv.ParseInt(v, 10, 64): optional sign, decimal digits, int64 range.
  const m = /^([+-]?)([0-9]+)$/.exec(text);
  if (m === null) return undefined;
  const value = BigInt(m[2] as string) * (m[1] === "-" ? -1n : 1n);
  if (value > INT64_MAX || value < -INT64_MAX - 1n) return undefined;
  return value;
}

/** coreos/go-semver's NewVersion; undefined where it returns an error. */
export function parseCoreosSemver(version: string): CoreosSemver | undefined {
  let rest = version;
  let metadata = "";
  const plus = rest.indexOf("+");
  if (plus >= 0) {
    metadata = rest.slice(plus + 1);
    rest = rest.slice(0, plus);
  }
  let prerelease = "";
  const dash = rest.indexOf("-");
  if (dash >= 0) {
    prerelease = rest.slice(dash + 1);
    rest = rest.slice(0, dash);
  }
  const dotted = rest.split(".");
  if (dotted.length < 3) return undefined;
  const parts: [string, string, string] = [dotted[0] as string, dotted[1] as string, dotted.slice(2).join(".")];
  if (prerelease !== "" && !IDENTIFIER.test(prerelease)) return undefined;
  if (metadata !== "" && !IDENTIFIER.test(metadata)) return undefined;
  const numbers = parts.map(parseDecimalInt64);
  const [major, minor, patch] = numbers;
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  return { major, minor, patch, prerelease, metadata, parts };
}

/** coreos/go-semver's Version.String(). */
export function formatCoreosSemver(v: CoreosSemver): string {
  let out = `${v.major}.${v.minor}.${v.patch}`;
  if (v.prerelease !== "") out += `-${v.prerelease}`;
  if (v.metadata !== "") out += `+${v.metadata}`;
  return out;
}
