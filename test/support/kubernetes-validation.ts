/**
 * Checks a rendered Kubernetes object the way the API server and `kubectl apply` would:
 *  1. the OpenAPI schema (kubernetes-models' compiled validators: types, enums, quantities,
 *     required fields);
 *  2. strict field validation, which that schema leaves open: every key must be a field of its
 *     type, read from kubernetes-models' own type declarations;
 *  3. the rules the API server checks in code: DNS-1123 names, C-identifier env names, no
 *     duplicate env names, mount paths, container or volume names, mounts of declared volumes,
 *     and where a Pod is placed (node selector, tolerations, priority class, host aliases).
 * The patterns here are written from the Kubernetes docs, not imported from the code under test.
 * Each function returns problems as `path: message` strings, so a test shows them all at once.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { ContainerSpec } from "@buildpush/core";
import { Job } from "kubernetes-models/batch/v1/Job";
import { Container } from "kubernetes-models/v1/Container";
import { Pod } from "kubernetes-models/v1/Pod";
import { expect } from "vitest";

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const cIdentifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
const secretKey = /^[-._a-zA-Z0-9]+$/;
const qualifiedName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const isDnsLabel = (text: string): boolean => text.length <= 63 && dnsLabel.test(text);
export const isDnsSubdomain = (text: string): boolean => text.length <= 253 && dnsSubdomain.test(text);

type Json = Record<string, unknown>;

/** Every problem of a Pod or Job: schema, unknown fields, and the rules the schema lacks. */
export function kubernetesProblems(object: unknown): string[] {
  return [...schemaProblems(object), ...unknownFieldProblems(object, rootTypeOf(object)), ...ruleProblems(object)];
}

/** Every problem of one container: schema, unknown fields, names, env and mounts. */
export function containerProblems(container: unknown): string[] {
  return [...modelProblems(() => new Container(container as never).validate()), ...unknownFieldProblems(container, declaration("kubernetes-models/v1/Container")), ...containerRuleProblems(container as Json, "container")];
}

/** The same rules on a ContainerSpec, before any rendering: for fuzzing every spec. */
export function containerSpecProblems(spec: ContainerSpec): string[] {
  const problems: string[] = [];
  if (!isDnsLabel(spec.name)) problems.push(`name: ${JSON.stringify(spec.name)} is not a DNS-1123 label`);
  const names = [...Object.keys(spec.env), ...Object.keys(spec.secretEnv)];
  for (const name of names) if (!cIdentifier.test(name)) problems.push(`env: ${JSON.stringify(name)} is not a C identifier`);
  for (const name of duplicates(names)) problems.push(`env: ${name} is both plain and secret`);
  const paths = [...(spec.volumeMounts ?? []).map((mount) => mount.mountPath), ...(spec.files ?? []).map((file) => file.path)];
  for (const path of duplicates(paths)) problems.push(`volumeMounts: the path ${path} is mounted twice`);
  for (const path of paths) if (!path.startsWith("/")) problems.push(`volumeMounts: ${path} is not absolute`);
  for (const mount of spec.volumeMounts ?? []) if (!isDnsLabel(mount.name)) problems.push(`volumeMounts: ${JSON.stringify(mount.name)} is not a DNS-1123 label`);
  return problems;
}

/** Fails the test with every problem listed. */
export function expectValidKubernetes(object: unknown): void {
  expect(kubernetesProblems(object)).toEqual([]);
}

export function expectValidContainer(container: unknown): void {
  expect(containerProblems(container)).toEqual([]);
}

// 1. The OpenAPI schema.

export function schemaProblems(object: unknown): string[] {
  const kind = (object as Json | null)?.["kind"];
  if (kind === "Pod") return modelProblems(() => new Pod(object as never).validate());
  if (kind === "Job") return modelProblems(() => new Job(object as never).validate());
  return [`kind: ${JSON.stringify(kind)} is not a kind these checks know (Pod, Job)`];
}

function modelProblems(validate: () => void): string[] {
  try {
    validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: { instancePath: string; message?: string }[] }).errors;
    if (!errors) throw error;
    return errors.map((e) => `${e.instancePath || "/"}: ${e.message ?? "is invalid"}`);
  }
}

// 2. Strict field validation: fields read from kubernetes-models' declarations.

const require = createRequire(import.meta.url);

