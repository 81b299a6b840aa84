import { BuildpushError } from "../problems/error.js";
import { type Problem } from "../problems/problem.js";
import type { ContainerSpec } from "../backends/container-spec.js";
import { workspaceMount } from "../backends/container-layout.js";
import { cpuDecimal, memoryBytes } from "./quantities.js";
import { checkContainerSpec } from "./spec-checks.js";
import { platformPattern } from "./platform.js";

/** Where the Docker daemon listens on a Linux host. */
export const dockerSocketPath = "/var/run/docker.sock";

export interface DockerRunOptions {
  /** The program, argv[0]; default `docker`. */
  program?: string;
  /**
   * How the secret variables reach the container. `{ envFile }`: the caller wrote them to that
   * file (see {@link dockerEnvFileText}). `"inherit"`: `--env NAME`, the value taken from the
   * environment the caller runs docker with. Required when the spec has secret variables.
   */
  secrets?: { envFile: string } | "inherit";
  /**
   * The workspace (the code to build), a host path or a named volume. It goes where the spec
   * mounts `harness`, or at /harness (as on Harness VMs) with /harness as the working directory.
   */
  workspace?: string;
  /** Host paths or named volumes for the spec's other mounts, by name (`addon`, `shared-0`); default an anonymous volume. */
  volumes?: Record<string, string>;
  /** The host file to bind-mount for each credentials file, by the file's path in the container. */
  files?: Record<string, string>;
  /**
   * Mount the host's Docker socket (or the given host socket path). Default: when the container
   * builds with the host's daemon (`PLUGIN_DAEMON_OFF=true`, the drone-docker plugins on VMs;
   * `DOCKER_HOST=unix:///var/run/docker.sock`, docker mode).
   */
  dockerSocket?: boolean | string;
  /** `--memory` and `--cpus` from the limits; default true. */
  resourceLimits?: boolean;
  /** `--rm`; default true. */
  remove?: boolean;
  /**
   * `--platform os/arch`, e.g. `linux/arm64`: the platform the stage runs on (see
   * `stagePlatform`), so docker pulls and runs the image for it rather than for the host.
   */
  platform?: string;
  /** `--name`; docker picks one when absent. */
  name?: string;
  labels?: Record<string, string>;
}

/**
 * The `docker run` argv for one container spec, program first: pass `argv.slice(1)` to
 * execFile(argv[0]) or spawn. Never a shell string, so no value needs quoting.
 */
export function toDockerRun(spec: ContainerSpec, options: DockerRunOptions = {}): string[] {
  checkContainerSpec(spec);
  const problems: Problem[] = [];
  const argv = [options.program ?? "docker", "run"];
  if (options.remove ?? true) argv.push("--rm");
  if (options.name !== undefined) argv.push("--name", options.name);
  if (options.platform !== undefined) {
    if (platformPattern.test(options.platform)) argv.push("--platform", options.platform);
    else problems.push({ code: "invalid-option", field: "platform", message: `${JSON.stringify(options.platform)} is not a platform docker takes`, value: options.platform, rule: "a platform is os/arch[/variant] in lowercase, e.g. linux/arm64" });
  }
  for (const [key, value] of Object.entries(options.labels ?? {})) argv.push("--label", `${key}=${value}`);

  const mountsWorkspace = (spec.volumeMounts ?? []).some((mount) => mount.name === workspaceMount.name);
  const workingDir = spec.workingDir ?? (options.workspace !== undefined && !mountsWorkspace ? workspaceMount.mountPath : undefined);
  if (workingDir !== undefined) argv.push("--workdir", workingDir);
  argv.push(...userArgs(spec, problems));
  argv.push(...securityArgs(spec));
  if (options.resourceLimits ?? true) argv.push("--memory", String(memoryBytes(spec.resources.limits.memory)), "--cpus", cpuDecimal(spec.resources.limits.cpu));
  if (spec.imagePullPolicy) argv.push("--pull", { Always: "always", IfNotPresent: "missing", Never: "never" }[spec.imagePullPolicy]);

  for (const [name, value] of Object.entries(spec.env)) argv.push("--env", `${name}=${value}`);
  const secretNames = Object.keys(spec.secretEnv);
  if (secretNames.length > 0) {
    if (options.secrets === "inherit") for (const name of secretNames) argv.push("--env", name);
    else if (options.secrets?.envFile !== undefined) argv.push("--env-file", options.secrets.envFile);
    else
      problems.push({
        code: "invalid-option",
        field: "secrets",
        message: `the container reads secret variables (${secretNames.join(", ")}) and no way to pass them was given`,
        value: secretNames,
        rule: "pass secrets: { envFile } (a file the caller writes) or secrets: \"inherit\"",
      });
  }

  for (const mount of spec.volumeMounts ?? []) {
    const source = mount.name === workspaceMount.name ? options.workspace : options.volumes?.[mount.name];
    argv.push("--mount", mountSpec(source, mount.mountPath));
  }
  if (options.workspace !== undefined && !mountsWorkspace) argv.push("--mount", mountSpec(options.workspace, workspaceMount.mountPath));
  for (const name of Object.keys(options.volumes ?? {})) {
    if (!(spec.volumeMounts ?? []).some((mount) => mount.name === name)) {
      problems.push({ code: "invalid-option", field: `volumes.${name}`, message: `the container mounts no volume ${JSON.stringify(name)}`, value: name, rule: "volumes names the spec's own mounts" });
    }
  }
  for (const file of spec.files ?? []) {
    const hostPath = options.files?.[file.path];
    if (hostPath === undefined || !hostPath.startsWith("/")) {
      problems.push({ code: "invalid-option", field: `files.${file.path}`, message: `the container needs the credentials file ${file.path} and no absolute host path was given for it`, value: hostPath, rule: "files maps each credentials file's container path to the host file the caller wrote" });
    } else argv.push("--mount", mountSpec(hostPath, file.path, true));
  }
  const socket = options.dockerSocket ?? (spec.env["PLUGIN_DAEMON_OFF"] === "true" || spec.env["DOCKER_HOST"] === `unix://${dockerSocketPath}`);
  if (socket !== false) {
    const hostSocket = socket === true ? dockerSocketPath : socket;
    argv.push("--mount", mountSpec(hostSocket, dockerSocketPath));
  }

  const [entrypoint, ...commandRest] = spec.command ?? [];
  if (entrypoint !== undefined) argv.push("--entrypoint", entrypoint);
  argv.push(spec.image, ...commandRest, ...(spec.args ?? []));
  if (argv.some((arg) => arg.includes("\0"))) problems.push({ code: "invalid-option", field: "env", message: "a value holds a NUL character, which no argv can carry", rule: "values are text without NUL" });
  if (problems.length > 0) throw new BuildpushError(problems);
  return argv;
}

