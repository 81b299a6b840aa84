// What a run got to, shared by the run (which fills it in) and the bug checks (which read it).

import type { Env, PluginVariant } from "@buildpush/kaniko-args";
import type { LoginCommand } from "./login.js";
import type { DockerSettings } from "./settings.js";
import type { ResolvedTags } from "./tags.js";

/** What a run got to, for naming the bugs it triggers. */
export interface RunFacts {
  variant: PluginVariant;
  /** The step's environment. */
  env: Env;
  /** The environment drone-docker reads (the wrapper's, for ECR and ACR). */
  pluginEnv: Env;
  settings: DockerSettings;
  tags: ResolvedTags;
  /** The logins the plugin ran. */
  logins: LoginCommand[];
}