interface TypeDeclaration {
  /** Field → the declaration file of the field's object type, or undefined for scalars and maps. */
  fields: Map<string, string | undefined>;
}

const declarations = new Map<string, TypeDeclaration>();

function rootTypeOf(object: unknown): string | undefined {
  const kind = (object as Json | null)?.["kind"];
  return kind === "Pod" ? declaration("kubernetes-models/v1/Pod") : kind === "Job" ? declaration("kubernetes-models/batch/v1/Job") : undefined;
}

function declaration(specifier: string, from?: string): string {
  const resolved = (from ? createRequire(from) : require).resolve(specifier);
  return resolved.replace(/\.(m?js)$/, ".d.ts");
}

/** The fields of the first interface a kubernetes-models `.d.ts` declares. */
function readDeclaration(file: string): TypeDeclaration {
  const cached = declarations.get(file);
  if (cached) return cached;
  const text = readFileSync(file, "utf8");
  const imports = new Map<string, string>();
  for (const [, names, source] of text.matchAll(/^import \{ ([^}]+) \} from "([^"]+)";$/gm)) {
    for (const name of names!.split(",").map((n) => n.trim())) imports.set(name, source!);
  }
  const body = /^export interface \w+(?: extends \w+)? \{\n([\s\S]*?)^\}/m.exec(text)?.[1] ?? "";
  const fields = new Map<string, string | undefined>();
  for (const [, name, type] of body.matchAll(/^ {4}"([^"]+)"\??: (.*)$/gm)) {
    const typeName = /^(?:Array<)?(\w+)>?;$/.exec(type!)?.[1];
    const source = typeName ? imports.get(typeName) : undefined;
    fields.set(name!, source && !source.endsWith("/Quantity") && !source.endsWith("/Time") ? declarationOf(source, file) : undefined);
  }
  const parsed = { fields };
  declarations.set(file, parsed);
  return parsed;
}

function declarationOf(source: string, from: string): string {
  return source.startsWith(".") ? `${dirname(from)}/${source.replace(/^\.\//, "")}.d.ts` : declaration(source, from);
}

export function unknownFieldProblems(value: unknown, declarationFile: string | undefined, path = ""): string[] {
  if (!declarationFile || value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => unknownFieldProblems(item, declarationFile, `${path}/${index}`));
  const { fields } = readDeclaration(declarationFile);
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (!fields.has(key)) problems.push(`${path}/${key}: unknown field (strict validation rejects it)`);
    else problems.push(...unknownFieldProblems(child, fields.get(key), `${path}/${key}`));
  }
  return problems;
}

// 3. The rules the API server checks in code.

export function ruleProblems(object: unknown): string[] {
  const root = object as Json;
  const problems: string[] = [];
  const metadata = (root["metadata"] ?? {}) as Json;
  const name = String(metadata["name"] ?? "");
  if (root["kind"] === "Job") {
    // Pods of a Job carry its name as a label value, so it must be a label.
    if (!isDnsLabel(name)) problems.push(`/metadata/name: ${JSON.stringify(name)} is not a DNS-1123 label`);
  } else if (!isDnsSubdomain(name)) problems.push(`/metadata/name: ${JSON.stringify(name)} is not a DNS-1123 subdomain`);
  if (metadata["namespace"] !== undefined && !isDnsLabel(String(metadata["namespace"]))) problems.push(`/metadata/namespace: not a DNS-1123 label`);
  problems.push(...metadataProblems(metadata, "/metadata"));

  let podSpec = root["spec"] as Json | undefined;
  let specPath = "/spec";
  if (root["kind"] === "Job") {
    const template = ((podSpec ?? {})["template"] ?? {}) as Json;
    problems.push(...metadataProblems((template["metadata"] ?? {}) as Json, "/spec/template/metadata"));
    podSpec = template["spec"] as Json | undefined;
    specPath = "/spec/template/spec";
    const restartPolicy = podSpec?.["restartPolicy"];
    if (restartPolicy !== "Never" && restartPolicy !== "OnFailure") problems.push(`${specPath}/restartPolicy: a Job's Pods restart Never or OnFailure, not ${JSON.stringify(restartPolicy)}`);
    const deadline = (root["spec"] as Json)["activeDeadlineSeconds"];
    if (deadline !== undefined && !(Number.isInteger(deadline) && (deadline as number) > 0)) problems.push(`/spec/activeDeadlineSeconds: not a positive integer`);
  }
  if (!podSpec) return [...problems, `${specPath}: missing`];
  return [...problems, ...podSpecProblems(podSpec, specPath)];
}

