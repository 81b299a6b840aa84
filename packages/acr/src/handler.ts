import type { AzureConnector, ContainerVariables, RegistryCredentials, StepHandler } from "@buildpush/core/handler";
import { checkRepositoryField, hostAllowed, quote } from "@buildpush/core/handler";
import { acrFields, acrSpecSchema } from "./spec-fields.generated.js";
import type { AcrSpec } from "./spec.js";

export const acrStepType = "BuildAndPushACR";

/** The Azure connector's client credentials: the ACR step supports no other. */
type AzureClient = Extract<AzureConnector["credential"], { type: "ManualConfig" }>;

/**
 * The login servers of Azure Container Registry in each Azure cloud: `NAME.azurecr.io` (and its
 * regional endpoints `NAME.REGION.geo.azurecr.io`), Azure China's `NAME.azurecr.cn` and Azure
 * Government's `NAME.azurecr.us`. The ACR plugin exchanges the connector's Azure AD token at the
 * repository's host, so any other host would receive it.
 */
const azureRegistrySuffixes = [".azurecr.io", ".azurecr.cn", ".azurecr.us"] as const;
const acrHostRule = `an ACR repository's registry host ends in ${azureRegistrySuffixes.join(", ")} (Azure's public, China and Government clouds), or is one the caller allows (allowedRegistryHosts)`;

function isAzureRegistryHost(host: string): boolean {
  const name = host.toLowerCase();
  return azureRegistrySuffixes.some((suffix) => name.endsWith(suffix) && /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(name.slice(0, -suffix.length)));
}

/** BuildAndPushACR: pushes `repository` (`NAME.azurecr.io/IMAGE`) with an Azure connector's service principal. */
export const acrHandler: StepHandler<typeof acrStepType, AcrSpec, AzureConnector> = {
  type: acrStepType,
  connectorType: "Azure",
  fields: acrFields,
  specSchema: acrSpecSchema,
  // "supported for Linux platforms on Kubernetes cluster build infrastructures only" (Harness's ACR docs).
  supportedInfrastructures: ["kubernetes"],
  baseImageConnectorAllowedOnVm: true,
  target({ spec, connector, collector, specPath, allowedRegistryHosts }) {
    const repository = spec.repository;
    const path = [...specPath, "repository"];
    if (repository.startsWith("/")) {
      collector.add(path, {
        code: "invalid-repository",
        message: "Environment variable PLUGIN_REPO can't be empty or null",
        value: repository,
        rule: "repository is NAME.azurecr.io/IMAGE: it cannot start with /",
        hint: `write ${quote(`NAME.azurecr.io${repository}`)}`,
      });
      return undefined;
    }
    const name = checkRepositoryField(repository, path, collector);
    if (name && !name.domain) {
      collector.add(path, {
        code: "invalid-repository",
        message: `repository ${quote(repository)} does not name the registry`,
        value: repository,
        rule: "repository is NAME.azurecr.io/IMAGE",
        hint: `write ${quote(`NAME.azurecr.io/${repository}`)}`,
      });
    }
    if (name?.domain && !isAzureRegistryHost(name.domain) && !hostAllowed(name.domain, allowedRegistryHosts)) {
      collector.add(path, {
        code: "invalid-repository",
        message: `repository ${quote(repository)} is not in an Azure container registry: ${quote(name.domain)} is not an Azure registry host, and the ACR step sends the Azure AD token to it`,
        value: repository,
        rule: acrHostRule,
        hint: "write NAME.azurecr.io/IMAGE, or let the caller allow the host (allowedRegistryHosts)",
      });
    }
    const cache = spec.remoteCacheImage;
    if (cache !== undefined) checkRepositoryField(cache, [...specPath, "remoteCacheImage"], collector, "cache repository");
    const credential = connector.credential;
    if (credential.type !== "ManualConfig") {
      collector.add([...specPath, "connectorRef"], {
        code: "unsupported-connector-auth",
        message: `Azure connector ${connector.identifier} inherits the delegate's credentials, which the ACR step does not support`,
        value: spec.connectorRef,
        rule: "the ACR step pushes with an Azure connector that uses a client secret or a certificate",
      });
    }
    if (!name?.domain || credential.type !== "ManualConfig" || !collector.ok) return undefined;

    const registry = name.domain;
    return {
      image: repository,
      registry: { url: registry, type: "Docker" },
      ...(cache !== undefined ? { remoteCache: { asWritten: cache, image: cache.startsWith(`${registry}/`) ? cache : `${registry}/${cache}` } } : {}),
      pushCredentials: acrEnvHelper(registry, credential),
    };
  },
  plugin: {
    variant: "acr",
    images: {
      kubernetes: { name: "plugins/kaniko-acr", reference: "plugins/kaniko-acr:1.13.3", entrypoint: "/kaniko/kaniko-acr" },
      vm: { name: "plugins/acr", reference: "plugins/acr:21.1.1" },
      vmBuildx: { name: "plugins/buildx-acr", reference: "plugins/buildx-acr:1.5.6" },
    },
    variables({ spec, connector, plan }) {
      const credential = connector.credential;
      // target() plans only steps whose connector has client credentials.
      if (credential.type !== "ManualConfig") return { env: {}, secretEnv: {} };
      const variables: ContainerVariables = {
        env: { PLUGIN_REPO: spec.repository, PLUGIN_REGISTRY: plan.pushCredentials.registry, CLIENT_ID: credential.applicationId, TENANT_ID: credential.tenantId },
        secretEnv: {},
      };
      if (credential.auth.type === "Secret") variables.secretEnv["CLIENT_SECRET"] = { ref: credential.auth.secretRef };
      else variables.secretEnv["CLIENT_CERTIFICATE"] = { ref: credential.auth.certificateRef };
      const subscriptionId = spec.subscriptionId?.trim();
      if (subscriptionId) variables.env["SUBSCRIPTION_ID"] = subscriptionId;
      return variables;
    },
  },
};

/** ACR logins go through docker's `acr-env` credential helper, which reads the service principal from AZURE_* variables. */
function acrEnvHelper(registry: string, credential: AzureClient): RegistryCredentials {
  const credentials: Extract<RegistryCredentials, { kind: "helper" }> = {
    kind: "helper",
    registry,
    helper: "acr-env",
    provider: "Azure",
    env: { AZURE_CLIENT_ID: credential.applicationId, AZURE_TENANT_ID: credential.tenantId },
    secretEnv: {},
  };
  if (credential.auth.type === "Secret") credentials.secretEnv["AZURE_CLIENT_SECRET"] = { ref: credential.auth.secretRef };
  else
    credentials.limitation = {
      message: "an Azure connector with certificate authentication cannot push in kaniko mode",
      rule: "kaniko's acr-env helper reads a client secret from AZURE_CLIENT_SECRET; a certificate would have to be a file",
      hint: "use plugin mode, or an Azure connector with a client secret",
    };
  return credentials;
}
