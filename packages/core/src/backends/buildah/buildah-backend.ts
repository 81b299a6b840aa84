import type { BuildPlan } from "../../plan/build-plan.js";
import type { SecurityContext, StageContext } from "../../pipeline/stage.js";
import { artifactOutput } from "../artifact.js";
import type { Backend, BackendOutcome } from "../backend.js";
import { buildContainer } from "../container-layout.js";
import { execFirstArgumentsLines, indented } from "../exec-first-arguments.js";
import { imageOptionFindings } from "../image-option.js";
import { stepSecurityContext } from "../security-context.js";
import { buildahSetup, commandsFor } from "./buildah-commands.js";

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

/**
 * Runs a list of commands, each given as `COUNT ARG1 ... ARGCOUNT`, one after the other, and
 * stops at the first that fails. A container runs one program but a Buildah step is a build and
 * then one push per tag; this fixed script chains them. Every value (tags, build args, labels)
 * arrives as its own argv item and is never parsed by the shell, so no value needs quoting.
 */
export const commandChainScript = ["set -eu", 'while [ "$#" -gt 0 ]; do', "  count=$1", "  shift", "  (", ...indented(execFirstArgumentsLines, 2), "  )", '  shift "$count"', "done"].join("\n");

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
export const buildahBackend: Backend = {
  checkOptions: (options) => imageOptionFindings(options.buildahImage, "buildahImage", "the Buildah image"),
  container({ plan, stage, name }, options): BackendOutcome {
    const checked = buildahSetup(plan);
    if (!checked.ok) return checked;
    const commands = commandsFor(plan, checked.setup.transport, { authFile: buildahAuthFile, digestFile: (index) => `${buildahScratchDir}/digest-${index}` });
    // Every tag is the same image, so the first push's digest serves them all; a dry run has none.
    const firstPush = commands.push[0];
    return {
      ok: true,
      container: buildContainer(plan, stage, name, {
        image: options.buildahImage ?? defaultBuildahImage,
        command: ["/bin/sh", "-c", commandChainScript, commandChainName],
        args: chainArguments([commands.build, ...commands.push.map((push) => push.argv)]),
        env: [...Object.entries(plan.userEnv.env), ["BUILDAH_ISOLATION", "chroot"], ["STORAGE_DRIVER", "vfs"]],
        secretEnv: Object.entries(plan.userEnv.secretEnv),
        securityContext: nonRootSecurityContext(plan, stage),
        files: [{ kind: "docker-config", path: buildahAuthFile, auths: checked.setup.auths, credHelpers: {} }],
        ...(firstPush ? { artifact: artifactOutput(plan, firstPush.digestFile) } : {}),
      }),
    };
  },
};

/** The step's security context as every backend makes it; with no user given, the image's `build` user. */
function nonRootSecurityContext(plan: BuildPlan, stage: StageContext): SecurityContext {
  const securityContext: SecurityContext = { ...stepSecurityContext(stage, plan.runAsUser) };
  if (securityContext.runAsUser === undefined) securityContext.runAsUser = buildahImageUser;
  return securityContext;
}
