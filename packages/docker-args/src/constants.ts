// The programs the plugin runs (daemon.go, Linux) and the placeholders for values that exist
// only at run time, so that the same environment always gives the same commands.

/** The Docker CLI, as drone-docker runs it on Linux. */
export const DOCKER_EXE = "/usr/local/bin/docker";
/** The Docker daemon, when the plugin starts its own. */
export const DOCKERD_EXE = "/usr/local/bin/dockerd";

/** The build's temporary tag: 16 random lowercase letters and digits in the plugin. */
export const TEMP_TAG = "<TEMP_TAG>";
/** The creation time of the auto label, RFC 3339, taken when the build command is made. */
export const RFC3339_NOW = "<RFC3339_NOW>";
/** The registry password AWS issues at run time (GetAuthorizationToken). */
export const ECR_TOKEN = "<ECR_TOKEN>";
/** The ACR refresh token Azure issues at run time (an AAD token exchanged at /oauth2/exchange). */
export const ACR_TOKEN = "<ACR_TOKEN>";
/** An OAuth access token Google issues at run time (for an OIDC token, or a key with workload identity). */
export const GCP_ACCESS_TOKEN = "<GCP_ACCESS_TOKEN>";
/** The ECR registry of the credentials' own account, when PLUGIN_REGISTRY is not given. */
export const ECR_DEFAULT_REGISTRY = "<ECR_DEFAULT_REGISTRY>";

/** drone-docker's default PLUGIN_REGISTRY (Docker Hub). */
export const DOCKER_HUB_REGISTRY = "https://index.docker.io/v1/";
