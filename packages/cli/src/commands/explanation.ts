import type { DockerPluginBug } from "@buildpush/docker-args";
import type { PluginBug } from "@buildpush/kaniko-args";

/**
 * The plugin program that reads the step's environment: the kaniko plugin on Kubernetes,
 * drone-docker on VMs, and on Harness's buildx path (layer caching on VMs) a buildx plugin,
 * which buildpush does not emulate.
 */
export type ExplainedPlugin = "kaniko" | "drone-docker" | "buildx";

/** What the plugin does with one step: its environment, what it runs, the bugs it hits. */
export interface StepExplanation {
  stage: string;
  identifier: string;
  type: string;
  position?: { file: string; line: number; column: number };
  image: string;
  plugin: ExplainedPlugin;
  env: Record<string, string>;
  secretEnv: Record<string, { ref: string }>;
  /** The kaniko executor argv on Kubernetes. */
  argv?: string[];
  /** On VM (drone-docker): the dockerd argv the plugin starts, or null when it uses the VM's daemon. */
  daemon?: string[] | null;
  /** On VM (drone-docker): every docker command the plugin runs, in order, up to where it stops. */
  commands?: string[][];
  /** On VM (drone-docker): the index of the first command run with DOCKER_BUILDKIT=1, or null. */
  buildkitFrom?: number | null;
  /** Why the plugin would stop, failing: before the executor on Kubernetes, at the last command on VM. */
  failure?: string;
  bugs: (PluginBug | DockerPluginBug)[];
}
