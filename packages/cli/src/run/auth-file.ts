import type { RegistryAuthEntry } from "@buildpush/core";
import type { SecretValues } from "./secrets.js";

/**
 * The registry auth file Buildah reads (`{"auths": {host: {"auth": base64(user:password)}}}`),
 * made from references and the local secret values. The caller writes it with mode 0600.
 */
export function authFileContent(entries: readonly RegistryAuthEntry[], secrets: SecretValues): string {
  const auths: Record<string, { auth: string }> = {};
  for (const { registry, login } of logins(entries, secrets)) auths[registry] = { auth: Buffer.from(login, "utf8").toString("base64") };
  return `${JSON.stringify({ auths })}\n`;
}

/**
 * Each login as `user:password`: a secret of its own, whose forms (its base64 is the auth
 * file's `auth`) are masked like the secrets it is made of. A login whose values are missing
 * is left out (the run reports the missing secret before anything runs).
 */
export function loginTexts(entries: readonly RegistryAuthEntry[], secrets: SecretValues): string[] {
  return entries.flatMap((entry) => {
    const login = loginText(entry, secrets);
    return login === undefined ? [] : [login];
  });
}

function logins(entries: readonly RegistryAuthEntry[], secrets: SecretValues): { registry: string; login: string }[] {
  return entries.map((entry) => {
    const login = loginText(entry, secrets);
    // Missing values were reported before any step ran; this is a guard, not a user message.
    if (login === undefined) throw new Error(`no secret value for the login to ${entry.registry}`);
    return { registry: entry.registry, login };
  });
}

function loginText(entry: RegistryAuthEntry, secrets: SecretValues): string | undefined {
  const username = entry.usernameRef !== undefined ? secrets.get(entry.usernameRef) : entry.username;
  const password = secrets.get(entry.passwordRef);
  return username === undefined || password === undefined ? undefined : `${username}:${password}`;
}
