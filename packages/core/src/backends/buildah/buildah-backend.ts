import { resolveImageOption } from "../plugin/images.js";
import type { BuildPlan, ContainerSpec, SecurityContext } from "../../plan/model.js";
import { stepSecurityContext } from "../security-context.js";
import { kubernetesLayout, sortedRecord } from "../container-layout.js";
import { containerName, workspaceMount, type StageContext } from "../../pipeline/stage.js";
import { pluginArtifactTemplate } from "../artifact.js";
import { buildahAuthEntries, buildahCommands, type BuildahCommands } from "./buildah-commands.js";

/** Buildah's own image. Configurable: pin a version (or a mirror) in production. */
export const defaultBuildahImage = "quay.io/buildah/stable:latest";

/** The unprivileged `build` user of the Buildah image. */
export const buildahImageUser = 1000;

/** Scratch space for the credentials and digest files, on the addon volume every step has. */
export const buildahScratchDir = "/addon/buildah";

/**
 * The registry credentials file, in a directory of its own: a runtime mounts it (a Kubernetes
 * Secret subPath, a docker bind mount), which creates its directory owned by root, and the
 * non-root build user must still be able to write its digests into the scratch directory.
 */
export const buildahAuthFile = "/buildpush/buildah/auth.json";

/** The Buildah image to run: the default, or the caller's reference once checked. */
export function resolveBuildahImage(reference?: string): string {
  return resolveImageOption(reference, defaultBuildahImage, "buildahImage", "the Buildah image");
}

export interface BuildahContainerOptions {
  image?: string;
  stage?: StageContext;
  name?: string;
}

/**
 * Runs a list of commands, each given as `COUNT ARG1 ... ARGCOUNT`, one after the other, and
 * stops at the first that fails. A container runs one program but a Buildah step is a build and
 * then one push per tag; this fixed script chains them. Every value (tags, build args, labels)
 * arrives as its own argv item and is never parsed by the shell, so no value needs quoting.
 */
export const commandChainScript = [
  "set -eu",
  'while [ "$#" -gt 0 ]; do',
  "  count=$1",
  "  shift",
  "  (",
  // Rotate the whole list once, keeping only the first `count` items: "$@" becomes one command.
  "    total=$#",
  "    i=0",
  '    while [ "$i" -lt "$total" ]; do',
  "      arg=$1",
  "      shift",
  '      if [ "$i" -lt "$count" ]; then set -- "$@" "$arg"; fi',
  "      i=$((i + 1))",
  "    done",
  '    exec "$@"',
  "  )",
  '  shift "$count"',
  "done",
].join("\n");

/** The name the chain script reports itself as (`$0`) in shell messages. */
export const commandChainName = "buildpush-buildah";

/** `[COUNT, ...argv]` for each command, the arguments `commandChainScript` takes. */
export function chainArguments(commands: readonly (readonly string[])[]): string[] {
  return commands.flatMap((argv) => [String(argv.length), ...argv]);
}

/**
 * `--mode buildah`: the step as a Buildah container that needs no root. The runtime writes the
 * registry credentials file (described by secret references in `files`); each push writes its
 * digest to `/addon/buildah/digest-N`, and `artifact` says how to make the artifact file from it.
 */
export function buildahContainer(plan: BuildPlan, options: BuildahContainerOptions = {}): ContainerSpec {
  const stage = options.stage ?? {};
  const kubernetes = plan.infrastructure === "kubernetes";
  const authFile = buildahAuthFile;
  const commands: BuildahCommands = buildahCommands(plan, { authFile, digestFile: (index) => `${buildahScratchDir}/digest-${index}` });
  const container = { name: options.name ?? containerName(plan.identifier), image: resolveBuildahImage(options.image) } as ContainerSpec;
  container.command = ["/bin/sh", "-c", commandChainScript, commandChainName];
  container.args = chainArguments([commands.build, ...commands.push.map((push) => push.argv)]);
  container.env = sortedRecord([...Object.entries(plan.userEnv), ["BUILDAH_ISOLATION", "chroot"], ["STORAGE_DRIVER", "vfs"]]);
  container.secretEnv = sortedRecord(Object.entries(plan.userSecretEnv));
  if (kubernetes) container.workingDir = workspaceMount.mountPath;
  container.resources = plan.resources;
  if (kubernetes) Object.assign(container, kubernetesLayout(plan, stage, nonRootSecurityContext(plan, stage)));
  container.files = [{ kind: "docker-config", path: authFile, auths: buildahAuthEntries(plan), credHelpers: {} }];
  // Every tag is the same image, so the first push's digest serves them all; a dry run has none.
  const firstPush = commands.push[0];
  if (firstPush) container.artifact = { digestFile: firstPush.digestFile, template: pluginArtifactTemplate(plan) };
  return container;
}

/** The step's security context as every backend makes it; with no user given, the image's `build` user. */
function nonRootSecurityContext(plan: BuildPlan, stage: StageContext): SecurityContext {
  const securityContext: SecurityContext = { ...stepSecurityContext(stage, plan.runAsUser) };
  if (securityContext.runAsUser === undefined) securityContext.runAsUser = buildahImageUser;
  return securityContext;
}
