import type { Backend } from "./backend.js";
import { buildahBackend } from "./buildah/buildah-backend.js";
import { dockerBackend } from "./docker/docker-backend.js";
import { kanikoBackend } from "./kaniko/kaniko-backend.js";
import { pluginBackend } from "./plugin/plugin-backend.js";

/**
 * The builders a translator has unless its caller passes others, by the name `mode` picks
 * them with. `plugin` is what Harness itself runs and the default; `buildah` is what a
 * non-root build gets.
 */
export const defaultBackends = {
  plugin: pluginBackend,
  kaniko: kanikoBackend,
  buildah: buildahBackend,
  docker: dockerBackend,
} as const satisfies Readonly<Record<string, Backend>>;
