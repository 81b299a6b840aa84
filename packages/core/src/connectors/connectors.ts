import { identifierPattern, identifierRule } from "../rules/identifiers.js";
import { answersReference, referenceScope, scopeLevel } from "../rules/connector-scope.js";
import { asWritten, quote } from "../problems/format.js";
import { BuildpushError } from "../problems/error.js";
import { type Problem } from "../problems/problem.js";
import type { Path } from "../problems/path.js";
import { ProblemCollector, type ProblemDraft } from "../problems/collector.js";
import { registryUrlProblem, registryUrlRule, type RegistryUrlProblem } from "../rules/registry-url.js";
import { toProblems } from "../problems/locate.js";
import { describeType, isPlainObject } from "../source/values.js";
import { parseYamlFile, type SourceMap, type YamlLimits } from "../source/yaml-source.js";
import { optionalSecretRef, optionalText, rejectLiteralSecret, text, unsupportedAuth, type ConnectorBase, type ConnectorScope } from "./connector-fields.js";
import { readGcp, type GcpConnector } from "./gcp-connector.js";

export type { ConnectorScope } from "./connector-fields.js";
export type { GcpConnector } from "./gcp-connector.js";

/**
 * Harness connectors, read from Harness's own connector YAML (`connector:` root). Only the
 * parts a build-and-push step uses are kept, and secrets are kept as references
 * (`account.docker_pass`), never as values.
 */
export type Connector = DockerRegistryConnector | AwsConnector | AzureConnector | GcpConnector;
export type ConnectorType = Connector["type"];

export interface DockerRegistryConnector extends ConnectorBase {
  type: "DockerRegistry";
  url: string;
  auth:
    | { type: "UsernamePassword"; username?: string; usernameRef?: string; passwordRef: string }
    | { type: "Anonymous" };
}

export interface AwsConnector extends ConnectorBase {
  type: "Aws";
  credential:
    | { type: "ManualConfig"; accessKey?: string; accessKeyRef?: string; secretKeyRef: string }
    | { type: "InheritFromDelegate" }
    | { type: "Irsa" };
  crossAccountAccess?: { crossAccountRoleArn: string; externalId?: string };
  /** `executeOnDelegate`: the connector connects through a delegate rather than the Harness Platform. */
  executeOnDelegate?: boolean;
}

export interface AzureConnector extends ConnectorBase {
  type: "Azure";
  credential:
    | {
        type: "ManualConfig";
        applicationId: string;
        tenantId: string;
        auth: { type: "Secret"; secretRef: string } | { type: "Certificate"; certificateRef: string };
      }
    | { type: "InheritFromDelegate" };
}

/** Parse one connector file (several YAML documents allowed). Throws with every problem found. */
export function parseConnectorFile(text: string, file: string, limits?: Partial<YamlLimits>): Connector[] {
  const documents = parseYamlFile(text, file, limits);
  const connectors: Connector[] = [];
  const problems: Problem[] = [];
  for (const doc of documents) {
    if (doc.value === null || doc.value === undefined) continue;
    const collector = new ProblemCollector(doc.source);
    const connector = readConnector(doc.value, collector, doc.source);
    for (const problem of toProblems(collector.findings, doc.source)) problems.push(problem);
    if (connector && collector.ok) connectors.push(connector);
  }
  if (problems.length > 0) throw new BuildpushError(problems);
  return connectors;
}

/** Read connectors given as plain values (each `{ connector: {...} }` or the inner object). */
export function connectorsFromValues(values: readonly unknown[]): Connector[] {
  const collector = new ProblemCollector();
  const connectors: Connector[] = [];
  values.forEach((value) => {
    const wrapped = isPlainObject(value) && "connector" in value ? value : { connector: value };
    const connector = readConnector(wrapped, collector);
    if (connector) connectors.push(connector);
  });
  if (!collector.ok) throw new BuildpushError(toProblems(collector.findings));
  return connectors;
}

