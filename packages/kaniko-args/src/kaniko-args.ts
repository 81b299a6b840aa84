// Typed options → a correct /kaniko/executor argv, without the plugin's bugs.

import { KanikoOptionsError } from "./errors.js";
import { KANIKO_EXECUTOR_FLAGS, resolveExecutorVersion } from "./executor-flags.js";
import type { KanikoOptions, LogFormat, SnapshotMode, Verbosity } from "./kaniko-options.js";
import { splitTag } from "./reference.js";
import {
  contextArgument,
  requireAbsolutePath,
  requireBoolean,
  requireChoice,
  requireDestination,
  requireDuration,
  requireKeyValue,
  requireList,
  requireMirror,
  requireNonNegativeInteger,
  requirePlatform,
  requireRegistryHost,
  requireRepository,
  requireString,
  requireTag,
} from "./validate.js";

export const SNAPSHOT_MODES: readonly SnapshotMode[] = ["full", "redo", "time"];
export const VERBOSITIES: readonly Verbosity[] = ["panic", "fatal", "error", "warn", "info", "debug", "trace"];
export const LOG_FORMATS: readonly LogFormat[] = ["text", "color", "json"];

/** Collects `--flag=value` items, refusing flags the chosen executor lacks. */
class Argv {
  readonly items: string[] = [];

  constructor(
    private readonly version: string,
    private readonly flags: ReadonlySet<string>,
  ) {}

  push(flag: string, option: string, value: string): void {
    if (!this.flags.has(flag)) {
      throw new KanikoOptionsError(
        "unsupported-flag",
        option,
        `${option} needs --${flag}, which kaniko executor ${this.version} does not have; choose a newer executor version or drop ${option}`,
      );
    }
    this.items.push(`--${flag}=${value}`);
  }

  /** A bool flag, emitted only when it differs from kaniko's default. */
  bool(flag: string, option: string, value: unknown, kanikoDefault: boolean): void {
    if (value === undefined) return;
    if (requireBoolean(option, value) !== kanikoDefault) this.push(flag, option, String(value));
  }

  string(flag: string, option: string, value: unknown): void {
    if (value !== undefined) this.push(flag, option, requireString(option, value));
  }

  integer(flag: string, option: string, value: unknown): void {
    if (value !== undefined) this.push(flag, option, String(requireNonNegativeInteger(option, value)));
  }
}

function destinationsOf(options: KanikoOptions): string[] {
  const destinations: string[] = [];
  if (options.destinations !== undefined) {
    requireList("destinations", options.destinations).forEach((d, i) => destinations.push(requireDestination(`destinations[${i}]`, d)));
  }
  if (options.repository !== undefined) {
    const repository = requireRepository("repository", options.repository);
    const tags = options.tags === undefined ? ["latest"] : requireList("tags", options.tags);
    if (tags.length === 0) throw new KanikoOptionsError("invalid-value", "tags", "tags must not be an empty list; leave it out for latest");
    tags.forEach((t, i) => destinations.push(`${repository}:${requireTag(`tags[${i}]`, t)}`));
  } else if (options.tags !== undefined) {
    throw new KanikoOptionsError("tags-without-repository", "tags", "tags were given without a repository to tag; set repository, or give full destinations");
  }
  return destinations;
}

function checkCacheRepo(repo: unknown): string {
  const value = requireString("cache.repo", repo);
  if (value.startsWith("oci:")) {
    if (value.length === 4) throw new KanikoOptionsError("invalid-repository", "cache.repo", "cache.repo \"oci:\" names no layout path", value);
    return value;
  }
  const { tag } = splitTag(value);
  if (tag !== undefined || value.includes("@")) {
    throw new KanikoOptionsError("invalid-repository", "cache.repo", `cache.repo ${JSON.stringify(value)} must be a repository without tag or digest`, value);
  }
  return requireRepository("cache.repo", value);
}