/**
 * The text of the `--env-file` for a spec's secret variables, `NAME=value` per line, from the
 * caller's resolver. For the caller to write to a private file and delete after the run: this
 * is the one function that handles secret values, and it never puts them in an error.
 */
export function dockerEnvFileText(spec: ContainerSpec, resolve: (ref: string) => string): string {
  const problems: Problem[] = [];
  const lines: string[] = [];
  for (const [name, { ref }] of Object.entries(spec.secretEnv)) {
    const value = resolve(ref);
    // docker reads the file line by line and drops a trailing carriage return.
    if (/[\r\n\0]/.test(value)) problems.push({ code: "invalid-option", field: `secretEnv.${name}`, message: `the value of ${ref} for ${name} spans lines, which an env file cannot hold`, value: ref, rule: "env-file values are one line; pass such secrets with secrets: \"inherit\"" });
    else lines.push(`${name}=${value}`);
  }
  if (problems.length > 0) throw new BuildpushError(problems);
  return lines.map((line) => `${line}\n`).join("");
}

function userArgs(spec: ContainerSpec, problems: Problem[]): string[] {
  const context = spec.securityContext;
  if (!context) return [];
  if (context.runAsUser === undefined) {
    if (context.runAsGroup !== undefined || context.runAsNonRoot === true) {
      problems.push({
        code: "invalid-run-as-user",
        field: "container.securityContext",
        message: context.runAsNonRoot === true ? "runAsNonRoot is set without runAsUser, and docker cannot check the image's user" : "runAsGroup is set without runAsUser, which docker's --user cannot express",
        value: context.runAsGroup ?? context.runAsNonRoot,
        rule: "docker run takes the user as --user UID[:GID]: set runAsUser",
      });
    }
    return [];
  }
  return ["--user", context.runAsGroup !== undefined ? `${context.runAsUser}:${context.runAsGroup}` : String(context.runAsUser)];
}

function securityArgs(spec: ContainerSpec): string[] {
  const context = spec.securityContext;
  if (!context) return [];
  const args: string[] = [];
  if (context.privileged) args.push("--privileged");
  if (context.allowPrivilegeEscalation === false) args.push("--security-opt", "no-new-privileges");
  if (context.readOnlyRootFilesystem) args.push("--read-only");
  for (const capability of context.capabilities?.add ?? []) args.push("--cap-add", capability);
  for (const capability of context.capabilities?.drop ?? []) args.push("--cap-drop", capability);
  return args;
}

/**
 * A `--mount` value. An absolute source is a bind mount, another source a named volume, none an
 * anonymous volume. docker splits the value as CSV, so a field with `,` or `"` is quoted.
 */
function mountSpec(source: string | undefined, target: string, readonly = false): string {
  const fields = source === undefined ? ["type=volume"] : source.startsWith("/") ? ["type=bind", `source=${source}`] : ["type=volume", `source=${source}`];
  fields.push(`target=${target}`);
  if (readonly) fields.push("readonly");
  return fields.map((field) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(",");
}
