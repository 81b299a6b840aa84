// What the Docker CLI itself refuses in `docker tag` and `docker push`: it parses the image
// reference before it talks to the daemon (github.com/distribution/reference v0.6, which the
// Docker 28 CLI in the plugin image uses: ParseNormalizedNamed, ParseAnyReference). Written
// here rather than taken from npm: @swimlane/docker-reference, the one port, has an older
// grammar (no IPv6 hosts, no uppercase-domain rule) and is CommonJS.

import { ECR_DEFAULT_REGISTRY } from "./constants.js";

const alphanumeric = "[a-z0-9]+";
const separator = "(?:[._]|__|[-]+)";
const domainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const ipv6Address = "\\[(?:[a-fA-F0-9:]+)\\]";
const host = `(?:${domainNameComponent}(?:\\.${domainNameComponent})*|${ipv6Address})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const tag = "[\\w][\\w.-]{0,127}";
const digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}";
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const name = `(?:${domainAndPort}/)?${remoteName}`;

const REFERENCE = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);
const ANCHORED_NAME = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
const MAX_PATH_LENGTH = 255;
/** go-digest's registered algorithms and the length of their hex encoding. */
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

export const DOCKER_HUB_DOMAIN = "docker.io";

/** splitDockerDomain: the registry a name points at (Docker Hub unless its first part is a host) and the rest. */
export function splitDockerDomain(reference: string): { domain: string; remainder: string; explicit: boolean } {
  const slash = reference.indexOf("/");
  if (slash < 0) return { domain: DOCKER_HUB_DOMAIN, remainder: `library/${reference}`, explicit: false };
  const first = reference.slice(0, slash);
  const rest = reference.slice(slash + 1);
  let domain: string;
  let remainder: string;
  let explicit = true;
  if (first === "localhost" || /[.:]/.test(first) || first.toLowerCase() !== first) {
    domain = first === "index.docker.io" ? DOCKER_HUB_DOMAIN : first;
    remainder = rest;
  } else {
    domain = DOCKER_HUB_DOMAIN;
    remainder = reference;
    explicit = false;
  }
  if (domain === DOCKER_HUB_DOMAIN && !remainder.includes("/")) remainder = `library/${remainder}`;
  return { domain, remainder, explicit };
}

/** go-digest's Parse: an error message, or undefined for a valid digest. */
function digestProblem(value: string): string | undefined {
  const colon = value.indexOf(":");
  const algorithm = value.slice(0, colon);
  const encoded = value.slice(colon + 1);
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (length === undefined) return "unsupported digest algorithm";
  if (encoded.length !== length) return "invalid checksum digest length";
  if (!/^[a-f0-9]+$/.test(encoded)) return "invalid checksum digest format";
  return undefined;
}

/** reference.Parse: docker's message for a refused reference, or undefined. */
function parseProblem(reference: string): { problem: string } | { digested: boolean } {
  const match = REFERENCE.exec(reference);
  if (match === null) {
    if (reference === "") return { problem: "repository name must have at least one component" };
    if (REFERENCE.test(reference.toLowerCase())) return { problem: "repository name must be lowercase" };
    return { problem: "invalid reference format" };
  }
  const repository = match[1] as string;
  const path = ANCHORED_NAME.exec(repository)?.[2] ?? repository;
  if (path.length > MAX_PATH_LENGTH) return { problem: `repository name must not be more than ${MAX_PATH_LENGTH} characters` };
  const digestPart = match[3];
  if (digestPart !== undefined) {
    const problem = digestProblem(digestPart);
    if (problem !== undefined) return { problem };
  }
  return { digested: digestPart !== undefined };
}

/** reference.ParseNormalizedNamed, as `docker push` and the target of `docker tag` go through it. */
function normalizedNamedProblem(reference: string): { problem: string } | { digested: boolean } {
  if (IDENTIFIER.test(reference)) return { problem: `invalid repository name (${reference}), cannot specify 64-byte hexadecimal strings` };
  const { domain, remainder } = splitDockerDomain(reference);
  const colon = remainder.indexOf(":");
  const remote = colon < 0 ? remainder : remainder.slice(0, colon);
  if (remote.toLowerCase() !== remote) return { problem: `invalid reference format: repository name (${remote}) must be lowercase` };
  return parseProblem(`${domain}/${remainder}`);
}

/** reference.ParseAnyReference, as the source of `docker tag` goes through it. */
function anyReferenceProblem(reference: string): string | undefined {
  if (IDENTIFIER.test(reference)) return undefined;
  if (new RegExp(`^${digest}$`).test(reference) && digestProblem(reference) === undefined) return undefined;
  const parsed = normalizedNamedProblem(reference);
  return "problem" in parsed ? parsed.problem : undefined;
}

/** The emulation's placeholder registry stands for a valid ECR host. */
function resolvePlaceholders(reference: string): string {
  return reference.replaceAll(ECR_DEFAULT_REGISTRY, "000000000000.dkr.ecr.us-east-1.amazonaws.com");
}

/** Why the Docker CLI refuses SOURCE in `docker tag SOURCE TARGET`, or undefined. */
export function tagSourceProblem(source: string): string | undefined {
  const problem = anyReferenceProblem(resolvePlaceholders(source));
  return problem === undefined ? undefined : `Error parsing reference: ${JSON.stringify(source)} is not a valid repository/tag: ${problem}`;
}

/** Why the Docker CLI refuses TARGET in `docker tag SOURCE TARGET`, or undefined. */
export function tagTargetProblem(target: string): string | undefined {
  const parsed = normalizedNamedProblem(resolvePlaceholders(target));
  if ("problem" in parsed) return `Error parsing reference: ${JSON.stringify(target)} is not a valid repository/tag: ${parsed.problem}`;
  if (parsed.digested) return "refusing to create a tag with a digest reference";
  return undefined;
}

/** Why the Docker CLI refuses `docker push TARGET` before asking the daemon, or undefined. */
export function pushCommandProblem(target: string): string | undefined {
  const parsed = normalizedNamedProblem(resolvePlaceholders(target));
  return "problem" in parsed ? parsed.problem : undefined;
}
