// The registry logins the kaniko plugins write to /kaniko/.docker/config.json before the
// executor runs (drone-kaniko pkg/docker CreateDockerConfig, reference section 4): an entry for
// a registry without a user or password stops the plugin. The docker variant writes its push
// login and the base-image login (cmd/kaniko-docker setDockerAuth); GCR and GAR only the
// base-image login, and only when they have a JSON key (google-credentials.ts). ECR and ACR log
// in through a credential helper or a token instead.

import type { EnvReader } from "./env-reader.js";
import { PluginEnvError } from "./errors.js";

/** Docker Hub's v2 addresses, which the plugin writes under the v1 key kaniko looks up. */
const HUB_V2_ADDRESSES = new Set(["https://index.docker.io/v2/", "https://registry.hub.docker.com/v2/"]);
const HUB_V1_ADDRESS = "https://index.docker.io/v1/";

/** One registry's entry of the docker config, with the variables its user and password came from. */
export interface RegistryLogin {
  registry: string;
  registryVariable: string;
  username: string;
  password: string;
  usernameVariable: string;
  passwordVariable: string;
}

/** What to tell the user besides setting the missing variable, and what the message starts with. */
interface LoginAdvice {
  prefix: string;
  usernameHint: string;
}

/** One registry's entry: skipped without a registry, refused without a user or password. */
function checkLogin(login: RegistryLogin, advice: LoginAdvice): void {
  if (login.registry === "") return;
  const registry = HUB_V2_ADDRESSES.has(login.registry) ? HUB_V1_ADDRESS : login.registry;
  // The messages are the plugin's own; they name the registry, never a value of a credential.
  if (login.username === "") {
    throw new PluginEnvError("missing-credentials", login.usernameVariable, `${advice.prefix}Username must be specified for registry: ${registry} (set ${login.usernameVariable}${advice.usernameHint})`);
  }
  if (login.password === "") {
    throw new PluginEnvError("missing-credentials", login.passwordVariable, `${advice.prefix}Password must be specified for registry: ${registry} (set ${login.passwordVariable})`);
  }
}

/** The base-image login every variant but ECR reads: PLUGIN_DOCKER_* and their aliases. */
export function readBaseImageLogin(r: EnvReader): RegistryLogin {
  const username = r.lookup(["PLUGIN_DOCKER_USERNAME", "PLUGIN_BASE_IMAGE_USERNAME", "DOCKER_USERNAME"]);
  const password = r.lookup(["PLUGIN_DOCKER_PASSWORD", "PLUGIN_BASE_IMAGE_PASSWORD", "DOCKER_PASSWORD"]);
  const registry = r.lookup(["PLUGIN_DOCKER_REGISTRY", "PLUGIN_BASE_IMAGE_REGISTRY", "DOCKER_REGISTRY"]);
  return {
    registry: registry?.value ?? "",
    registryVariable: registry?.name ?? "PLUGIN_DOCKER_REGISTRY",
    username: username?.value ?? "",
    password: password?.value ?? "",
    usernameVariable: username?.name ?? "PLUGIN_DOCKER_USERNAME",
    passwordVariable: password?.name ?? "PLUGIN_DOCKER_PASSWORD",
  };
}

/**
 * Throws PluginEnvError `missing-credentials` where the docker variant stops before running
 * kaniko: a push (or any run given PLUGIN_USERNAME) without PLUGIN_CONFIG needs a user and a
 * password for `registry`, and for the base-image registry when one is named.
 */
export function checkDockerCredentials(r: EnvReader, registry: string, noPush: boolean): void {
  // A whole config.json replaces the login entries, unchecked.
  if (r.string("PLUGIN_CONFIG") !== "") return;
  const username = r.string("PLUGIN_USERNAME");
  if (noPush && username === "") return;
  const advice = { prefix: "", usernameHint: ", or PLUGIN_NO_PUSH=true to only build" };
  checkLogin({ registry, registryVariable: "PLUGIN_REGISTRY", username, password: r.string("PLUGIN_PASSWORD"), usernameVariable: "PLUGIN_USERNAME", passwordVariable: "PLUGIN_PASSWORD" }, advice);
  checkLogin(readBaseImageLogin(r), advice);
}

/**
 * Throws PluginEnvError `missing-credentials` where GCR and GAR stop writing the base-image
 * login (which they do only with a JSON key): "failed to create docker config: …".
 */
export function checkBaseImageLogin(login: RegistryLogin): void {
  checkLogin(login, { prefix: "failed to create docker config: ", usernameHint: ", or drop the base image registry" });
}
