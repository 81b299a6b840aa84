import type { FailureErrorType } from "@buildpush/core";

interface Context {
  registry?: string;
  passwordRef?: string;
}

/** What Buildah's last lines can say, each with the error type a failure strategy names it by. */
const causes: { pattern: RegExp; type: FailureErrorType; cause: (registry: string, context: Context) => string }[] = [
  {
    pattern: /unauthorized|authentication required|invalid username\/password|\b401\b/i,
    type: "Authentication",
    cause: (registry, context) => `${registry} refused the login: check the connector's username${context.passwordRef ? ` and the value of secret ${context.passwordRef}` : ""}`,
  },
  { pattern: /denied|\b403\b/i, type: "Authorization", cause: (registry) => `${registry} denied the push: the connector's user may not push to this repository` },
  { pattern: /server gave HTTP response to HTTPS client/i, type: "Connectivity", cause: (registry) => `${registry} speaks plain HTTP: write the connector URL as http://..., or set the stage variable PLUGIN_INSECURE=true` },
  { pattern: /x509|certificate/i, type: "Connectivity", cause: (registry) => `${registry} presented a TLS certificate that is not trusted: use a trusted certificate, or set the stage variable PLUGIN_SKIP_TLS_VERIFY=true` },
  {
    pattern: /connection refused|no such host|i\/o timeout|network is unreachable|no route to host|dial tcp/i,
    type: "Connectivity",
    cause: (registry) => `cannot reach ${registry}: check the host and port in the image name and that the registry is running`,
  },
];

/**
 * A sentence saying what most likely went wrong, from the last lines Buildah printed, so a user
 * sees the cause (and what to change) before the raw output.
 */
export function diagnose(output: readonly string[], context: Context): string | undefined {
  const text = output.join("\n");
  const found = causes.find(({ pattern }) => pattern.test(text));
  return found?.cause(context.registry ?? "the registry", context);
}

/** The error type of a failure with this output, as Harness's failure strategies name it (`Unknown` when nothing says more). */
export function diagnosedErrorType(output: readonly string[]): FailureErrorType {
  const text = output.join("\n");
  return causes.find(({ pattern }) => pattern.test(text))?.type ?? "Unknown";
}
