// The docker variant's registry login check (drone-kaniko's cmd/kaniko-docker setDockerAuth
// and pkg/docker CreateDockerConfig, reference section 4): before the executor runs, the plugin
// writes /kaniko/.docker/config.json and stops when a registry it must log in to lacks a user
// or password. The ECR and ACR variants log in through a credential helper or a token instead.

import type { EnvReader } from "./env-reader.js";
import { PluginEnvError } from "./errors.js";

/** Docker Hub's v2 addresses, which the plugin writes under the v1 key kaniko looks up. */
const HUB_V2_ADDRESSES = new Set(["https://index.docker.io/v2/", "https://registry.hub.docker.com/v2/"]);
const HUB_V1_ADDRESS = "https://index.docker.io/v1/";

interface Login {
  registry: string;
  username: string;
  password: string;
  usernameVariable: string;
  passwordVariable: string;
}

/** One registry's entry: skipped without a registry, refused without a user or password. */
function checkLogin(login: Login): void {
  if (login.registry === "") return;
  const registry = HUB_V2_ADDRESSES.has(login.registry) ? HUB_V1_ADDRESS : login.registry;
  // The messages are the plugin's own; they name the registry, never a value of a credential.
  if (login.username === "") {
    throw new PluginEnvError("missing-credentials", login.usernameVariable, `Username must be specified for registry: ${registry} (set ${login.usernameVariable}, or PLUGIN_NO_PUSH=true to only build)`);
  }
  if (login.password === "") {
    throw new PluginEnvError("missing-credentials", login.passwordVariable, `Password must be specified for registry: ${registry} (set ${login.passwordVariable})`);
  }
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
  checkLogin({ registry, username, password: r.string("PLUGIN_PASSWORD"), usernameVariable: "PLUGIN_USERNAME", passwordVariable: "PLUGIN_PASSWORD" });
  const baseUsername = r.lookup(["PLUGIN_DOCKER_USERNAME", "PLUGIN_BASE_IMAGE_USERNAME", "DOCKER_USERNAME"]);
  const basePassword = r.lookup(["PLUGIN_DOCKER_PASSWORD", "PLUGIN_BASE_IMAGE_PASSWORD", "DOCKER_PASSWORD"]);
  checkLogin({
    registry: r.string(["PLUGIN_DOCKER_REGISTRY", "PLUGIN_BASE_IMAGE_REGISTRY", "DOCKER_REGISTRY"]),
    username: baseUsername?.value ?? "",
    password: basePassword?.value ?? "",
    usernameVariable: baseUsername?.name ?? "PLUGIN_DOCKER_USERNAME",
    passwordVariable: basePassword?.name ?? "PLUGIN_DOCKER_PASSWORD",
  });
}
