import type { Finding } from "../../problems/collector.js";
import { quote } from "../../problems/format.js";
import type { BuildPlan, RegistryCredentials, SecretRef } from "../../plan/build-plan.js";
import type { StageContext } from "../../pipeline/stage.js";
import { isDockerHub, registryHost } from "../../rules/docker-hub.js";
import { imageReferenceRule, isValidImageReference } from "../../rules/image-reference.js";
import { dockerPlatform, stagePlatform } from "../../render/platform.js";
import { qualifiedImageName } from "../buildah/buildah-commands.js";
import { buildxCaches, type LayerCache } from "../layer-cache.js";
import { registryUrlOf } from "../registry-auth.js";
import type { ChainEntry } from "./docker-chain.js";
import type { DockerRuntimeSettings } from "./docker-runtime-flags.js";

/**
 * Docker mode: a BuildPlan as the command lines of a Docker daemon with buildx. Pure: the
 * caller says where buildx writes its metadata; the container is laid out in docker-backend.ts.
 */

export interface DockerCommandOptions {
  /** Where `docker buildx build --metadata-file` writes the pushed image's digest. */
  metadataFile: string;
  /** The BuildKit image the builder runs (buildx's default when absent). */
  buildkitImage?: string;
  layerCache?: LayerCache;
}

/** The commands of a step and what the container's environment must hold for them. */
export interface DockerCommands {
  entries: ChainEntry[];
  /** The login usernames given as plain values. */
  env: [string, string][];
  /** The login passwords (and usernames kept as secrets), by reference. */
  secretEnv: [string, SecretRef][];
  /** Whether the build pushes (and so writes the digest to the metadata file). */
  pushes: boolean;
  /** What the step runs without, though it asks for it (a layer cache `caching: true` lacks). */
  warnings: Finding[];
}

/** The variables a login reads, by which login it is. */
const loginVariables = {
  push: { username: "BUILDPUSH_REGISTRY_USERNAME", password: "BUILDPUSH_REGISTRY_PASSWORD" },
  baseImage: { username: "BUILDPUSH_BASE_IMAGE_USERNAME", password: "BUILDPUSH_BASE_IMAGE_PASSWORD" },
} as const;

/**
 * The build runs in a builder of its own (the docker-container driver): the daemon's built-in
 * builder cannot export a cache to a registry or write an OCI archive. Host networking lets it
 * reach registries on the VM's own addresses, as `docker build` does. `--use` records it in
 * this container's own docker config, so the build and the removal find it without a name
 * (two steps on one VM never share a builder).
 */
function createBuilder(options: DockerCommandOptions): string[] {
  const argv = ["docker", "buildx", "create", "--driver", "docker-container", "--driver-opt", "network=host"];
  if (options.buildkitImage !== undefined) argv.push("--driver-opt", `image=${options.buildkitImage}`);
  argv.push("--use");
  return argv;
}

/**
 * The platform of the stage as buildx names it, when known: from its infrastructure as read
 * (render/platform.ts, what `--format docker` uses too), else from `os` and `arch` of a
 * StageContext an engine gave by hand. Docker on macOS builds Linux images.
 */
function buildPlatform(stage: StageContext): string | undefined {
  return stagePlatform(stage) ?? dockerPlatform(stage.os, stage.arch);
}

/** Where the image goes: pushed (over plain HTTP when the registry asks for it), loaded into the daemon, or written as an OCI archive. */
function outputArguments(plan: BuildPlan, settings: DockerRuntimeSettings): string[] {
  if (settings.dryRun) return settings.tarPath !== undefined ? ["--output", `type=oci,dest=${settings.tarPath}`] : ["--load"];
  const plainHttp = registryUrlOf(plan.pushCredentials)?.startsWith("http://") ?? false;
  return plainHttp || settings.insecure ? ["--output", "type=registry,registry.insecure=true"] : ["--push"];
}

