import type { Finding } from "../../problems/collector.js";
import { buildahLocalPath, buildSource } from "../../rules/build-context.js";
import { BuildpushError } from "../../problems/error.js";
import { toProblems } from "../../problems/locate.js";
import type { BuildPlan, RegistryCredentials } from "../../plan/build-plan.js";
import { booleanRuntimeFlag } from "../../plan/runtime-flags.js";
import { containersAuthKey } from "../../rules/docker-hub.js";
import { unsupportedBuildSecretFindings } from "../build-secrets.js";
import type { RegistryAuthEntry } from "../container-spec.js";
import { authEntry, registryUrlOf } from "../registry-auth.js";

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

/** What the Buildah commands of a step are made from, or the problems that stop them. */
export interface BuildahSetup {
  transport: BuildahTransport;
  auths: RegistryAuthEntry[];
}

/**
 * The transport and logins of a step, checked: runtime flags that do not parse, credentials
 * Buildah cannot log in with, and build secrets (not passed to Buildah yet) are findings.
 */
export function buildahSetup(plan: BuildPlan): { ok: true; setup: BuildahSetup } | { ok: false; findings: Finding[] } {
  const findings: Finding[] = [];
  buildahSourceFindings(plan, findings);
  const transport = buildahTransport(plan, findings);
  const auths = buildahAuthEntries(plan, findings);
  findings.push(...unsupportedBuildSecretFindings(plan, "buildpush's Buildah backend", "use --mode docker on VM infrastructure, or plugin mode there, where buildx mounts build secrets"));
  return findings.length > 0 ? { ok: false, findings } : { ok: true, setup: { transport, auths } };
}

/** The Buildah command lines of a step; throws a BuildpushError when `buildahSetup` finds problems. */
export function buildahCommands(plan: BuildPlan, options: BuildahCommandOptions): BuildahCommands {
  const checked = buildahSetup(plan);
  if (!checked.ok) throw new BuildpushError(toProblems(checked.findings));
  return commandsFor(plan, checked.setup.transport, options);
}

/** The build and the pushes, from a checked setup. */
export function commandsFor(plan: BuildPlan, transport: BuildahTransport, options: BuildahCommandOptions): BuildahCommands {
  const global = [options.program ?? "buildah", "--storage-driver", options.storageDriver ?? "vfs"];
  if (options.root !== undefined) global.push("--root", options.root);
  if (options.runRoot !== undefined) global.push("--runroot", options.runRoot);
  const localName = qualifiedImageName(plan.image);

  const build = [...global, "build", "--isolation", options.isolation ?? "chroot", "--authfile", options.authFile];
  if (!transport.pullTlsVerify) build.push("--tls-verify=false");
  // Harness's defaults: the Dockerfile in the working directory, the working directory as context.
  build.push("--file", plan.dockerfile !== undefined ? buildahPath(plan.dockerfile, false) : "Dockerfile");
  if (plan.target !== undefined) build.push("--target", plan.target);
  for (const [key, value] of plan.buildArgs) build.push("--build-arg", `${key}=${value}`);
  for (const [key, value] of plan.labels) build.push("--label", `${key}=${value}`);
  for (const tag of plan.tags) build.push("--tag", `${localName}:${tag}`);
  build.push(plan.context !== undefined ? buildahPath(plan.context, true) : ".");

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

/**
 * A dockerfile or context as Buildah must be given it: `dir://PATH` (kaniko's local directory) as
 * PATH, and a local `github.com/…` context as `./github.com/…`, which Buildah would otherwise
 * clone from GitHub. Remote sources (allowed by the caller) go as written.
 */
function buildahPath(text: string, context: boolean): string {
  const source = buildSource(text);
  if (source.kind === "remote") return text;
  return context ? buildahLocalPath(source.path) : source.path;
}

/** Remote sources the caller allowed that Buildah cannot fetch: it reads http(s):// and git:// contexts and http(s):// Dockerfiles. */
function buildahSourceFindings(plan: BuildPlan, findings: Finding[]): void {
  for (const [field, value, fetches] of [["context", plan.context, ["http://", "https://", "git://"]], ["dockerfile", plan.dockerfile, ["http://", "https://"]]] as const) {
    if (value === undefined) continue;
    const source = buildSource(value);
    if (source.kind !== "remote" || (fetches as readonly string[]).includes(source.scheme.toLowerCase())) continue;
    findings.push({
      path: ["spec", field],
      at: "value",
      code: "unsupported-in-mode",
      message: `Buildah cannot read a ${field} from ${source.scheme}`,
      value,
      rule: `Buildah fetches a ${field} from ${fetches.join(", ")} only`,
      hint: "use plugin or kaniko mode for this source, or give a path in the workspace",
    });
  }
}

/** How a step reaches registries; runtime flags that do not parse are added to `findings`. */
export function buildahTransport(plan: BuildPlan, findings: Finding[]): BuildahTransport {
  const flag = (name: string): boolean => booleanRuntimeFlag(plan, name, findings);
  const plainHttp = registryUrlOf(plan.pushCredentials)?.startsWith("http://") ?? false;
  const insecurePush = flag("PLUGIN_INSECURE");
  const skipVerify = flag("PLUGIN_SKIP_TLS_VERIFY");
  const insecurePull = flag("PLUGIN_INSECURE_PULL");
  const skipVerifyPull = flag("PLUGIN_SKIP_TLS_VERIFY_PULL");
  const dryRun = flag("PLUGIN_DRY_RUN");
  const noPush = flag("PLUGIN_NO_PUSH");
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
function buildahAuthEntries(plan: BuildPlan, findings: Finding[]): RegistryAuthEntry[] {
  const entries: RegistryAuthEntry[] = [];
  const add = (credentials: RegistryCredentials | undefined, field: string): void => {
    if (credentials === undefined || credentials.kind === "anonymous") return;
    if (credentials.kind !== "basic") {
      findings.push({
        path: ["spec", field],
        at: "value",
        code: "unsupported-connector-auth",
        message: `the Buildah backend cannot log in with ${/^[AEIOU]/.test(credentials.provider) ? `an ${credentials.provider}` : `a ${credentials.provider}`} connector (step ${plan.identifier})`,
        rule: "Buildah pushes with a Docker registry connector using UsernamePassword or Anonymous auth",
        hint: "use the plugin mode for this step, or a Docker registry connector with a username and password for the registry",
      });
      return;
    }
    entries.push(authEntry(credentials, containersAuthKey(credentials.registry)));
  };
  add(plan.pushCredentials, "connectorRef");
  add(plan.baseImageCredentials, "baseImageConnectorRefs");
  return entries;
}

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