function readConnector(value: unknown, collector: ProblemCollector, source?: SourceMap): Connector | undefined {
  if (!isPlainObject(value) || !isPlainObject(value["connector"])) {
    collector.add([], {
      code: "invalid-connector",
      message: "a connector document must have a `connector:` map at its root",
      rule: "connector files use Harness's connector YAML: connector: {identifier, type, spec}",
    });
    return undefined;
  }
  const c = value["connector"];
  const at: Path = ["connector"];
  const written = text(c, "identifier", at, collector, true);
  if (written !== undefined && !identifierPattern.test(written)) {
    collector.add([...at, "identifier"], {
      code: "invalid-identifier",
      message: `connector identifier ${quote(written)} is not valid`,
      value: written,
      rule: identifierRule,
    });
  }
  // Later messages name the connector: a broken identifier is shown quoted and short (the connector is refused anyway).
  const identifier = written === undefined || identifierPattern.test(written) ? written : asWritten(written);
  const type = text(c, "type", at, collector, true);
  const spec = c["spec"];
  if (!isPlainObject(spec)) {
    collector.add([...at, "spec"], {
      code: "invalid-connector",
      message: `connector ${identifier ?? "?"} has no spec map`,
      rule: "a connector needs spec with its URL or credentials",
    }, "key");
    return undefined;
  }
  if (identifier === undefined || type === undefined) return undefined;
  const base: ConnectorBase = { identifier };
  const name = optionalText(c, "name", at, collector);
  if (name !== undefined) base.name = name;
  const org = optionalText(c, "orgIdentifier", at, collector);
  if (org !== undefined) base.orgIdentifier = org;
  const project = optionalText(c, "projectIdentifier", at, collector);
  if (project !== undefined) base.projectIdentifier = project;
  const position = source?.locate(at);
  if (position) base.position = position;
  const specPath: Path = [...at, "spec"];
  switch (type) {
    case "DockerRegistry":
      return readDocker(base, spec, specPath, collector);
    case "Aws":
      return readAws(base, spec, specPath, collector);
    case "Azure":
      return readAzure(base, spec, specPath, collector);
    case "Gcp":
      return readGcp(base, spec, specPath, collector);
    default:
      collector.add([...at, "type"], {
        code: "invalid-connector",
        message: `connector type ${quote(type)} is not one build-and-push steps use`,
        value: type,
        rule: "connector type is DockerRegistry, Aws, Azure or Gcp",
      });
      return undefined;
  }
}

function readDocker(base: ConnectorBase, spec: Record<string, unknown>, at: Path, collector: ProblemCollector): DockerRegistryConnector | undefined {
  const url = text(spec, "dockerRegistryUrl", at, collector, true);
  const urlProblem = url === undefined ? undefined : registryUrlProblem(url);
  if (url !== undefined && urlProblem) collector.add([...at, "dockerRegistryUrl"], registryUrlFinding(url, urlProblem));
  const auth = spec["auth"];
  const authPath = [...at, "auth"];
  if (!isPlainObject(auth)) {
    collector.add(authPath, { code: "invalid-connector", message: `Docker connector ${base.identifier} has no auth`, rule: "auth.type is UsernamePassword or Anonymous" }, "key");
    return undefined;
  }
  const authType = text(auth, "type", authPath, collector, true);
  if (url === undefined || authType === undefined) return undefined;
  if (authType === "Anonymous") return { ...base, type: "DockerRegistry", url, auth: { type: "Anonymous" } };
  if (authType !== "UsernamePassword") {
    unsupportedAuth(base, authType, [...authPath, "type"], "UsernamePassword or Anonymous", collector);
    return undefined;
  }
  const authSpec = isPlainObject(auth["spec"]) ? auth["spec"] : {};
  const specPath = [...authPath, "spec"];
  rejectLiteralSecret(authSpec, "password", "passwordRef", specPath, collector);
  const username = optionalText(authSpec, "username", specPath, collector);
  const usernameRef = optionalSecretRef(authSpec, "usernameRef", specPath, collector);
  const passwordRef = optionalSecretRef(authSpec, "passwordRef", specPath, collector);
  if (passwordRef === undefined) {
    collector.add([...specPath, "passwordRef"], {
      code: "missing-connector-secret",
      message: `Docker connector password secret does not exist for connector with identifier ${base.identifier}`,
      rule: "a UsernamePassword Docker connector needs passwordRef, a secret reference",
    }, "key");
  }
  if (username === undefined && usernameRef === undefined) {
    collector.add([...specPath, "username"], {
      code: "missing-connector-secret",
      message: `Docker connector ${base.identifier} has neither username nor usernameRef`,
      rule: "a UsernamePassword Docker connector needs a username",
    }, "key");
  }
  if (passwordRef === undefined) return undefined;
  return {
    ...base,
    type: "DockerRegistry",
    url,
    auth: { type: "UsernamePassword", ...(username !== undefined ? { username } : {}), ...(usernameRef !== undefined ? { usernameRef } : {}), passwordRef },
  };
}

