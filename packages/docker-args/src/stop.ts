// Where the plugin stops before running everything: why, and with which exit status.

/** Why the plugin stops early. */
export type DockerPluginStopCode =
  | "invalid-bool"
  | "invalid-int"
  | "auto-tag-semver"
  | "auto-tag-skipped"
  | "acr-credentials"
  | "login-refused"
  | "push-only-dry-run"
  | "missing-home"
  | "cosign-config"
  | "invalid-reference";

export interface DockerPluginStop {
  code: DockerPluginStopCode;
  /** The environment variable the stop is about, when one is. */
  variable?: string;
  /** The plugin's reason in words; never a secret's value. */
  message: string;
}

/** Thrown inside the emulation where the plugin returns early; `exit` is the plugin's status. */
export class PluginStopped extends Error {
  override readonly name = "PluginStopped";

  constructor(
    readonly stop: DockerPluginStop,
    readonly exit: 0 | 1 = 1,
  ) {
    super(stop.message);
  }
}

export function stopped(code: DockerPluginStopCode, message: string, variable?: string): PluginStopped {
  return new PluginStopped(variable === undefined ? { code, message } : { code, variable, message });
}
