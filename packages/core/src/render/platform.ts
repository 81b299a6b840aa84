import type { StageInfrastructure } from "../pipeline/stage-infrastructure.js";

/** An OCI platform `os/arch[/variant]` as docker's `--platform` takes it. */
export const platformPattern = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

/**
 * A stage's `platform.os` and `platform.arch` (Harness's names, in any case: `Arm64`, `arm64`)
 * as docker's `--platform` takes them: `linux/arm64`, `windows/amd64`. A Mac's containers are
 * Linux ones (Docker on macOS builds and runs Linux images). Undefined without a known arch.
 */
export function dockerPlatform(os: string | undefined, arch: string | undefined): string | undefined {
  const name = ({ amd64: "amd64", arm64: "arm64" } as Record<string, string | undefined>)[arch?.toLowerCase() ?? ""];
  if (name === undefined) return undefined;
  return `${os?.toLowerCase() === "windows" ? "windows" : "linux"}/${name}`;
}

/**
 * The platform a stage's steps run on, as docker's `--platform` takes it (`linux/arm64`): a VM
 * or Harness Cloud stage's `platform`, or the architecture a Kubernetes stage's nodeSelector
 * pins (`kubernetes.io/arch`, with `kubernetes.io/os` or the stage's os). Undefined when the
 * stage names no architecture: the host's own is what Harness would use too. Takes a
 * translated stage or a StageContext (both hold the infrastructure).
 */
export function stagePlatform(stage: { infrastructure?: StageInfrastructure } | undefined): string | undefined {
  const infrastructure = stage?.infrastructure;
  if (!infrastructure) return undefined;
  if (infrastructure.type === "VM" || infrastructure.type === "Cloud" || infrastructure.type === "Docker") return dockerPlatform(infrastructure.platform?.os, infrastructure.platform?.arch);
  if (infrastructure.type !== "KubernetesDirect") return undefined;
  const arch = infrastructure.nodeSelector?.["kubernetes.io/arch"];
  if (arch === undefined || arch === "") return undefined;
  const os = infrastructure.nodeSelector?.["kubernetes.io/os"] ?? (infrastructure.os === "Windows" ? "windows" : "linux");
  const platform = `${os}/${arch}`;
  return platformPattern.test(platform) ? platform : undefined;
}
