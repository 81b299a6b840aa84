/**
 * Where a build reads its context and Dockerfile from. kaniko reads any context written
 * `SCHEME://…` from elsewhere (`s3://`, `gs://`, `git://`, `https://`, `tar://`; an unknown
 * scheme stops it), except `dir://PATH`, a local directory; it downloads an `http(s)://`
 * Dockerfile. Buildah fetches `http(s)://`, `git://` and `github.com/…` contexts. A build
 * that reads from outside the workspace can bake whatever is there into the pushed image:
 * `dir:///` is the build container's root, where its registry login is mounted.
 */

export type BuildSource = { kind: "local"; path: string } | { kind: "remote"; scheme: string };

/** What a context (or dockerfile) names: a local path (`dir://PATH` read as PATH) or a remote source. */
export function buildSource(text: string): BuildSource {
  const at = text.indexOf("://");
  if (at === -1) return { kind: "local", path: text };
  const scheme = text.slice(0, at + 3);
  // kaniko compares the prefix as written: DIR:// is no local directory to it.
  if (scheme === "dir://") return { kind: "local", path: text.slice(at + 3) };
  return { kind: "remote", scheme: /^[A-Za-z][A-Za-z0-9+.-]{0,15}:\/\/$/.test(scheme) ? scheme : "a URL" };
}

export const remoteSourceRule =
  "a build reads its context and Dockerfile from the workspace; remote ones (s3://, gs://, git://, https://, tar://, …) are refused unless the caller allows them (allowRemoteContext, --allow-remote-context), and dir:// paths stay inside the workspace like plain paths";

/**
 * Buildah's own remote contexts that kaniko reads as local paths (`github.com/acme/app` is a
 * directory to kaniko and a repository to Buildah): written `./github.com/…` for Buildah so both
 * read the workspace's directory.
 */
export function buildahLocalPath(path: string): string {
  return path.startsWith("github.com/") ? `./${path}` : path;
}
