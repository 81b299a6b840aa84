/**
 * A Docker connector's registry URL (`dockerRegistryUrl`): an http(s) URL or a host[:port] with
 * an optional path. It reaches every output (PLUGIN_REGISTRY, a credentials file's key, a
 * rendering's comments), so it may hold no login: a user name or password in it (userinfo,
 * `https://ci-bot:PASSWORD@registry.example/`), a query or a fragment would be printed
 * everywhere, and a message about such a URL never repeats it.
 */

export const registryUrlRule =
  "dockerRegistryUrl is an http(s) URL or a host[:port] with an optional path, without a user name, password, query or fragment, e.g. https://index.docker.io/v2/; the login goes in auth (username and passwordRef)";

export interface RegistryUrlProblem {
  reason: string;
  /** True when the URL may hold a secret (userinfo, a query, an @): it must not be repeated. */
  secret: boolean;
}

/** Why `url` is not a registry URL a connector may hold, or undefined when it is one. */
export function registryUrlProblem(url: string): RegistryUrlProblem | undefined {
  // An @ is userinfo wherever it stands (`user:pass@host`, `https://user@host`): never repeated.
  const secret = url.includes("@") || url.includes("?") || url.includes("#");
  // White space would survive the URL parser (percent-encoded) but not a credentials key.
  if (/\s/.test(url)) return { reason: "it holds white space", secret };
  if (/^https?:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { reason: "it is not a URL", secret };
    }
    if (parsed.username !== "" || parsed.password !== "" || url.includes("@")) return { reason: "it holds a user name or password (user:password@)", secret: true };
    if (parsed.search !== "" || parsed.hash !== "" || secret) return { reason: "it holds a query or a fragment", secret: true };
    return parsed.hostname.length > 0 ? undefined : { reason: "it names no host", secret };
  }
  if (url.includes("@")) return { reason: "it holds a user name or password (user:password@)", secret: true };
  // A host starts with a letter or digit: a leading - would read as an option where a plugin passes it on (docker login HOST).
  return /^[a-zA-Z0-9][a-zA-Z0-9.-]*(:[0-9]+)?(\/[\w./-]*)?$/.test(url) ? undefined : { reason: "it is neither an http(s) URL nor a host[:port]", secret };
}
