import type { FieldDef } from "./spec-fields.js";

/** Fields every build-and-push step shares; step packages compose their tables from these. */
export const commonFields = {
  tags: {
    kind: "stringList",
    required: true,
    title: "Tags",
    description: "Tags to push the image with, one per item (the `-t` of docker build). Each must be a valid Docker tag.",
    pluginEnv: "PLUGIN_TAGS",
    examples: [["latest", "1.0.3"]],
  },
  dockerfile: {
    kind: "string",
    title: "Dockerfile",
    description: "Path of the Dockerfile, relative to the workspace. Defaults to `Dockerfile` at the root of the codebase.",
    pluginEnv: "PLUGIN_DOCKERFILE",
    default: "Dockerfile",
    examples: ["docker/Dockerfile.release"],
  },
  context: {
    kind: "string",
    title: "Context",
    description: "Directory whose files make up the build context (what `COPY` can see). Defaults to the workspace root.",
    pluginEnv: "PLUGIN_CONTEXT",
    default: ".",
  },
  labels: {
    kind: "stringMap",
    title: "Labels",
    description: "Docker object labels added to the image, as name: value pairs.",
    pluginEnv: "PLUGIN_CUSTOM_LABELS",
    examples: [{ "org.opencontainers.image.source": "https://github.com/acme/app" }],
  },
  buildArgs: {
    kind: "stringMap",
    title: "Build Arguments",
    description: "Build-time variables (`--build-arg`), as name: value pairs.",
    pluginEnv: "PLUGIN_BUILD_ARGS",
    examples: [{ GO_VERSION: "1.22" }],
  },
  target: {
    kind: "string",
    title: "Target",
    description: "The Dockerfile stage to build (`--target`), such as `build-env`.",
    pluginEnv: "PLUGIN_TARGET",
  },
  optimize: {
    kind: "boolean",
    title: "Optimize",
    description: "On Kubernetes, use kaniko's `redo` snapshot mode, which considers file metadata and makes snapshots faster. Defaults to true.",
    pluginEnv: "PLUGIN_SNAPSHOT_MODE",
    default: true,
  },
  baseImageConnectorRefs: {
    kind: "stringList",
    title: "Base Image Connector",
    description: "At most one Docker registry connector used to pull base images with credentials (higher rate limits than anonymous pulls).",
    pluginEnv: "PLUGIN_DOCKER_REGISTRY",
    examples: [["account.dockerhub"]],
  },
  envVariables: {
    kind: "stringMap",
    title: "Environment Variables",
    description: "Variables set in the build container. `PLUGIN_*` names set plugin runtime flags, e.g. `PLUGIN_SKIP_TLS_VERIFY: \"true\"`.",
    examples: [{ PLUGIN_NO_PUSH: "true" }],
  },
  resources: {
    kind: "resources",
    title: "Set Container Resources",
    description: "Resource limits of the build container on Kubernetes: `limits.memory` (e.g. `500Mi`, default 500Mi) and `limits.cpu` (e.g. `0.5` or `500m`, default 400m).",
  },
  runAsUser: {
    kind: "integer",
    title: "Run as User",
    description: "User ID the build container runs as on Kubernetes. kaniko needs root: set 0 when the stage runs as non-root.",
    examples: [0],
  },
  caching: {
    kind: "boolean",
    title: "Enable Docker layer caching",
    description: "Docker layer caching on Harness Cloud (buildx). No effect on Kubernetes, where `remoteCacheRepo`/`remoteCacheImage` caches layers.",
  },
  cacheFrom: {
    kind: "stringList",
    title: "Cache From",
    description: "External cache sources for buildx on VM infrastructure, e.g. `type=registry,ref=acme/app:cache`. No effect on Kubernetes.",
    pluginEnv: "PLUGIN_CACHE_FROM",
  },
  cacheTo: {
    kind: "string",
    title: "Cache To",
    description: "Cache export destination for buildx on VM infrastructure, e.g. `type=registry,ref=acme/app:cache,mode=max`. No effect on Kubernetes.",
    pluginEnv: "PLUGIN_CACHE_TO",
  },
} as const satisfies Record<string, FieldDef>;
