import { asWritten } from "../problems/format.js";
import type { ProblemCollector } from "../problems/collector.js";
import type { Path } from "../problems/path.js";

/** A step's `resources` as written: limits only, each as the user's text. */
export interface ResourcesSpec {
  limits?: { memory?: string; cpu?: string };
}

export interface ResourceQuantities {
  memory: string;
  cpu: string;
}

export interface ContainerResources {
  limits: ResourceQuantities;
  requests: ResourceQuantities;
}

/** Harness's defaults for a build-and-push container. */
export const defaultLimits: ResourceQuantities = { memory: "500Mi", cpu: "400m" };
export const defaultRequests: ResourceQuantities = { memory: "10Mi", cpu: "10m" };

const memoryPattern = /^(([0-9]*[.])?[0-9]+)([GM]i?)$/;
const cpuPattern = /^(([0-9]*[.])?[0-9]+)(m?)$/;

const bytesPerUnit: Record<string, number> = { G: 1e9, M: 1e6, Gi: 1024 ** 3, Mi: 1024 ** 2 };

/** Memory as Harness reads it (`G`, `M`, `Gi`, `Mi`), rounded up to whole Mi. Undefined when invalid. */
export function parseMemory(text: string): string | undefined {
  const match = memoryPattern.exec(text);
  if (!match) return undefined;
  const mebibytes = Math.ceil((Number(match[1]) * bytesPerUnit[match[3]!]!) / 1024 ** 2);
  return mebibytes > 0 ? `${mebibytes}Mi` : undefined;
}

/** CPU in cores (`0.5`) or millicores (`500m`), as whole millicores. Undefined when invalid. */
export function parseCpu(text: string): string | undefined {
  const match = cpuPattern.exec(text);
  if (!match) return undefined;
  const millicores = Math.ceil(match[3] === "m" ? Number(match[1]) : Number(match[1]) * 1000);
  return millicores > 0 ? `${millicores}m` : undefined;
}

export function containerResources(spec: ResourcesSpec | undefined, path: Path, collector: ProblemCollector): ContainerResources {
  const limits = { ...defaultLimits };
  const memory = spec?.limits?.memory;
  if (memory !== undefined) {
    const parsed = parseMemory(memory);
    if (parsed) limits.memory = parsed;
    else
      collector.add([...path, "limits", "memory"], {
        code: "invalid-memory",
        message: `Invalid format for memory: ${asWritten(memory)}`,
        value: memory,
        rule: "memory is a positive number with a unit G, M, Gi or Mi",
        hint: "for example 500Mi or 2Gi",
      });
  }
  const cpu = spec?.limits?.cpu;
  if (cpu !== undefined) {
    const parsed = parseCpu(cpu);
    if (parsed) limits.cpu = parsed;
    else
      collector.add([...path, "limits", "cpu"], {
        code: "invalid-cpu",
        message: `Invalid format for cpu: ${asWritten(cpu)}`,
        value: cpu,
        rule: "cpu is a positive number of cores (0.5) or millicores (500m)",
        hint: "for example 0.5 or 500m",
      });
  }
  return { limits, requests: { ...defaultRequests } };
}
