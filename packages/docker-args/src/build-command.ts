// The `docker build` command (docker.go commandBuild): the fixed head, the context, then each
// option in the plugin's order. Every value is one argv item; nothing goes through a shell.

import type { Env } from "@buildpush/kaniko-args";
import { buildArgValues } from "./build-args.js";
import { DOCKER_EXE, RFC3339_NOW, TEMP_TAG } from "./constants.js";
import type { DockerSettings } from "./settings.js";

const LABEL_PREFIX = "org.opencontainers.image";

/** getSecretCmdArg: `id=VALUE` becomes `id=<id>,env=<VALUE>` (or `src=`); an item with an empty side is dropped. */
export function secretArgument(item: string, source: "env" | "src"): string | undefined {
  const eq = item.indexOf("=");
  if (eq < 0) return undefined;
  const id = item.slice(0, eq);
  const value = item.slice(eq + 1);
  if (id === "" || value === "") return undefined;
  return `id=${id},${source}=${value}`;
}

/** Whether the plugin sets DOCKER_BUILDKIT=1 (it needs BuildKit for secrets and ssh). */
export function needsBuildKit(settings: DockerSettings): boolean {
  // Counts items, not valid ones: PLUGIN_SECRETS_FROM_ENV="" (one empty item) turns BuildKit on too.
  return settings.secret !== "" || settings.secretsFromEnv.length > 0 || settings.secretsFromFile.length > 0 || settings.sshAgentKey !== "";
}

/** The build argv. `squash` is PLUGIN_SQUASH as the plugin keeps it (only with PLUGIN_EXPERIMENTAL). */
export function buildCommand(settings: DockerSettings, env: Env, sshKeyPath: string | undefined): string[] {
  const argv = [DOCKER_EXE, "build", "--rm=true", "-f", settings.dockerfile, "-t", TEMP_TAG, settings.context];
  if (settings.squash && settings.daemon.experimental) argv.push("--squash");
  if (settings.compress) argv.push("--compress");
  if (settings.pull) argv.push("--pull=true");
  if (settings.noCache) argv.push("--no-cache");
  for (const image of settings.cacheFrom) argv.push("--cache-from", image);
  for (const arg of buildArgValues(settings, env)) argv.push("--build-arg", arg);
  for (const host of settings.addHost) argv.push("--add-host", host);
  if (settings.secret !== "") argv.push("--secret", settings.secret);
  for (const item of settings.secretsFromEnv) {
    const secret = secretArgument(item, "env");
    if (secret !== undefined) argv.push("--secret", secret);
  }
  for (const item of settings.secretsFromFile) {
    const secret = secretArgument(item, "src");
    if (secret !== undefined) argv.push("--secret", secret);
  }
  if (settings.target !== "") argv.push("--target", settings.target);
  if (settings.quiet) argv.push("--quiet");
  if (settings.platform !== "") argv.push("--platform", settings.platform);
  if (sshKeyPath !== undefined) argv.push("--ssh", sshKeyPath);
  if (settings.autoLabel) {
    // Emitted even when empty; the label schema items only come with the auto labels.
    const schema = [`created=${RFC3339_NOW}`, `revision=${settings.commitSha}`, `source=${settings.remoteUrl}`, `url=${settings.link}`, ...settings.labelSchema];
    for (const label of schema) argv.push("--label", `${LABEL_PREFIX}.${label}`);
  }
  for (const label of settings.customLabels) argv.push("--label", label);
  return argv;
}
