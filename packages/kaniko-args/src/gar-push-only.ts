// kaniko-gar's push-only path (drone-kaniko cmd/kaniko-gar/main.go handlePushOnly): checked
// before anything else, even before PLUGIN_NO_PUSH, it runs no executor. It loads the tarball
// PLUGIN_SOURCE_TAR_PATH and pushes it with crane to <registry>/<repo>:<tag> for each tag of
// PLUGIN_TAGS as given (no expand or auto tags; an empty tag is pushed as latest), logged in as
// `_json_key` with PLUGIN_JSON_KEY under the registry as given, or anonymously without a key.

import { PluginEnvError } from "./errors.js";

/** What the GAR plugin pushes instead of running the executor. */
export interface PushOnlyRun {
  sourceTarPath: string;
  /** The `repo:tag` references crane pushes, in order. */
  destinations: Array<{ repo: string; tag: string }>;
  /** Logged in as `_json_key` (a key was given), or anonymous. */
  login: "_json_key" | "anonymous";
  /** Variables set true that push-only overrides: PLUGIN_NO_PUSH, PLUGIN_AUTO_TAG, PLUGIN_EXPAND_TAG. */
  overridden: string[];
}

export interface PushOnlySettings {
  sourceTarPath: string;
  registry: string;
  repoSetting: string;
  tags: readonly string[];
  jsonKey: string;
  overridden: string[];
}

/** The push; throws PluginEnvError where handlePushOnly stops (the tarball's existence is not checked). */
export function planGarPushOnly(settings: PushOnlySettings): PushOnlyRun {
  const { sourceTarPath, registry, repoSetting } = settings;
  if (sourceTarPath === "") {
    throw new PluginEnvError("missing-source-tar", "PLUGIN_SOURCE_TAR_PATH", "source_tar_path is required when push_only is set: set PLUGIN_SOURCE_TAR_PATH to the image tarball, or drop PLUGIN_PUSH_ONLY to build");
  }
  if (repoSetting === "" || registry === "") {
    const code = repoSetting === "" ? "missing-repo" : "missing-registry";
    const variable = repoSetting === "" ? "PLUGIN_REPO" : "PLUGIN_REGISTRY";
    throw new PluginEnvError(code, variable, `repository and registry must be specified for push-only operation (set ${variable})`);
  }
  // go-containerregistry takes `repo:` for `repo:latest`.
  const destinations = settings.tags.map((tag) => ({ repo: `${registry}/${repoSetting}`, tag: tag === "" ? "latest" : tag }));
  return { sourceTarPath, destinations, login: settings.jsonKey === "" ? "anonymous" : "_json_key", overridden: settings.overridden };
}

/** The PluginEnvError argvFromPluginEnv throws for a push-only run: there is no executor argv. */
export function pushOnlyHasNoArgv(run: PushOnlyRun): PluginEnvError {
  const targets = run.destinations.map(({ repo, tag }) => `${repo}:${tag}`).join(", ");
  const login = run.login === "anonymous" ? "anonymously (no PLUGIN_JSON_KEY)" : "as _json_key with PLUGIN_JSON_KEY";
  return new PluginEnvError(
    "push-only",
    "PLUGIN_PUSH_ONLY",
    `with PLUGIN_PUSH_ONLY=true the GAR plugin runs no kaniko executor: it pushes the tarball ${run.sourceTarPath} with crane to ${targets}, ${login}`,
  );
}
