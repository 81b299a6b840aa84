export { PluginEnvError, KanikoOptionsError } from "./errors.js";
export type { PluginEnvErrorCode, KanikoOptionsErrorCode } from "./errors.js";
export { EnvReader, splitList, splitSemicolonList } from "./env-reader.js";
export type { Env, EnvFailure } from "./env-reader.js";
export { commaSplitKeys } from "./comma-split.js";
export { pluginAutoTags } from "./plugin-tags.js";
export type { AutoTagResult } from "./plugin-tags.js";
export { parseGoBool, parseGoInt } from "./go-parse.js";
export type { GoParseResult } from "./go-parse.js";
export { argvFromPluginEnv, googleKeySetup, PLUGIN_DIGEST_FILE } from "./plugin-argv.js";
export { DOCKER_HUB_REGISTRY } from "./plugin-variants.js";
export { GOOGLE_KEY_FILE, GOOGLE_CREDENTIALS_VARIABLE, GCP_OIDC_VARIABLES } from "./google-credentials.js";
export type { GoogleKeySetup } from "./google-credentials.js";
export type { PluginVariant } from "./plugin-argv.js";
export { pluginBugsTriggered } from "./plugin-bugs.js";
export type { PluginBug, PluginBugId } from "./plugin-bug.js";
export { TAG_PATTERN, isValidTag } from "./reference.js";
export { isSecretVariable } from "./secrets.js";
export { kanikoArgs, SNAPSHOT_MODES, VERBOSITIES, LOG_FORMATS } from "./kaniko-args.js";
export type {
  KanikoOptions,
  KanikoCacheOptions,
  KanikoOptionsPatch,
  KeyValue,
  LogFormat,
  RegistryClientCertificate,
  SnapshotMode,
  Verbosity,
} from "./kaniko-options.js";
export { KANIKO_EXECUTOR_FLAGS, DEFAULT_EXECUTOR_VERSION, resolveExecutorVersion, executorAcceptsFlag } from "./executor-flags.js";
export { pluginEnvToKanikoOptions, mergeKanikoOptions, MAPPED_PLUGIN_VARIABLES } from "./plugin-env-options.js";
