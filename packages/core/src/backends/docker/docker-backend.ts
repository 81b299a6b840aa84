import type { Finding } from "../../problems/collector.js";
import type { SecretRef } from "../../plan/build-plan.js";
import { environmentWithoutRuntimeFlags } from "../../plan/runtime-flags.js";
import { artifactOutput } from "../artifact.js";
import type { Backend, BackendOutcome } from "../backend.js";
import { addonMount, buildContainer } from "../container-layout.js";
import { imageOptionFindings } from "../image-option.js";
import { layerCacheOptionFindings } from "../layer-cache.js";
import { dockerChainArguments, dockerChainName, dockerChainScript } from "./docker-chain.js";
import { dockerCommands } from "./docker-commands.js";
import { dockerRuntimeSettings } from "./docker-runtime-flags.js";

/**
 * The Docker CLI's own image, which carries the buildx plugin. Configurable: pin a version (or
 * a mirror) in production with the `dockerImage` option.
 */
export const defaultDockerImage = "docker:cli";

/** Where buildx writes the metadata of the build, the pushed image's digest among it: on the addon volume. */
export const dockerMetadataFile = "/addon/docker-metadata.json";

/**
 * The docker CLI's configuration, in the container's own file system: the logins and the
 * builder stay with this step, out of the workspace (the build context) and out of the VM's own
 * configuration.
 */
export const dockerConfigDir = "/buildpush/docker";

/** The VM's daemon, whose socket Harness's runner (and `toDockerRun`) mounts into the step. */
export const vmDockerHost = "unix:///var/run/docker.sock";

/**
 * `--mode docker`: the step as buildpush's own command lines for the VM's Docker daemon with
 * buildx, the counterpart of kaniko mode for VMs. No plugin in between: the password reaches
 * `docker login` on stdin, the repository is fully qualified, the tags are checked before the
 * build, one `docker buildx build` pushes every tag, and the digest comes from buildx's metadata.
 */
export const dockerBackend: Backend = {
  checkOptions: (options) => [...imageOptionFindings(options.dockerImage, "dockerImage", "the Docker CLI"), ...imageOptionFindings(options.buildkitImage, "buildkitImage", "BuildKit"), ...layerCacheOptionFindings(options.layerCache)],
  container({ plan, stage, name }, options): BackendOutcome {
    if (plan.infrastructure === "kubernetes") {
      return {
        ok: false,
        findings: [
          {
            path: [],
            at: "key",
            code: "unsupported-in-mode",
            message: `docker mode builds with the VM's Docker daemon, and step ${plan.identifier} runs on Kubernetes, which has none`,
            rule: "docker mode is for VM infrastructure (self-hosted VMs, Harness Cloud, the local runner)",
            hint: "use kaniko mode (--mode kaniko) or buildah mode on Kubernetes",
          },
        ],
      };
    }
    const findings: Finding[] = [];
    const { env, secretEnv } = environmentWithoutRuntimeFlags(plan, findings, { mode: "docker", argument: "an argument of docker buildx that any process on the VM can read" });
    const settings = dockerRuntimeSettings(plan, findings);
    const commands = dockerCommands(plan, stage, settings, { metadataFile: dockerMetadataFile, ...(options.buildkitImage ? { buildkitImage: options.buildkitImage } : {}), ...(options.layerCache ? { layerCache: options.layerCache } : {}) }, findings);
    if (findings.length > 0) return { ok: false, findings };
    return {
      ok: true,
      ...(commands.warnings.length > 0 ? { warnings: commands.warnings } : {}),
      container: buildContainer(plan, stage, name, {
        image: options.dockerImage ?? defaultDockerImage,
        command: ["/bin/sh", "-c", dockerChainScript, dockerChainName],
        args: dockerChainArguments(commands.entries),
        ...ownVariablesOver(env, secretEnv, [...commands.env, ["DOCKER_CONFIG", dockerConfigDir], ["DOCKER_HOST", vmDockerHost]], commands.secretEnv),
        vmVolumeMounts: [addonMount],
        // A build that does not push has no digest, and the plugin writes no artifact file then either.
        ...(commands.pushes ? { artifact: artifactOutput(plan, dockerMetadataFile, "buildx-metadata") } : {}),
      }),
    };
  },
};

/** The user's variables, with the ones docker mode sets itself over them: a name is plain or secret, never both. */
function ownVariablesOver(userEnv: [string, string][], userSecretEnv: [string, SecretRef][], ownEnv: [string, string][], ownSecretEnv: [string, SecretRef][]): { env: [string, string][]; secretEnv: [string, SecretRef][] } {
  const own = new Set([...ownEnv, ...ownSecretEnv].map(([name]) => name));
  return {
    env: [...userEnv.filter(([name]) => !own.has(name)), ...ownEnv],
    secretEnv: [...userSecretEnv.filter(([name]) => !own.has(name)), ...ownSecretEnv],
  };
}