/** The `docker buildx build` argv: every value one item, every tag a `--tag`, the context last. */
function buildArguments(plan: BuildPlan, stage: StageContext, settings: DockerRuntimeSettings, options: DockerCommandOptions, findings: Finding[], commands: Pick<DockerCommands, "warnings">): string[] {
  const argv = ["docker", "buildx", "build", "--file", plan.dockerfile ?? "Dockerfile"];
  if (plan.target !== undefined) argv.push("--target", plan.target);
  const platform = settings.platform ?? buildPlatform(stage);
  if (platform !== undefined) argv.push("--platform", platform);
  for (const [key, value] of plan.buildArgs) argv.push("--build-arg", `${key}=${value}`);
  for (const [key, value] of plan.labels) argv.push("--label", `${key}=${value}`);
  for (const secret of plan.buildSecrets) argv.push("--secret", secret.from === "env" ? `id=${secret.id},env=${secret.variable}` : `id=${secret.id},src=${secret.path}`);
  const { caches, warnings } = buildxCaches(plan, options.layerCache);
  commands.warnings.push(...warnings);
  for (const source of caches.cacheFrom) argv.push("--cache-from", source);
  if (caches.cacheTo !== undefined) argv.push("--cache-to", caches.cacheTo);
  if (settings.noCache) argv.push("--no-cache");
  if (settings.pull) argv.push("--pull");
  for (const host of settings.addHosts) argv.push("--add-host", host);
  if (settings.network !== undefined) argv.push("--network", settings.network);
  const repository = qualifiedImageName(plan.image);
  plan.tags.forEach((tag, index) => {
    // The spec's checks hold tags to the grammar already; this keeps a hand-built plan from failing after the build.
    const reference = `${repository}:${tag}`;
    if (!isValidImageReference(reference)) findings.push({ path: ["spec", "tags", index], at: "value", code: "invalid-tag", message: `${quote(reference)} is not an image reference docker can push`, value: tag, rule: imageReferenceRule });
    argv.push("--tag", reference);
  });
  argv.push("--metadata-file", options.metadataFile, ...outputArguments(plan, settings), plan.context ?? ".");
  return argv;
}

/**
 * The server `docker login` takes: the registry's host[:port], and for Docker Hub its index
 * URL, the default registry's own name, under which buildx then finds the login for docker.io.
 */
function loginServer(registryUrl: string): string {
  return isDockerHub(registryUrl) ? "https://index.docker.io/v1/" : registryHost(registryUrl);
}

/** The logins, base image registry first (as the plugins do), each reading its username and password from the environment. */
function logins(plan: BuildPlan, findings: Finding[]): Pick<DockerCommands, "env" | "secretEnv"> & { entries: ChainEntry[] } {
  const out: Pick<DockerCommands, "env" | "secretEnv"> & { entries: ChainEntry[] } = { entries: [], env: [], secretEnv: [] };
  const add = (credentials: RegistryCredentials | undefined, which: keyof typeof loginVariables, field: string): void => {
    if (credentials === undefined || credentials.kind === "anonymous") return;
    if (credentials.kind === "helper") {
      findings.push({
        path: ["spec", field],
        at: "value",
        code: "unsupported-connector-auth",
        message: `docker mode logs in with a username and password, and ${credentials.provider} issues this registry's password at run time (step ${plan.identifier})`,
        rule: "docker mode logs in with a username and a password by reference: a Docker registry connector using UsernamePassword or Anonymous auth, or a GCP connector with a service account's JSON key (ManualConfig)",
        hint: credentials.provider === "GCP" ? "use a GCP connector with a JSON key (ManualConfig), or plugin mode, where the GCR and GAR plugins exchange the OIDC token for an access token" : "use plugin mode for this step, or a Docker registry connector with a username and password for the registry",
      });
      return;
    }
    const variables = loginVariables[which];
    if (credentials.usernameRef !== undefined) out.secretEnv.push([variables.username, { ref: credentials.usernameRef }]);
    else out.env.push([variables.username, credentials.username ?? ""]);
    out.secretEnv.push([variables.password, { ref: credentials.passwordRef }]);
    out.entries.push({ kind: "login", registry: loginServer(credentials.registry), usernameVariable: variables.username, passwordVariable: variables.password });
  };
  add(plan.baseImageCredentials, "baseImage", "baseImageConnectorRefs");
  add(plan.pushCredentials, "push", "connectorRef");
  return out;
}

/** The chain of a step: logins, the builder, the build, and the builder's removal whatever happened. */
export function dockerCommands(plan: BuildPlan, stage: StageContext, settings: DockerRuntimeSettings, options: DockerCommandOptions, findings: Finding[]): DockerCommands {
  const login = logins(plan, findings);
  const warnings: Finding[] = [];
  const entries: ChainEntry[] = [
    ...login.entries,
    { kind: "run", argv: createBuilder(options) },
    { kind: "run", argv: buildArguments(plan, stage, settings, options, findings, { warnings }) },
    // The builder's container would outlive the step on the VM; `rm` without a name removes the one `--use` chose.
    { kind: "finally", argv: ["docker", "buildx", "rm"] },
  ];
  return { entries, env: login.env, secretEnv: login.secretEnv, pushes: !settings.dryRun, warnings };
}