function podSpecProblems(spec: Json, path: string): string[] {
  const problems: string[] = [];
  const deadline = spec["activeDeadlineSeconds"];
  if (deadline !== undefined && !(Number.isInteger(deadline) && (deadline as number) > 0)) problems.push(`${path}/activeDeadlineSeconds: not a positive integer`);
  const volumes = (spec["volumes"] ?? []) as Json[];
  const volumeNames = volumes.map((volume) => String(volume["name"]));
  volumes.forEach((volume, index) => {
    if (!isDnsLabel(String(volume["name"]))) problems.push(`${path}/volumes/${index}/name: ${JSON.stringify(volume["name"])} is not a DNS-1123 label`);
    const secret = volume["secret"] as Json | undefined;
    if (secret && !isDnsSubdomain(String(secret["secretName"] ?? ""))) problems.push(`${path}/volumes/${index}/secret/secretName: not a DNS-1123 subdomain`);
    for (const item of (secret?.["items"] ?? []) as Json[]) if (!secretKey.test(String(item["key"]))) problems.push(`${path}/volumes/${index}/secret/items: key ${JSON.stringify(item["key"])} is not a Secret key`);
  });
  for (const name of duplicates(volumeNames)) problems.push(`${path}/volumes: two volumes are named ${name}`);
  if (spec["serviceAccountName"] !== undefined && !isDnsSubdomain(String(spec["serviceAccountName"]))) problems.push(`${path}/serviceAccountName: not a DNS-1123 subdomain`);
  problems.push(...placementProblems(spec, path));

  const groups = [["initContainers", (spec["initContainers"] ?? []) as Json[]], ["containers", (spec["containers"] ?? []) as Json[]]] as const;
  if (groups[1][1].length === 0) problems.push(`${path}/containers: a Pod needs at least one container`);
  const containerNames: string[] = [];
  for (const [group, containers] of groups) {
    containers.forEach((container, index) => {
      const at = `${path}/${group}/${index}`;
      containerNames.push(String(container["name"]));
      problems.push(...containerRuleProblems(container, at));
      for (const mount of (container["volumeMounts"] ?? []) as Json[]) {
        if (!volumeNames.includes(String(mount["name"]))) problems.push(`${at}/volumeMounts: mounts ${JSON.stringify(mount["name"])}, which the Pod does not declare`);
      }
    });
  }
  for (const name of duplicates(containerNames)) problems.push(`${path}: two containers are named ${name}`);
  return problems;
}

function containerRuleProblems(container: Json, path: string): string[] {
  const problems: string[] = [];
  if (!isDnsLabel(String(container["name"] ?? ""))) problems.push(`${path}/name: ${JSON.stringify(container["name"])} is not a DNS-1123 label`);
  const env = (container["env"] ?? []) as Json[];
  env.forEach((variable, index) => {
    const name = String(variable["name"]);
    if (!cIdentifier.test(name)) problems.push(`${path}/env/${index}/name: ${JSON.stringify(name)} is not a C identifier`);
    const ref = ((variable["valueFrom"] ?? {}) as Json)["secretKeyRef"] as Json | undefined;
    if (ref) {
      if (!isDnsSubdomain(String(ref["name"] ?? ""))) problems.push(`${path}/env/${index}/valueFrom/secretKeyRef/name: ${JSON.stringify(ref["name"])} is not a DNS-1123 subdomain`);
      if (!secretKey.test(String(ref["key"] ?? ""))) problems.push(`${path}/env/${index}/valueFrom/secretKeyRef/key: ${JSON.stringify(ref["key"])} is not a Secret key`);
    }
    if (variable["value"] !== undefined && variable["valueFrom"] !== undefined) problems.push(`${path}/env/${index}: value and valueFrom together`);
  });
  for (const name of duplicates(env.map((variable) => String(variable["name"])))) problems.push(`${path}/env: ${name} is set twice`);
  const mounts = (container["volumeMounts"] ?? []) as Json[];
  for (const mount of mounts) if (!String(mount["mountPath"]).startsWith("/")) problems.push(`${path}/volumeMounts: ${JSON.stringify(mount["mountPath"])} is not absolute`);
  for (const mountPath of duplicates(mounts.map((mount) => String(mount["mountPath"])))) problems.push(`${path}/volumeMounts: ${mountPath} is mounted twice`);
  const security = container["securityContext"] as Json | undefined;
  if (security?.["runAsNonRoot"] === true && security["runAsUser"] === 0) problems.push(`${path}/securityContext: runAsNonRoot with runAsUser 0 never starts`);
  return problems;
}

