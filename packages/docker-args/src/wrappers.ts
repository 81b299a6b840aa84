// The ECR and ACR plugins are wrappers: each logs in to its cloud, composes the repository and
// then runs drone-docker with a few variables set over the environment (cmd/drone-ecr/main.go,
// cmd/drone-acr/main.go). They read their own variables with "the first one that is not
// empty", not urfave/cli's "the first one that is set", and never stop on a bad bool. The GCR
// and GAR wrappers are in google-wrappers.ts.

import type { Env, PluginVariant } from "@buildpush/kaniko-args";
import { ACR_TOKEN, ECR_DEFAULT_REGISTRY, ECR_TOKEN } from "./constants.js";
import { googleWrapperEnvironment } from "./google-wrappers.js";
import { stopped } from "./stop.js";
import { firstNonEmpty } from "./wrapper-getenv.js";

/** Both wrappers prefix the registry with "/" unless the repository already starts with it (as text). */
function qualify(repo: string, registry: string): string {
  return repo.startsWith(registry) ? repo : `${registry}/${repo}`;
}

/** The ACR plugin's login user for a token exchanged from Azure AD. */
export const ACR_TOKEN_USER = "00000000-0000-0000-0000-000000000000";

function ecrEnvironment(env: Env): Env {
  // Region, keys, role, repository creation and policies are AWS API calls, assumed to succeed;
  // PLUGIN_SKIP_PUSH_IF_TAG_EXISTS is assumed to find no existing tag.
  const registry = firstNonEmpty(env, "PLUGIN_REGISTRY") || ECR_DEFAULT_REGISTRY;
  return {
    ...env,
    PLUGIN_REPO: qualify(firstNonEmpty(env, "PLUGIN_REPO"), registry),
    PLUGIN_REGISTRY: registry,
    DOCKER_USERNAME: "AWS",
    DOCKER_PASSWORD: ECR_TOKEN,
    PLUGIN_REGISTRY_TYPE: "ECR",
  };
}

/** The ACR login: a service principal given directly, or an Azure AD token exchanged for an ACR token. */
function acrLogin(env: Env): { username: string; password: string } {
  const username = firstNonEmpty(env, "SERVICE_PRINCIPAL_CLIENT_ID");
  const password = firstNonEmpty(env, "SERVICE_PRINCIPAL_CLIENT_SECRET");
  if (username !== "" || password !== "") return { username, password };
  const clientId = firstNonEmpty(env, "CLIENT_ID", "AZURE_CLIENT_ID", "AZURE_APP_ID", "PLUGIN_CLIENT_ID");
  const tenantId = firstNonEmpty(env, "TENANT_ID", "AZURE_TENANT_ID", "PLUGIN_TENANT_ID");
  if (firstNonEmpty(env, "PLUGIN_OIDC_TOKEN_ID") !== "" && clientId !== "" && tenantId !== "") return { username: ACR_TOKEN_USER, password: ACR_TOKEN };
  // getAuth's checks, in its order: the plugin exits 1 before drone-docker starts.
  const fail = (reason: string, variable: string) => stopped("acr-credentials", `failed to get auth: ${reason}; the ACR plugin exits 1 before running docker`, variable);
  if (tenantId === "") throw fail("tenantId cannot be empty for AAD authentication (set TENANT_ID)", "TENANT_ID");
  if (clientId === "") throw fail("clientId cannot be empty for AAD authentication (set CLIENT_ID)", "CLIENT_ID");
  if (firstNonEmpty(env, "CLIENT_SECRET", "PLUGIN_CLIENT_SECRET") === "" && firstNonEmpty(env, "CLIENT_CERTIFICATE", "PLUGIN_CLIENT_CERTIFICATE") === "") {
    throw fail("one of client secret or client cert should be defined (set CLIENT_SECRET or CLIENT_CERTIFICATE)", "CLIENT_SECRET");
  }
  return { username: ACR_TOKEN_USER, password: ACR_TOKEN };
}

function acrEnvironment(env: Env): Env {
  const registry = firstNonEmpty(env, "PLUGIN_REGISTRY") || "azurecr.io";
  const login = acrLogin(env);
  return {
    ...env,
    PLUGIN_REPO: qualify(firstNonEmpty(env, "PLUGIN_REPO"), registry),
    PLUGIN_REGISTRY: registry,
    DOCKER_USERNAME: login.username,
    DOCKER_PASSWORD: login.password,
    PLUGIN_REGISTRY_TYPE: "ACR",
  };
}

/**
 * The environment drone-docker runs with: the step's own for the docker variant, the wrapper's
 * for ECR, ACR, GCR and GAR. Throws PluginStopped where a wrapper exits before running drone-docker.
 */
export function droneDockerEnvironment(env: Env, variant: PluginVariant): Env {
  if (variant === "ecr") return ecrEnvironment(env);
  if (variant === "acr") return acrEnvironment(env);
  if (variant === "gcr" || variant === "gar") return googleWrapperEnvironment(env, variant);
  return env;
}
