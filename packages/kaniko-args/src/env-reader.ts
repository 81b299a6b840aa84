// Reading PLUGIN_* variables the way the plugin's CLI library (urfave/cli v1) does:
// a variable that is set counts even when empty, the first set alias wins, lists
// split on "," with each item trimmed and empty items kept, and bools/ints go
// through Go's parsers.

import { parseGoBool, parseGoInt } from "./go-parse.js";
import { quoteValue } from "./secrets.js";

/** An environment: unset variables are absent or `undefined`. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Builds the error thrown for a value the Go parsers refuse. */
export type EnvFailure = (code: "invalid-bool" | "invalid-int", variable: string, message: string) => Error;

/** Split like urfave/cli's StringSliceFlag: on ",", each item trimmed, empty items kept. */
export function splitList(value: string): string[] {
  return value.split(",").map((item) => item.trim());
}

/** Split like the plugin's PLUGIN_BUILD_ARGS_NEW flag: on ";", each item trimmed, empty items kept. */
export function splitSemicolonList(value: string): string[] {
  return value.split(";").map((item) => item.trim());
}

export class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly fail: EnvFailure,
    /** What the plugin does not get to, for the messages: kaniko here, docker for drone-docker. */
    private readonly stopsBefore = "running kaniko",
  ) {}

  /** The first of `names` that is set (even to ""), with its value. */
  lookup(names: string | readonly string[]): { name: string; value: string } | undefined {
    if (typeof names === "string") {
      const value = this.env[names];
      return value === undefined ? undefined : { name: names, value };
    }
    for (const name of names) {
      const value = this.env[name];
      if (value !== undefined) return { name, value };
    }
    return undefined;
  }

  /** The value of the first of `names` that is set (even to ""): lookup without the name, for the settings that need none. */
  private valueOf(names: string | readonly string[]): string | undefined {
    if (typeof names === "string") return this.env[names];
    for (const name of names) {
      const value = this.env[name];
      if (value !== undefined) return value;
    }
    return undefined;
  }

  isSet(names: string | readonly string[]): boolean {
    return this.valueOf(names) !== undefined;
  }

  /** A string setting: the first set alias, even when empty; otherwise the default. */
  string(names: string | readonly string[], fallback = ""): string {
    return this.valueOf(names) ?? fallback;
  }

  /** A bool setting: unset or empty is false; otherwise Go's ParseBool, or a failure. */
  bool(names: string | readonly string[]): boolean {
    // Most settings are unset: answered before a lookup result is made.
    if (this.valueOf(names) === undefined) return false;
    const found = this.lookup(names);
    if (found === undefined || found.value === "") return false;
    const parsed = parseGoBool(found.value);
    if (parsed.ok) return parsed.value;
    throw this.fail(
      "invalid-bool",
      found.name,
      `${found.name}: could not parse ${quoteValue(found.name, found.value)} as a boolean (${parsed.reason}); the plugin stops before ${this.stopsBefore}`,
    );
  }

  /** An int setting: unset is the default; set (even empty) goes through Go's ParseInt(v, 0, 64). */
  int(names: string | readonly string[], fallback = 0n): bigint {
    if (this.valueOf(names) === undefined) return fallback;
    const found = this.lookup(names);
    if (found === undefined) return fallback;
    const parsed = parseGoInt(found.value);
    if (parsed.ok) return parsed.value;
    throw this.fail(
      "invalid-int",
      found.name,
      `${found.name}: could not parse ${quoteValue(found.name, found.value)} as an integer (${parsed.reason}); the plugin stops before ${this.stopsBefore}`,
    );
  }

  /** A list setting: unset is the default; set (even empty) is split on ",". */
  list(names: string | readonly string[], fallback: readonly string[] = []): string[] {
    const value = this.valueOf(names);
    return value === undefined ? [...fallback] : splitList(value);
  }
}
