// Which flags each kaniko executor version accepts, so that asking for a flag the
// chosen executor lacks is an error here rather than "unknown flag" in a build.

import { KanikoOptionsError } from "./errors.js";

/** Flags of the last upstream release, v1.23 (GoogleContainerTools/kaniko, archived June 2025);
 * the maintained forks (Chainguard's, osscontainertools') keep these flags. */
const FLAGS_1_23 = [
  "bucket",
  "build-arg",
  "cache",
  "cache-copy-layers",
  "cache-dir",
  "cache-repo",
  "cache-run-layers",
  "cache-ttl",
  "cleanup",
  "compressed-caching",
  "compression",
  "compression-level",
  "context",
  "context-sub-path",
  "custom-platform",
  "customPlatform",
  "destination",
  "digest-file",
  "dockerfile",
  "force",
  "force-build-metadata",
  "git",
  "ignore-path",
  "ignore-var-run",
  "image-download-retry",
  "image-fs-extract-retry",
  "image-name-tag-with-digest-file",
  "image-name-with-digest-file",
  "insecure",
  "insecure-pull",
  "insecure-registry",
  "kaniko-dir",
  "label",
  "log-format",
  "log-timestamp",
  "no-push",
  "no-push-cache",
  "oci-layout-path",
  "push-ignore-immutable-tag-errors",
  "push-retry",
  "registry-certificate",
  "registry-client-cert",
  "registry-map",
  "registry-mirror",
  "reproducible",
  "single-snapshot",
  "skip-default-registry-fallback",
  "skip-push-permission-check",
  "skip-tls-verify",
  "skip-tls-verify-pull",
  "skip-tls-verify-registry",
  "skip-unused-stages",
  "snapshot-mode",
  "snapshotMode",
  "tar-path",
  "tarPath",
  "target",
  "use-new-run",
  "verbosity",
  "whitelist-var-run",
] as const;

/** Flags added after v1.9 (the executor the plugin images long shipped). */
const ADDED_AFTER_1_9 = new Set<string>([
  "compression",
  "compression-level",
  "image-download-retry",
  "push-ignore-immutable-tag-errors",
  "registry-map",
  "skip-default-registry-fallback",
  "skip-push-permission-check",
]);

/** Executor flag allow-lists, keyed by "major.minor". */
export const KANIKO_EXECUTOR_FLAGS: Readonly<Record<string, ReadonlySet<string>>> = Object.freeze({
  "1.9": new Set(FLAGS_1_23.filter((flag) => !ADDED_AFTER_1_9.has(flag))),
  "1.23": new Set(FLAGS_1_23),
});

/** The newest version in the table, used when none is asked for. */
export const DEFAULT_EXECUTOR_VERSION = "1.23";

/** "v1.23.2", "1.23.2" or "1.23" → "1.23"; an unknown version is a KanikoOptionsError. */
export function resolveExecutorVersion(version: string = DEFAULT_EXECUTOR_VERSION): string {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?$/.exec(version);
  const key = match === null ? undefined : `${Number(match[1])}.${Number(match[2])}`;
  if (key === undefined || !(key in KANIKO_EXECUTOR_FLAGS)) {
    throw new KanikoOptionsError(
      "unknown-executor-version",
      "executorVersion",
      `executorVersion ${JSON.stringify(version)} is not in the kaniko executor flag table; known versions: ${Object.keys(KANIKO_EXECUTOR_FLAGS).join(", ")}`,
      version,
    );
  }
  return key;
}

/** Whether that executor version accepts `--flag` (name without dashes). */
export function executorAcceptsFlag(version: string, flag: string): boolean {
  return KANIKO_EXECUTOR_FLAGS[resolveExecutorVersion(version)]?.has(flag) ?? false;
}
