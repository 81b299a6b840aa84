import type { DockerRegistryConnector, StepHandler } from "@buildpush/core/handler";
import { checkRepositoryField, dockerCredentials, harnessDockerHubV1, isDockerHub, quote, registryHost } from "@buildpush/core/handler";
import { dockerRegistryFields, dockerRegistrySpecSchema } from "./spec-fields.generated.js";
import type { DockerRegistrySpec } from "./spec.js";

export const dockerRegistryStepType = "BuildAndPushDockerRegistry";

/** BuildAndPushDockerRegistry: pushes `repo` with a Docker registry connector (Docker Hub or any registry with a login). */
export const dockerRegistryHandler: StepHandler<typeof dockerRegistryStepType, DockerRegistrySpec, DockerRegistryConnector> = {
  type: dockerRegistryStepType,
  connectorType: "DockerRegistry",
  fields: dockerRegistryFields,
  specSchema: dockerRegistrySpecSchema,
  baseImageConnectorAllowedOnVm: true,
  target({ spec, connector, collector, specPath }) {
    const name = checkRepositoryField(spec.repo, [...specPath, "repo"], collector);
    const cache = spec.remoteCacheRepo;
    if (cache !== undefined) checkRepositoryField(cache, [...specPath, "remoteCacheRepo"], collector, "cache repository");
    if (!name) return undefined;
    // The plugins never put the connector's registry before repo (docker-plugin.md §3): a repo
    // without it goes to Docker Hub, with the other registry's credentials.
    if (!isDockerHub(connector.url) && (name.domain === undefined || name.domain.toLowerCase() !== registryHost(connector.url))) {
      collector.add([...specPath, "repo"], {
        code: "repository-not-on-registry",
        message: `repo ${quote(spec.repo)} ${name.domain === undefined ? "names no registry" : `names the registry ${quote(name.domain)}`}, but connector ${quote(spec.connectorRef)} is for ${quote(registryHost(connector.url))}: the plugins push ${name.domain === undefined ? "it to Docker Hub" : "there"} with that connector's credentials`,
        value: spec.repo,
        rule: "for a registry other than Docker Hub, repo is fully qualified with the connector's registry (Harness's docs)",
        hint: `write ${quote(`${registryHost(connector.url)}/${name.path}`)}`,
      });
      return undefined;
    }
    return {
      image: spec.repo,
      registry: { url: connector.url, type: "Docker" },
      ...(cache !== undefined ? { remoteCache: { asWritten: cache, image: cache } } : {}),
      pushCredentials: dockerCredentials(connector),
    };
  },
  plugin: {
    variant: "docker",
    images: {
      kubernetes: { name: "plugins/kaniko", reference: "plugins/kaniko:1.13.3", entrypoint: "/kaniko/kaniko-docker" },
      vm: { name: "plugins/docker", reference: "plugins/docker:21.1.1" },
      vmBuildx: { name: "plugins/buildx", reference: "plugins/buildx:1.3.26" },
    },
    variables({ spec, connector, plan }) {
      const env: Record<string, string> = {
        PLUGIN_REPO: spec.repo,
        // Harness rewrites Docker Hub's v2 URL to v1 on VMs only: drone-docker keys credentials on it.
        PLUGIN_REGISTRY: plan.infrastructure === "vm" ? harnessDockerHubV1(connector.url) : connector.url,
      };
      const secretEnv: Record<string, { ref: string }> = {};
      if (connector.auth.type === "UsernamePassword") {
        if (connector.auth.usernameRef) secretEnv["PLUGIN_USERNAME"] = { ref: connector.auth.usernameRef };
        else if (connector.auth.username) env["PLUGIN_USERNAME"] = connector.auth.username;
        secretEnv["PLUGIN_PASSWORD"] = { ref: connector.auth.passwordRef };
      }
      return { env, secretEnv };
    },
  },
};
