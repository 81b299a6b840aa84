import {
  KanikoOptionsError,
  kanikoArgs,
  mergeKanikoOptions,
  pluginEnvToKanikoOptions,
  type KanikoOptions,
} from "@buildpush/kaniko-args";
import { BuildpushError, quote, type Problem } from "../../problems/problem.js";
import { resolveImageOption } from "../plugin/images.js";
import type { ArtifactOutput, BuildPlan, ContainerSpec, DockerConfigFile, PluginArtifact, RegistryAuthEntry, RegistryCredentials, SecretRef } from "../../plan/model.js";
import { pluginEnvironment } from "../plugin/plugin-backend.js";
import { pluginArtifactTemplate } from "../artifact.js";
import { kubernetesLayout, sortedRecord } from "../container-layout.js";
import { containerName, workspaceMount, type StageContext } from "../../pipeline/stage.js";

/**
 * The kaniko executor image. Upstream kaniko was archived in June 2025; this maintained fork
 * keeps its flags. Pin a version (or a mirror) in production with the `kanikoImage` option.
 */
export const defaultKanikoImage = "ghcr.io/osscontainertools/kaniko:latest";

/** Where kaniko reads registry credentials (its DOCKER_CONFIG is /kaniko/.docker). */
export const kanikoDockerConfigPath = "/kaniko/.docker/config.json";

/** Where the executor writes the digest, on the addon volume every step has. */
export const kanikoDigestFile = "/addon/kaniko/digest";

export interface KanikoContainerOptions {
  image?: string;
  /** Executor version for the flag allow-list (see @buildpush/kaniko-args); default the newest known. */
  executorVersion?: string;
  stage?: StageContext;
  name?: string;
}

/**
 * `--mode kaniko`: the step as the kaniko executor itself, with the argv buildpush builds (no
 * plugin in between, none of the plugin's bugs). Registry credentials are a config file the
 * runtime writes from secret references; ECR and ACR use the executor's built-in credential
 * helpers with their environment. The user's PLUGIN_* runtime flags become executor flags.
 */
export function kanikoContainer(plan: BuildPlan, options: KanikoContainerOptions = {}): ContainerSpec {
  const problems: Problem[] = [];
  const image = resolveKanikoImage(options.image);
  const { env: userEnv, secretEnv: userSecretEnv, runtimeFlags } = splitRuntimeFlags(plan, problems);
  const credentials = kanikoCredentials(plan, problems);
  const args = problems.length === 0 ? executorArgs(plan, runtimeFlags, options.executorVersion, problems) : [];
  if (problems.length > 0) throw new BuildpushError(problems);

  const stage = options.stage ?? {};
  const kubernetes = plan.infrastructure === "kubernetes";
  const container = { name: options.name ?? containerName(plan.identifier), image } as ContainerSpec;
  container.command = ["/kaniko/executor"];
  container.args = args;
  container.env = sortedRecord([...Object.entries(userEnv), ...Object.entries(credentials.env)]);
  container.secretEnv = sortedRecord([...Object.entries(userSecretEnv), ...Object.entries(credentials.secretEnv)]);
  if (kubernetes) container.workingDir = workspaceMount.mountPath;
  container.resources = plan.resources;
  if (kubernetes) Object.assign(container, kubernetesLayout(plan, stage));
  if (credentials.file.auths.length > 0 || Object.keys(credentials.file.credHelpers).length > 0) container.files = [credentials.file];
  container.artifact = artifactOutput(plan);
  return container;
}

export function resolveKanikoImage(reference?: string): string {
  return resolveImageOption(reference, defaultKanikoImage, "kanikoImage", "the kaniko executor");
}