function readAws(base: ConnectorBase, spec: Record<string, unknown>, at: Path, collector: ProblemCollector): AwsConnector | undefined {
  const credential = spec["credential"];
  const credPath = [...at, "credential"];
  if (!isPlainObject(credential)) {
    collector.add(credPath, { code: "invalid-connector", message: `AWS connector ${base.identifier} has no credential`, rule: "credential.type is ManualConfig, InheritFromDelegate or Irsa" }, "key");
    return undefined;
  }
  const type = text(credential, "type", credPath, collector, true);
  let cross: AwsConnector["crossAccountAccess"];
  if (isPlainObject(credential["crossAccountAccess"])) {
    const crossPath = [...credPath, "crossAccountAccess"];
    const arn = text(credential["crossAccountAccess"], "crossAccountRoleArn", crossPath, collector, true);
    const externalId = optionalText(credential["crossAccountAccess"], "externalId", crossPath, collector);
    if (arn !== undefined) cross = { crossAccountRoleArn: arn, ...(externalId !== undefined ? { externalId } : {}) };
  }
  const withCross = { ...(cross ? { crossAccountAccess: cross } : {}), ...(typeof spec["executeOnDelegate"] === "boolean" ? { executeOnDelegate: spec["executeOnDelegate"] } : {}) };
  if (type === "InheritFromDelegate" || type === "Irsa") return { ...base, type: "Aws", credential: { type }, ...withCross };
  if (type === undefined) return undefined;
  if (type !== "ManualConfig") {
    unsupportedAuth(base, type, [...credPath, "type"], "ManualConfig, InheritFromDelegate or Irsa", collector);
    return undefined;
  }
  const manual = isPlainObject(credential["spec"]) ? credential["spec"] : {};
  const specPath = [...credPath, "spec"];
  rejectLiteralSecret(manual, "secretKey", "secretKeyRef", specPath, collector);
  const accessKey = optionalText(manual, "accessKey", specPath, collector);
  const accessKeyRef = optionalSecretRef(manual, "accessKeyRef", specPath, collector);
  const secretKeyRef = optionalSecretRef(manual, "secretKeyRef", specPath, collector);
  if (accessKey === undefined && accessKeyRef === undefined) {
    collector.add([...specPath, "accessKey"], {
      code: "missing-connector-secret",
      message: `AWS connector access key does not exist for connector with identifier ${base.identifier}`,
      rule: "a ManualConfig AWS connector needs accessKey or accessKeyRef",
    }, "key");
  }
  if (secretKeyRef === undefined) {
    collector.add([...specPath, "secretKeyRef"], {
      code: "missing-connector-secret",
      message: `AWS connector secret key does not exist for connector with identifier ${base.identifier}`,
      rule: "a ManualConfig AWS connector needs secretKeyRef, a secret reference",
    }, "key");
    return undefined;
  }
  return {
    ...base,
    type: "Aws",
    credential: { type: "ManualConfig", ...(accessKey !== undefined ? { accessKey } : {}), ...(accessKeyRef !== undefined ? { accessKeyRef } : {}), secretKeyRef },
    ...withCross,
  };
}

