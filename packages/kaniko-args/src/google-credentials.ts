// How kaniko-gcr and kaniko-gar authenticate the executor (drone-kaniko cmd/kaniko-g{c,a}r/
// main.go run, setupG{C,A}RAuth; reference gcr-gar-and-infrastructure.md section 5a). With a
// PLUGIN_JSON_KEY they write it as given (no decoding, no check) to /kaniko/config.json, name
// that file in GOOGLE_APPLICATION_CREDENTIALS for the executor, and write the base-image login
// to /kaniko/.docker/config.json. Without a key they do neither: kaniko falls back to the pod's
// own identity (the metadata server, GKE Workload Identity) and base images are pulled
// anonymously. Neither binary reads the GCP connector's OIDC variables.

import type { EnvReader } from "./env-reader.js";
import { checkBaseImageLogin, readBaseImageLogin } from "./plugin-credentials.js";

/** Where the plugins write PLUGIN_JSON_KEY. */
export const GOOGLE_KEY_FILE = "/kaniko/config.json";
/** The variable that names the key file for the executor (Application Default Credentials). */
export const GOOGLE_CREDENTIALS_VARIABLE = "GOOGLE_APPLICATION_CREDENTIALS";
/** What Harness sets for a GCP connector with OIDC authentication; no kaniko plugin reads them. */
export const GCP_OIDC_VARIABLES: readonly string[] = ["PLUGIN_OIDC_TOKEN_ID", "PLUGIN_PROJECT_NUMBER", "PLUGIN_POOL_ID", "PLUGIN_PROVIDER_ID", "PLUGIN_SERVICE_ACCOUNT_EMAIL"];

/** What kaniko-gcr / kaniko-gar prepare before the executor runs. */
export interface GoogleKeySetup {
  /** The file PLUGIN_JSON_KEY is written to (mode 0644), or undefined without a key. */
  keyFile: string | undefined;
  /** Set for the executor over the plugin's own environment (empty without a key: it inherits). */
  executorEnv: Record<string, string>;
  /** The base-image registry written to /kaniko/.docker/config.json, or undefined. */
  baseImageRegistry: string | undefined;
  /** A base-image registry given without a key: its login is dropped without a word. */
  droppedBaseImageRegistry: { registry: string; variable: string } | undefined;
  /** The OIDC variables set (not empty), which the plugin ignores. */
  ignoredOidcVariables: string[];
}

/**
 * Reads the key and the base-image login; throws PluginEnvError `missing-credentials` where the
 * plugin stops: with a key, a base-image registry lacking a user or password.
 */
export function readGoogleKeySetup(r: EnvReader): GoogleKeySetup {
  const keyGiven = r.string("PLUGIN_JSON_KEY") !== "";
  const baseImage = readBaseImageLogin(r);
  const ignoredOidcVariables = GCP_OIDC_VARIABLES.filter((name) => r.string(name) !== "");
  if (!keyGiven) {
    return {
      keyFile: undefined,
      executorEnv: {},
      baseImageRegistry: undefined,
      droppedBaseImageRegistry: baseImage.registry === "" ? undefined : { registry: baseImage.registry, variable: baseImage.registryVariable },
      ignoredOidcVariables,
    };
  }
  // The key file is written first; the base-image login is checked as it is written.
  checkBaseImageLogin(baseImage);
  return {
    keyFile: GOOGLE_KEY_FILE,
    executorEnv: { [GOOGLE_CREDENTIALS_VARIABLE]: GOOGLE_KEY_FILE },
    baseImageRegistry: baseImage.registry === "" ? undefined : baseImage.registry,
    droppedBaseImageRegistry: undefined,
    ignoredOidcVariables,
  };
}
