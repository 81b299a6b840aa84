// Image reference grammar (the distribution reference grammar that registries and
// kaniko's go-containerregistry enforce), used to validate tags, repositories,
// destinations and registry host names.

/** A tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`. */
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

const DOMAIN_LABEL = "(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])";
const DOMAIN = new RegExp(`^(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 255;

export function isValidTag(tag: string): boolean {
  return TAG_PATTERN.test(tag);
}

/** A registry host, optionally with a port: `registry.example.com:5000`, `localhost`, `[::1]:5000`. */
export function isValidRegistryHost(host: string): boolean {
  return DOMAIN.test(host);
}

/** Whether the first component of a repository names a registry (has `.` or `:`, or is `localhost`). */
export function looksLikeRegistry(component: string): boolean {
  return component.includes(".") || component.includes(":") || component === "localhost";
}

/** Why a repository name (no tag, no digest) is invalid, or undefined when it is valid. */
export function repositoryProblem(repository: string): string | undefined {
  if (repository === "") return "it is empty";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repository)) return "it has a URL scheme; give registry/path without https://";
  if (repository.length > MAX_NAME_LENGTH) return `it is longer than ${MAX_NAME_LENGTH} characters`;
  const components = repository.split("/");
  let path = components;
  if (components.length > 1 && looksLikeRegistry(components[0] as string)) {
    if (!isValidRegistryHost(components[0] as string)) return `${JSON.stringify(components[0])} is not a valid registry host`;
    path = components.slice(1);
  }
  for (const component of path) {
    if (!PATH_COMPONENT.test(component)) {
      return `path component ${JSON.stringify(component)} must be lowercase letters and digits, separated by ".", "_", "__" or "-"`;
    }
  }
  return undefined;
}

/** Splits `repo[:tag]` (the tag being after the last `/`). */
export function splitTag(reference: string): { repository: string; tag: string | undefined } {
  const slash = reference.lastIndexOf("/");
  const colon = reference.lastIndexOf(":");
  if (colon > slash) return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repository: reference, tag: undefined };
}

/** Why a push destination `repo[:tag]` is invalid, or undefined when it is valid. */
export function destinationProblem(destination: string): string | undefined {
  if (destination.includes("@")) return "a digest reference can't be pushed to; give repository:tag";
  const { repository, tag } = splitTag(destination);
  const repoProblem = repositoryProblem(repository);
  if (repoProblem !== undefined) return `its repository is invalid: ${repoProblem}`;
  if (tag !== undefined && !isValidTag(tag)) {
    return `its tag ${JSON.stringify(tag)} does not match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`;
  }
  return undefined;
}
