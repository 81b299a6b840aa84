import { BuildpushError } from "../../problems/problem.js";
import { isValidImageReference } from "../../rules/image-reference.js";
import type { Infrastructure, PluginVariant } from "../../plan/model.js";

/**
 * The plugin images Harness runs, one table. Harness says build image tags change often and
 * every account may override them, so callers replace any entry by its repository name.
 */
export const defaultPluginImages = {
  "plugins/kaniko": "plugins/kaniko:1.13.3",
  "plugins/kaniko-ecr": "plugins/kaniko-ecr:1.13.3",
  "plugins/kaniko-acr": "plugins/kaniko-acr:1.13.3",
  "plugins/docker": "plugins/docker:21.1.1",
  "plugins/ecr": "plugins/ecr:21.1.1",
  "plugins/acr": "plugins/acr:21.1.1",
} as const;

export type PluginImageName = keyof typeof defaultPluginImages;
export type PluginImages = Record<PluginImageName, string>;

interface PluginImageChoice {
  name: PluginImageName;
  /** The plugin's entrypoint, set as the container command where Harness sets it. */
  entrypoint?: string;
}

const pluginImageFor: Record<Infrastructure, Record<PluginVariant, PluginImageChoice>> = {
  kubernetes: {
    docker: { name: "plugins/kaniko", entrypoint: "/kaniko/kaniko-docker" },
    ecr: { name: "plugins/kaniko-ecr", entrypoint: "/kaniko/kaniko-ecr" },
    acr: { name: "plugins/kaniko-acr", entrypoint: "/kaniko/kaniko-acr" },
  },
  vm: {
    docker: { name: "plugins/docker" },
    ecr: { name: "plugins/ecr" },
    acr: { name: "plugins/acr" },
  },
};

export function pluginImageChoice(infrastructure: Infrastructure, variant: PluginVariant): PluginImageChoice {
  return pluginImageFor[infrastructure][variant];
}

/** The defaults with the caller's overrides applied; an unknown name or bad reference is an error. */
export function resolvePluginImages(overrides: Readonly<Record<string, string>> = {}): PluginImages {
  const images: PluginImages = { ...defaultPluginImages };
  const known = Object.keys(defaultPluginImages);
  const problems = [];
  for (const [name, reference] of Object.entries(overrides)) {
    if (!known.includes(name)) {
      problems.push({
        code: "invalid-option" as const,
        message: `unknown plugin image ${JSON.stringify(name)}`,
        field: "images",
        value: name,
        rule: `an image override names one of: ${known.join(", ")}`,
      });
    } else if (!isValidImageReference(reference)) {
      problems.push({
        code: "invalid-option" as const,
        message: `${JSON.stringify(reference)} is not a valid image reference for ${name}`,
        field: "images",
        value: reference,
        rule: "an image reference is [registry/]repository[:tag][@sha256:digest]",
      });
    } else {
      images[name as PluginImageName] = reference;
    }
  }
  if (problems.length > 0) throw new BuildpushError(problems);
  return images;
}

/**
 * A builder image the caller chose (`kanikoImage`, `buildahImage`), or the default; a bad
 * reference is an invalid-option problem naming the option.
 */
export function resolveImageOption(reference: string | undefined, fallback: string, option: string, what: string): string {
  if (reference === undefined) return fallback;
  if (!isValidImageReference(reference)) {
    throw new BuildpushError([
      {
        code: "invalid-option",
        message: `${JSON.stringify(reference)} is not a valid image reference for ${what}`,
        field: option,
        value: reference,
        rule: "an image reference is [registry/]repository[:tag][@sha256:digest]",
      },
    ]);
  }
  return reference;
}
