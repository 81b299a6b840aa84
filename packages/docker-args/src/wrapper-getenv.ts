// How the drone-docker wrappers (cmd/drone-{ecr,acr,gcr,gar}/main.go) read their own variables:
// "the first one that is not empty", not urfave/cli's "the first one that is set", and
// booleans that never stop the plugin.

import { parseGoBool, type Env } from "@buildpush/kaniko-args";

/** The wrappers' getenv: the first of `names` whose value is not empty, or "". */
export function firstNonEmpty(env: Env, ...names: string[]): string {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== "") return value;
  }
  return "";
}

/** The wrappers' parseBoolOrDefault: Go's ParseBool, and false for anything it refuses. */
export function boolOrFalse(value: string): boolean {
  const parsed = parseGoBool(value);
  return parsed.ok && parsed.value;
}
