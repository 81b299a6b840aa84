import { quote } from "../problems/format.js";
import type { Path } from "../problems/path.js";
import { timeoutPattern, timeoutRule } from "../rules/durations.js";
import { forbiddenCharacter, normalizedPath, sharedPathProblem } from "../rules/text-checks.js";
import { isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue } from "../render/names.js";
import { connectorReference, FieldReader, type Rule } from "./field-readers.js";
import type { HostPathType, KubernetesInfrastructure, StageVolume, Toleration } from "./stage-infrastructure.js";

/** The fields of `KubernetesDirect`'s spec (Harness's schema, `k8s-direct-infra-yaml-spec.yaml`). */
export const kubernetesInfrastructureKeys = [
  "connectorRef",
  "namespace",
  "labels",
  "annotations",
  "nodeSelector",
  "tolerations",
  "serviceAccountName",
  "automountServiceAccountToken",
  "priorityClassName",
  "runAsUser",
  "containerSecurityContext",
  "hostNames",
  "volumes",
  "initTimeout",
  "os",
  "imagePullPolicy",
  "harnessImageConnectorRef",
  "podSpecOverlay",
] as const;

const labelKey: Rule = { valid: isLabelKey, rule: "a label key is an optional DNS subdomain and '/', then a name of letters, digits, '-', '_' and '.' (at most 63), as Kubernetes requires", code: "invalid-map-entry" };
const labelValue: Rule = { valid: isLabelValue, rule: "a label value is empty, or letters, digits, '-', '_' and '.' starting and ending with a letter or digit (at most 63), as Kubernetes requires", code: "invalid-map-entry" };
const annotationValue: Rule = { valid: (text) => forbiddenCharacter(text, "multi-line") === undefined, rule: "an annotation value is text without control characters", code: "invalid-character" };
const dnsSubdomain = (what: string): Rule => ({ valid: isDnsSubdomain, rule: `${what} is a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters` });

const tolerationEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;
const tolerationOperators = ["Equal", "Exists"] as const;
const hostPathTypes: readonly HostPathType[] = ["DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"];
/** Harness's EmptyDir size: a number and G, Gi, M or Mi. */
const emptyDirSizePattern = /^(([0-9]*[.])?[0-9]+)([GM]i?)$/;
const bytesPerUnit: Record<string, number> = { G: 1e9, Gi: 1024 ** 3, M: 1e6, Mi: 1024 ** 2 };

/**
 * A KubernetesDirect stage's `infrastructure.spec`, every field read or refused at its line.
 * `containerSecurityContext` and `imagePullPolicy` are read with the stage context (find-steps);
 * here the security context is only checked for what Harness and Kubernetes refuse together.
 */
