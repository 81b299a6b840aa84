import type { ProblemCollector } from "@buildpush/core/handler";
import { checkRepositoryField, quote } from "@buildpush/core/handler";

/**
 * The checks of a Google registry step's `host`, `projectID` and image names. Harness checks none
 * of them: it joins `host` and `projectID` into PLUGIN_REGISTRY (host's trailing `/` and
 * projectID's leading `/` trimmed), and a scheme, a path or a slash inside projectID reaches
 * every destination, so the build fails at push time. Each check reports at its own field.
 */

type Path = readonly (string | number)[];

/** A registry host[:port]: DNS labels joined by dots (at least one dot), an optional port. */
const hostPattern = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+(?::[0-9]+)?$/;
const schemePattern = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;
/** A GCP project ID (6 to 30 in practice), optionally domain-scoped: `example.com:my-project`. */
const projectIdPattern = /^(?:([a-z0-9][a-z0-9.-]*):)?([a-z][a-z0-9-]*[a-z0-9])$/;

const hostRule = "host is a registry host such as gcr.io or us-central1-docker.pkg.dev: no https://, no path (the project goes in projectID, the image in imageName)";
const projectIdRule = "projectID is one GCP project ID: lowercase letters, digits and -, starting with a letter, e.g. acme-prod (domain-scoped: example.com:acme-prod)";
const emptyRegistryMessage = "Environment variable PLUGIN_REGISTRY can't be empty or null";

/**
 * `host` as Harness uses it (trailing `/` trimmed), or undefined after reporting why it cannot be
 * a registry host; `suggest` may say what the user meant by a host that is not one.
 */
export function checkHost(host: string, path: Path, collector: ProblemCollector, suggest?: (host: string) => string | undefined): string | undefined {
  // An @ is a login wherever it stands (`user:password@gcr.io`): the host is never repeated.
  if (host.includes("@")) {
    collector.add(path, { code: "invalid-registry", message: "host holds a user name or password (user:password@); it is not shown", rule: hostRule, hint: "the login comes from the GCP connector: write the bare host, e.g. gcr.io" });
    return undefined;
  }
  const scheme = schemePattern.exec(host);
  if (scheme) {
    const bare = host.slice(scheme[0].length).split("/")[0]!;
    collector.add(path, { code: "invalid-registry", message: `host ${quote(host)} holds a URL scheme (${scheme[0]})`, value: host, rule: hostRule, ...(bare ? { hint: `write ${quote(bare)}` } : {}) });
    return undefined;
  }
  const trimmed = host.replace(/\/+$/, "");
  if (trimmed === "") {
    collector.add(path, { code: "missing-field", message: emptyRegistryMessage, value: host, rule: "host is required and cannot be empty" });
    return undefined;
  }
  const slash = trimmed.indexOf("/");
  if (slash !== -1) {
    collector.add(path, {
      code: "invalid-registry",
      message: `host ${quote(host)} holds a path (${quote(trimmed.slice(slash))})`,
      value: host,
      rule: hostRule,
      hint: `write ${quote(trimmed.slice(0, slash))}`,
    });
    return undefined;
  }
  if (!hostPattern.test(trimmed)) {
    const cleaned = trimmed.trim();
    const suggestion = cleaned !== trimmed && hostPattern.test(cleaned) ? cleaned : suggest?.(trimmed);
    collector.add(path, {
      code: "invalid-registry",
      message: `host ${quote(host)} is not a registry host`,
      value: host,
      rule: hostRule,
      ...(suggestion !== undefined ? { hint: `write ${quote(suggestion)}` } : {}),
    });
    return undefined;
  }
  return trimmed;
}

/**
 * `projectID` as the path segment of image names, or undefined after reporting why it is not one
 * project ID. Harness's leading-`/` trim is kept; a domain-scoped project's `:` becomes `/`, as
 * Google writes it in image names (`gcr.io/example.com/my-project/app`), where Harness would
 * pass the `:` on and make a name no registry accepts.
 */
export function checkProjectId(projectID: string, path: Path, collector: ProblemCollector): string | undefined {
  const trimmed = projectID.replace(/^\/+/, "");
  if (trimmed === "") {
    collector.add(path, { code: "missing-field", message: emptyRegistryMessage, value: projectID, rule: "projectID is required and cannot be empty" });
    return undefined;
  }
  const slash = trimmed.indexOf("/");
  if (slash !== -1) {
    const [first, rest] = [trimmed.slice(0, slash), trimmed.slice(slash + 1)];
    collector.add(path, {
      code: "invalid-registry",
      message: `projectID ${quote(projectID)} holds a /`,
      value: projectID,
      rule: `${projectIdRule}; the repository and image go in imageName`,
      // `example.com/my-project` is a domain-scoped project written as in an image name.
      hint: first.includes(".") && projectIdPattern.test(`${first}:${rest}`) ? `write ${quote(`${first}:${rest}`)}` : `write ${quote(first)} and put ${quote(rest)} in front of imageName`,
    });
    return undefined;
  }
  const match = projectIdPattern.exec(trimmed);
  if (!match) {
    const lower = trimmed.toLowerCase().trim();
    collector.add(path, {
      code: "invalid-registry",
      message: `projectID ${quote(projectID)} is not a GCP project ID`,
      value: projectID,
      rule: projectIdRule,
      ...(lower !== trimmed && projectIdPattern.test(lower) ? { hint: `write ${quote(lower)}` } : {}),
    });
    return undefined;
  }
  return match[1] === undefined ? match[2]! : `${match[1]}/${match[2]}`;
}

/** How many path components a registry requires of a repository, and the rule in words. */
export interface RepositoryShape {
  /** The fewest `/`-separated components a repository path has (GAR: 2, REPOSITORY/IMAGE). */
  components: number;
  /** The rule in words, for the problem. */
  rule: string;
  /** What to write, with `IMAGE` standing for the name as written: `REPOSITORY/IMAGE`. */
  example: string;
}

/**
 * A repository inside the registry (imageName, or a remote cache image written the same way):
 * a valid name, no registry of its own, and the registry's own shape. A name that starts with
 * the step's registry is accepted where `full` allows it (remoteCacheImage, which the docs write
 * in full).
 */
export function checkRepositoryInRegistry(
  name: string,
  registry: string | undefined,
  field: { path: Path; label: string; what: string; full: boolean },
  shape: RepositoryShape | undefined,
  collector: ProblemCollector,
): boolean {
  const parsed = checkRepositoryField(name, field.path, collector, field.what);
  if (!parsed) return false;
  let inside = parsed.path;
  if (parsed.domain) {
    const fromRegistry = registry !== undefined && name.startsWith(`${registry}/`) ? name.slice(registry.length + 1) : undefined;
    if (!(field.full && fromRegistry !== undefined)) {
      collector.add(field.path, {
        code: "invalid-repository",
        message: `${field.label} ${quote(name)} names a registry; the registry comes from host and projectID`,
        value: name,
        rule: `${field.label} is the repository inside <host>/<projectID>`,
        ...(fromRegistry ? { hint: `write ${quote(fromRegistry)}` } : {}),
      });
      return false;
    }
    inside = fromRegistry;
  }
  if (shape && inside.split("/").length < shape.components) {
    collector.add(field.path, {
      code: "invalid-repository",
      message: `${field.label} ${quote(name)} names no repository`,
      value: name,
      rule: shape.rule,
      hint: `write ${quote(shape.example.replace("IMAGE", inside))}`,
    });
    return false;
  }
  return true;
}
