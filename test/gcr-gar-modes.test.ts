/**
 * GCR and GAR in kaniko and Buildah modes: what the plugins do (gcr-gar-and-infrastructure.md
 * §5: the registry in front of the repository and the cache repository, the JSON key as the
 * credential, the artifact file's registry type), done with buildpush's own argv and a login by
 * reference: user `_json_key`, the key's secret as the password, which Google's registries take
 * (docs/conformance.md, "GCR and GAR"). Last, plugin mode's environment as the plugins read it
 * (@buildpush/kaniko-args), so the handler and the emulation agree.
 */
import { describe, expect, test } from "vitest";
import type { ContainerSpec, DockerConfigFile } from "@buildpush/core";
import { translateStep } from "./support/translator.js";
import { allConnectors, step, type StepType } from "./support/fixtures.js";
import { problemsOf } from "./support/problems.js";
import { handlerFor } from "./support/internals.js";
import { withSecretPlaceholders } from "@buildpush/core/handler";
import { argvFromPluginEnv, pluginBugsTriggered } from "@buildpush/kaniko-args";

function container(type: StepType, mode: "kaniko" | "buildah", spec: Record<string, unknown> = {}, infrastructure: "kubernetes" | "vm" = "kubernetes"): ContainerSpec {
  return translateStep(step(type, spec), { connectors: allConnectors, mode, infrastructure });
}

const configFile = (spec: ContainerSpec): DockerConfigFile => spec.files![0]!;

describe("kaniko mode", () => {
  test.each<[StepType, string, string]>([
    ["BuildAndPushGCR", "gcr.io/acme-prod/app", "gcr.io"],
    ["BuildAndPushGAR", "us-central1-docker.pkg.dev/acme-prod/docker-repo/app", "us-central1-docker.pkg.dev"],
  ])("%s: destinations are <host>/<projectID>/<imageName>, and the JSON key a _json_key login by reference for the host", (type, image, host) => {
    const spec = container(type, "kaniko", { tags: ["1.0", "latest"] });
    expect(spec.args).toEqual(expect.arrayContaining([`--destination=${image}:1.0`, `--destination=${image}:latest`]));
    expect(configFile(spec)).toEqual({ kind: "docker-config", path: "/kaniko/.docker/config.json", auths: [{ registry: host, username: "_json_key", passwordRef: "account.gcp_service_account_key" }], credHelpers: {} });
    // No PLUGIN_* variable and no key anywhere but the file's reference.
    expect(spec.env).toEqual({});
    expect(spec.secretEnv).toEqual({});
  });

  test.each<[StepType, string, string]>([
    ["BuildAndPushGCR", "app-cache", "gcr.io/acme-prod/app-cache"],
    ["BuildAndPushGCR", "gcr.io/acme-prod/app-cache", "gcr.io/acme-prod/app-cache"],
    ["BuildAndPushGAR", "docker-repo/cache", "us-central1-docker.pkg.dev/acme-prod/docker-repo/cache"],
    ["BuildAndPushGAR", "us-central1-docker.pkg.dev/acme-prod/docker-repo/cache", "us-central1-docker.pkg.dev/acme-prod/docker-repo/cache"],
  ])("%s: remoteCacheImage %s is the cache repository %s, never prefixed twice (the plugins' quirk 3)", (type, remoteCacheImage, cacheRepo) => {
    expect(container(type, "kaniko", { remoteCacheImage }).args).toEqual(expect.arrayContaining(["--cache=true", `--cache-repo=${cacheRepo}`]));
  });

  test("the artifact file names the registry as the kaniko plugins do: GCR or GAR, and <host>/<projectID>", () => {
    expect(container("BuildAndPushGCR", "kaniko").artifact?.template.data).toEqual({ registryType: "GCR", registryUrl: "gcr.io/acme-prod", images: [{ image: "gcr.io/acme-prod/app:1.0", digest: "" }] });
    expect(container("BuildAndPushGAR", "kaniko").artifact?.template.data).toMatchObject({ registryType: "GAR", registryUrl: "us-central1-docker.pkg.dev/acme-prod" });
  });

  test("base-image credentials are written after the push login, whether or not the connector has a key", () => {
    const withKey = configFile(container("BuildAndPushGAR", "kaniko", { baseImageConnectorRefs: ["account.dockerhub"] }));
    expect(withKey.auths.map((auth) => auth.registry)).toEqual(["us-central1-docker.pkg.dev", "https://index.docker.io/v1/"]);
    // The kaniko plugins drop them without a key (quirk 5); the executor does not need one.
    const workload = configFile(container("BuildAndPushGCR", "kaniko", { connectorRef: "account.gcp_workload_identity", baseImageConnectorRefs: ["account.dockerhub"] }));
    expect(workload.auths.map((auth) => auth.registry)).toEqual(["https://index.docker.io/v1/"]);
  });

  test("the delegate's identity: kaniko's gcr credential helper for the host, which reads the pod's workload identity", () => {
    const spec = container("BuildAndPushGAR", "kaniko", { connectorRef: "account.gcp_workload_identity" });
    expect(configFile(spec)).toMatchObject({ auths: [], credHelpers: { "us-central1-docker.pkg.dev": "gcr" } });
  });

  test("OIDC cannot push in kaniko mode: the token exchange is the VM plugins' own", () => {
    expect(problemsOf(() => container("BuildAndPushGCR", "kaniko", { connectorRef: "account.gcp_oidc" }, "vm"))).toMatchObject([
      { code: "unsupported-in-mode", field: "spec.connectorRef", message: "a GCP connector with OIDC cannot push in kaniko mode", hint: "use plugin mode on VM infrastructure, or a GCP connector with a JSON key (ManualConfig)" },
    ]);
  });
});