function emitCache(argv: Argv, options: KanikoOptions): void {
  const cache = options.cache;
  if (cache === undefined) return;
  const enabled = requireBoolean("cache.enabled", cache.enabled);
  const fields = ["repo", "ttlHours", "ttl", "copyLayers", "runLayers", "compressed", "dir"] as const;
  if (!enabled) {
    const given = fields.find((f) => cache[f] !== undefined);
    if (given !== undefined) {
      throw new KanikoOptionsError("cache-disabled", `cache.${given}`, `cache.${given} is set but cache.enabled is false; enable the cache or drop cache.${given}`);
    }
    return;
  }
  if (cache.ttlHours !== undefined && cache.ttl !== undefined) {
    throw new KanikoOptionsError("conflicting-options", "cache.ttl", "cache.ttl and cache.ttlHours both set the cache TTL; give only one");
  }
  if (options.noPush === true && cache.repo === undefined) {
    throw new KanikoOptionsError("cache-repo-required", "cache.repo", "with noPush, kaniko can't infer a cache repository from the destinations; set cache.repo");
  }
  argv.push("cache", "cache.enabled", "true");
  if (cache.repo !== undefined) argv.push("cache-repo", "cache.repo", checkCacheRepo(cache.repo));
  if (cache.ttlHours !== undefined) argv.push("cache-ttl", "cache.ttlHours", `${requireNonNegativeInteger("cache.ttlHours", cache.ttlHours)}h`);
  if (cache.ttl !== undefined) argv.push("cache-ttl", "cache.ttl", requireDuration("cache.ttl", cache.ttl));
  argv.bool("cache-copy-layers", "cache.copyLayers", cache.copyLayers, false);
  argv.bool("cache-run-layers", "cache.runLayers", cache.runLayers, true);
  argv.bool("compressed-caching", "cache.compressed", cache.compressed, true);
  argv.string("cache-dir", "cache.dir", cache.dir);
}

function each<T>(option: string, list: readonly unknown[] | undefined, check: (option: string, value: unknown) => T, emit: (value: T, option: string) => void): void {
  if (list === undefined) return;
  requireList(option, list).forEach((item, i) => {
    const itemOption = `${option}[${i}]`;
    emit(check(itemOption, item), itemOption);
  });
}

/**
 * A correct kaniko executor argv (without the program name) for the options:
 * `--flag=value` items, repeatable flags repeated, bool flags only where they
 * differ from kaniko's defaults. Throws KanikoOptionsError for an invalid value,
 * a missing destination, or a flag the chosen executor version lacks.
 */
