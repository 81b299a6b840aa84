import { BuildpushError, quote, type Problem } from "../../problems/problem.js";
import type { BuildPlan, RegistryAuthEntry, RegistryCredentials } from "../../plan/model.js";

/**
 * Buildah backend: a BuildPlan becomes the Buildah command lines that build the image once,
 * with every destination tag, and push each tag. Pure: no files are read or written here; the
 * caller says where the auth file and the digest files live.
 */

export interface BuildahCommandOptions {
  /** The program to run; `buildah` on the PATH unless given. */
  program?: string;
  /** Path of the registry auth file (`{"auths": ...}`) the caller writes from `buildahAuthEntries`. */
  authFile: string;
  /** Where `buildah push` writes the digest of tag number `index` (0-based, in plan order). */
  digestFile: (index: number) => string;
  /** Buildah's storage driver. `vfs` works everywhere, without root or fuse-overlayfs. */
  storageDriver?: string;
  /** Storage directories (`--root`, `--runroot`); Buildah's defaults when absent. */
  root?: string;
  runRoot?: string;
  /** Build isolation. `chroot` needs no user namespaces, so it works in unprivileged containers. */
  isolation?: "chroot" | "oci" | "rootless";
}

export interface BuildahPush {
  tag: string;
  /** The image as the artifact file names it: the plan's image and the tag, as written. */
  image: string;
  digestFile: string;
  argv: string[];
}

export interface BuildahCommands {
  build: string[];
  /** One push per tag, in plan order; empty when the step asks for a dry run. */
  push: BuildahPush[];
}

/** How the step reaches registries, from the connector URL and the documented runtime flags. */
export interface BuildahTransport {
  /** Verify TLS when pushing: off for an `http://` connector, PLUGIN_INSECURE or PLUGIN_SKIP_TLS_VERIFY. */
  pushTlsVerify: boolean;
  /** Verify TLS when pulling base images: off for PLUGIN_INSECURE_PULL or PLUGIN_SKIP_TLS_VERIFY_PULL. */
  pullTlsVerify: boolean;
  /** Build without pushing: PLUGIN_DRY_RUN (the Buildah plugin's flag) or PLUGIN_NO_PUSH (kaniko's). */
  dryRun: boolean;
}

export function buildahCommands(plan: BuildPlan, options: BuildahCommandOptions): BuildahCommands {
  const transport = buildahTransport(plan);
  // Fail on credentials Buildah cannot use before any command is produced.
  buildahAuthEntries(plan);
  const global = [options.program ?? "buildah", "--storage-driver", options.storageDriver ?? "vfs"];
  if (options.root !== undefined) global.push("--root", options.root);
  if (options.runRoot !== undefined) global.push("--runroot", options.runRoot);
  const localName = qualifiedImageName(plan.image);

  const build = [...global, "build", "--isolation", options.isolation ?? "chroot", "--authfile", options.authFile];
  if (!transport.pullTlsVerify) build.push("--tls-verify=false");
  // Harness's defaults: the Dockerfile in the working directory, the working directory as context.
  build.push("--file", plan.dockerfile ?? "Dockerfile");
  if (plan.target !== undefined) build.push("--target", plan.target);
  for (const [key, value] of plan.buildArgs) build.push("--build-arg", `${key}=${value}`);
  for (const [key, value] of plan.labels) build.push("--label", `${key}=${value}`);
  for (const tag of plan.tags) build.push("--tag", `${localName}:${tag}`);
  build.push(plan.context ?? ".");

  const push = transport.dryRun
    ? []
    : plan.tags.map((tag, index): BuildahPush => {
        const digestFile = options.digestFile(index);
        const argv = [...global, "push", "--authfile", options.authFile, "--digestfile", digestFile];
        if (!transport.pushTlsVerify) argv.push("--tls-verify=false");
        argv.push(`${localName}:${tag}`, `docker://${localName}:${tag}`);
        return { tag, image: `${plan.image}:${tag}`, digestFile, argv };
      });
  return { build, push };
}

