// The typed options `kanikoArgs` turns into an executor argv.

/** An ordered key/value pair, e.g. a build arg or a label. */
export type KeyValue = readonly [key: string, value: string];

export type SnapshotMode = "full" | "redo" | "time";
export type Verbosity = "panic" | "fatal" | "error" | "warn" | "info" | "debug" | "trace";
export type LogFormat = "text" | "color" | "json";

export interface KanikoCacheOptions {
  /** `--cache`. The other cache fields are refused unless this is true. */
  enabled: boolean;
  /** `--cache-repo`, taken as given (never prefixed with a registry); `oci:/path` allowed. */
  repo?: string;
  /** `--cache-ttl=<n>h`. */
  ttlHours?: number;
  /** `--cache-ttl` as a Go duration ("6h", "90m", "1h30m"); not together with ttlHours. */
  ttl?: string;
  /** `--cache-copy-layers` (kaniko default false). */
  copyLayers?: boolean;
  /** `--cache-run-layers` (kaniko default true). */
  runLayers?: boolean;
  /** `--compressed-caching` (kaniko default true). */
  compressed?: boolean;
  /** `--cache-dir` for base images (kaniko default /cache). */
  dir?: string;
}

/** A client certificate for mutual TLS with one registry: `--registry-client-cert=reg=cert,key`. */
export interface RegistryClientCertificate {
  registry: string;
  certPath: string;
  keyPath: string;
}

export interface KanikoOptions {
  /** `--dockerfile` (kaniko default "Dockerfile"); a path or an http(s) URL. */
  dockerfile?: string;
  /** A path (emitted as `dir://path`) or a context with a scheme: dir://, tar://, git://, gs://, s3://, https://. */
  context?: string;
  /** `--context-sub-path`. */
  contextSubPath?: string;
  /** Full push references (`registry/repo:tag`), emitted first. */
  destinations?: readonly string[];
  /** A repository, combined with each of `tags` (default `latest`). */
  repository?: string;
  tags?: readonly string[];
  /** `--build-arg=K=V`, in order. */
  buildArgs?: readonly KeyValue[];
  /** `--label=K=V`, in order. */
  labels?: readonly KeyValue[];
  target?: string;
  customPlatform?: string;
  snapshotMode?: SnapshotMode;
  singleSnapshot?: boolean;
  reproducible?: boolean;
  useNewRun?: boolean;
  skipUnusedStages?: boolean;
  cleanup?: boolean;
  force?: boolean;
  /** `--ignore-var-run` (kaniko default true). */
  ignoreVarRun?: boolean;
  /** `--ignore-path`, absolute paths. */
  ignorePaths?: readonly string[];
  cache?: KanikoCacheOptions;
  noPush?: boolean;
  tarPath?: string;
  digestFile?: string;
  imageNameWithDigestFile?: string;
  imageNameTagWithDigestFile?: string;
  ociLayoutPath?: string;
  /** `--registry-mirror`: registry hosts, optionally with a path. */
  registryMirrors?: readonly string[];
  skipDefaultRegistryFallback?: boolean;
  insecure?: boolean;
  insecurePull?: boolean;
  /** `--insecure-registry`: registry hosts. */
  insecureRegistries?: readonly string[];
  skipTlsVerify?: boolean;
  skipTlsVerifyPull?: boolean;
  /** `--skip-tls-verify-registry`: registry hosts (each one is the flag's value). */
  skipTlsVerifyRegistries?: readonly string[];
  /** `--registry-certificate=reg=/path`: [registry, certificate path] pairs. */
  registryCertificates?: readonly KeyValue[];
  registryClientCertificates?: readonly RegistryClientCertificate[];
  skipPushPermissionCheck?: boolean;
  pushRetry?: number;
  imageFsExtractRetry?: number;
  imageDownloadRetry?: number;
  verbosity?: Verbosity;
  logFormat?: LogFormat;
  logTimestamp?: boolean;
}

/** Options as given piecemeal (e.g. from runtime flags): every field optional, cache too. */
export type KanikoOptionsPatch = Omit<Partial<KanikoOptions>, "cache"> & { cache?: Partial<KanikoCacheOptions> };