export function kanikoArgs(options: KanikoOptions, executorVersion?: string): string[] {
  const version = resolveExecutorVersion(executorVersion);
  const argv = new Argv(version, KANIKO_EXECUTOR_FLAGS[version] as ReadonlySet<string>);
  const o = options;

  argv.string("dockerfile", "dockerfile", o.dockerfile);
  if (o.context !== undefined) argv.push("context", "context", contextArgument("context", o.context));
  argv.string("context-sub-path", "contextSubPath", o.contextSubPath);

  const destinations = destinationsOf(o);
  const noPush = o.noPush === undefined ? false : requireBoolean("noPush", o.noPush);
  if (destinations.length === 0) {
    const needing = !noPush ? "destinations" : (["tarPath", "imageNameWithDigestFile", "imageNameTagWithDigestFile"] as const).find((k) => o[k] !== undefined);
    if (needing !== undefined) {
      throw new KanikoOptionsError(
        "destination-required",
        needing,
        needing === "destinations"
          ? "no destination to push to: give destinations or repository (+ tags), or set noPush"
          : `${needing} needs a destination to name the image: give destinations or repository (+ tags)`,
      );
    }
  }
  for (const destination of destinations) argv.push("destination", "destinations", destination);

  each("buildArgs", o.buildArgs, requireKeyValue, ([k, v], opt) => argv.push("build-arg", opt, `${k}=${v}`));
  each("labels", o.labels, requireKeyValue, ([k, v], opt) => argv.push("label", opt, `${k}=${v}`));
  argv.string("target", "target", o.target);
  if (o.customPlatform !== undefined) argv.push("custom-platform", "customPlatform", requirePlatform("customPlatform", o.customPlatform));
  if (o.snapshotMode !== undefined) argv.push("snapshot-mode", "snapshotMode", requireChoice("snapshotMode", o.snapshotMode, SNAPSHOT_MODES));
  argv.bool("single-snapshot", "singleSnapshot", o.singleSnapshot, false);
  argv.bool("reproducible", "reproducible", o.reproducible, false);
  argv.bool("use-new-run", "useNewRun", o.useNewRun, false);
  argv.bool("skip-unused-stages", "skipUnusedStages", o.skipUnusedStages, false);
  argv.bool("cleanup", "cleanup", o.cleanup, false);
  argv.bool("force", "force", o.force, false);
  argv.bool("ignore-var-run", "ignoreVarRun", o.ignoreVarRun, true);
  each("ignorePaths", o.ignorePaths, requireAbsolutePath, (p, opt) => argv.push("ignore-path", opt, p));

  emitCache(argv, o);

  argv.bool("no-push", "noPush", o.noPush, false);
  argv.string("tar-path", "tarPath", o.tarPath);
  argv.string("digest-file", "digestFile", o.digestFile);
  argv.string("image-name-with-digest-file", "imageNameWithDigestFile", o.imageNameWithDigestFile);
  argv.string("image-name-tag-with-digest-file", "imageNameTagWithDigestFile", o.imageNameTagWithDigestFile);
  argv.string("oci-layout-path", "ociLayoutPath", o.ociLayoutPath);

  each("registryMirrors", o.registryMirrors, requireMirror, (m, opt) => argv.push("registry-mirror", opt, m));
  argv.bool("skip-default-registry-fallback", "skipDefaultRegistryFallback", o.skipDefaultRegistryFallback, false);
  argv.bool("insecure", "insecure", o.insecure, false);
  argv.bool("insecure-pull", "insecurePull", o.insecurePull, false);
  each("insecureRegistries", o.insecureRegistries, requireRegistryHost, (r, opt) => argv.push("insecure-registry", opt, r));
  argv.bool("skip-tls-verify", "skipTlsVerify", o.skipTlsVerify, false);
  argv.bool("skip-tls-verify-pull", "skipTlsVerifyPull", o.skipTlsVerifyPull, false);
  each("skipTlsVerifyRegistries", o.skipTlsVerifyRegistries, requireRegistryHost, (r, opt) => argv.push("skip-tls-verify-registry", opt, r));
  each("registryCertificates", o.registryCertificates, requireKeyValue, ([registry, path], opt) => {
    requireRegistryHost(`${opt}[0]`, registry);
    argv.push("registry-certificate", opt, `${registry}=${requireString(`${opt}[1]`, path)}`);
  });
  each(
    "registryClientCertificates",
    o.registryClientCertificates,
    (opt, value) => {
      const cert = value as { registry?: unknown; certPath?: unknown; keyPath?: unknown };
      const registry = requireRegistryHost(`${opt}.registry`, cert?.registry);
      const paths = (["certPath", "keyPath"] as const).map((k) => {
        const path = requireString(`${opt}.${k}`, cert?.[k]);
        if (path.includes(",")) throw new KanikoOptionsError("invalid-path", `${opt}.${k}`, `${opt}.${k} must not contain "," (kaniko splits the value on it)`, path);
        return path;
      });
      return `${registry}=${paths.join(",")}`;
    },
    (value, opt) => argv.push("registry-client-cert", opt, value),
  );
  argv.bool("skip-push-permission-check", "skipPushPermissionCheck", o.skipPushPermissionCheck, false);

  argv.integer("push-retry", "pushRetry", o.pushRetry);
  argv.integer("image-fs-extract-retry", "imageFsExtractRetry", o.imageFsExtractRetry);
  argv.integer("image-download-retry", "imageDownloadRetry", o.imageDownloadRetry);

  if (o.verbosity !== undefined) argv.push("verbosity", "verbosity", requireChoice("verbosity", o.verbosity, VERBOSITIES));
  if (o.logFormat !== undefined) argv.push("log-format", "logFormat", requireChoice("logFormat", o.logFormat, LOG_FORMATS));
  argv.bool("log-timestamp", "logTimestamp", o.logTimestamp, false);

  return argv.items;
}
