import type { TranslatedStage } from "../backends/container-spec.js";
import type { StageArch, StageOs } from "../pipeline/stage-infrastructure.js";

const osNames: Record<StageOs, string> = { Linux: "linux", MacOS: "darwin", Windows: "windows" };
const archNames: Record<StageArch, string> = { Amd64: "amd64", Arm64: "arm64" };

/** An OCI platform `os/arch[/variant]` as docker's `--platform` takes it. */
export const platformPattern = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

/**
 * The platform a stage's steps run on, as docker's `--platform` takes it (`linux/arm64`): a VM
 * or Harness Cloud stage's `platform`, or the architecture a Kubernetes stage's nodeSelector
 * pins (`kubernetes.io/arch`, with `kubernetes.io/os` or the stage's os). Undefined when the
 * stage names no architecture: the host's own is what Harness would use too.
 */
export function stagePlatform(stage: TranslatedStage | undefined): string | undefined {
  const infrastructure = stage?.infrastructure;
  if (!infrastructure) return undefined;
  if (infrastructure.type === "VM" || infrastructure.type === "Cloud" || infrastructure.type === "Docker") {
    const platform = infrastructure.platform;
    return platform?.arch ? `${osNames[platform.os]}/${archNames[platform.arch]}` : undefined;
  }
  if (infrastructure.type !== "KubernetesDirect") return undefined;
  const arch = infrastructure.nodeSelector?.["kubernetes.io/arch"];
  if (arch === undefined || arch === "") return undefined;
  const os = infrastructure.nodeSelector?.["kubernetes.io/os"] ?? (infrastructure.os ? osNames[infrastructure.os] : "linux");
  const platform = `${os}/${arch}`;
  return platformPattern.test(platform) ? platform : undefined;
}
