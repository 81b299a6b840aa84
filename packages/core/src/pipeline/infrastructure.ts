import type { ProblemCollector } from "../problems/collector.js";
import type { Path } from "../problems/path.js";
import { quote } from "../problems/format.js";
import { normalizedPath } from "../rules/text-checks.js";
import { isPlainObject } from "../source/values.js";
import { FieldReader } from "./field-readers.js";
import { readKubernetesInfrastructure } from "./kubernetes-infrastructure.js";
import { readMachineInfrastructure } from "./machine-infrastructure.js";
import type { StageContext } from "./stage.js";
import type { KubernetesInfrastructure, StageInfrastructure } from "./stage-infrastructure.js";

/**
 * What a stage says about where it runs (`spec.infrastructure`, or `spec.platform` and
 * `spec.runtime`), read with Harness's rules: what the engine must honour, so the build runs on
 * the nodes (and architecture) the pipeline asks for. `UseFromStage` takes an earlier stage's.
 * `context` is what find-steps read of the same stage (security context, pull policy), carried
 * here too so the stage's output shows all of it.
 */
export function readStageInfrastructure(stageSpec: Record<string, unknown>, stageSpecPath: Path, earlier: ReadonlyMap<string, StageInfrastructure>, context: StageContext, collector: ProblemCollector): StageInfrastructure | undefined {
  const reader = new FieldReader(collector);
  const infrastructure = stageSpec["infrastructure"];
  const runtime = stageSpec["runtime"];
  if (isPlainObject(infrastructure)) {
    const type = infrastructure["type"];
    const specPath = [...stageSpecPath, "infrastructure", "spec"];
    const spec = isPlainObject(infrastructure["spec"]) ? infrastructure["spec"] : {};
    if (type === "KubernetesDirect") {
      const kubernetes = readKubernetesInfrastructure(spec, specPath, reader);
      checkVolumesAgainstSharedPaths(kubernetes, stageSpec["sharedPaths"], specPath, reader);
      if (context.containerSecurityContext) kubernetes.containerSecurityContext = context.containerSecurityContext;
      if (context.imagePullPolicy) kubernetes.imagePullPolicy = context.imagePullPolicy;
      if (!FieldReader.absent(stageSpec["platform"])) {
        collector.add([...stageSpecPath, "platform"], {
          code: "invalid-option",
          severity: "warning",
          message: "platform is ignored on a KubernetesDirect stage",
          rule: "platform chooses the OS and architecture of VM and Harness Cloud stages; a Kubernetes stage runs where its nodeSelector and tolerations place it",
          hint: "to build on arm64 nodes, set nodeSelector: {kubernetes.io/arch: arm64} in the infrastructure's spec",
        }, "key");
      }
      return kubernetes;
    }
    if (type === "KubernetesHosted") return { type: "KubernetesHosted" };
    if (type === "VM") return readMachineInfrastructure("VM", stageSpec, stageSpecPath, reader, { spec, path: specPath });
    if (type === "UseFromStage") {
      const from = spec["useFromStage"] ?? infrastructure["useFromStage"];
      return typeof from === "string" ? earlier.get(from) : undefined;
    }
    return undefined;
  }
  if (isPlainObject(runtime) && (runtime["type"] === "Cloud" || runtime["type"] === "Docker")) return readMachineInfrastructure(runtime["type"], stageSpec, stageSpecPath, reader);
  return undefined;
}

/** A volume mounted where a shared path is mounted: two mounts at one path, which Kubernetes refuses. */
function checkVolumesAgainstSharedPaths(infrastructure: KubernetesInfrastructure, sharedPaths: unknown, specPath: Path, reader: FieldReader): void {
  if (!Array.isArray(sharedPaths) || !infrastructure.volumes) return;
  const shared = sharedPaths.filter((item): item is string => typeof item === "string").map(normalizedPath);
  infrastructure.volumes.forEach((volume, index) => {
    if (!shared.includes(normalizedPath(volume.mountPath))) return;
    reader.fail([...specPath, "volumes", index, "mountPath"], "invalid-path", `volume mount path ${quote(volume.mountPath)} is a shared path too`, volume.mountPath, "a volume and a shared path are mounted at different directories: Kubernetes refuses two mounts at one path", "remove the shared path: the volume is mounted in every step already");
  });
}
