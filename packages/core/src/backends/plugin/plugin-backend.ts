import { argvFromPluginEnv, PluginEnvError } from "@buildpush/kaniko-args";
import type { Finding } from "../../problems/collector.js";
import { quote } from "../../problems/format.js";
import type { SecretRef } from "../../plan/build-plan.js";
import { userVariablePath } from "../../plan/runtime-flags.js";
import { harnessDockerHubV1 } from "../../rules/docker-hub.js";
import type { Backend, BackendInput, BackendOptions, BackendOutcome } from "../backend.js";
import { kanikoBuildSecretFindings } from "../build-secrets.js";
import { buildxCaches, layerCacheOptionFindings } from "../layer-cache.js";
import { buildxVariables, pluginImageFor, takesBuildxPath } from "./buildx-path.js";
import { buildContainer } from "../container-layout.js";
import { sortedRecord, type SortedRecord } from "../sorted-record.js";
import { pluginImageOverrideFindings, pluginImageReference } from "./plugin-images.js";

/** Where the kaniko plugin writes the artifact file that Harness's Artifacts tab reads. */
export const pluginArtifactFile = "/addon/tmp/.plugin/artifact";

/**
 * Plugin mode: the container Harness itself runs, a plugin image configured through PLUGIN_*
 * variables. The user's variables come first and the plugin's are set over them.
 */
export const pluginBackend: Backend = {
  checkOptions: (options, handlers) => [...pluginImageOverrideFindings(options.images ?? {}, handlers), ...layerCacheOptionFindings(options.layerCache)],
  container(input, options): BackendOutcome {
    const { plan, plugin } = input;
    const kubernetes = plan.infrastructure === "kubernetes";
    const { env, secretEnv } = pluginEnvironment(input, options);
    const image = pluginImageFor(plan, plugin.images);
    const findings = kubernetes ? kanikoPluginFindings(env, secretEnv, input) : [];
    if (findings.length > 0) return { ok: false, findings };
    const warnings = takesBuildxPath(plan) ? buildxCaches(plan, options.layerCache).warnings : [];
    return {
      ok: true,
      ...(warnings.length > 0 ? { warnings } : {}),
      container: buildContainer(plan, input.stage, input.name, {
        image: pluginImageReference(image, options.images),
        ...(kubernetes && image.entrypoint ? { command: [image.entrypoint] } : {}),
        // Already sorted: the container takes the records as they are.
        env,
        secretEnv,
      }),
    };
  },
};

/** What stops plugin mode on Kubernetes: what the kaniko plugin refuses, and build secrets it would drop. */
function kanikoPluginFindings(env: Record<string, string>, secretEnv: Record<string, SecretRef>, input: BackendInput): Finding[] {
  return [...whatThePluginRefuses(env, secretEnv, input), ...kanikoBuildSecretFindings(input.plan, "the kaniko plugin Harness runs on Kubernetes")];
}

/**
 * The kaniko plugin stops before building when a runtime flag does not parse (`PLUGIN_NO_PUSH:
 * yes`, `PLUGIN_PUSH_RETRY: three`): say so now, with the rule, instead of in the build log.
 * Secret values never shape the argv, so a placeholder stands in for each.
 */
function whatThePluginRefuses(env: Record<string, string>, secretEnv: Record<string, SecretRef>, { plan, plugin }: BackendInput): Finding[] {
  try {
    argvFromPluginEnv(withSecretPlaceholders(env, secretEnv), plugin.variant);
    return [];
  } catch (error) {
    if (!(error instanceof PluginEnvError)) throw error;
    if (error.code === "missing-credentials") {
      // The login comes from the connector (push) or the base image connector: point there.
      const base = error.variable === "PLUGIN_DOCKER_USERNAME" || error.variable === "PLUGIN_DOCKER_PASSWORD";
      return [
        {
          path: ["spec", base ? "baseImageConnectorRefs" : "connectorRef"],
          at: "value",
          code: "unsupported-connector-auth",
          message: error.message,
          ...(base
            ? {
                // Every kaniko plugin that reads PLUGIN_DOCKER_* writes the base image login this way (GCR and GAR with a key, Docker, ACR).
                rule: "the kaniko plugin logs in to a base image registry only with a username and password: it stops before building otherwise",
                hint: "give the base image connector UsernamePassword auth, or leave it out of baseImageConnectorRefs if its images are public",
              }
            : {
                rule: "the kaniko plugin for Docker registries pushes only with a username and password: it stops before building otherwise",
                hint: "use a Docker registry connector with UsernamePassword auth, set PLUGIN_NO_PUSH=true to build without pushing, or use --mode kaniko or buildah",
              }),
        },
      ];
    }
    const value = Object.prototype.hasOwnProperty.call(env, error.variable) ? env[error.variable] : undefined;
    return [
      {
        path: userVariablePath(plan, error.variable),
        at: "key",
        code: "invalid-runtime-flag",
        // kaniko-args quotes the whole value; a huge one is shown shortened, as in every message.
        message: value === undefined ? error.message : error.message.split(JSON.stringify(value)).join(quote(value)),
        rule:
          error.code === "invalid-bool" || error.code === "invalid-int"
            ? "the kaniko plugin reads runtime flags as Go does (booleans: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False; integers in decimal, 0x hex or 0 octal) and stops on any other value"
            : "the kaniko plugin stops before building when its runtime flags cannot work with the step as written",
      },
    ];
  }
}

