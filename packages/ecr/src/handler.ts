import type { AwsConnector, ContainerVariables, RegistryCredentials, StepHandler } from "@buildpush/core/handler";
import { checkRepositoryField, quote } from "@buildpush/core/handler";
import { ecrFields, ecrSpecSchema } from "./spec-fields.generated.js";
import type { EcrSpec } from "./spec.js";

export const ecrStepType = "BuildAndPushECR";

const accountPattern = /^[0-9]{1,12}$/;
const regionPattern = /^[a-z]{2}(?:-[a-z]+)+-[0-9]+$/;

/** ECR's registry host, as Harness composes it. */
export function ecrRegistry(account: string, region: string): string {
  return `${account}.dkr.ecr.${region}.amazonaws.com`;
}

/** BuildAndPushECR: pushes to `<account>.dkr.ecr.<region>.amazonaws.com/<imageName>` with an AWS connector. */
export const ecrHandler: StepHandler<typeof ecrStepType, EcrSpec, AwsConnector> = {
  type: ecrStepType,
  connectorType: "Aws",
  fields: ecrFields,
  specSchema: ecrSpecSchema,
  baseImageConnectorAllowedOnVm: false,
  target({ spec, connector, collector, specPath, infrastructure }) {
    const { account, region, imageName } = spec;
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
    // On a VM the drone-docker ECR wrapper puts the registry before the repository unless it is
    // already there (docker-plugin.md §5): an image name holding this step's registry is kept.
    // kaniko-ecr on Kubernetes always prefixes it, which doubles the registry.
    const keptOnVm = infrastructure === "vm" && name?.domain !== undefined && name.domain === ecrRegistry(account, region);
    if (name?.domain && !keptOnVm) {
      collector.add([...specPath, "imageName"], {
        code: "invalid-repository",
        message: `imageName ${quote(imageName)} names a registry; the registry comes from account and region${infrastructure === "kubernetes" ? ", and the kaniko-ecr plugin puts it before imageName (the registry would be doubled)" : ""}`,
        value: imageName,
        rule: infrastructure === "kubernetes" ? "imageName is the repository inside the ECR registry" : "imageName is the repository inside the ECR registry, or starts with that registry (the ECR plugin on VMs keeps it then)",
        hint: `write ${quote(name.path)}`,
      });
    }
    const cache = spec.remoteCacheImage;
    if (cache !== undefined) checkRepositoryField(cache, [...specPath, "remoteCacheImage"], collector, "cache repository");
    if (!collector.ok) return undefined;

    const registry = ecrRegistry(account, region);
    return {
      image: keptOnVm ? imageName : `${registry}/${imageName}`,
      registry: { url: registry, type: "ECR" },
      ...(cache !== undefined ? { remoteCache: { asWritten: cache, image: cache.startsWith(`${registry}/`) ? cache : `${registry}/${cache}` } } : {}),
      pushCredentials: ecrLoginHelper(registry, region, connector),
    };
  },
  plugin: {
    variant: "ecr",
    images: {
      kubernetes: { name: "plugins/kaniko-ecr", reference: "plugins/kaniko-ecr:1.13.3", entrypoint: "/kaniko/kaniko-ecr" },
      vm: { name: "plugins/ecr", reference: "plugins/ecr:21.1.1" },
      vmBuildx: { name: "plugins/buildx-ecr", reference: "plugins/buildx-ecr:1.5.6" },
    },
    variables({ spec, connector, plan }) {
      const variables: ContainerVariables = {
        env: { PLUGIN_REPO: spec.imageName, PLUGIN_REGISTRY: ecrRegistry(spec.account, spec.region), PLUGIN_REGION: spec.region },
        secretEnv: {},
      };
      if (plan.infrastructure === "vm") variables.env["PLUGIN_METADATA_FILE"] = "buildx-metadata.json";
      const credential = connector.credential;
      if (credential.type === "ManualConfig") {
        if (credential.accessKeyRef) variables.secretEnv["PLUGIN_ACCESS_KEY"] = { ref: credential.accessKeyRef };
        else if (credential.accessKey) variables.env["PLUGIN_ACCESS_KEY"] = credential.accessKey;
        variables.secretEnv["PLUGIN_SECRET_KEY"] = { ref: credential.secretKeyRef };
      }
      if (connector.crossAccountAccess) {
        variables.env["PLUGIN_ASSUME_ROLE"] = connector.crossAccountAccess.crossAccountRoleArn;
        if (connector.crossAccountAccess.externalId) variables.env["PLUGIN_EXTERNAL_ID"] = connector.crossAccountAccess.externalId;
      }
      return variables;
    },
    // The ECR plugin's push credentials are AWS keys, so it reads base-image credentials from PLUGIN_USERNAME/PASSWORD.
    baseImageCredentialVariables: { username: "PLUGIN_USERNAME", password: "PLUGIN_PASSWORD" },
  },
};

/**
 * ECR logins go through docker's `ecr-login` credential helper, which reads the standard AWS
 * environment (or, without keys, the pod's own role: the delegate's IAM role, IRSA).
 */
function ecrLoginHelper(registry: string, region: string, connector: AwsConnector): RegistryCredentials {
  const credentials: Extract<RegistryCredentials, { kind: "helper" }> = { kind: "helper", registry, helper: "ecr-login", provider: "AWS", env: { AWS_REGION: region }, secretEnv: {} };
  const credential = connector.credential;
  if (credential.type === "ManualConfig") {
    if (credential.accessKeyRef !== undefined) credentials.secretEnv["AWS_ACCESS_KEY_ID"] = { ref: credential.accessKeyRef };
    else if (credential.accessKey !== undefined) credentials.env["AWS_ACCESS_KEY_ID"] = credential.accessKey;
    credentials.secretEnv["AWS_SECRET_ACCESS_KEY"] = { ref: credential.secretKeyRef };
  }
  if (connector.crossAccountAccess) {
    credentials.limitation = {
      message: "an AWS connector with a cross-account role cannot push in kaniko mode",
      rule: "kaniko's ecr-login helper uses the pod's AWS credentials as they are and cannot assume another role for them",
      hint: "use plugin mode, which passes PLUGIN_ASSUME_ROLE to the plugin, or give the pod a role that can push",
    };
  }
  return credentials;
}
