import { checkRepositoryField, quote, type AwsConnector, type RegistryCredentials, type SecretRef, type StepHandler } from "@buildpush/core";
import { ecrFields, ecrSpecSchema } from "./spec-fields.generated.js";

export const ecrStepType = "BuildAndPushECR";

const accountPattern = /^[0-9]{1,12}$/;
const regionPattern = /^[a-z]{2}(?:-[a-z]+)+-[0-9]+$/;

/** ECR's registry host, as Harness composes it. */
export function ecrRegistry(account: string, region: string): string {
  return `${account}.dkr.ecr.${region}.amazonaws.com`;
}

export const ecrHandler: StepHandler<AwsConnector> = {
  type: ecrStepType,
  variant: "ecr",
  connectorType: "Aws",
  fields: ecrFields,
  specSchema: ecrSpecSchema,
  baseImageConnectorAllowedOnVm: false,
  target({ spec, connector, infrastructure, collector, specPath }) {
    const account = spec["account"] as string;
    const region = spec["region"] as string;
    const imageName = spec["imageName"] as string;
    if (!accountPattern.test(account)) {
      collector.add([...specPath, "account"], {
        code: "invalid-registry",
        message: `account ${quote(account)} is not an AWS account ID`,
        value: account,
        rule: "an AWS account ID is digits only (12 for real accounts)",
      });
    }
    if (!regionPattern.test(region)) {
      collector.add([...specPath, "region"], {
        code: "invalid-registry",
        message: `region ${quote(region)} is not an AWS region`,
        value: region,
        rule: "an AWS region is lowercase words and a number joined by -, e.g. us-east-1",
        ...(regionPattern.test(region.toLowerCase().trim()) ? { hint: `write ${quote(region.toLowerCase().trim())}` } : {}),
      });
    }
    const name = checkRepositoryField(imageName, [...specPath, "imageName"], collector, "ECR image name");
    if (name?.domain) {
      collector.add([...specPath, "imageName"], {
        code: "invalid-repository",
        message: `imageName ${quote(imageName)} names a registry; the registry comes from account and region`,
        value: imageName,
        rule: "imageName is the repository inside the ECR registry",
        hint: `write ${quote(name.path)}`,
      });
    }
    const cache = spec["remoteCacheImage"] as string | undefined;
    if (cache !== undefined) checkRepositoryField(cache, [...specPath, "remoteCacheImage"], collector, "cache repository");
    if (!collector.ok) return undefined;

    const registry = ecrRegistry(account, region);
    const pluginEnv: Record<string, string> = { PLUGIN_REPO: imageName, PLUGIN_REGISTRY: registry, PLUGIN_REGION: region };
    if (infrastructure === "vm") pluginEnv["PLUGIN_METADATA_FILE"] = "buildx-metadata.json";
    const pluginSecretEnv: Record<string, SecretRef> = {};
    const credentials: RegistryCredentials = { kind: "aws", region };
    const credential = connector.credential;
    if (credential.type === "ManualConfig") {
      if (credential.accessKeyRef) {
        pluginSecretEnv["PLUGIN_ACCESS_KEY"] = { ref: credential.accessKeyRef };
        credentials.accessKeyRef = credential.accessKeyRef;
      } else if (credential.accessKey) {
        pluginEnv["PLUGIN_ACCESS_KEY"] = credential.accessKey;
        credentials.accessKey = credential.accessKey;
      }
      pluginSecretEnv["PLUGIN_SECRET_KEY"] = { ref: credential.secretKeyRef };
      credentials.secretKeyRef = credential.secretKeyRef;
    }
    if (connector.crossAccountAccess) {
      pluginEnv["PLUGIN_ASSUME_ROLE"] = connector.crossAccountAccess.crossAccountRoleArn;
      credentials.assumeRoleArn = connector.crossAccountAccess.crossAccountRoleArn;
      if (connector.crossAccountAccess.externalId) {
        pluginEnv["PLUGIN_EXTERNAL_ID"] = connector.crossAccountAccess.externalId;
        credentials.externalId = connector.crossAccountAccess.externalId;
      }
    }
    return {
      image: `${registry}/${imageName}`,
      ...(cache !== undefined ? { remoteCache: { asWritten: cache, image: cache.startsWith(`${registry}/`) ? cache : `${registry}/${cache}` } } : {}),
      pushCredentials: credentials,
      pluginEnv,
      pluginSecretEnv,
    };
  },
};
