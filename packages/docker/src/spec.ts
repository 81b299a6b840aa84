import { commonFields, type FieldTable } from "@buildpush/core";

/** Spec of a `BuildAndPushDockerRegistry` step, expressions resolved. */
export interface DockerRegistrySpec {
  /** Docker registry connector to push with. */
  connectorRef: string;
  /** `<user>/<repo>` on Docker Hub, or a fully qualified repository for other registries. */
  repo: string;
  tags: string[];
  caching?: boolean;
  dockerfile?: string;
  context?: string;
  labels?: Record<string, string>;
  buildArgs?: Record<string, string>;
  target?: string;
  optimize?: boolean;
  remoteCacheRepo?: string;
  cacheFrom?: string[];
  cacheTo?: string;
  baseImageConnectorRefs?: string[];
  envVariables?: Record<string, string>;
  resources?: { limits?: { memory?: string; cpu?: string } };
  runAsUser?: number;
}

export const dockerRegistryFields = {
  connectorRef: {
    kind: "string",
    required: true,
    title: "Docker Connector",
    description: "Identifier of the Docker registry connector (username and password) to push with, e.g. `account.dockerhub`.",
    pluginEnv: "PLUGIN_REGISTRY, PLUGIN_USERNAME, PLUGIN_PASSWORD",
    examples: ["account.dockerhub"],
  },
  repo: {
    kind: "string",
    required: true,
    title: "Docker Repository",
    description: "Repository to push to: `<user>/<repo>` on Docker Hub, or fully qualified (`registry.example.com/team/app`) for other registries.",
    pluginEnv: "PLUGIN_REPO",
    examples: ["acme/app", "ghcr.io/acme/app"],
  },
  tags: commonFields.tags,
  caching: commonFields.caching,
  dockerfile: commonFields.dockerfile,
  context: commonFields.context,
  labels: commonFields.labels,
  buildArgs: commonFields.buildArgs,
  target: commonFields.target,
  optimize: commonFields.optimize,
  remoteCacheRepo: {
    kind: "string",
    title: "Remote Cache Repository",
    description: "On Kubernetes, a repository where kaniko stores layers as a remote cache, shared across builds (e.g. `acme/app-cache`).",
    pluginEnv: "PLUGIN_CACHE_REPO",
    examples: ["acme/app-cache"],
  },
  cacheFrom: commonFields.cacheFrom,
  cacheTo: commonFields.cacheTo,
  baseImageConnectorRefs: commonFields.baseImageConnectorRefs,
  envVariables: commonFields.envVariables,
  resources: commonFields.resources,
  runAsUser: commonFields.runAsUser,
} as const satisfies FieldTable;
