// Typed errors. Messages never carry the value of a secret variable.

/** Why the drone-kaniko plugin would stop before running the executor. */
export type PluginEnvErrorCode =
  | "invalid-bool"
  | "invalid-int"
  | "auto-tag-conflict"
  | "auto-tag-ref"
  | "auto-tag-semver"
  | "missing-registry"
  | "missing-repo"
  | "missing-credentials"
  | "missing-source-tar"
  | "push-only";

/**
 * Thrown by `argvFromPluginEnv` where the plugin itself would fail, or (`push-only`) where it
 * runs no executor at all.
 */
export class PluginEnvError extends Error {
  override readonly name = "PluginEnvError";
  readonly code: PluginEnvErrorCode;
  /** The environment variable the failure is about. */
  readonly variable: string;

  constructor(code: PluginEnvErrorCode, variable: string, message: string) {
    super(message);
    this.code = code;
    this.variable = variable;
  }
}

/** Why `kanikoArgs` (or `pluginEnvToKanikoOptions`) refused the options. */
export type KanikoOptionsErrorCode =
  | "invalid-value"
  | "invalid-choice"
  | "invalid-integer"
  | "invalid-duration"
  | "invalid-tag"
  | "invalid-repository"
  | "invalid-destination"
  | "invalid-registry"
  | "invalid-context"
  | "invalid-path"
  | "invalid-platform"
  | "invalid-key-value"
  | "destination-required"
  | "tags-without-repository"
  | "cache-disabled"
  | "cache-repo-required"
  | "conflicting-options"
  | "unsupported-flag"
  | "unknown-executor-version"
  | "unsupported-runtime-flag"
  | "invalid-bool"
  | "invalid-int";

/** Thrown when options can't be turned into a correct executor argv. */
export class KanikoOptionsError extends Error {
  override readonly name = "KanikoOptionsError";
  readonly code: KanikoOptionsErrorCode;
  /** The option (e.g. `cache.ttlHours`) or PLUGIN_* variable at fault. */
  readonly option: string;
  /** The offending value, when it is safe to show (never a secret, never a build-arg value). */
  readonly value: string | undefined;

  constructor(code: KanikoOptionsErrorCode, option: string, message: string, value?: string) {
    super(message);
    this.code = code;
    this.option = option;
    this.value = value;
  }
}
