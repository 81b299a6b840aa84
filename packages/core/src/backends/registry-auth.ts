import type { RegistryCredentials } from "../plan/build-plan.js";
import type { RegistryAuthEntry } from "./container-spec.js";

/** A login in a credentials file, by reference, under the key the builder looks it up by. */
export function authEntry(credentials: Extract<RegistryCredentials, { kind: "basic" }>, key: string): RegistryAuthEntry {
  const entry: RegistryAuthEntry = { registry: key, passwordRef: credentials.passwordRef };
  if (credentials.usernameRef !== undefined) entry.usernameRef = credentials.usernameRef;
  else if (credentials.username !== undefined) entry.username = credentials.username;
  return entry;
}

/** The registry URL of credentials that name one (a login or an anonymous push); helpers serve a host. */
export function registryUrlOf(credentials: RegistryCredentials): string | undefined {
  return credentials.kind === "basic" || credentials.kind === "anonymous" ? credentials.registry : undefined;
}
