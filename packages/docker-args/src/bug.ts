// A plugin bug a run triggers: its id, the variable behind it and what happens, in words that
// name variables, registries, repositories and tags, never the value of a secret.

export type DockerPluginBugId =
  | "password-on-command-line"
  | "login-email-flag"
  | "login-without-username"
  | "base-image-login-without-credentials"
  | "unqualified-repo"
  | "repo-outside-login-registry"
  | "registry-not-given"
  | "invalid-tag"
  | "invalid-repository"
  | "build-arg-split-on-comma"
  | "label-split-on-comma"
  | "cache-from-not-an-image"
  | "secret-item-dropped"
  | "push-only-cross-tag"
  | "ignored-runtime-flag"
  | "daemon-option-without-daemon"
  | "wrapper-bool-ignored"
  | "auto-tag-skipped"
  | "oidc-variables-incomplete"
  | "no-registry-login"
  | "artifact-registry-type";

export interface DockerPluginBug {
  id: DockerPluginBugId;
  /** The variable that triggers it, when one does. */
  variable?: string;
  description: string;
}

export function bug(id: DockerPluginBugId, variable: string | undefined, description: string): DockerPluginBug {
  return variable === undefined ? { id, description } : { id, variable, description };
}
