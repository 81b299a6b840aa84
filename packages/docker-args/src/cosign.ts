// The checks drone-docker makes of its cosign settings before it runs any build command
// (docker.go validateCosignConfig). The cosign binary is assumed present, as in the plugin
// image; signing itself is not a docker command and is not listed.

import type { DockerSettings } from "./settings.js";
import { stopped } from "./stop.js";

/** Throws PluginStopped where the plugin refuses its cosign settings. Never quotes the key. */
export function checkCosign(settings: DockerSettings): void {
  const { privateKey, password, params } = settings.cosign;
  if (privateKey === "") return;
  const fail = (reason: string, variable: string) => stopped("cosign-config", `cosign validation failed: ${reason}; the plugin stops before the build`, variable);
  if (params.includes("--oidc") || params.includes("--identity-token")) throw fail("keyless signing not supported", "PLUGIN_COSIGN_PARAMS");
  if (!privateKey.startsWith("-----BEGIN")) return; // a key file path: only warned about
  const validPem = privateKey.includes("-----END") && privateKey.includes("PRIVATE KEY");
  if (!validPem) throw fail("invalid private key format, expected PEM", "PLUGIN_COSIGN_PRIVATE_KEY");
  if (privateKey.includes("ENCRYPTED") && password === "") throw fail("encrypted private key requires password, set PLUGIN_COSIGN_PASSWORD", "PLUGIN_COSIGN_PASSWORD");
}
