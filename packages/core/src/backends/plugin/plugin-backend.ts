import { argvFromPluginEnv, PluginEnvError } from "@buildpush/kaniko-args";
import { BuildpushError, quote } from "../../problems/problem.js";
import { pluginImageChoice, resolvePluginImages, type PluginImages } from "./images.js";
import type { BuildPlan, ContainerSpec, SecretRef } from "../../plan/model.js";
import { kubernetesLayout, sortedRecord } from "../container-layout.js";
import { containerName, workspaceMount, type StageContext } from "../../pipeline/stage.js";

/** Where the kaniko plugin writes the artifact file that Harness's Artifacts tab reads. */
export const pluginArtifactFile = "/addon/tmp/.plugin/artifact";

export interface PluginContainerOptions {
  images?: PluginImages;
  stage?: StageContext;
  /** The container name; defaults to one made from the step identifier. */
  name?: string;
}

/** Harness's Docker Hub quirk: the v1 endpoint is what docker's credential store keys on. */
export function dockerHubV1(url: string): string {
  return /^https:\/\/index\.docker\.io\/v2\/?$/.test(url) ? "https://index.docker.io/v1/" : url;
}

/**
 * Plugin mode: the container Harness itself runs, a plugin image configured through PLUGIN_*
 * variables. The user's variables come first and the plugin's are set over them.
 */
export function pluginContainer(plan: BuildPlan, options: PluginContainerOptions = {}): ContainerSpec {
  const images = options.images ?? resolvePluginImages();
  const stage = options.stage ?? {};
  const kubernetes = plan.infrastructure === "kubernetes";
  const { env, secretEnv } = pluginEnvironment(plan);
  const choice = pluginImageChoice(plan.infrastructure, plan.variant);
  // Keys follow the order of the documented container contract, so the JSON reads the same everywhere.
  const container = { name: options.name ?? containerName(plan.identifier), image: images[choice.name] } as ContainerSpec;
  if (kubernetes && choice.entrypoint) container.command = [choice.entrypoint];
  container.env = env;
  container.secretEnv = secretEnv;
  if (kubernetes) container.workingDir = workspaceMount.mountPath;
  container.resources = plan.resources;
  if (kubernetes) refuseWhatThePluginRefuses(env, secretEnv, plan);
  return kubernetes ? { ...container, ...kubernetesLayout(plan, stage) } : container;
}

/**
 * The kaniko plugin stops before building when a runtime flag does not parse (`PLUGIN_NO_PUSH:
 * yes`, `PLUGIN_PUSH_RETRY: three`): say so now, with the rule, instead of in the build log.
 * Secret values never shape the argv, so a placeholder stands in for each.
 */
function refuseWhatThePluginRefuses(env: Record<string, string>, secretEnv: Record<string, SecretRef>, plan: BuildPlan): void {
  const pluginEnv: Record<string, string> = { ...env };
  for (const [name, { ref }] of Object.entries(secretEnv)) pluginEnv[name] = `<secret:${ref}>`;
  try {
    argvFromPluginEnv(pluginEnv, plan.variant);
  } catch (error) {
    if (!(error instanceof PluginEnvError)) throw error;
    const value = Object.prototype.hasOwnProperty.call(env, error.variable) ? env[error.variable] : undefined;
    throw new BuildpushError([
      {
        code: "invalid-runtime-flag",
        // kaniko-args quotes the whole value; a huge one is shown shortened, as in every message.
        message: value === undefined ? error.message : error.message.split(JSON.stringify(value)).join(quote(value)),
        field: error.variable,
        rule:
          error.code === "invalid-bool" || error.code === "invalid-int"
            ? "the kaniko plugin reads runtime flags as Go does (booleans: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False; integers in decimal, 0x hex or 0 octal) and stops on any other value"
            : "the kaniko plugin stops before building when its runtime flags cannot work with the step as written",
      },
    ]);
  }
}