/** The plan as typed executor options, before the user's runtime flags. */
export function kanikoOptionsFromPlan(plan: BuildPlan): KanikoOptions {
  const options: KanikoOptions = {
    destinations: plan.tags.map((tag) => `${plan.image}:${tag}`),
    context: plan.context ?? ".",
    digestFile: kanikoDigestFile,
  };
  if (plan.dockerfile !== undefined) options.dockerfile = plan.dockerfile;
  if (plan.buildArgs.length > 0) options.buildArgs = plan.buildArgs;
  if (plan.labels.length > 0) options.labels = plan.labels;
  if (plan.target !== undefined) options.target = plan.target;
  if (plan.optimize && plan.infrastructure === "kubernetes") options.snapshotMode = "redo";
  if (plan.remoteCacheImage !== undefined && plan.infrastructure === "kubernetes") options.cache = { enabled: true, repo: plan.remoteCacheImage };
  return options;
}

/**
 * The user's variables split into what stays in the container's environment and the PLUGIN_*
 * runtime flags, minus the ones the step itself sets (as in plugin mode, the step wins).
 */
function splitRuntimeFlags(plan: BuildPlan, problems: Problem[]): { env: Record<string, string>; secretEnv: Record<string, SecretRef>; runtimeFlags: Record<string, string> } {
  const setByStep = new Set(Object.keys({ ...pluginEnvironment({ ...plan, userEnv: {}, userSecretEnv: {} }).env }));
  const env: Record<string, string> = {};
  const runtimeFlags: Record<string, string> = {};
  for (const [name, value] of Object.entries(plan.userEnv)) {
    if (!name.startsWith("PLUGIN_")) env[name] = value;
    else if (!setByStep.has(name)) runtimeFlags[name] = value;
  }
  const secretEnv: Record<string, SecretRef> = {};
  for (const [name, ref] of Object.entries(plan.userSecretEnv)) {
    if (!name.startsWith("PLUGIN_")) {
      secretEnv[name] = ref;
      continue;
    }
    problems.push({
      code: "unsupported-runtime-flag",
      message: `${name} is a secret, and a runtime flag becomes an executor argument that anyone reading the pod spec can see`,
      field: name,
      rule: "in kaniko mode, PLUGIN_* runtime flags are plain values",
      hint: "make the variable a String, or use plugin mode",
    });
  }
  return { env, secretEnv, runtimeFlags };
}

function executorArgs(plan: BuildPlan, runtimeFlags: Record<string, string>, executorVersion: string | undefined, problems: Problem[]): string[] {
  try {
    const options = mergeKanikoOptions(kanikoOptionsFromPlan(plan), pluginEnvToKanikoOptions(runtimeFlags));
    return kanikoArgs(options, executorVersion);
  } catch (error) {
    if (!(error instanceof KanikoOptionsError)) throw error;
    const runtimeFlag = error.option.startsWith("PLUGIN_");
    problems.push({
      code: runtimeFlag ? (error.code === "unsupported-runtime-flag" ? "unsupported-runtime-flag" : "invalid-runtime-flag") : "invalid-option",
      // kaniko-args quotes the whole value; show a huge one shortened, as every other message does.
      message: error.value !== undefined ? error.message.split(JSON.stringify(error.value)).join(quote(error.value)) : error.message,
      field: runtimeFlag ? error.option : `kaniko.${error.option}`,
      ...(error.value !== undefined ? { value: error.value } : {}),
      rule: runtimeFlag ? "runtime flags (PLUGIN_* stage variables or envVariables) must map onto kaniko executor flags" : "the kaniko executor must accept every argument",
      ...(error.code === "unsupported-runtime-flag" ? { hint: `remove ${error.option}, or use plugin mode (--mode plugin) where the plugin reads it` } : {}),
    });
    return [];
  }
}

interface KanikoCredentials {
  file: DockerConfigFile;
  env: Record<string, string>;
  secretEnv: Record<string, SecretRef>;
}

/** Docker Hub's config.json key is the v1 URL, whatever URL the connector was written with. */
function dockerConfigKey(registry: string): string {
  return /^https:\/\/(index\.docker\.io|registry\.hub\.docker\.com)\/v2\/?$/.test(registry) ? "https://index.docker.io/v1/" : registry;
}

