import { commonFields, type FieldTable } from "@buildpush/core";

/** Spec of a `BuildAndPushACR` step, expressions resolved. */
export interface AcrSpec {
  /** Azure connector (client secret or certificate) to push with. */
  connectorRef: string;
  /** `NAME.azurecr.io/IMAGE`. */
  repository: string;
  subscriptionId?: string;
  tags: string[];
  /** Accepted as in Harness's own docs example; no effect on Kubernetes. */
  caching?: boolean;
  dockerfile?: string;
  context?: string;
  labels?: Record<string, string>;
  buildArgs?: Record<string, string>;
  target?: string;
  optimize?: boolean;
  remoteCacheImage?: string;
  baseImageConnectorRefs?: string[];
  envVariables?: Record<string, string>;
  resources?: { limits?: { memory?: string; cpu?: string } };
  runAsUser?: number;
}

export const acrFields = {
  connectorRef: {
    kind: "string",
    required: true,
    title: "Azure Connector",
    description: "Identifier of the Azure connector to push with; it must authenticate with a client secret or a certificate.",
    pluginEnv: "CLIENT_ID, TENANT_ID, CLIENT_SECRET or CLIENT_CERTIFICATE",
    examples: ["account.azure"],
  },
  repository: {
    kind: "string",
    required: true,
    title: "Repository",
    description: "Where to push, as `NAME.azurecr.io/IMAGE`; the registry is the part before the first `/`.",
    pluginEnv: "PLUGIN_REPO, PLUGIN_REGISTRY",
    examples: ["acme.azurecr.io/app"],
  },
  subscriptionId: {
    kind: "string",
    title: "Subscription Id",
    description: "Azure subscription name or ID; needed for the image to show in the build's Artifacts tab.",
    pluginEnv: "SUBSCRIPTION_ID",
  },
  tags: commonFields.tags,
  caching: commonFields.caching,
  dockerfile: commonFields.dockerfile,
  context: commonFields.context,
  labels: commonFields.labels,
  buildArgs: commonFields.buildArgs,
  target: commonFields.target,
  optimize: commonFields.optimize,
  remoteCacheImage: {
    kind: "string",
    title: "Remote Cache Image",
    description: "On Kubernetes, a repository in the same registry where kaniko stores layers as a remote cache, e.g. `app-cache`.",
    pluginEnv: "PLUGIN_CACHE_REPO",
    examples: ["app-cache"],
  },
  baseImageConnectorRefs: commonFields.baseImageConnectorRefs,
  envVariables: commonFields.envVariables,
  resources: commonFields.resources,
  runAsUser: commonFields.runAsUser,
} as const satisfies FieldTable;
