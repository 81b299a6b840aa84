import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** A program an end-to-end suite needs, and how to install it. */
export interface E2eTool {
  program: string;
  install: string;
  /** Looked for where the Docker CLI looks for its plugins (`docker-buildx`), not on the PATH. */
  dockerCliPlugin?: true;
}

/** The programs the Buildah end-to-end tests run: the builder, the registry and the makers of its password file and certificate. */
export const e2eTools: readonly E2eTool[] = [
  { program: "buildah", install: "apt-get install buildah" },
  { program: "docker-registry", install: "apt-get install docker-registry" },
  { program: "htpasswd", install: "apt-get install apache2-utils" },
  { program: "openssl", install: "apt-get install openssl" },
];

/**
 * The programs docker mode's end-to-end test runs: Debian's Docker engine (the daemon the test
 * starts and the CLI), buildx as a CLI plugin, and the registry with its password file and certificate.
 */
export const dockerE2eTools: readonly E2eTool[] = [
  { program: "docker", install: "apt-get install docker.io" },
  { program: "dockerd", install: "apt-get install docker.io" },
  { program: "docker-buildx", install: "Debian 13's docker-buildx package, as .ci/run installs it", dockerCliPlugin: true },
  { program: "docker-registry", install: "apt-get install docker-registry" },
  { program: "htpasswd", install: "apt-get install apache2-utils" },
  { program: "openssl", install: "apt-get install openssl" },
];

export function onPath(program: string, path = process.env["PATH"] ?? ""): boolean {
  return path.split(delimiter).some((dir) => isExecutable(join(dir, program)));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The system directories the Docker CLI takes plugins from (docker/cli's `defaultSystemPluginDirs` on Linux). */
export const systemDockerCliPluginDirs: readonly string[] = ["/usr/local/lib/docker/cli-plugins", "/usr/local/libexec/docker/cli-plugins", "/usr/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins"];

/** Where the Docker CLI finds a plugin: the user's `cli-plugins` in its configuration directory first, then the system's. */
export function dockerCliPluginDirs(env: NodeJS.ProcessEnv = process.env, systemDirs: readonly string[] = systemDockerCliPluginDirs): string[] {
  const config = env["DOCKER_CONFIG"] ?? (env["HOME"] !== undefined ? join(env["HOME"], ".docker") : undefined);
  return [...(config !== undefined ? [join(config, "cli-plugins")] : []), ...systemDirs];
}

/** The Docker CLI plugin's file (`docker-buildx`), when one is installed. */
export function findDockerCliPlugin(name: string, env: NodeJS.ProcessEnv = process.env, systemDirs: readonly string[] = systemDockerCliPluginDirs): string | undefined {
  return dockerCliPluginDirs(env, systemDirs)
    .map((dir) => join(dir, name))
    .find(isExecutable);
}

export interface E2eGate {
  /** Skip the end-to-end tests: a tool is missing and this is not CI. */
  skip: boolean;
  /** Why, for the suite's title; empty when nothing is missing. */
  reason: string;
  /** In CI a missing tool is a failure, not a skip: this says which and how to install it. */
  failure?: string;
}

export interface E2eGateOptions {
  /** The suite starts a daemon that runs only as root (dockerd): not being root counts as missing. */
  needsRoot?: boolean;
  /** The process's user id; this process's by default. */
  uid?: number;
  /** The Docker CLI's system plugin directories; docker's own by default. */
  pluginDirs?: readonly string[];
}

/** Outside CI a missing tool skips the suite (with the reason in its title); with CI=true it fails it. */
export function e2eGate(env: NodeJS.ProcessEnv = process.env, tools: readonly E2eTool[] = e2eTools, options: E2eGateOptions = {}): E2eGate {
  const missing = tools.filter((tool) => (tool.dockerCliPlugin ? findDockerCliPlugin(tool.program, env, options.pluginDirs) === undefined : !onPath(tool.program, env["PATH"] ?? "")));
  const reasons: string[] = [];
  if (missing.length > 0) reasons.push(`${missing.map((tool) => tool.program).join(", ")} not installed (${[...new Set(missing.map((tool) => tool.install))].join("; ")})`);
  const uid = options.uid ?? process.getuid?.() ?? 0;
  if (options.needsRoot && uid !== 0) reasons.push(`not root (uid ${uid}): they start a dockerd of their own, which runs only as root`);
  if (reasons.length === 0) return { skip: false, reason: "" };
  const reason = reasons.join("; ");
  if (env["CI"] === "true") return { skip: false, reason, failure: `CI=true but ${reason}: CI must install them so the end-to-end tests run` };
  return { skip: true, reason };
}

/** The suite title, carrying the skip reason so the report says why it did not run. */
export function e2eTitle(title: string, gate: E2eGate): string {
  return gate.skip ? `${title} (skipped: ${gate.reason})` : title;
}