export function buildahTransport(plan: BuildPlan): BuildahTransport {
  const problems: Problem[] = [];
  const flag = (name: string): boolean => runtimeFlag(plan.userEnv, name, plan.identifier, problems);
  const plainHttp = registryUrlOf(plan.pushCredentials)?.startsWith("http://") ?? false;
  const insecurePush = flag("PLUGIN_INSECURE");
  const skipVerify = flag("PLUGIN_SKIP_TLS_VERIFY");
  const insecurePull = flag("PLUGIN_INSECURE_PULL");
  const skipVerifyPull = flag("PLUGIN_SKIP_TLS_VERIFY_PULL");
  const dryRun = flag("PLUGIN_DRY_RUN");
  const noPush = flag("PLUGIN_NO_PUSH");
  if (problems.length > 0) throw new BuildpushError(problems);
  return {
    pushTlsVerify: !(plainHttp || insecurePush || skipVerify),
    pullTlsVerify: !(insecurePull || skipVerifyPull),
    dryRun: dryRun || noPush,
  };
}

/**
 * The logins the auth file must hold, as references: push credentials, then base-image
 * credentials. Buildah has no AWS or Azure login of its own, so those connectors are refused.
 */
export function buildahAuthEntries(plan: BuildPlan): RegistryAuthEntry[] {
  const entries: RegistryAuthEntry[] = [];
  const problems: Problem[] = [];
  const add = (credentials: RegistryCredentials | undefined, field: string): void => {
    if (credentials === undefined || credentials.kind === "anonymous") return;
    if (credentials.kind !== "basic") {
      problems.push({
        code: "unsupported-connector-auth",
        message: `the Buildah backend cannot log in with ${credentials.kind === "aws" ? "an AWS" : "an Azure"} connector (step ${plan.identifier})`,
        field,
        rule: "Buildah pushes with a Docker registry connector using UsernamePassword or Anonymous auth",
        hint: "use the plugin mode for this step, or a Docker registry connector with a username and password for the registry",
      });
      return;
    }
    const entry: RegistryAuthEntry = { registry: authFileKey(credentials.registry), passwordRef: credentials.passwordRef };
    if (credentials.usernameRef !== undefined) entry.usernameRef = credentials.usernameRef;
    else if (credentials.username !== undefined) entry.username = credentials.username;
    entries.push(entry);
  };
  add(plan.pushCredentials, "spec.connectorRef");
  add(plan.baseImageCredentials, "spec.baseImageConnectorRefs");
  if (problems.length > 0) throw new BuildpushError(problems);
  return entries;
}

/**
 * The key Buildah (containers/image) looks credentials up by: the registry host and port, with
 * Docker Hub's API URLs written as `docker.io`.
 */
export function authFileKey(registryUrl: string): string {
  const host = registryUrl.replace(/^[a-z]+:\/\//i, "").split("/")[0]!.toLowerCase();
  return dockerHubHosts.includes(host) ? "docker.io" : host;
}

const dockerHubHosts = ["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"];

/**
 * The fully qualified name, so Buildah tags and pushes the same image the user named:
 * `acme/web` is `docker.io/acme/web`, `web` is `docker.io/library/web` (Buildah would otherwise
 * file an unqualified name under `localhost/`).
 */
export function qualifiedImageName(image: string): string {
  const slash = image.indexOf("/");
  const first = slash === -1 ? "" : image.slice(0, slash);
  const hasRegistry = first.includes(".") || first.includes(":") || first === "localhost";
  if (hasRegistry) return image;
  return slash === -1 ? `docker.io/library/${image}` : `docker.io/${image}`;
}

function registryUrlOf(credentials: RegistryCredentials): string | undefined {
  return credentials.kind === "basic" || credentials.kind === "anonymous" ? credentials.registry : undefined;
}

/** Go's strconv.ParseBool, which the plugins use for these flags; unset and empty are false. */
function runtimeFlag(env: Record<string, string>, name: string, stepId: string, problems: Problem[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return false;
  if (["1", "t", "T", "TRUE", "true", "True"].includes(raw)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(raw)) return false;
  problems.push({
    code: "invalid-option",
    message: `${name} is ${quote(raw)}, which is not a boolean (step ${stepId})`,
    field: name,
    value: raw,
    rule: "runtime flags are booleans: true, false, 1, 0, t, f, TRUE, FALSE, True, False",
  });
  return false;
}