/**
 * Where a stage's infrastructure places its Pod, as the API server checks it: node selector
 * labels, tolerations (operator Exists takes no value, an empty key needs Exists,
 * tolerationSeconds only with NoExecute, the three effects), priority class and host aliases.
 */
function placementProblems(spec: Json, path: string): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries((spec["nodeSelector"] ?? {}) as Record<string, unknown>)) {
    if (!isQualifiedKey(key)) problems.push(`${path}/nodeSelector: ${JSON.stringify(key)} is not a label key`);
    if (typeof value !== "string" || value.length > 63 || !labelValue.test(value)) problems.push(`${path}/nodeSelector/${key}: ${JSON.stringify(value)} is not a label value`);
  }
  ((spec["tolerations"] ?? []) as Json[]).forEach((toleration, index) => {
    const at = `${path}/tolerations/${index}`;
    const operator = toleration["operator"] ?? "Equal";
    if (operator !== "Equal" && operator !== "Exists") problems.push(`${at}/operator: ${JSON.stringify(operator)} is not Equal or Exists`);
    if (operator === "Exists" && (toleration["value"] ?? "") !== "") problems.push(`${at}/value: must be empty when operator is Exists`);
    if ((toleration["key"] ?? "") === "" && operator !== "Exists") problems.push(`${at}/operator: must be Exists when key is empty`);
    const effect = toleration["effect"];
    if (effect !== undefined && effect !== "" && !["NoSchedule", "PreferNoSchedule", "NoExecute"].includes(String(effect))) problems.push(`${at}/effect: ${JSON.stringify(effect)} is not a taint effect`);
    if (toleration["tolerationSeconds"] !== undefined && effect !== "NoExecute") problems.push(`${at}/tolerationSeconds: only with effect NoExecute`);
    if (toleration["key"] !== undefined && toleration["key"] !== "" && !isQualifiedKey(String(toleration["key"]))) problems.push(`${at}/key: ${JSON.stringify(toleration["key"])} is not a label key`);
  });
  if (spec["priorityClassName"] !== undefined && !isDnsSubdomain(String(spec["priorityClassName"]))) problems.push(`${path}/priorityClassName: not a DNS-1123 subdomain`);
  ((spec["hostAliases"] ?? []) as Json[]).forEach((alias, index) => {
    if (!/^(\d{1,3}\.){3}\d{1,3}$|:/.test(String(alias["ip"] ?? ""))) problems.push(`${path}/hostAliases/${index}/ip: ${JSON.stringify(alias["ip"])} is not an IP address`);
    for (const name of (alias["hostnames"] ?? []) as unknown[]) if (!isDnsSubdomain(String(name))) problems.push(`${path}/hostAliases/${index}/hostnames: ${JSON.stringify(name)} is not a DNS-1123 subdomain`);
  });
  return problems;
}

function metadataProblems(metadata: Json, path: string): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries((metadata["labels"] ?? {}) as Record<string, string>)) {
    if (!isQualifiedKey(key)) problems.push(`${path}/labels: ${JSON.stringify(key)} is not a label key`);
    if (value.length > 63 || !labelValue.test(value)) problems.push(`${path}/labels/${key}: ${JSON.stringify(value)} is not a label value`);
  }
  for (const key of Object.keys((metadata["annotations"] ?? {}) as Record<string, string>)) {
    if (!isQualifiedKey(key)) problems.push(`${path}/annotations: ${JSON.stringify(key)} is not an annotation key`);
  }
  return problems;
}

function isQualifiedKey(key: string): boolean {
  const parts = key.split("/");
  if (parts.length > 2) return false;
  const name = parts.pop()!;
  const prefix = parts[0];
  return (prefix === undefined || isDnsSubdomain(prefix)) && name.length <= 63 && qualifiedName.test(name);
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}
