// Checks on option values; each failure is a KanikoOptionsError naming the option,
// the value (when safe to show) and the rule in words.

import { KanikoOptionsError } from "./errors.js";
import { destinationProblem, isValidRegistryHost, isValidTag, repositoryProblem } from "./reference.js";

function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

export function requireString(option: string, value: unknown): string {
  if (typeof value !== "string") {
    throw new KanikoOptionsError("invalid-value", option, `${option} must be a string, got ${typeof value}`);
  }
  if (value === "") throw new KanikoOptionsError("invalid-value", option, `${option} must not be empty`, value);
  if (/[\0\n\r]/.test(value)) {
    throw new KanikoOptionsError("invalid-value", option, `${option} must not contain NUL or line breaks`);
  }
  return value;
}

export function requireBoolean(option: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw new KanikoOptionsError("invalid-value", option, `${option} must be true or false, got ${shown(value)}`, String(value));
  }
  return value;
}

export function requireNonNegativeInteger(option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new KanikoOptionsError("invalid-integer", option, `${option} must be a non-negative whole number, got ${shown(value)}`, String(value));
  }
  return value;
}

export function requireChoice<T extends string>(option: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
    throw new KanikoOptionsError("invalid-choice", option, `${option} must be one of ${choices.join(", ")}, got ${shown(value)}`, String(value));
  }
  return value as T;
}

export function requireList(option: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw new KanikoOptionsError("invalid-value", option, `${option} must be a list`);
  return value;
}

const GO_DURATION = /^(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+$/;

/** A Go time.Duration as kaniko's flag parser reads it, not negative: "6h", "1h30m", "0". */
export function requireDuration(option: string, value: unknown): string {
  const text = requireString(option, value);
  if (text !== "0" && !GO_DURATION.test(text)) {
    throw new KanikoOptionsError("invalid-duration", option, `${option} must be a Go duration such as 6h, 90m or 1h30m, got ${shown(text)}`, text);
  }
  return text;
}

export function requireTag(option: string, value: unknown): string {
  const tag = typeof value === "string" ? value : requireString(option, value);
  if (!isValidTag(tag)) {
    throw new KanikoOptionsError("invalid-tag", option, `${option} ${shown(tag)} is not a valid tag: [A-Za-z0-9_] then up to 127 of [A-Za-z0-9_.-]`, tag);
  }
  return tag;
}

export function requireRepository(option: string, value: unknown): string {
  const repository = requireString(option, value);
  const problem = repositoryProblem(repository);
  if (problem !== undefined) {
    throw new KanikoOptionsError("invalid-repository", option, `${option} ${shown(repository)} is not a valid repository: ${problem}`, repository);
  }
  return repository;
}

export function requireDestination(option: string, value: unknown): string {
  const destination = requireString(option, value);
  const problem = destinationProblem(destination);
  if (problem !== undefined) {
    throw new KanikoOptionsError("invalid-destination", option, `${option} ${shown(destination)} is not a valid image reference: ${problem}`, destination);
  }
  return destination;
}

/** A registry host[:port], without scheme or path. */
export function requireRegistryHost(option: string, value: unknown): string {
  const host = requireString(option, value);
  if (!isValidRegistryHost(host)) {
    throw new KanikoOptionsError("invalid-registry", option, `${option} ${shown(host)} is not a registry host: give host[:port] without https:// or a path`, host);
  }
  return host;
}

/** A registry mirror: host[:port] optionally followed by a repository path. */
export function requireMirror(option: string, value: unknown): string {
  const mirror = requireString(option, value);
  const [host = "", ...path] = mirror.split("/");
  const pathOk = path.length === 0 || repositoryProblem(path.join("/")) === undefined;
  if (!isValidRegistryHost(host) || !pathOk) {
    throw new KanikoOptionsError("invalid-registry", option, `${option} ${shown(mirror)} is not a registry mirror: give host[:port][/path] without https://`, mirror);
  }
  return mirror;
}

export function requireAbsolutePath(option: string, value: unknown): string {
  const path = requireString(option, value);
  if (!path.startsWith("/")) {
    throw new KanikoOptionsError("invalid-path", option, `${option} ${shown(path)} must be an absolute path (it names a path inside the image)`, path);
  }
  return path;
}

/** A key/value pair for --build-arg or --label: key non-empty without "="; the value is never shown. */
export function requireKeyValue(option: string, value: unknown): readonly [string, string] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new KanikoOptionsError("invalid-key-value", option, `${option} must be a [key, value] pair`);
  }
  const [key, val] = value as unknown[];
  if (typeof key !== "string" || key === "" || key.includes("=") || /[\0\n\r]/.test(key)) {
    throw new KanikoOptionsError(
      "invalid-key-value",
      option,
      `${option} has key ${shown(key)}: a key must be a non-empty string without "="`,
      typeof key === "string" ? key : undefined,
    );
  }
  if (typeof val !== "string" || val.includes("\0")) {
    throw new KanikoOptionsError("invalid-key-value", option, `${option} (key ${shown(key)}) must have a string value without NUL`, key);
  }
  return [key, val];
}

const CONTEXT_SCHEMES = ["dir", "tar", "git", "gs", "s3", "https"] as const;

/** A build context: a path becomes dir://path; dir://, tar://, git://, gs://, s3:// and https:// pass as given. */
export function contextArgument(option: string, value: unknown): string {
  const context = requireString(option, value);
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/.exec(context);
  if (match === null) return `dir://${context}`;
  const scheme = (match[1] as string).toLowerCase();
  if (!(CONTEXT_SCHEMES as readonly string[]).includes(scheme)) {
    throw new KanikoOptionsError("invalid-context", option, `${option} ${shown(context)} has scheme ${scheme}://, which kaniko can't read; use a path or one of ${CONTEXT_SCHEMES.map((s) => `${s}://`).join(", ")}`, context);
  }
  if (match[2] === "") throw new KanikoOptionsError("invalid-context", option, `${option} ${shown(context)} names nothing after ${scheme}://`, context);
  return context;
}

const PLATFORM = /^[a-z0-9_-]+\/[a-z0-9_-]+(?:\/[a-z0-9_.-]+)?$/i;

/** `os/arch[/variant]`, e.g. linux/arm64/v8. */
export function requirePlatform(option: string, value: unknown): string {
  const platform = requireString(option, value);
  if (!PLATFORM.test(platform)) {
    throw new KanikoOptionsError("invalid-platform", option, `${option} ${shown(platform)} must be os/arch or os/arch/variant, e.g. linux/arm64`, platform);
  }
  return platform;
}
