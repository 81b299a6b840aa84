// Which registry a login address and a repository point at, to tell when the plugin logs in to
// one registry and pushes to another.

import { DOCKER_HUB_DOMAIN, splitDockerDomain } from "./docker-reference.js";

const DOCKER_HUB_HOSTS = new Set([DOCKER_HUB_DOMAIN, "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]);

function normalizeHost(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_HOSTS.has(lower) ? DOCKER_HUB_DOMAIN : lower;
}

/** The host (and port) of a login address: `https://index.docker.io/v1/` → `docker.io`, `reg.example.com:5000` as is. */
export function loginHost(registry: string): string {
  const withoutScheme = registry.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  return normalizeHost(withoutScheme.split("/")[0] ?? "");
}

/** The registry a repository is pushed to, and whether the repository names it. */
export function repositoryHost(repo: string): { host: string; explicit: boolean } {
  const { domain, explicit } = splitDockerDomain(repo);
  return { host: normalizeHost(domain), explicit };
}
