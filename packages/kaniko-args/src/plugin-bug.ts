// A kaniko plugin bug an environment triggers: its id, the variable behind it and what happens,
// in words that name variables, registries, repositories and tags, never a secret's value.

export type PluginBugId =
  | "skip-tls-verify-registry-without-value"
  | "cache-repo-empty"
  | "cache-repo-doubled"
  | "repo-doubled"
  | "destination-without-registry"
  | "destination-without-repo"
  | "invalid-tag"
  | "build-arg-split-on-comma"
  | "oidc-ignored"
  | "base-image-login-dropped"
  | "push-only-overrides-settings"
  | "ignored-runtime-flag";

export interface PluginBug {
  id: PluginBugId;
  /** The variable that triggers it, when one does. */
  variable?: string;
  description: string;
}
