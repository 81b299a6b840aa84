import type { CommonSpec, FieldTable, GcpConnector, PluginEncoding, PluginImages, SpecSchema, StepHandler } from "@buildpush/core/handler";
import { hostAllowed, quote } from "@buildpush/core/handler";
import { checkCredentialOnInfrastructure, googleCredentials, googlePluginCredentials } from "./google-credentials.js";
import { checkHost, checkProjectId, checkRepositoryInRegistry, type RepositoryShape } from "./google-registry-checks.js";

/**
 * The GCR and GAR steps are one step in Harness (field for field the same spec, the same PLUGIN_*
 * rules, the same connector); this is that step, and each package gives only what tells its
 * registry apart (`GoogleRegistryProfile`). @buildpush/gcr builds its handler from it too.
 */

/** The fields a Google registry step reads itself; `GarSpec` and `GcrSpec` both have them. */
export interface GoogleRegistrySpec extends CommonSpec {
  connectorRef: string;
  host: string;
  projectID: string;
  imageName: string;
  remoteCacheImage?: string;
}

/** What tells one Google registry step from the other. */
export interface GoogleRegistryProfile<Type extends string, Spec extends GoogleRegistrySpec> {
  type: Type;
  fields: FieldTable<Spec>;
  specSchema: SpecSchema;
  /** The registry as the artifact file names it (`GCR`, `GAR`), also in messages. */
  registryType: string;
  plugin: {
    variant: PluginEncoding["variant"];
    /** The kaniko plugin, drone-docker's wrapper and, for Harness's buildx path on VMs, the buildx wrapper. */
    images: PluginImages;
    /** Variables only this registry's step sets, on every infrastructure (GAR's PLUGIN_REGISTRY_TYPE). */
    env: Readonly<Record<string, string>>;
  };
  /**
   * The hosts of the registry's own service, checked once `host` is a host: the step sends the
   * connector's key (or token) to the host, so any other one must be allowed by the caller
   * (`allowedRegistryHosts`). `suggest` names the host meant, `hint` says what to do otherwise.
   */
  hostRule: { test(host: string): boolean; message(host: string): string; rule: string; suggest(host: string): string | undefined; hint: string };
  /** The path components the registry requires of a repository (GAR: REPOSITORY/IMAGE). */
  repositoryShape?: RepositoryShape;
}

/** The step handler of a Google registry: GCR's and GAR's, told apart by their profiles. */
export function googleRegistryHandler<Type extends string, Spec extends GoogleRegistrySpec>(profile: GoogleRegistryProfile<Type, Spec>): StepHandler<Type, Spec, GcpConnector> {
  return {
    type: profile.type,
    connectorType: "Gcp",
    fields: profile.fields,
    specSchema: profile.specSchema,
    // Harness refuses a base image connector on VMs only for ECR; drone-docker logs in to it on VMs.
    baseImageConnectorAllowedOnVm: true,
    target({ spec, connector, infrastructure, collector, specPath, allowedRegistryHosts }) {
      const hostPath = [...specPath, "host"];
      const hostRule = profile.hostRule;
      let host = checkHost(spec.host, hostPath, collector, hostRule.suggest);
      if (host !== undefined && !hostRule.test(host) && !hostAllowed(host, allowedRegistryHosts)) {
        const suggestion = hostRule.suggest(host);
        collector.add(hostPath, { code: "invalid-registry", message: hostRule.message(host), value: spec.host, rule: hostRule.rule, hint: suggestion !== undefined ? `write ${quote(suggestion)}` : hostRule.hint });
        host = undefined;
      }
      const project = checkProjectId(spec.projectID, [...specPath, "projectID"], collector);
      const registry = host !== undefined && project !== undefined ? `${host}/${project}` : undefined;
      const what = `${profile.registryType} image name`;
      checkRepositoryInRegistry(spec.imageName, registry, { path: [...specPath, "imageName"], label: "imageName", what, full: false }, profile.repositoryShape, collector);
      const cache = spec.remoteCacheImage;
      if (cache !== undefined) checkRepositoryInRegistry(cache, registry, { path: [...specPath, "remoteCacheImage"], label: "remoteCacheImage", what: "cache repository", full: true }, profile.repositoryShape, collector);
      checkCredentialOnInfrastructure(connector, infrastructure, profile.type, [...specPath, "connectorRef"], spec.connectorRef, collector);
      if (host === undefined || registry === undefined || !collector.ok) return undefined;
      return {
        image: `${registry}/${spec.imageName}`,
        registry: { url: registry, type: profile.registryType },
        ...(cache !== undefined ? { remoteCache: { asWritten: cache, image: cache.startsWith(`${registry}/`) ? cache : `${registry}/${cache}` } } : {}),
        pushCredentials: googleCredentials(host, connector),
      };
    },
    plugin: {
      variant: profile.plugin.variant,
      images: profile.plugin.images,
      variables({ spec, connector, plan }) {
        const credentials = googlePluginCredentials(spec.connectorRef, connector);
        // PLUGIN_REPO is imageName as written: the plugins put the registry in front of it.
        // The buildx path's cache variables and metadata file come from the plugin backend, as for every step type.
        return { env: { PLUGIN_REGISTRY: plan.registry.url, PLUGIN_REPO: spec.imageName, ...profile.plugin.env, ...credentials.env }, secretEnv: credentials.secretEnv };
      },
    },
  };
}
