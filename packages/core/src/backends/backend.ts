import type { Finding } from "../problems/collector.js";
import type { BuildPlan } from "../plan/build-plan.js";
import type { ContainerVariables, PluginEncoding, PluginImages, StepHandler } from "../plan/step-handler.js";
import type { StageContext } from "../pipeline/stage.js";
import type { ContainerSpec } from "./container-spec.js";
import type { LayerCache } from "./layer-cache.js";

/** A step type's plugin encoding, evaluated for one step: only the plugin backend reads it. */
export interface PluginStep {
  variant: PluginEncoding["variant"];
  images: PluginImages;
  /** The PLUGIN_* variables only this step type sets (registry, repository, credentials). */
  variables: ContainerVariables;
  baseImageCredentialVariables?: { username: string; password: string };
}

/** What a backend turns into a container: the neutral plan, and what the stage gives every step. */
export interface BackendInput {
  plan: BuildPlan;
  plugin: PluginStep;
  stage: StageContext;
  /** The container's name, unique in its stage. */
  name: string;
}

/** The caller's options for the built-in backends; a backend reads only its own. */
export interface BackendOptions {
  /** Plugin image overrides by repository name: `{ "plugins/kaniko-ecr": "registry.internal/kaniko-ecr:1.13.3" }`. */
  images?: Readonly<Record<string, string>>;
  /** The kaniko executor image for the kaniko backend (default a maintained fork's image). */
  kanikoImage?: string;
  /** The kaniko executor version whose flags the kaniko backend may use (default the newest known). */
  executorVersion?: string;
  /** The Buildah image for the buildah backend (default `quay.io/buildah/stable:latest`). */
  buildahImage?: string;
  /** The Docker CLI image (with buildx) for the docker backend (default `docker:cli`). */
  dockerImage?: string;
  /** The BuildKit image the docker backend's builder runs (default buildx's own, `moby/buildkit:buildx-stable-1`). */
  buildkitImage?: string;
  /**
   * Where `caching: true` keeps layers on VM infrastructure (plugin and docker modes). Harness
   * Cloud uses storage of its own; without this option `caching: true` builds without a cache, with a warning that says so.
   */
  layerCache?: LayerCache;
}

/**
 * A container, with the warnings about it (findings of severity `warning`: the step runs, but
 * not quite as written), or every problem that stopped the backend from making one.
 */
export type BackendOutcome = { ok: true; container: ContainerSpec; warnings?: Finding[] } | { ok: false; findings: Finding[] };

/**
 * A builder: turns a planned step into the container that runs it. Backends read only the
 * plan (and the plugin backend the step's plugin encoding); they return problems, never throw.
 */
export interface Backend {
  /** Checks the caller's options once per call, before any step; paths name the option. */
  checkOptions?(options: BackendOptions, handlers: readonly StepHandler[]): Finding[];
  container(input: BackendInput, options: BackendOptions): BackendOutcome;
}
