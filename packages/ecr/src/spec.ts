import { commonFields, type FieldTable } from "@buildpush/core";

/** Spec of a `BuildAndPushECR` step, expressions resolved. */
export interface EcrSpec {
  /** AWS connector to push with. */
  connectorRef: string;
  /** AWS region of the registry, e.g. `us-east-1`. */
  region: string;
  /** AWS account ID that owns the registry. */
  account: string;
  /** Repository name inside the registry. */
  imageName: string;
  tags: string[];
  caching?: boolean;
  dockerfile?: string;
  context?: string;
  labels?: Record<string, string>;
  buildArgs?: Record<string, string>;
  target?: string;
  optimize?: boolean;
  remoteCacheImage?: string;
  cacheFrom?: string[];
  cacheTo?: string;
  baseImageConnectorRefs?: string[];
  envVariables?: Record<string, string>;
  resources?: { limits?: { memory?: string; cpu?: string } };
  runAsUser?: number;
}

export const ecrFields = {
  connectorRef: {
    kind: "string",
    required: true,
    title: "AWS Connector",
    description: "Identifier of the AWS connector to push with: access keys, the delegate's IAM role, IRSA, or a cross-account role.",
    pluginEnv: "PLUGIN_ACCESS_KEY, PLUGIN_SECRET_KEY, PLUGIN_ASSUME_ROLE, PLUGIN_EXTERNAL_ID",
    examples: ["account.aws"],
  },
  region: {
    kind: "string",
    required: true,
    title: "Region",
    description: "AWS region of the registry; the registry is `<account>.dkr.ecr.<region>.amazonaws.com`.",
    pluginEnv: "PLUGIN_REGION, PLUGIN_REGISTRY",
    emptyEnv: "PLUGIN_REGISTRY",
    examples: ["us-east-1"],
  },
  account: {
    kind: "string",
    required: true,
    title: "Account Id",
    description: "AWS account ID that owns the registry (digits).",
    pluginEnv: "PLUGIN_REGISTRY",
    emptyEnv: "PLUGIN_REGISTRY",
    examples: ["123456789012"],
  },
  imageName: {
    kind: "string",
    required: true,
    title: "Image Name",
    description: "Name of the repository in ECR that the image is pushed to.",
    pluginEnv: "PLUGIN_REPO",
    examples: ["app"],
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
    description: "On Kubernetes, an ECR repository (in the same registry) where kaniko stores layers as a remote cache, e.g. `app-cache`.",
    pluginEnv: "PLUGIN_CACHE_REPO",
    examples: ["app-cache"],
  },
  cacheFrom: commonFields.cacheFrom,
  cacheTo: commonFields.cacheTo,
  baseImageConnectorRefs: commonFields.baseImageConnectorRefs,
  envVariables: commonFields.envVariables,
  resources: commonFields.resources,
  runAsUser: commonFields.runAsUser,
} as const satisfies FieldTable;
