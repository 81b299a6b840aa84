/**
 * A sentence saying what most likely went wrong, from the last lines Buildah printed, so a user
 * sees the cause (and what to change) before the raw output.
 */
export function diagnose(output: readonly string[], context: { registry?: string; passwordRef?: string }): string | undefined {
  const text = output.join("\n");
  const registry = context.registry ?? "the registry";
  if (/unauthorized|authentication required|invalid username\/password|\b401\b/i.test(text)) {
    const secret = context.passwordRef ? ` and the value of secret ${context.passwordRef}` : "";
    return `${registry} refused the login: check the connector's username${secret}`;
  }
  if (/denied|\b403\b/i.test(text)) return `${registry} denied the push: the connector's user may not push to this repository`;
  if (/server gave HTTP response to HTTPS client/i.test(text)) {
    return `${registry} speaks plain HTTP: write the connector URL as http://..., or set the stage variable PLUGIN_INSECURE=true`;
  }
  if (/x509|certificate/i.test(text)) {
    return `${registry} presented a TLS certificate that is not trusted: use a trusted certificate, or set the stage variable PLUGIN_SKIP_TLS_VERIFY=true`;
  }
  if (/connection refused|no such host|i\/o timeout|network is unreachable|no route to host|dial tcp/i.test(text)) {
    return `cannot reach ${registry}: check the host and port in the image name and that the registry is running`;
  }
  return undefined;
}
