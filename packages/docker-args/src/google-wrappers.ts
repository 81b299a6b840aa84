// The GCR and GAR plugins (plugins/gcr, plugins/gar) are wrappers too (cmd/drone-gcr/main.go,
// cmd/drone-gar/main.go; gcr-gar-and-infrastructure.md section 5b): they log in to Google, put
// the registry in front of the repository and run drone-docker. With all five OIDC variables
// they exchange the OIDC token for an access token (ACCESS_TOKEN, a `--password-stdin` login as
// oauth2accesstoken); otherwise the first non-empty JSON key, base64-decoded when it decodes, is
// the password of `_json_key`, or with PLUGIN_WORKLOAD_IDENTITY=true is exchanged for an access
// token logged in as oauth2accesstoken. Without a key or a token they run no login at all.

import { GCP_OIDC_VARIABLES, type Env } from "@buildpush/kaniko-args";
import { GCP_ACCESS_TOKEN } from "./constants.js";
import { decodeGoBase64 } from "./go-base64.js";
import { goPathJoin } from "./go-path.js";
import { boolOrFalse, firstNonEmpty } from "./wrapper-getenv.js";

export type GooglePluginVariant = "gcr" | "gar";

/** Where the wrappers look for the JSON key, in order. */
export const GOOGLE_KEY_VARIABLES: readonly string[] = ["PLUGIN_JSON_KEY", "GCR_JSON_KEY", "GOOGLE_CREDENTIALS", "TOKEN"];
/** The GCR wrapper's registry when PLUGIN_REGISTRY is empty (the GCR apex host). */
export const GCR_DEFAULT_REGISTRY = "gcr.io";

export interface GoogleLogin {
  kind: "oidc" | "json-key" | "workload-identity" | "none";
  /** Handed to drone-docker as DOCKER_USERNAME / DOCKER_PASSWORD when both are non-empty. */
  username: string;
  password: string;
  /** Handed to drone-docker as ACCESS_TOKEN (OIDC), or "". */
  accessToken: string;
  /** The variable the JSON key came from, or undefined. */
  keyVariable: string | undefined;
  workloadIdentity: boolean;
  /** With some but not all OIDC variables set: the empty ones (the wrapper then ignores OIDC). */
  missingOidcVariables: string[];
}

/** The wrapper's login; the Google exchanges are assumed to succeed for a non-empty input. */
export function googleLogin(env: Env): GoogleLogin {
  const setOidc = GCP_OIDC_VARIABLES.filter((name) => firstNonEmpty(env, name) !== "");
  const missingOidcVariables = setOidc.length > 0 ? GCP_OIDC_VARIABLES.filter((name) => !setOidc.includes(name)) : [];
  if (missingOidcVariables.length === 0 && setOidc.length > 0) {
    return { kind: "oidc", username: "", password: "", accessToken: GCP_ACCESS_TOKEN, keyVariable: undefined, workloadIdentity: false, missingOidcVariables };
  }
  const keyVariable = GOOGLE_KEY_VARIABLES.find((name) => firstNonEmpty(env, name) !== "");
  const given = keyVariable === undefined ? "" : firstNonEmpty(env, keyVariable);
  const key = decodeGoBase64(given) ?? given;
  const workloadIdentity = boolOrFalse(firstNonEmpty(env, "PLUGIN_WORKLOAD_IDENTITY"));
  const common = { accessToken: "", keyVariable, workloadIdentity, missingOidcVariables };
  if (key === "") return { ...common, kind: "none", username: workloadIdentity ? "oauth2accesstoken" : "_json_key", password: "" };
  // Workload identity turns the key (any credentials JSON) into an OAuth token.
  if (workloadIdentity) return { ...common, kind: "workload-identity", username: "oauth2accesstoken", password: GCP_ACCESS_TOKEN };
  return { ...common, kind: "json-key", username: "_json_key", password: key };
}

/** The registry: PLUGIN_REGISTRY, else the GCR apex host, or `<PLUGIN_LOCATION>-docker.pkg.dev` for GAR. */
export function googleRegistry(env: Env, variant: GooglePluginVariant): string {
  const registry = firstNonEmpty(env, "PLUGIN_REGISTRY");
  if (registry !== "") return registry;
  return variant === "gcr" ? GCR_DEFAULT_REGISTRY : `${firstNonEmpty(env, "PLUGIN_LOCATION")}-docker.pkg.dev`;
}

/** The environment the GCR or GAR wrapper runs drone-docker with. */
export function googleWrapperEnvironment(env: Env, variant: GooglePluginVariant): Env {
  const login = googleLogin(env);
  const registry = googleRegistry(env, variant);
  const repo = firstNonEmpty(env, "PLUGIN_REPO");
  // A text prefix test, then Go's path.Join (which also collapses `//` and drops a trailing `/`).
  const qualified = repo.startsWith(registry) ? repo : goPathJoin(registry, repo);
  const credentials: Record<string, string> = {};
  if (login.accessToken !== "") credentials["ACCESS_TOKEN"] = login.accessToken;
  else if (login.username !== "" && login.password !== "") Object.assign(credentials, { DOCKER_USERNAME: login.username, DOCKER_PASSWORD: login.password });
  // The GCR wrapper works out a registry type but never hands it on: drone-docker reads the step's.
  return { ...env, ...credentials, PLUGIN_REPO: qualified, PLUGIN_REGISTRY: registry };
}
