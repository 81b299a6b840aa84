// How the five kaniko plugin binaries differ (drone-kaniko cmd/kaniko-{docker,ecr,acr,gcr,gar}/
// main.go): the registry flag, how PLUGIN_REPO and PLUGIN_CACHE_REPO become the repositories
// kaniko gets, how the plugin logs in, and the flags only some of them define. A flag a binary
// does not define is not even parsed: its variable has no effect at all.

import type { EnvReader } from "./env-reader.js";
import { parseGoBool } from "./go-parse.js";

/** The docker variant's default PLUGIN_REGISTRY (Docker Hub). */
export const DOCKER_HUB_REGISTRY = "https://index.docker.io/v1/";

/** How a repository setting becomes the repository in the executor's argv. */
export type RepoComposition =
  /** The setting as given. */
  | "as-given"
  /** The docker variant: prefixed with a registry other than Docker Hub when PLUGIN_EXPAND_REPO=true. */
  | "expand-repo"
  /** Always `<registry>/<setting>`, whatever either holds. */
  | "registry-prefixed";

/** How the plugin authenticates the executor before running it. */
export type PluginLogin =
  /** Writes /kaniko/.docker/config.json from PLUGIN_USERNAME / PLUGIN_PASSWORD (and the base-image login). */
  | "docker-config"
  /** A cloud credential helper or token (ECR, ACR): nothing the plugin can refuse for want of a login. */
  | "cloud"
  /** Writes PLUGIN_JSON_KEY to a file named by GOOGLE_APPLICATION_CREDENTIALS (GCR, GAR). */
  | "google-key";

export interface VariantTraits {
  /** The registry flag's variables, the first set one winning. */
  registryVariables: readonly string[];
  defaultRegistry: string;
  /** The plugin stops without a registry (ACR). */
  requiresRegistry: boolean;
  repo: RepoComposition;
  cacheRepo: RepoComposition;
  login: PluginLogin;
  /** Of the variables only some binaries define, the ones this binary defines. */
  defines: ReadonlySet<OptionalFlagVariable>;
}

/** Variables of flags that some kaniko plugin binaries define and others do not. */
export type OptionalFlagVariable =
  | "PLUGIN_SKIP_TLS_VERIFY"
  | "PLUGIN_EXPAND_REPO"
  | "PLUGIN_IGNORE_PATHS"
  | "PLUGIN_TAR_PATH"
  | "PLUGIN_DESTINATION_TAR_PATH"
  | "PLUGIN_PUSH_ONLY"
  | "PLUGIN_SOURCE_TAR_PATH"
  | "PLUGIN_CREATE_REPOSITORY"
  | "PLUGIN_JSON_KEY"
  | "PLUGIN_LABEL";

/** Why a variable does nothing in a binary that lacks its flag. */
export const UNDEFINED_FLAG_EFFECT: Readonly<Record<OptionalFlagVariable, string>> = {
  PLUGIN_SKIP_TLS_VERIFY: "TLS to the registry is verified all the same (only the docker variant has skip-tls-verify)",
  PLUGIN_EXPAND_REPO: "only the docker variant has expand-repo",
  PLUGIN_IGNORE_PATHS: "only the docker variant has ignore-paths; PLUGIN_IGNORE_PATH takes one path",
  PLUGIN_TAR_PATH: "no tarball is written (this binary has no tar-path flag)",
  PLUGIN_DESTINATION_TAR_PATH: "no tarball is written (this binary has no tar-path flag)",
  PLUGIN_PUSH_ONLY: "the image is built as usual (this binary has no push-only flag)",
  PLUGIN_SOURCE_TAR_PATH: "this binary has no push-only, so no tarball is pushed",
  PLUGIN_CREATE_REPOSITORY: "this binary never creates a repository",
  PLUGIN_JSON_KEY: "only the GCR and GAR binaries read a Google JSON key",
  // Every binary reads c.String("label") into a field the executor argv never uses, and none
  // defines the flag; labels come from PLUGIN_CUSTOM_LABELS.
  PLUGIN_LABEL: "no binary defines a label flag; labels come from PLUGIN_CUSTOM_LABELS",
};

