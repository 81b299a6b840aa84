import type { Path } from "../problems/path.js";
import { timeoutPattern, timeoutRule } from "../rules/durations.js";
import { connectorReference, FieldReader } from "./field-readers.js";
import type { CloudRuntime, MachineInfrastructure, StageArch, StageOs } from "./stage-infrastructure.js";

const oses: readonly StageOs[] = ["Linux", "MacOS", "Windows"];
const arches: readonly StageArch[] = ["Amd64", "Arm64"];
const cloudSizes: readonly NonNullable<CloudRuntime["size"]>[] = ["xsmall", "flex", "small", "medium", "large", "xlarge", "xxlarge", "xxxlarge"];

/**
 * A stage's `platform` (`{os, arch}`, read case-insensitively as Harness reads them) and
 * `runtime` (`Cloud` or `Docker`), or a VM pool's `infrastructure.spec`. `stageSpec` is the
 * stage's `spec`; `pool` the VM infrastructure's `spec` when the stage runs on a pool.
 */
export function readMachineInfrastructure(type: MachineInfrastructure["type"], stageSpec: Record<string, unknown>, stagePath: Path, reader: FieldReader, pool?: { spec: Record<string, unknown>; path: Path }): MachineInfrastructure {
  const out: MachineInfrastructure = { type };
  const platform = reader.map(stageSpec["platform"], [...stagePath, "platform"], "platform");
  if (platform) {
    const at = [...stagePath, "platform"];
    reader.knownKeys(platform, ["os", "arch"], at, "platform");
    const os = reader.oneOf(platform["os"], [...at, "os"], "platform.os", oses, true);
    const arch = reader.oneOf(platform["arch"], [...at, "arch"], "platform.arch", arches, true);
    if (os !== undefined) out.platform = { os, ...(arch ? { arch } : {}) };
    else if (arch !== undefined) out.platform = { os: "Linux", arch };
  }
  const runtime = reader.map(stageSpec["runtime"], [...stagePath, "runtime"], "runtime");
  if (runtime) {
    const at = [...stagePath, "runtime"];
    reader.knownKeys(runtime, ["type", "spec"], at, "runtime");
    const spec = reader.map(runtime["spec"], [...at, "spec"], "runtime.spec") ?? {};
    const specPath = [...at, "spec"];
    if (type === "Cloud") {
      reader.knownKeys(spec, ["size", "imageName", "nestedVirtualization"], specPath, "a Cloud runtime's spec");
      const cloud: CloudRuntime = {};
      const size = reader.oneOf(spec["size"], [...specPath, "size"], "size", cloudSizes);
      const imageName = reader.string(spec["imageName"], [...specPath, "imageName"], "imageName");
      const nested = reader.boolean(spec["nestedVirtualization"], [...specPath, "nestedVirtualization"], "nestedVirtualization");
      if (size) cloud.size = size;
      if (imageName !== undefined) cloud.imageName = imageName;
      if (nested !== undefined) cloud.nestedVirtualization = nested;
      if (Object.keys(cloud).length > 0) out.runtime = cloud;
    } else if (type === "Docker") {
      reader.knownKeys(spec, ["harnessImageConnectorRef"], specPath, "a Docker runtime's spec");
      const connector = reader.string(spec["harnessImageConnectorRef"], [...specPath, "harnessImageConnectorRef"], "harnessImageConnectorRef", connectorReference);
      if (connector !== undefined) out.harnessImageConnectorRef = connector;
    }
  }
  if (pool) readPool(pool.spec, pool.path, reader, out);
  return out;
}

/** A VM stage's `infrastructure.spec`: `{type: Pool, spec: {poolName, os, harnessImageConnectorRef, initTimeout, identifier}}`. */
function readPool(spec: Record<string, unknown>, path: Path, reader: FieldReader, out: MachineInfrastructure): void {
  reader.knownKeys(spec, ["type", "spec"], path, "the VM infrastructure");
  reader.oneOf(spec["type"], [...path, "type"], "type", ["Pool"] as const);
  const pool = reader.map(spec["spec"], [...path, "spec"], "the pool") ?? {};
  const at = [...path, "spec"];
  reader.knownKeys(pool, ["poolName", "os", "harnessImageConnectorRef", "initTimeout", "identifier"], at, "a VM pool");
  const poolName = reader.string(pool["poolName"], [...at, "poolName"], "poolName");
  const os = reader.oneOf(pool["os"], [...at, "os"], "os", oses, true);
  const connector = reader.string(pool["harnessImageConnectorRef"], [...at, "harnessImageConnectorRef"], "harnessImageConnectorRef", connectorReference);
  const initTimeout = reader.string(pool["initTimeout"], [...at, "initTimeout"], "initTimeout", { valid: (text) => timeoutPattern.test(text), rule: timeoutRule, code: "invalid-timeout" });
  reader.string(pool["identifier"], [...at, "identifier"], "identifier");
  if (poolName !== undefined) out.poolName = poolName;
  if (os !== undefined && out.platform === undefined) out.platform = { os };
  if (connector !== undefined) out.harnessImageConnectorRef = connector;
  if (initTimeout !== undefined) out.initTimeout = initTimeout;
}
