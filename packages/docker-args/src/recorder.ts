// The commands a run starts, in order. Every docker command is assumed to succeed (a reachable
// daemon, existing images, a working network) except where the Docker CLI refuses its own
// arguments: an image reference that `docker tag` or `docker push` cannot parse. There the list
// ends with that command and the plugin stops with exit status 1.

import { DOCKER_EXE, TEMP_TAG } from "./constants.js";
import { pushCommandProblem, tagSourceProblem, tagTargetProblem } from "./docker-reference.js";
import { stopped } from "./stop.js";

export class CommandRecorder {
  daemon: string[] | null = null;
  readonly commands: string[][] = [];
  /** Index of the first command run with DOCKER_BUILDKIT=1 set by the plugin. */
  buildkitFrom: number | null = null;

  /** A docker command the CLI accepts as given. */
  docker(...args: string[]): void {
    this.commands.push([DOCKER_EXE, ...args]);
  }

  /** A command already built as a whole argv (build, login). */
  argv(argv: readonly string[]): void {
    this.commands.push([...argv]);
  }

  /**
   * `docker tag SOURCE TARGET`; throws PluginStopped where the CLI refuses a reference (the
   * source first, as the CLI checks it), blaming the variable that gave that reference.
   */
  tag(source: string, target: string, variables: { source: string; target: string }): void {
    this.docker("tag", source, target);
    const when = source === TEMP_TAG ? "after the whole build" : "before anything was pushed";
    // The placeholder stands for the plugin's random tag, which is always a valid reference.
    const sourceProblem = source === TEMP_TAG ? undefined : tagSourceProblem(source);
    if (sourceProblem !== undefined) throw refused(sourceProblem, when, variables.source);
    const targetProblem = tagTargetProblem(target);
    if (targetProblem !== undefined) throw refused(targetProblem, when, variables.target);
  }

  /** `docker push TARGET`; throws PluginStopped where the CLI refuses the reference. */
  push(target: string, variable: string): void {
    this.docker("push", target);
    const problem = pushCommandProblem(target);
    if (problem !== undefined) throw refused(problem, "before this push", variable);
  }
}

function refused(problem: string, when: string, variable: string) {
  return stopped("invalid-reference", `the Docker CLI refuses the image reference ${when}: ${problem}; the plugin exits 1`, variable);
}
