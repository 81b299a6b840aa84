// The build args drone-docker passes (docker.go addProxyBuildArgs, addProxyValue, commandBuild):
// PLUGIN_BUILD_ARGS (or PLUGIN_BUILD_ARGS_NEW with PLUGIN_MULTIPLE_BUILD_ARGS=true), then the
// proxy variables, then PLUGIN_BUILD_ARGS_FROM_ENV, each added as a lowercase and an uppercase
// pair unless a build arg already merely starts with that name.

import type { Env } from "@buildpush/kaniko-args";
import type { DockerSettings } from "./settings.js";

/** The proxy variables the plugin forwards, in its order. */
export const PROXY_VARIABLES = ["http_proxy", "https_proxy", "no_proxy"] as const;

/** Go's strings.ToUpper for the ASCII names the plugin handles. */
function goUpper(text: string): string {
  return text.replace(/[a-z]/g, (c) => c.toUpperCase());
}

/** os.Getenv: unset and empty are the same. */
function getenv(env: Env, name: string): string {
  return env[name] ?? "";
}

/** getProxyValue: the variable, then its uppercase spelling, then HARNESS_ and the uppercase spelling. */
export function proxyValue(env: Env, key: string): string {
  return getenv(env, key) || getenv(env, goUpper(key)) || getenv(env, `HARNESS_${goUpper(key)}`);
}

/** hasProxyBuildArg: any build arg that starts with the name, its uppercase or its HARNESS_ spelling. */
export function hasBuildArgStartingWith(args: readonly string[], key: string): boolean {
  const upper = goUpper(key);
  return args.some((arg) => arg.startsWith(key) || arg.startsWith(upper) || arg.startsWith(`HARNESS_${upper}`));
}

/** addProxyValue on one list. */
function addPair(args: string[], env: Env, key: string): void {
  const value = proxyValue(env, key);
  if (value !== "" && !hasBuildArgStartingWith(args, key)) args.push(`${key}=${value}`, `${goUpper(key)}=${value}`);
}

/** The `--build-arg` values of the build command, in order. */
export function buildArgValues(settings: DockerSettings, env: Env): string[] {
  // The plugin adds to both lists and then uses one; each list is checked on its own.
  const args = [...(settings.multipleBuildArgs ? settings.buildArgsNew : settings.buildArgs)];
  for (const key of PROXY_VARIABLES) addPair(args, env, key);
  for (const key of settings.buildArgsFromEnv) addPair(args, env, key);
  return args;
}
