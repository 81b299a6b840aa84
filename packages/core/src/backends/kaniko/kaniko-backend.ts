import { KanikoOptionsError, kanikoArgs, mergeKanikoOptions, pluginEnvToKanikoOptions, type KanikoOptions } from "@buildpush/kaniko-args";
import type { Finding } from "../../problems/collector.js";
import { quote } from "../../problems/format.js";
import type { BuildPlan, RegistryCredentials, SecretRef } from "../../plan/build-plan.js";
import { environmentWithoutRuntimeFlags, flagsThePlanDecides, runtimeFlags, userVariablePath } from "../../plan/runtime-flags.js";
import { dockerConfigKey } from "../../rules/docker-hub.js";
import { artifactOutput } from "../artifact.js";
import { kanikoBuildSecretFindings } from "../build-secrets.js";
import type { Backend, BackendOutcome } from "../backend.js";
import { buildContainer } from "../container-layout.js";
import { imageOptionFindings } from "../image-option.js";
import type { DockerConfigFile } from "../container-spec.js";
import { authEntry } from "../registry-auth.js";

/**
 * The kaniko executor image. Upstream kaniko was archived in June 2025; this maintained fork
 * keeps its flags. Pin a version (or a mirror) in production with the `kanikoImage` option.
 */
export const defaultKanikoImage = "ghcr.io/osscontainertools/kaniko:latest";

/** Where kaniko reads registry credentials (its DOCKER_CONFIG is /kaniko/.docker). */
export const kanikoDockerConfigPath = "/kaniko/.docker/config.json";

/** Where the executor writes the digest, on the addon volume every step has. */
export const kanikoDigestFile = "/addon/kaniko/digest";

/**
 * `--mode kaniko`: the step as the kaniko executor itself, with the argv buildpush builds (no
 * plugin in between, none of the plugin's bugs). Registry credentials are a config file the
 * runtime writes from secret references; registries with a credential helper (ECR, ACR) use the
 * executor's built-in helper with its environment. The user's PLUGIN_* runtime flags become
 * executor flags.
 */
export const kanikoBackend: Backend = {
  checkOptions: (options) => imageOptionFindings(options.kanikoImage, "kanikoImage", "the kaniko executor"),
  container({ plan, stage, name }, options): BackendOutcome {
    const findings: Finding[] = [];
    const { env, secretEnv } = environmentWithoutRuntimeFlags(plan, findings, { mode: "kaniko", argument: "an executor argument that anyone reading the pod spec can see" });
    const credentials = kanikoCredentials(plan, findings);
    findings.push(...kanikoBuildSecretFindings(plan, "the kaniko executor"));
    const args = findings.length === 0 ? executorArgs(plan, options.executorVersion, findings) : [];
    if (findings.length > 0) return { ok: false, findings };
    const hasLogins = credentials.file.auths.length > 0 || Object.keys(credentials.file.credHelpers).length > 0;
    return {
      ok: true,
      container: buildContainer(plan, stage, name, {
        image: options.kanikoImage ?? defaultKanikoImage,
        command: ["/kaniko/executor"],
        args,
        env: [...env, ...Object.entries(credentials.env)],
        secretEnv: [...secretEnv, ...Object.entries(credentials.secretEnv)],
        ...(hasLogins ? { files: [credentials.file] } : {}),
        artifact: artifactOutput(plan, kanikoDigestFile),
      }),
    };
  },
};

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
  if (plan.remoteCache !== undefined && plan.infrastructure === "kubernetes") options.cache = { enabled: true, repo: plan.remoteCache.image };
  return options;
}

/** The executor argv: the plan's options, and the runtime flags for what the plan leaves open. */
function executorArgs(plan: BuildPlan, executorVersion: string | undefined, findings: Finding[]): string[] {
  try {
    const decided = flagsThePlanDecides(plan);
    const flags = Object.fromEntries(Object.entries(runtimeFlags(plan)).filter(([name]) => !decided.has(name)));
    const options = mergeKanikoOptions(kanikoOptionsFromPlan(plan), pluginEnvToKanikoOptions(flags));
    return kanikoArgs(options, executorVersion);
  } catch (error) {
    if (!(error instanceof KanikoOptionsError)) throw error;
    const runtimeFlag = error.option.startsWith("PLUGIN_");
    findings.push({
      path: runtimeFlag ? userVariablePath(plan, error.option) : ["kaniko", error.option],
      at: runtimeFlag ? "key" : "value",
      code: runtimeFlag ? (error.code === "unsupported-runtime-flag" ? "unsupported-runtime-flag" : "invalid-runtime-flag") : "invalid-option",
      // kaniko-args quotes the whole value; show a huge one shortened, as every other message does.
      message: error.value !== undefined ? error.message.split(JSON.stringify(error.value)).join(quote(error.value)) : error.message,
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

function kanikoCredentials(plan: BuildPlan, findings: Finding[]): KanikoCredentials {
  const credentials: KanikoCredentials = { file: { kind: "docker-config", path: kanikoDockerConfigPath, auths: [], credHelpers: {} }, env: {}, secretEnv: {} };
  addCredentials(plan.pushCredentials, ["spec", "connectorRef"], credentials, findings);
  // Base-image credentials are written after the push credentials, as the plugin does.
  if (plan.baseImageCredentials) addCredentials(plan.baseImageCredentials, ["spec", "baseImageConnectorRefs"], credentials, findings);
  return credentials;
}

function addCredentials(source: RegistryCredentials, path: string[], into: KanikoCredentials, findings: Finding[]): void {
  switch (source.kind) {
    case "anonymous":
      return;
    case "basic":
      into.file.auths.push(authEntry(source, dockerConfigKey(source.registry)));
      return;
    case "helper":
      if (source.limitation) {
        findings.push({ path, at: "value", code: "unsupported-in-mode", ...source.limitation });
        return;
      }
      into.file.credHelpers[source.registry] = source.helper;
      Object.assign(into.env, source.env);
      Object.assign(into.secretEnv, source.secretEnv);
      return;
  }
}
