import type { ContainerVariables, GcpConnector, ProblemCollector, RegistryCredentials } from "@buildpush/core/handler";

/**
 * What a GCP connector gives a Google registry step. Google's registries accept a service
 * account's JSON key as a login, user `_json_key` and the key file's text as the password (the
 * `docker login` of Google's JSON-key method), so a ManualConfig connector is a plain login by
 * reference that kaniko's config file and Buildah's auth file both hold. The delegate's own
 * identity and OIDC have no password: they need Google's credential helper or the plugins.
 */

/** The user Google's registries take a JSON key under. */
export const jsonKeyUser = "_json_key";

/**
 * The reference an engine resolves to the OIDC ID token Harness mints for the connector at run
 * time. It can never name a Harness secret (secret references hold no second `.`), so an engine
 * tells it apart from the secrets it looks up.
 */
export function oidcTokenRef(connectorRef: string): string {
  return `oidc.${connectorRef}`;
}

/** Push credentials, as references, for the registry host. */
export function googleCredentials(host: string, connector: GcpConnector): RegistryCredentials {
  const credential = connector.credential;
  if (credential.type === "ManualConfig") return { kind: "basic", registry: host, username: jsonKeyUser, passwordRef: credential.secretKeyRef };
  // docker-credential-gcr (in the kaniko image) reads Application Default Credentials: the pod's workload identity.
  const helper: Extract<RegistryCredentials, { kind: "helper" }> = { kind: "helper", registry: host, helper: "gcr", provider: "GCP", env: {}, secretEnv: {} };
  if (credential.type === "OidcAuthentication") {
    helper.limitation = {
      message: "a GCP connector with OIDC cannot push in kaniko mode",
      rule: "the OIDC token is exchanged for an access token by the drone-gcr and drone-gar plugins on VMs; kaniko's gcr helper reads only Application Default Credentials",
      hint: "use plugin mode on VM infrastructure, or a GCP connector with a JSON key (ManualConfig)",
    };
  }
  return helper;
}

/** The plugins' credential variables: the JSON key as a secret, or Harness's five OIDC variables. */
export function googlePluginCredentials(connectorRef: string, connector: GcpConnector): ContainerVariables {
  const credential = connector.credential;
  switch (credential.type) {
    case "ManualConfig":
      return { env: {}, secretEnv: { PLUGIN_JSON_KEY: { ref: credential.secretKeyRef } } };
    case "OidcAuthentication":
      return {
        env: {
          PLUGIN_PROJECT_NUMBER: credential.gcpProjectId,
          PLUGIN_POOL_ID: credential.workloadPoolId,
          PLUGIN_PROVIDER_ID: credential.providerId,
          PLUGIN_SERVICE_ACCOUNT_EMAIL: credential.serviceAccountEmail,
        },
        secretEnv: { PLUGIN_OIDC_TOKEN_ID: { ref: oidcTokenRef(connectorRef) } },
      };
    case "InheritFromDelegate":
      // No key: kaniko-gcr/gar fall back to the pod's identity (GKE workload identity).
      return { env: {}, secretEnv: {} };
  }
}

/**
 * The credential types the plugins Harness runs cannot push with on this infrastructure: the
 * kaniko plugins have no OIDC support (the push would be anonymous), and the VM plugins log in
 * only with a key or an OIDC token (Harness's docs: the delegate's credentials are not supported).
 */
export function checkCredentialOnInfrastructure(connector: GcpConnector, infrastructure: "kubernetes" | "vm", stepType: string, path: readonly (string | number)[], value: string, collector: ProblemCollector): void {
  const type = connector.credential.type;
  if (type === "OidcAuthentication" && infrastructure === "kubernetes") {
    collector.add(path, {
      code: "unsupported-connector-auth",
      message: `GCP connector ${connector.identifier} uses OIDC, which the kaniko plugin of a ${stepType} step on Kubernetes ignores: it would push without credentials`,
      value,
      rule: "on Kubernetes a GCR or GAR step pushes with a GCP connector using a JSON key (ManualConfig) or the pod's identity (InheritFromDelegate); Harness's docs allow OIDC only with buildx, on VMs",
      hint: "run the stage on VM infrastructure, or use a GCP connector with a JSON key or the delegate's identity",
    });
  }
  if (type === "InheritFromDelegate" && infrastructure === "vm") {
    collector.add(path, {
      code: "unsupported-connector-auth",
      message: `GCP connector ${connector.identifier} inherits the delegate's identity, which a ${stepType} step cannot use on VM infrastructure: the plugin logs in only with a JSON key or an OIDC token`,
      value,
      rule: "on VM infrastructure a GCR or GAR step pushes with a GCP connector using a JSON key (ManualConfig) or OIDC (OidcAuthentication); Harness's docs say these steps do not support inheriting the delegate's credentials",
      hint: "use a GCP connector with a JSON key or OIDC",
    });
  }
}