/** The container environment of plugin mode: user variables, then plugin variables over them. */
export function pluginEnvironment(plan: BuildPlan): { env: Record<string, string>; secretEnv: Record<string, SecretRef> } {
  // Maps, not objects: names move between env and secretEnv, and `delete` would turn an object
  // into a slow dictionary on every step (this runs once per translated step).
  const env = new Map<string, string>();
  const secretEnv = new Map<string, SecretRef>();
  for (const key of Object.keys(plan.userEnv)) env.set(key, plan.userEnv[key]!);
  for (const key of Object.keys(plan.userSecretEnv)) secretEnv.set(key, plan.userSecretEnv[key]!);
  const setPlain = (key: string, value: string | undefined): void => {
    if (value === undefined || value === "") return;
    env.set(key, value);
    secretEnv.delete(key);
  };
  const setSecret = (key: string, ref: SecretRef): void => {
    secretEnv.set(key, ref);
    env.delete(key);
  };

  setPlain("PLUGIN_TAGS", plan.tags.join(","));
  setPlain("PLUGIN_DOCKERFILE", plan.dockerfile);
  setPlain("PLUGIN_CONTEXT", plan.context);
  setPlain("PLUGIN_TARGET", plan.target);
  setPlain("PLUGIN_BUILD_ARGS", encodeMap(plan.buildArgs));
  setPlain("PLUGIN_CUSTOM_LABELS", encodeMap(plan.labels));
  for (const [key, value] of Object.entries(plan.pluginEnv)) setPlain(key, value);
  for (const [key, ref] of Object.entries(plan.pluginSecretEnv)) setSecret(key, ref);

  if (plan.infrastructure === "kubernetes") {
    if (plan.optimize) setPlain("PLUGIN_SNAPSHOT_MODE", "redo");
    if (plan.remoteCache) {
      setPlain("PLUGIN_ENABLE_CACHE", "true");
      setPlain("PLUGIN_CACHE_REPO", plan.remoteCache);
    }
    setPlain("PLUGIN_ARTIFACT_FILE", pluginArtifactFile);
  } else {
    setPlain("PLUGIN_DAEMON_OFF", "true");
    if (plan.cacheFrom.length > 0) setPlain("PLUGIN_CACHE_FROM", plan.cacheFrom.join(";"));
    setPlain("PLUGIN_CACHE_TO", plan.cacheTo);
  }

  if (plan.baseImageCredentials) {
    const base = baseImageEnvNames(plan.variant);
    const credentials = plan.baseImageCredentials;
    if (credentials.kind === "basic" || credentials.kind === "anonymous") {
      setPlain("PLUGIN_DOCKER_REGISTRY", dockerHubV1(credentials.registry));
    }
    if (credentials.kind === "basic") {
      if (credentials.usernameRef) setSecret(base.username, { ref: credentials.usernameRef });
      else setPlain(base.username, credentials.username);
      setSecret(base.password, { ref: credentials.passwordRef });
    }
  }
  return { env: sortedRecord(env), secretEnv: sortedRecord(secretEnv) };
}

/**
 * The plugin reads base-image credentials from PLUGIN_DOCKER_USERNAME/PASSWORD, except the ECR
 * plugin, which reads them from PLUGIN_USERNAME/PASSWORD (its push credentials are AWS keys).
 */
function baseImageEnvNames(variant: BuildPlan["variant"]): { username: string; password: string } {
  return variant === "ecr"
    ? { username: "PLUGIN_USERNAME", password: "PLUGIN_PASSWORD" }
    : { username: "PLUGIN_DOCKER_USERNAME", password: "PLUGIN_DOCKER_PASSWORD" };
}

/** Harness's map encoding: `k=v` pairs joined with `,`, in the order written. */
export function encodeMap(entries: readonly [string, string][]): string | undefined {
  return entries.length > 0 ? entries.map(([key, value]) => `${key}=${value}`).join(",") : undefined;
}

