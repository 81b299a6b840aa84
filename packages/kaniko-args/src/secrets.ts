// Which variables hold secrets, so that their values never reach an error message.

const SECRET_NAME = /PASSWORD|SECRET|TOKEN/i;
const SECRET_EXACT = new Set([
  "PLUGIN_CONFIG", // a whole docker config.json, with base64 credentials inside
  "DOCKER_PLUGIN_CONFIG", // drone-docker's alias of PLUGIN_CONFIG
  "PLUGIN_SSH_AGENT_KEY", // drone-docker: a private key
  "PLUGIN_COSIGN_PRIVATE_KEY", // drone-docker: a signing key (or its path)
  "PLUGIN_ACCESS_KEY",
  "ECR_ACCESS_KEY", // the ECR plugin's aliases of PLUGIN_ACCESS_KEY
  "AWS_ACCESS_KEY_ID",
  "PLUGIN_SECRET_KEY",
  "CLIENT_SECRET",
  "CLIENT_CERTIFICATE",
  "PLUGIN_CLIENT_CERTIFICATE",
  "AZURE_CLIENT_CERTIFICATE",
  "PLUGIN_JSON_KEY", // a Google service account key (GCR, GAR)
  "GCR_JSON_KEY", // the drone-docker GCR/GAR wrappers' aliases of PLUGIN_JSON_KEY
  "GOOGLE_CREDENTIALS",
]);

/**
 * True when the variable's value must never be shown (passwords, secrets, tokens, credentials,
 * keys; the GCP connector's OIDC token PLUGIN_OIDC_TOKEN_ID and the wrappers' TOKEN by name).
 */
export function isSecretVariable(name: string): boolean {
  return SECRET_NAME.test(name) || SECRET_EXACT.has(name.toUpperCase());
}

/** The value quoted for a message, or a placeholder when the variable holds a secret. */
export function quoteValue(name: string, value: string): string {
  return isSecretVariable(name) ? "(value hidden)" : JSON.stringify(value);
}
