/**
 * Docker Hub is reached under several names. Each consumer keys credentials its own way, and
 * each function here is the one place that knows one of those ways.
 */
const dockerHubHosts = ["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"];

const dockerHubApiUrl = /^https:\/\/(index\.docker\.io|registry\.hub\.docker\.com)\/v2\/?$/;

/** The registry host of a URL or host[:port], lowercase: `https://Reg.example:5000/v2/` → `reg.example:5000`. */
export function registryHost(registryUrl: string): string {
  return registryUrl.replace(/^[a-z]+:\/\//i, "").split("/")[0]!.toLowerCase();
}

export function isDockerHub(registryUrl: string): boolean {
  return dockerHubHosts.includes(registryHost(registryUrl));
}

/**
 * The key docker's config.json (and so kaniko and drone-docker) uses for a registry: Docker
 * Hub's API URLs are filed under the v1 URL, `https://index.docker.io/v1/`; others as written.
 */
export function dockerConfigKey(registryUrl: string): string {
  return dockerHubApiUrl.test(registryUrl) ? "https://index.docker.io/v1/" : registryUrl;
}

/**
 * Harness's own rewrite on VMs: only the exact v2 URL of index.docker.io becomes the v1 URL
 * (what drone-docker keys credentials on); every other URL reaches the plugin as written.
 */
export function harnessDockerHubV1(registryUrl: string): string {
  return /^https:\/\/index\.docker\.io\/v2\/?$/.test(registryUrl) ? "https://index.docker.io/v1/" : registryUrl;
}

/** The key Buildah (containers/image) looks credentials up by: the host and port, Docker Hub as `docker.io`. */
export function containersAuthKey(registryUrl: string): string {
  const host = registryHost(registryUrl);
  return dockerHubHosts.includes(host) ? "docker.io" : host;
}
