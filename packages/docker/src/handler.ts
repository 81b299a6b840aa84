import {
  checkRepositoryField,
  dockerCredentials,
  dockerHubV1,
  type DockerRegistryConnector,
  type SecretRef,
  type StepHandler,
} from "@buildpush/core";
import { dockerRegistryFields, dockerRegistrySpecSchema } from "./spec-fields.generated.js";

export const dockerRegistryStepType = "BuildAndPushDockerRegistry";

export const dockerRegistryHandler: StepHandler<DockerRegistryConnector> = {
  type: dockerRegistryStepType,
  variant: "docker",
  connectorType: "DockerRegistry",
  fields: dockerRegistryFields,
  specSchema: dockerRegistrySpecSchema,
  baseImageConnectorAllowedOnVm: true,
  target({ spec, connector, infrastructure, collector, specPath }) {
    const repo = spec["repo"] as string;
    const name = checkRepositoryField(repo, [...specPath, "repo"], collector);
    const cache = spec["remoteCacheRepo"] as string | undefined;
    if (cache !== undefined) checkRepositoryField(cache, [...specPath, "remoteCacheRepo"], collector, "cache repository");
    if (!name) return undefined;

    const pluginEnv: Record<string, string> = {
      PLUGIN_REPO: repo,
      // Harness rewrites Docker Hub's v2 URL to v1 on VMs only: drone-docker keys credentials on it.
      PLUGIN_REGISTRY: infrastructure === "vm" ? dockerHubV1(connector.url) : connector.url,
    };
    const pluginSecretEnv: Record<string, SecretRef> = {};
    if (connector.auth.type === "UsernamePassword") {
      if (connector.auth.usernameRef) pluginSecretEnv["PLUGIN_USERNAME"] = { ref: connector.auth.usernameRef };
      else if (connector.auth.username) pluginEnv["PLUGIN_USERNAME"] = connector.auth.username;
      pluginSecretEnv["PLUGIN_PASSWORD"] = { ref: connector.auth.passwordRef };
    }
    return {
      image: repo,
      ...(cache !== undefined ? { remoteCache: { asWritten: cache, image: cache } } : {}),
      pushCredentials: dockerCredentials(connector),
      pluginEnv,
      pluginSecretEnv,
    };
  },
};
