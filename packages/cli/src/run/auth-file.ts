import type { RegistryAuthEntry } from "@buildpush/core";
import type { SecretValues } from "./secrets.js";

/**
 * The registry auth file Buildah reads (`{"auths": {host: {"auth": base64(user:password)}}}`),
 * made from references and the local secret values. The caller writes it with mode 0600.
 */
export function authFileContent(entries: readonly RegistryAuthEntry[], secrets: SecretValues): string {
  const auths: Record<string, { auth: string }> = {};
  for (const entry of entries) {
    const username = entry.usernameRef !== undefined ? secrets.get(entry.usernameRef) : entry.username;
    const password = secrets.get(entry.passwordRef);
    // Missing values were reported before any step ran; this is a guard, not a user message.
    if (username === undefined || password === undefined) throw new Error(`no secret value for the login to ${entry.registry}`);
    auths[entry.registry] = { auth: Buffer.from(`${username}:${password}`, "utf8").toString("base64") };
  }
  return `${JSON.stringify({ auths })}\n`;
}

/** The text of each login as it appears in the file, so it can be masked like the secrets themselves. */
export function encodedLogins(entries: readonly RegistryAuthEntry[], secrets: SecretValues): string[] {
  return Object.values((JSON.parse(authFileContent(entries, secrets)) as { auths: Record<string, { auth: string }> }).auths).map((login) => login.auth);
}
