import { checkRepositoryField, quote, type AzureConnector, type RegistryCredentials, type SecretRef, type StepHandler } from "@buildpush/core";
import { acrFields, acrSpecSchema } from "./spec-fields.generated.js";

export const acrStepType = "BuildAndPushACR";

export const acrHandler: StepHandler<AzureConnector> = {
  type: acrStepType,
  variant: "acr",
  connectorType: "Azure",
  fields: acrFields,
  specSchema: acrSpecSchema,
  baseImageConnectorAllowedOnVm: true,
  target({ spec, connector, collector, specPath }) {
    const repository = spec["repository"] as string;
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
    const cache = spec["remoteCacheImage"] as string | undefined;
    if (cache !== undefined) checkRepositoryField(cache, [...specPath, "remoteCacheImage"], collector, "cache repository");
    const credential = connector.credential;
    if (credential.type !== "ManualConfig") {
      collector.add([...specPath, "connectorRef"], {
        code: "unsupported-connector-auth",
        message: `Azure connector ${connector.identifier} inherits the delegate's credentials, which the ACR step does not support`,
        value: spec["connectorRef"],
        rule: "the ACR step pushes with an Azure connector that uses a client secret or a certificate",
      });
    }
    if (!name?.domain || credential.type !== "ManualConfig" || !collector.ok) return undefined;

    const registry = name.domain;
    const pluginEnv: Record<string, string> = { PLUGIN_REPO: repository, PLUGIN_REGISTRY: registry, CLIENT_ID: credential.applicationId, TENANT_ID: credential.tenantId };
    const pluginSecretEnv: Record<string, SecretRef> = {};
    const credentials: RegistryCredentials = { kind: "azure", clientId: credential.applicationId, tenantId: credential.tenantId };
    if (credential.auth.type === "Secret") {
      pluginSecretEnv["CLIENT_SECRET"] = { ref: credential.auth.secretRef };
      credentials.clientSecretRef = credential.auth.secretRef;
    } else {
      pluginSecretEnv["CLIENT_CERTIFICATE"] = { ref: credential.auth.certificateRef };
      credentials.clientCertificateRef = credential.auth.certificateRef;
    }
    const subscriptionId = (spec["subscriptionId"] as string | undefined)?.trim();
    if (subscriptionId) {
      pluginEnv["SUBSCRIPTION_ID"] = subscriptionId;
      credentials.subscriptionId = subscriptionId;
    }
    return {
      image: repository,
      ...(cache !== undefined ? { remoteCache: { asWritten: cache, image: cache.startsWith(`${registry}/`) ? cache : `${registry}/${cache}` } } : {}),
      pushCredentials: credentials,
      pluginEnv,
      pluginSecretEnv,
    };
  },
};
