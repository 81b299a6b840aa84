import type { RegistryCredentials } from "../plan/build-plan.js";
import type { DockerRegistryConnector } from "./connectors.js";

/** A Docker registry connector's credentials, as references. */
export function dockerCredentials(connector: DockerRegistryConnector): RegistryCredentials {
  if (connector.auth.type === "Anonymous") return { kind: "anonymous", registry: connector.url };
  const credentials: RegistryCredentials = { kind: "basic", registry: connector.url, passwordRef: connector.auth.passwordRef };
  if (connector.auth.username !== undefined) credentials.username = connector.auth.username;
  if (connector.auth.usernameRef !== undefined) credentials.usernameRef = connector.auth.usernameRef;
  return credentials;
}