/** The plugin's environment with a visible placeholder for each secret, for emulating what the plugin runs. */
export function withSecretPlaceholders(env: Record<string, string>, secretEnv: Record<string, SecretRef>): Record<string, string> {
  const pluginEnv: Record<string, string> = { ...env };
  for (const [name, { ref }] of Object.entries(secretEnv)) pluginEnv[name] = `<secret ${ref}>`;
  return pluginEnv;
}

/**
 * The container environment of plugin mode: user variables, then plugin variables over them.
 * `options` gives the layer cache and the BuildKit image of Harness's buildx path. The records
 * are sortedRecord's, which the container then takes without sorting them again.
 */
export function pluginEnvironment({ plan, plugin }: Pick<BackendInput, "plan" | "plugin">, options: Pick<BackendOptions, "layerCache" | "images"> = {}): { env: SortedRecord<string>; secretEnv: SortedRecord<SecretRef> } {
  // Maps, not objects: names move between env and secretEnv, and `delete` would turn an object
  // into a slow dictionary on every step (this runs once per translated step).
  const env = new Map<string, string>();
  const secretEnv = new Map<string, SecretRef>();
  for (const key of Object.keys(plan.userEnv.env)) env.set(key, plan.userEnv.env[key]!);
  for (const key of Object.keys(plan.userEnv.secretEnv)) secretEnv.set(key, plan.userEnv.secretEnv[key]!);
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
  setPlain("PLUGIN_SECRETS_FROM_ENV", encodeMap(plan.buildSecrets.flatMap((secret) => (secret.from === "env" ? [[secret.id, secret.variable] as [string, string]] : []))));
  setPlain("PLUGIN_SECRETS_FROM_FILE", encodeMap(plan.buildSecrets.flatMap((secret) => (secret.from === "file" ? [[secret.id, secret.path] as [string, string]] : []))));
  for (const [key, value] of Object.entries(plugin.variables.env)) setPlain(key, value);
  for (const [key, ref] of Object.entries(plugin.variables.secretEnv)) setSecret(key, ref);

  if (plan.infrastructure === "kubernetes") {
    if (plan.optimize) setPlain("PLUGIN_SNAPSHOT_MODE", "redo");
    if (plan.remoteCache) {
      setPlain("PLUGIN_ENABLE_CACHE", "true");
      setPlain("PLUGIN_CACHE_REPO", plan.remoteCache.asWritten);
    }
    setPlain("PLUGIN_ARTIFACT_FILE", pluginArtifactFile);
  } else {
    setPlain("PLUGIN_DAEMON_OFF", "true");
    // drone-docker has no cache settings of its own: only the buildx path gets them.
    if (takesBuildxPath(plan)) for (const [key, value] of buildxVariables(plan, options)) setPlain(key, value);
  }

  const base = plan.baseImageCredentials;
  if (base && (base.kind === "basic" || base.kind === "anonymous")) {
    setPlain("PLUGIN_DOCKER_REGISTRY", harnessDockerHubV1(base.registry));
    if (base.kind === "basic") {
      const names = plugin.baseImageCredentialVariables ?? { username: "PLUGIN_DOCKER_USERNAME", password: "PLUGIN_DOCKER_PASSWORD" };
      if (base.usernameRef) setSecret(names.username, { ref: base.usernameRef });
      else setPlain(names.username, base.username);
      setSecret(names.password, { ref: base.passwordRef });
    }
  }
  return { env: sortedRecord(env), secretEnv: sortedRecord(secretEnv) };
}

/** Harness's map encoding: `k=v` pairs joined with `,`, in the order written. */
export function encodeMap(entries: readonly [string, string][]): string | undefined {
  return entries.length > 0 ? entries.map(([key, value]) => `${key}=${value}`).join(",") : undefined;
}