function kanikoCredentials(plan: BuildPlan, problems: Problem[]): KanikoCredentials {
  const credentials: KanikoCredentials = { file: { kind: "docker-config", path: kanikoDockerConfigPath, auths: [], credHelpers: {} }, env: {}, secretEnv: {} };
  const registryHost = plan.image.split("/")[0]!;
  addCredentials(plan.pushCredentials, registryHost, credentials, problems);
  // Base-image credentials are written after the push credentials, as the plugin does.
  if (plan.baseImageCredentials) addCredentials(plan.baseImageCredentials, registryHost, credentials, problems);
  return credentials;
}

function addCredentials(source: RegistryCredentials, registryHost: string, into: KanikoCredentials, problems: Problem[]): void {
  switch (source.kind) {
    case "anonymous":
      return;
    case "basic": {
      const entry: RegistryAuthEntry = { registry: dockerConfigKey(source.registry), passwordRef: source.passwordRef };
      if (source.usernameRef !== undefined) entry.usernameRef = source.usernameRef;
      else if (source.username !== undefined) entry.username = source.username;
      into.file.auths.push(entry);
      return;
    }
    case "aws":
      if (source.assumeRoleArn !== undefined) {
        problems.push({
          code: "unsupported-in-mode",
          message: "an AWS connector with a cross-account role cannot push in kaniko mode",
          field: "spec.connectorRef",
          rule: "kaniko's ecr-login helper uses the pod's AWS credentials as they are and cannot assume another role for them",
          hint: "use plugin mode, which passes PLUGIN_ASSUME_ROLE to the plugin, or give the pod a role that can push",
        });
        return;
      }
      into.file.credHelpers[registryHost] = "ecr-login";
      into.env["AWS_REGION"] = source.region;
      if (source.accessKeyRef !== undefined) into.secretEnv["AWS_ACCESS_KEY_ID"] = { ref: source.accessKeyRef };
      else if (source.accessKey !== undefined) into.env["AWS_ACCESS_KEY_ID"] = source.accessKey;
      if (source.secretKeyRef !== undefined) into.secretEnv["AWS_SECRET_ACCESS_KEY"] = { ref: source.secretKeyRef };
      return;
    case "azure":
      if (source.clientSecretRef === undefined) {
        problems.push({
          code: "unsupported-in-mode",
          message: "an Azure connector with certificate authentication cannot push in kaniko mode",
          field: "spec.connectorRef",
          rule: "kaniko's acr-env helper reads a client secret from AZURE_CLIENT_SECRET; a certificate would have to be a file",
          hint: "use plugin mode, or an Azure connector with a client secret",
        });
        return;
      }
      into.file.credHelpers[registryHost] = "acr-env";
      into.env["AZURE_CLIENT_ID"] = source.clientId;
      into.env["AZURE_TENANT_ID"] = source.tenantId;
      into.secretEnv["AZURE_CLIENT_SECRET"] = { ref: source.clientSecretRef };
      return;
  }
}

/** What the plugin would write to its artifact file, with the digests still to fill in. */
function artifactOutput(plan: BuildPlan): ArtifactOutput {
  return { digestFile: kanikoDigestFile, template: pluginArtifactTemplate(plan) };
}

/**
 * The artifact file for the Artifacts view: the template with the digest the builder wrote. All
 * tags of one build point at the same image, so one digest serves every tag. Throws when the
 * digest file does not hold a digest (the build failed or did not push).
 */
export function completeArtifact(output: ArtifactOutput, digestFileText: string): PluginArtifact {
  const digest = digestFileText.trim();
  if (!/^sha256:[a-f0-9]{64}$/.test(digest)) {
    throw new BuildpushError([
      {
        code: "invalid-option",
        message: `${output.digestFile} does not hold an image digest`,
        value: digest.slice(0, 80),
        rule: "the digest file holds sha256:<64 hex digits>, written by the builder after a successful push",
      },
    ]);
  }
  return { kind: output.template.kind, data: { ...output.template.data, images: output.template.data.images.map((image) => ({ image: image.image, digest })) } };
}