describe("Buildah mode", () => {
  test.each<[StepType, string, string]>([
    ["BuildAndPushGCR", "gcr.io/acme-prod/app", "gcr.io"],
    ["BuildAndPushGAR", "us-central1-docker.pkg.dev/acme-prod/docker-repo/app", "us-central1-docker.pkg.dev"],
  ])("%s: the auth file holds the _json_key login for the host, and each tag is pushed to the full name", (type, image, host) => {
    const spec = container(type, "buildah");
    expect(configFile(spec).auths).toEqual([{ registry: host, username: "_json_key", passwordRef: "account.gcp_service_account_key" }]);
    expect(spec.args).toEqual(expect.arrayContaining([`${image}:1.0`, `docker://${image}:1.0`]));
  });

  test.each<[string, string, "kubernetes" | "vm"]>([
    ["the delegate's identity", "account.gcp_workload_identity", "kubernetes"],
    ["OIDC", "account.gcp_oidc", "vm"],
  ])("%s cannot log in with Buildah, which has no Google credential helper", (_case, connectorRef, infrastructure) => {
    expect(problemsOf(() => container("BuildAndPushGAR", "buildah", { connectorRef }, infrastructure))).toMatchObject([{ code: "unsupported-connector-auth", field: "spec.connectorRef", message: "the Buildah backend cannot log in with a GCP connector (step build_step)" }]);
  });
});

describe("plugin mode, as the kaniko-gcr and kaniko-gar plugins read the step's environment", () => {
  const pluginRun = (type: StepType, spec: Record<string, unknown> = {}) => {
    const translated = translateStep(step(type, spec), { connectors: allConnectors });
    const env = withSecretPlaceholders(translated.env, translated.secretEnv);
    const variant = handlerFor(type).plugin.variant;
    return { argv: argvFromPluginEnv(env, variant), bugs: pluginBugsTriggered(env, variant).map((bug) => bug.id) };
  };

  test.each<[StepType, string]>([
    ["BuildAndPushGCR", "gcr.io/acme-prod/app"],
    ["BuildAndPushGAR", "us-central1-docker.pkg.dev/acme-prod/docker-repo/app"],
  ])("%s: the plugin puts PLUGIN_REGISTRY in front of PLUGIN_REPO and of the cache repository, once", (type, image) => {
    const { argv, bugs } = pluginRun(type, { remoteCacheImage: type === "BuildAndPushGCR" ? "app-cache" : "docker-repo/app-cache" });
    expect(argv).toEqual(expect.arrayContaining([`--destination=${image}:1.0`, `--cache-repo=${image}-cache`]));
    expect(bugs).toEqual([]);
  });

  test("a remoteCacheImage written in full, as the docs write it, is prefixed twice by the plugin (quirk 3), which explain names", () => {
    expect(pluginRun("BuildAndPushGCR", { remoteCacheImage: "gcr.io/acme-prod/app-cache" }).bugs).toContain("cache-repo-doubled");
  });

  test("the delegate's identity with a base image connector: the plugin drops the base-image login without a key (quirk 5), which explain names", () => {
    expect(pluginRun("BuildAndPushGAR", { connectorRef: "account.gcp_workload_identity", baseImageConnectorRefs: ["account.dockerhub"] }).bugs).toContain("base-image-login-dropped");
  });
});