function readAzure(base: ConnectorBase, spec: Record<string, unknown>, at: Path, collector: ProblemCollector): AzureConnector | undefined {
  const credential = spec["credential"];
  const credPath = [...at, "credential"];
  if (!isPlainObject(credential)) {
    collector.add(credPath, { code: "invalid-connector", message: `Azure connector ${base.identifier} has no credential`, rule: "credential.type is ManualConfig or InheritFromDelegate" }, "key");
    return undefined;
  }
  const type = text(credential, "type", credPath, collector, true);
  if (type === "InheritFromDelegate") return { ...base, type: "Azure", credential: { type } };
  if (type === undefined) return undefined;
  if (type !== "ManualConfig") {
    unsupportedAuth(base, type, [...credPath, "type"], "ManualConfig or InheritFromDelegate", collector);
    return undefined;
  }
  const manual = isPlainObject(credential["spec"]) ? credential["spec"] : {};
  const specPath = [...credPath, "spec"];
  const applicationId = text(manual, "applicationId", specPath, collector, true);
  const tenantId = text(manual, "tenantId", specPath, collector, true);
  const auth = isPlainObject(manual["auth"]) ? manual["auth"] : {};
  const authPath = [...specPath, "auth"];
  const authType = text(auth, "type", authPath, collector, true);
  const authSpec = isPlainObject(auth["spec"]) ? auth["spec"] : {};
  const authSpecPath = [...authPath, "spec"];
  if (applicationId === undefined || tenantId === undefined || authType === undefined) return undefined;
  if (authType === "Secret") {
    const secretRef = optionalSecretRef(authSpec, "secretRef", authSpecPath, collector);
    if (secretRef === undefined) {
      collector.add([...authSpecPath, "secretRef"], { code: "missing-connector-secret", message: `Azure connector client secret does not exist for connector with identifier ${base.identifier}`, rule: "a Secret-auth Azure connector needs secretRef" }, "key");
      return undefined;
    }
    return { ...base, type: "Azure", credential: { type: "ManualConfig", applicationId, tenantId, auth: { type: "Secret", secretRef } } };
  }
  if (authType === "Certificate") {
    const certificateRef = optionalSecretRef(authSpec, "certificateRef", authSpecPath, collector);
    if (certificateRef === undefined) {
      collector.add([...authSpecPath, "certificateRef"], { code: "missing-connector-secret", message: `Azure connector certificate does not exist for connector with identifier ${base.identifier}`, rule: "a Certificate-auth Azure connector needs certificateRef" }, "key");
      return undefined;
    }
    return { ...base, type: "Azure", credential: { type: "ManualConfig", applicationId, tenantId, auth: { type: "Certificate", certificateRef } } };
  }
  unsupportedAuth(base, authType, [...authPath, "type"], "Secret or Certificate", collector);
  return undefined;
}

/**
 * What a connector an engine built by hand (not read from YAML) must hold for lookups and
 * outputs to be safe: an identifier, scope identifiers and, for a Docker connector, a registry
 * URL without a login in it. The readers above check all of this for connectors from YAML.
 */
function connectorObjectProblems(connector: unknown, index: number): Problem[] {
  const at = (field: string, draft: ProblemDraft): Problem => ({ ...draft, path: ["connectors", index, field], field: `connectors[${index}].${field}` });
  if (!isPlainObject(connector)) return [{ code: "invalid-connector", message: `connectors[${index}] is ${describeType(connector)}, not a connector`, path: ["connectors", index], field: `connectors[${index}]`, rule: "a connector is what parseConnectorFile or connectorsFromValues returns" }];
  const problems: Problem[] = [];
  for (const key of ["identifier", "orgIdentifier", "projectIdentifier"] as const) {
    const value = connector[key];
    if (value === undefined && key !== "identifier") continue;
    if (typeof value !== "string" || !identifierPattern.test(value)) problems.push(at(key, { code: "invalid-connector", message: `connector ${key} ${quote(value)} is not an identifier`, value, rule: identifierRule }));
  }
  if (connector["type"] === "DockerRegistry") {
    const url = connector["url"];
    const problem = typeof url === "string" ? registryUrlProblem(url) : { reason: `it is ${describeType(url)}`, secret: false };
    if (problem) problems.push(at("url", typeof url === "string" ? registryUrlFinding(url, problem) : { code: "invalid-registry", message: `a Docker connector's url must be text: ${problem.reason}`, rule: registryUrlRule }));
  }
  return problems;
}