export function readKubernetesInfrastructure(spec: Record<string, unknown>, path: Path, reader: FieldReader): KubernetesInfrastructure {
  const out: KubernetesInfrastructure = { type: "KubernetesDirect" };
  reader.knownKeys(spec, kubernetesInfrastructureKeys, path, "the KubernetesDirect infrastructure");
  const at = (key: string): Path => [...path, key];
  const set = <K extends keyof KubernetesInfrastructure>(key: K, value: KubernetesInfrastructure[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  set("connectorRef", reader.string(spec["connectorRef"], at("connectorRef"), "connectorRef", connectorReference));
  set("namespace", reader.string(spec["namespace"], at("namespace"), "namespace", { valid: isDnsLabel, rule: "a namespace is a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters" }));
  set("labels", reader.stringMap(spec["labels"], at("labels"), "labels", { key: labelKey, value: labelValue }));
  set("annotations", reader.stringMap(spec["annotations"], at("annotations"), "annotations", { key: { ...labelKey, rule: labelKey.rule.replace("a label key", "an annotation key") }, value: annotationValue }));
  set("nodeSelector", reader.stringMap(spec["nodeSelector"], at("nodeSelector"), "nodeSelector", { key: labelKey, value: labelValue }));
  set("tolerations", readTolerations(spec["tolerations"], at("tolerations"), reader));
  set("serviceAccountName", reader.string(spec["serviceAccountName"], at("serviceAccountName"), "serviceAccountName", dnsSubdomain("a service account name")));
  set("automountServiceAccountToken", reader.boolean(spec["automountServiceAccountToken"], at("automountServiceAccountToken"), "automountServiceAccountToken"));
  set("priorityClassName", reader.string(spec["priorityClassName"], at("priorityClassName"), "priorityClassName", dnsSubdomain("a priority class name")));
  set("runAsUser", reader.integer(spec["runAsUser"], at("runAsUser"), "runAsUser", 0, 2147483647, "invalid-run-as-user"));
  set("hostNames", reader.stringList(spec["hostNames"], at("hostNames"), "hostNames", dnsSubdomain("a host name")));
  set("initTimeout", reader.string(spec["initTimeout"], at("initTimeout"), "initTimeout", { valid: (text) => timeoutPattern.test(text), rule: timeoutRule, code: "invalid-timeout" }));
  set("os", reader.oneOf(spec["os"], at("os"), "os", ["Linux", "MacOS", "Windows"]));
  set("harnessImageConnectorRef", reader.string(spec["harnessImageConnectorRef"], at("harnessImageConnectorRef"), "harnessImageConnectorRef", connectorReference));
  const volumes = readVolumes(spec["volumes"], at("volumes"), reader);
  if (volumes.length > 0) out.volumes = volumes;
  checkSecurityContextPair(spec["containerSecurityContext"], at("containerSecurityContext"), reader);
  if (!FieldReader.absent(spec["podSpecOverlay"])) {
    reader.fail(at("podSpecOverlay"), "invalid-option", "podSpecOverlay is not carried to the Pod", undefined, "buildpush does not merge a Pod overlay: Harness reads it differently with and without its CI_K8S_OVERLAY_YAML flag, and a merge it cannot check could drop any field above", "write the overlay's settings as the infrastructure's own fields (nodeSelector, tolerations, volumes, ...), or apply it to the rendered Pod yourself");
  }
  return out;
}

function readTolerations(value: unknown, path: Path, reader: FieldReader): Toleration[] | undefined {
  const list = reader.list(value, path, "tolerations");
  if (!list) return undefined;
  const out: Toleration[] = [];
  list.forEach((item, index) => {
    const at = [...path, index];
    const map = reader.map(item, at, `tolerations[${index}]`);
    if (!map) return;
    reader.knownKeys(map, ["effect", "key", "operator", "value", "tolerationSeconds"], at, "a toleration");
    const toleration: Toleration = {};
    const effect = readTolerationEnum(map["effect"], [...at, "effect"], "effect", tolerationEffects, reader);
    const operator = readTolerationEnum(map["operator"], [...at, "operator"], "operator", tolerationOperators, reader);
    const key = reader.string(map["key"], [...at, "key"], "key", labelKey);
    const tolerated = reader.string(map["value"], [...at, "value"], "value", labelValue);
    const seconds = reader.integer(map["tolerationSeconds"], [...at, "tolerationSeconds"], "tolerationSeconds", 0, Number.MAX_SAFE_INTEGER);
    // What the API server refuses, said here with the line rather than when the Pod is created.
    if (operator === "Exists" && tolerated !== undefined) reader.fail([...at, "value"], "invalid-option", `a toleration with operator Exists cannot have a value (${quote(tolerated)})`, tolerated, "Kubernetes: the value must be empty when the operator is Exists");
    if (FieldReader.absent(map["key"]) && operator !== "Exists") reader.fail([...at, "operator"], "invalid-option", "a toleration without a key must have operator Exists", operator ?? "Equal", "Kubernetes: an empty key tolerates every taint, which only operator Exists expresses");
    if (seconds !== undefined && effect !== "NoExecute") reader.fail([...at, "tolerationSeconds"], "invalid-option", `tolerationSeconds is set on a toleration whose effect is ${effect ?? "not given"}`, seconds, "Kubernetes: tolerationSeconds goes with effect NoExecute only");
    if (key !== undefined) toleration.key = key;
    if (operator !== undefined) toleration.operator = operator;
    if (tolerated !== undefined) toleration.value = tolerated;
    if (effect !== undefined) toleration.effect = effect;
    if (seconds !== undefined) toleration.tolerationSeconds = seconds;
    out.push(toleration);
  });
  return out;
}

/** Harness's own words for a toleration's effect or operator outside its set. */
function readTolerationEnum<T extends string>(value: unknown, path: Path, field: "effect" | "operator", values: readonly T[], reader: FieldReader): T | undefined {
  if (FieldReader.absent(value)) return undefined;
  if (reader.unresolved(value, path, field)) return undefined;
  const found = values.find((known) => known === value);
  if (found !== undefined) return found;
  return reader.fail(path, "invalid-option", `Invalid value ${typeof value === "string" ? value : quote(value)} for ${field} in toleration`, value, `a toleration's ${field} is one of ${values.join(", ")}`);
}

function readVolumes(value: unknown, path: Path, reader: FieldReader): StageVolume[] {
  const list = reader.list(value, path, "volumes");
  if (!list) return [];
  const out: StageVolume[] = [];
  const mountPaths = new Map<string, number>();
  list.forEach((item, index) => {
    const at = [...path, index];
    const map = reader.map(item, at, `volumes[${index}]`);
    if (!map) return;
    reader.knownKeys(map, ["mountPath", "type", "spec"], at, "a volume");
    const mountPath = reader.string(map["mountPath"], [...at, "mountPath"], "mountPath");
    const type = reader.oneOf(map["type"], [...at, "type"], "type", ["EmptyDir", "PersistentVolumeClaim", "HostPath"] as const);
    if (mountPath === undefined) {
      if (FieldReader.absent(map["mountPath"])) reader.fail(at, "missing-field", `volumes[${index}] has no mountPath`, undefined, "every volume names the directory it is mounted at");
    } else {
      const problem = forbiddenCharacter(mountPath, "single-line") !== undefined ? "it holds a control character" : sharedPathProblem(mountPath);
      const twin = mountPaths.get(normalizedPath(mountPath));
      if (problem !== undefined || twin !== undefined) {
        reader.fail([...at, "mountPath"], "invalid-path", `volume mount path ${quote(mountPath)} cannot be mounted: ${problem ?? `volumes[${twin}] is mounted there too`}`, mountPath, "a volume is mounted at an absolute directory of its own, other than /harness and outside /addon, /kaniko and /buildpush");
      } else mountPaths.set(normalizedPath(mountPath), index);
    }
    if (type === undefined) {
      if (FieldReader.absent(map["type"])) reader.fail(at, "missing-field", `volumes[${index}] has no type`, undefined, "a volume's type is EmptyDir, PersistentVolumeClaim or HostPath");
      return;
    }
    const spec = reader.map(map["spec"], [...at, "spec"], `volumes[${index}].spec`) ?? {};
    const volume = readVolumeSpec(type, spec, [...at, "spec"], reader);
    if (volume && mountPath !== undefined) out.push({ ...volume, mountPath } as StageVolume);
  });
  return out;
}

type VolumeWithoutMount = StageVolume extends infer V ? (V extends StageVolume ? Omit<V, "mountPath"> : never) : never;

function readVolumeSpec(type: StageVolume["type"], spec: Record<string, unknown>, path: Path, reader: FieldReader): VolumeWithoutMount | undefined {
  if (type === "EmptyDir") {
    reader.knownKeys(spec, ["medium", "size"], path, "an EmptyDir volume's spec");
    const medium = reader.oneOf(spec["medium"], [...path, "medium"], "medium", ["Memory"] as const);
    const size = reader.string(spec["size"], [...path, "size"], "size", { valid: (text) => emptyDirSizePattern.test(text), rule: "an EmptyDir size is a number and G, Gi, M or Mi, e.g. 500Mi or 1.5Gi (Harness's rule)", code: "invalid-option" });
    return { type, ...(medium ? { medium } : {}), ...(size !== undefined ? { sizeLimit: mebibytes(size) } : {}) };
  }
  if (type === "PersistentVolumeClaim") {
    reader.knownKeys(spec, ["claimName", "readOnly"], path, "a PersistentVolumeClaim volume's spec");
    const claimName = reader.string(spec["claimName"], [...path, "claimName"], "claimName", dnsSubdomain("a claim name"));
    const readOnly = reader.boolean(spec["readOnly"], [...path, "readOnly"], "readOnly");
    if (claimName === undefined) {
      if (FieldReader.absent(spec["claimName"])) reader.fail(path, "missing-field", "a PersistentVolumeClaim volume needs a claimName", undefined, "claimName names the claim to mount");
      return undefined;
    }
    return { type, claimName, ...(readOnly !== undefined ? { readOnly } : {}) };
  }
  reader.knownKeys(spec, ["path", "type"], path, "a HostPath volume's spec");
  const hostPath = reader.string(spec["path"], [...path, "path"], "path", { valid: (text) => text.startsWith("/") && forbiddenCharacter(text, "single-line") === undefined, rule: "a host path is an absolute path", code: "invalid-path" });
  const hostPathType = reader.oneOf(spec["type"], [...path, "type"], "type", hostPathTypes);
  if (hostPath === undefined) {
    if (FieldReader.absent(spec["path"])) reader.fail(path, "missing-field", "a HostPath volume needs a path", undefined, "path is the directory of the node to mount");
    return undefined;
  }
  return { type, path: hostPath, ...(hostPathType ? { hostPathType } : {}) };
}

/** Harness rounds an EmptyDir size up to whole mebibytes: `1G` is `954Mi`, `1.5Gi` is `1536Mi`. */
export function mebibytes(size: string): string {
  const match = emptyDirSizePattern.exec(size)!;
  return `${Math.ceil((Number(match[1]) * bytesPerUnit[match[3]!]!) / 1024 ** 2)}Mi`;
}

/**
 * `privileged: true` with `allowPrivilegeEscalation: false`: Harness stops the stage
 * ("Configuration Error") and Kubernetes refuses such a container, so it is refused here, at
 * allowPrivilegeEscalation. The other settings are read (and their types checked) with the stage.
 */
function checkSecurityContextPair(value: unknown, path: Path, reader: FieldReader): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return;
  const context = value as Record<string, unknown>;
  const flag = (raw: unknown): boolean | undefined => (raw === true || raw === "true" ? true : raw === false || raw === "false" ? false : undefined);
  if (flag(context["privileged"]) === true && flag(context["allowPrivilegeEscalation"]) === false) {
    reader.fail(
      [...path, "allowPrivilegeEscalation"],
      "invalid-option",
      "Configuration Error: The 'allowPrivilegeEscalation' field cannot be set to 'false' while the 'privileged' field is 'true'",
      false,
      "a privileged container can always escalate its privileges: Harness and Kubernetes refuse allowPrivilegeEscalation: false with privileged: true",
      "remove allowPrivilegeEscalation, or set privileged to false",
    );
  }
}
