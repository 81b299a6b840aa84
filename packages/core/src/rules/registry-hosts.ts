/**
 * Registry hosts a caller allows (`allowedRegistryHosts`): an entry is a host (`registry.corp`,
 * `registry.corp:5000`), or `*.suffix` for every host under a domain. Hosts compare without case.
 */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const name = host.toLowerCase();
  return allowed.some((entry) => {
    const pattern = entry.toLowerCase();
    return pattern.startsWith("*.") ? name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1 : name === pattern;
  });
}

/** What an entry of allowedRegistryHosts may be: a host[:port] or `*.` and a domain. */
export const allowedHostPattern = /^(\*\.)?[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*(:[0-9]{1,5})?$/;