const TAR_PATH = ["PLUGIN_TAR_PATH", "PLUGIN_DESTINATION_TAR_PATH"] as const;
const PUSH_ONLY = ["PLUGIN_PUSH_ONLY", "PLUGIN_SOURCE_TAR_PATH"] as const;

export const DOCKER_TRAITS: VariantTraits = {
  registryVariables: ["PLUGIN_REGISTRY"],
  defaultRegistry: DOCKER_HUB_REGISTRY,
  requiresRegistry: false,
  repo: "expand-repo",
  cacheRepo: "expand-repo",
  login: "docker-config",
  defines: new Set(["PLUGIN_SKIP_TLS_VERIFY", "PLUGIN_EXPAND_REPO", "PLUGIN_IGNORE_PATHS", ...TAR_PATH, ...PUSH_ONLY]),
};

export const ECR_TRAITS: VariantTraits = {
  registryVariables: ["PLUGIN_REGISTRY"],
  defaultRegistry: "",
  requiresRegistry: false,
  repo: "registry-prefixed",
  cacheRepo: "registry-prefixed",
  login: "cloud",
  defines: new Set([...TAR_PATH, ...PUSH_ONLY, "PLUGIN_CREATE_REPOSITORY"]),
};

export const ACR_TRAITS: VariantTraits = {
  registryVariables: ["PLUGIN_REGISTRY"],
  defaultRegistry: "",
  requiresRegistry: true,
  repo: "as-given",
  cacheRepo: "registry-prefixed",
  login: "cloud",
  defines: new Set([...TAR_PATH, ...PUSH_ONLY, "PLUGIN_CREATE_REPOSITORY"]),
};

/** kaniko-gcr: the registry defaults to the GCR apex host, with BASE_REGISTRY as an alias. */
export const GCR_TRAITS: VariantTraits = {
  registryVariables: ["PLUGIN_REGISTRY", "BASE_REGISTRY"],
  defaultRegistry: "gcr.io",
  requiresRegistry: false,
  repo: "registry-prefixed",
  cacheRepo: "registry-prefixed",
  login: "google-key",
  defines: new Set(["PLUGIN_JSON_KEY"]),
};

/** kaniko-gar: kaniko-gcr's twin with no default registry, and a tar path and push-only (a tarball pushed with crane). */
export const GAR_TRAITS: VariantTraits = {
  ...GCR_TRAITS,
  registryVariables: ["PLUGIN_REGISTRY"],
  defaultRegistry: "",
  defines: new Set([...TAR_PATH, ...PUSH_ONLY, "PLUGIN_JSON_KEY"]),
};

/** A variable of a flag the binary lacks, set to something that would have had an effect. */
export interface IgnoredFlagSetting {
  variable: OptionalFlagVariable;
  effect: string;
}

/** UNDEFINED_FLAG_EFFECT's entries, listed once: every plugin run of every step reads them. */
const undefinedFlagEffects = Object.entries(UNDEFINED_FLAG_EFFECT) as Array<[OptionalFlagVariable, string]>;

/** The variables set (not empty, not a Go false) whose flags this binary does not define. */
export function ignoredFlagSettings(r: EnvReader, traits: VariantTraits): IgnoredFlagSetting[] {
  const ignored: IgnoredFlagSetting[] = [];
  for (const [variable, effect] of undefinedFlagEffects) {
    if (traits.defines.has(variable)) continue;
    // Unset or empty (nearly always): nothing to parse.
    const value = r.string(variable);
    if (value === "") continue;
    const parsed = parseGoBool(value);
    if (!(parsed.ok && !parsed.value)) ignored.push({ variable, effect });
  }
  return ignored;
}