/** The problem of a registry URL; one that may hold a login is not repeated, not even in `value`. */
function registryUrlFinding(url: string, problem: RegistryUrlProblem): ProblemDraft {
  return {
    code: "invalid-registry",
    message: problem.secret ? `dockerRegistryUrl is not a registry URL: ${problem.reason} (the URL is not shown)` : `${quote(url)} is not a registry URL: ${problem.reason}`,
    ...(problem.secret ? {} : { value: url }),
    rule: registryUrlRule,
  };
}

/**
 * The connectors a caller gave, as a set: a ConnectorSet of any copy of core is used as it is
 * (recognised by its shape, not by instanceof, which differs between copies), a list is indexed.
 */
export function toConnectorSet(connectors: ConnectorSet | readonly Connector[] | undefined): ConnectorSet {
  if (connectors === undefined) return new ConnectorSet();
  return Array.isArray(connectors) ? new ConnectorSet(connectors) : (connectors as ConnectorSet);
}

export class ConnectorSet {
  private readonly byIdentifier = new Map<string, Connector[]>();

  /** Throws a BuildpushError when two connectors share an identifier and scope, naming both. */
  constructor(connectors: readonly Connector[] = []) {
    const problems: Problem[] = [];
    if (!Array.isArray(connectors)) {
      throw new BuildpushError([{ code: "invalid-option", message: `connectors must be a list of connectors, not ${describeType(connectors)}`, field: "connectors", rule: "pass parsed connectors (parseConnectorFile, connectorsFromValues) or a ConnectorSet" }]);
    }
    connectors.forEach((connector, index) => {
      for (const problem of connectorObjectProblems(connector, index)) problems.push(problem);
    });
    if (problems.length > 0) throw new BuildpushError(problems);
    for (const connector of connectors) {
      const list = this.byIdentifier.get(connector.identifier) ?? [];
      const twin = list.find((other) => scopeLevel(other) === scopeLevel(connector) && other.orgIdentifier === connector.orgIdentifier && other.projectIdentifier === connector.projectIdentifier);
      if (twin) {
        const first = twin.position ? ` (first defined at ${twin.position.file}:${twin.position.line}:${twin.position.column})` : "";
        problems.push({
          code: "duplicate-connector",
          message: `connector ${quote(connector.identifier)} is defined twice${first}`,
          path: ["connector", "identifier"],
          field: "connector.identifier",
          value: connector.identifier,
          rule: "a connector identifier is unique within its scope (account, org or project)",
          ...(connector.position ? { position: connector.position } : {}),
        });
        continue;
      }
      list.push(connector);
      this.byIdentifier.set(connector.identifier, list);
    }
    if (problems.length > 0) throw new BuildpushError(problems);
  }

  /**
   * The connector a reference names from a pipeline living at `scope`, by Harness's scopes
   * (rules/connector-scope.ts): `account.x` the account's, `org.x` the pipeline's organization's,
   * a bare `x` the pipeline's own project's. Undefined when no connector, or more than one,
   * answers it (a connector of another project never does).
   */
  find(ref: string, scope: ConnectorScope = {}): Connector | undefined {
    const answering = this.answering(ref, scope);
    return answering.length === 1 ? answering[0] : undefined;
  }

  /** Every connector that answers the reference from `scope` (more than one when the pipeline does not say its project or organization). */
  answering(ref: string, scope: ConnectorScope = {}): Connector[] {
    const { level, identifier } = referenceScope(ref);
    return (this.byIdentifier.get(identifier) ?? []).filter((connector) => answersReference(connector, level, scope));
  }

  /** Every connector of an identifier, whatever its scope (for messages that say where it is). */
  definitions(identifier: string): readonly Connector[] {
    return this.byIdentifier.get(identifier) ?? [];
  }

  identifiers(): string[] {
    return [...this.byIdentifier.keys()].sort();
  }
}
