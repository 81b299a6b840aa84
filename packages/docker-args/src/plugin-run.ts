// What the drone-docker plugin (plugins/docker, and the plugins/ecr and plugins/acr wrappers
// around it) runs for an environment: the dockerd it starts, every docker command in order,
// and where and why it stops (docker-plugin.md; drone-plugins/drone-docker docker.go Exec).

import { posix } from "node:path";
import type { Env, PluginVariant } from "@buildpush/kaniko-args";
import { buildCommand, needsBuildKit } from "./build-command.js";
import type { DockerPluginBug } from "./bug.js";
import { dockerPluginBugs } from "./bugs.js";
import { TEMP_TAG } from "./constants.js";
import { checkCosign } from "./cosign.js";
import { daemonArgv } from "./daemon.js";
import { pushCommandProblem } from "./docker-reference.js";
import type { RunFacts } from "./facts.js";
import { loginCommands } from "./login.js";
import { recordPushOnly } from "./push-only.js";
import { CommandRecorder } from "./recorder.js";
import { readDockerSettings, type DockerSettings } from "./settings.js";
import { PluginStopped, stopped, type DockerPluginStop } from "./stop.js";
import { resolveTags } from "./tags.js";
import { droneDockerEnvironment } from "./wrappers.js";

export interface DockerPluginRun {
  variant: PluginVariant;
  /** The plugin's exit status: 0, or 1 for every failure this emulation knows. */
  exit: 0 | 1;
  /** The dockerd argv the plugin starts, or null (PLUGIN_DAEMON_OFF=true, or it stops before). */
  daemon: string[] | null;
  /** Every docker command, in order, each starting with /usr/local/bin/docker. */
  commands: string[][];
  /** Index of the first command that runs with DOCKER_BUILDKIT=1 (set by the plugin for secrets and ssh), or null. */
  buildkitFrom: number | null;
  /** Why the plugin stops before the end (exit 1), or exits 0 having built nothing. */
  stop?: DockerPluginStop;
  /** The plugin bugs this run triggers. */
  bugs: DockerPluginBug[];
}

/** The variable to blame for a refused `repo:tag`: the repository when it is the bad part. */
function referenceVariable(repo: string, tagsVariable: string): string {
  return pushCommandProblem(`${repo}:latest`) === undefined ? tagsVariable : "PLUGIN_REPO";
}

/** The ssh key's `--ssh` value; throws where the plugin cannot find a home directory. */
function sshKeyPath(settings: DockerSettings, env: Env): string | undefined {
  if (settings.sshAgentKey === "") return undefined;
  // Docker gives a container HOME=/root when its environment sets none; only HOME="" is missing.
  const home = env["HOME"] ?? "/root";
  if (home === "") throw stopped("missing-home", "unable to determine home directory: $HOME is not defined (the plugin writes PLUGIN_SSH_AGENT_KEY to $HOME/.ssh/id_rsa); it stops right after logging in", "HOME");
  return `default=${posix.join(home, ".ssh", "id_rsa")}`;
}

/** docker.go Exec from the build on: the commands are made first (where the plugin may stop), then run in order. */
function recordBuild(facts: RunFacts, recorder: CommandRecorder): void {
  const { settings, pluginEnv, tags } = facts;
  const sshKey = sshKeyPath(settings, pluginEnv);
  const build = buildCommand(settings, pluginEnv, sshKey);
  checkCosign(settings);
  // DOCKER_BUILDKIT=1 is set while the commands are made, so it reaches every one of them.
  if (needsBuildKit(settings)) recorder.buildkitFrom = recorder.commands.length;
  recorder.docker("version");
  recorder.docker("info");
  // A cache image that cannot be pulled is ignored; here every pull succeeds.
  for (const image of settings.cacheFrom) recorder.docker("pull", image);
  recorder.argv(build);
  const targetVariable = referenceVariable(settings.repo, tags.variable);
  for (const tag of tags.tags) {
    recorder.tag(TEMP_TAG, `${settings.repo}:${tag}`, { source: targetVariable, target: targetVariable });
    if (!settings.dryRun) recorder.push(`${settings.repo}:${tag}`, targetVariable);
  }
  recorder.docker("inspect", TEMP_TAG); // the UI card, always
  // The digest for the artifact file and for signing. On a dry run it fails (an image never
  // pushed has no digest) and the plugin writes no artifact file; it is run all the same.
  const digest = () => recorder.docker("inspect", "--format='{{index .RepoDigests 0}}'", TEMP_TAG);
  if (settings.artifactFile !== "") digest();
  if (settings.cosign.privateKey !== "" && !settings.dryRun) digest();
  // The purge commands (docker rmi, docker system prune -f) are printed, never run.
}

function recordRun(facts: RunFacts, recorder: CommandRecorder): void {
  const { settings } = facts;
  if (!settings.daemon.off) recorder.daemon = daemonArgv(settings.daemon, settings.registry);
  recorder.docker("info"); // polled until the daemon answers; once, for a reachable daemon
  for (const login of loginCommands(settings)) {
    recorder.argv(login.argv);
    facts.logins.push(login);
    if (login.refusal !== undefined) {
      const what = login.kind === "base-image" ? "base image registry" : "registry";
      throw stopped("login-refused", `docker login to the ${what} ${login.registry} fails: ${login.refusal.reason}; the plugin exits 1 (error authenticating)`, login.refusal.variable);
    }
  }
  if (settings.pushOnly && settings.dryRun) throw stopped("push-only-dry-run", "conflict: push-only and dry-run cannot be used together (PLUGIN_PUSH_ONLY with PLUGIN_DRY_RUN or PLUGIN_NO_PUSH)", "PLUGIN_PUSH_ONLY");
  if (settings.pushOnly) recordPushOnly(settings, facts.tags.tags, referenceVariable(settings.repo, facts.tags.variable), recorder);
  else recordBuild(facts, recorder);
}

/**
 * The dockerd argv, every docker command in order and the exit status of the drone-docker
 * plugin (`docker`) or its ECR/ACR wrapper for this environment, with the plugin bugs the run
 * triggers. Assumes a reachable daemon and docker commands that succeed, except where the
 * Docker CLI refuses its own arguments (an image reference in tag/push, a login it cannot
 * complete without a terminal). Never throws for any environment.
 */
export function dockerPluginRun(env: Env, variant: PluginVariant): DockerPluginRun {
  const recorder = new CommandRecorder();
  let facts: RunFacts | undefined;
  let stop: PluginStopped | undefined;
  try {
    const pluginEnv = droneDockerEnvironment(env, variant);
    const settings = readDockerSettings(pluginEnv);
    facts = { variant, env, pluginEnv, settings, tags: { tags: settings.tags, variable: settings.tagsVariable ?? "PLUGIN_TAGS" }, logins: [] };
    facts.tags = resolveTags(settings);
    recordRun(facts, recorder);
  } catch (error) {
    if (!(error instanceof PluginStopped)) throw error;
    stop = error;
  }
  const run: DockerPluginRun = {
    variant,
    exit: stop?.exit ?? 0,
    daemon: recorder.daemon,
    commands: recorder.commands,
    buildkitFrom: recorder.buildkitFrom,
    bugs: facts === undefined ? [] : dockerPluginBugs(facts, stop?.stop),
  };
  if (stop !== undefined) run.stop = stop.stop;
  return run;
}

/** The plugin bugs an environment triggers (dockerPluginRun(...).bugs). */
export function dockerPluginBugsTriggered(env: Env, variant: PluginVariant): DockerPluginBug[] {
  return dockerPluginRun(env, variant).bugs;
}
