import type { PluginImages } from "./plugin/images.js";
import type { BuildPlan, ContainerSpec } from "../plan/model.js";
import { pluginContainer } from "./plugin/plugin-backend.js";
import type { StageContext } from "../pipeline/stage.js";
import { buildahContainer } from "./buildah/buildah-backend.js";
import { kanikoContainer } from "./kaniko/kaniko-backend.js";

/** The builders a step can be translated for. `plugin` is what Harness itself runs. */
export const backendModes = ["plugin", "kaniko", "buildah"] as const;
export type BackendMode = (typeof backendModes)[number];

export interface BackendChoice {
  /** The builder asked for; when absent, `plugin`, or `buildah` for a non-root build. */
  mode?: BackendMode;
  /** The caller asks for a build that does not run as root: kaniko cannot, Buildah can. */
  nonRoot?: boolean;
}

export function chooseBackend(choice: BackendChoice = {}): BackendMode {
  return choice.mode ?? (choice.nonRoot ? "buildah" : "plugin");
}

export interface BackendContainerOptions extends BackendChoice {
  images: PluginImages;
  /** The Buildah image for `buildah` mode. */
  buildahImage?: string;
  /** The kaniko executor image and version (flag allow-list) for `kaniko` mode. */
  kanikoImage?: string;
  executorVersion?: string;
  stage?: StageContext;
  name?: string;
}

/** The container for one planned step, from the backend the caller chose. */
export function backendContainer(plan: BuildPlan, options: BackendContainerOptions): ContainerSpec {
  const common = { ...(options.stage ? { stage: options.stage } : {}), ...(options.name ? { name: options.name } : {}) };
  switch (chooseBackend(options)) {
    case "buildah":
      return buildahContainer(plan, { ...common, ...(options.buildahImage ? { image: options.buildahImage } : {}) });
    case "kaniko":
      return kanikoContainer(plan, {
        ...common,
        ...(options.kanikoImage ? { image: options.kanikoImage } : {}),
        ...(options.executorVersion ? { executorVersion: options.executorVersion } : {}),
      });
    case "plugin":
      return pluginContainer(plan, { images: options.images, ...common });
  }
}
