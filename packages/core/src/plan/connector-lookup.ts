import { dockerCredentials } from "../connectors/credentials.js";
import type { Connector, ConnectorScope, ConnectorSet } from "../connectors/connectors.js";
import { connectorScopeRule, describeScope, referenceFor, referenceScope } from "../rules/connector-scope.js";
import type { ProblemCollector, ProblemDraft } from "../problems/collector.js";
import { asWritten, quote } from "../problems/format.js";
import type { Path } from "../problems/path.js";
import type { Infrastructure, RegistryCredentials } from "./build-plan.js";
import type { StepHandler } from "./step-handler.js";

/** The connector a step's connectorRef names, of the type its handler pushes with. */
export function findConnector(ref: string | undefined, field: string, handler: StepHandler, connectors: ConnectorSet, scope: ConnectorScope, specPath: Path, collector: ProblemCollector): Connector | undefined {
  if (ref === undefined) return undefined;
  const connector = connectors.find(ref, scope);
  const path = [...specPath, field];
  if (!connector) {
    collector.add(path, missingConnector(ref, connectors, scope, handler.connectorType));
    return undefined;
  }
  if (connector.type !== handler.connectorType) {
    collector.add(path, {
      code: "wrong-connector-type",
      message: `connector ${quote(ref)} is a ${connector.type} connector, but a ${handler.type} step needs a ${handler.connectorType} connector`,
      value: ref,
      rule: `${handler.type} pushes with a ${handler.connectorType} connector`,
    });
    return undefined;
  }
  return connector;
}

export function baseImageConnector(refs: readonly string[] | undefined, handler: StepHandler, infrastructure: Infrastructure, connectors: ConnectorSet, scope: ConnectorScope, specPath: Path, collector: ProblemCollector): RegistryCredentials | undefined {
  if (!refs || refs.length === 0) return undefined;
  const path = [...specPath, "baseImageConnectorRefs"];
  if (refs.length > 1) {
    collector.add(path, {
      code: "too-many-base-image-connectors",
      message: "Only a single base image connector is allowed.",
      value: refs,
      rule: "baseImageConnectorRefs holds at most one connector",
    });
    return undefined;
  }
  if (infrastructure === "vm" && !handler.baseImageConnectorAllowedOnVm) {
    collector.add(path, {
      code: "base-image-connector-not-allowed",
      message: "Base image connector is not allowed for VM Infrastructure.",
      value: refs,
      rule: `${handler.type} on VM infrastructure pulls base images without a connector`,
    });
    return undefined;
  }
  const ref = refs[0]!;
  const connector = connectors.find(ref, scope);
  if (!connector) {
    collector.add([...path, 0], missingConnector(ref, connectors, scope, "DockerRegistry"));
    return undefined;
  }
  if (connector.type !== "DockerRegistry") {
    collector.add([...path, 0], {
      code: "wrong-connector-type",
      message: `base image connector ${quote(ref)} is a ${connector.type} connector, but base images are pulled with a DockerRegistry connector`,
      value: ref,
      rule: "baseImageConnectorRefs names a DockerRegistry connector",
    });
    return undefined;
  }
  return dockerCredentials(connector);
}


/**
 * A connector of `type` to check a step against when its own cannot be had: its reference is an
 * expression (checked as written) or names no connector given (already reported). It is the
 * least demanding of its type (Docker Hub, keys by reference), so no check blames it; the
 * step is never planned with it in resolved mode. Undefined for types core does not know.
 */
export function standInConnector(type: string): Connector | undefined {
  const identifier = "stand_in";
  switch (type) {
    case "DockerRegistry":
      return { type, identifier, url: "https://index.docker.io/v2/", auth: { type: "UsernamePassword", usernameRef: "stand_in_user", passwordRef: "stand_in_password" } };
    case "Aws":
      return { type, identifier, credential: { type: "ManualConfig", accessKeyRef: "stand_in_key", secretKeyRef: "stand_in_secret" } };
    case "Azure":
      return { type, identifier, credential: { type: "ManualConfig", applicationId: "stand-in", tenantId: "stand-in", auth: { type: "Secret", secretRef: "stand_in_secret" } } };
    default:
      return undefined;
  }
}

/** Why no connector answers `ref` from `scope`: none of that identifier, one in another scope, or several the pipeline cannot tell apart. */
export function missingConnector(ref: string, connectors: ConnectorSet, scope: ConnectorScope, type: string): ProblemDraft {
  const { identifier, level } = referenceScope(ref);
  const searched = level === "account" ? "the account" : level === "org" ? (scope.orgIdentifier !== undefined ? `organization ${scope.orgIdentifier}` : "the pipeline's organization") : scope.projectIdentifier !== undefined ? describeScope(scope) : "the pipeline's project";
  const from = ` in ${searched}`;
  // A ConnectorSet of an older copy of core may lack these; the message is then the plain one.
  const answering = connectors.answering?.(ref, scope) ?? [];
  if (answering.length > 1) {
    return {
      code: "unknown-connector",
      message: `connector ${quote(ref)} could name ${answering.map(describeScope).join(" or ")}`,
      value: ref,
      rule: connectorScopeRule,
      hint: "give the pipeline its orgIdentifier and projectIdentifier, so a reference names one connector",
    };
  }
  const elsewhere = connectors.definitions?.(identifier) ?? [];
  if (elsewhere.length > 0) {
    const usable = elsewhere.map((connector) => referenceFor(identifier, connector, scope)).filter((written) => written !== undefined);
    return {
      code: "unknown-connector",
      message: `connector ${quote(ref)} is not defined${from}: ${asWritten(identifier)} is defined in ${elsewhere.map(describeScope).join(", ")}`,
      value: ref,
      rule: connectorScopeRule,
      hint: usable.length > 0 ? `write ${usable.join(" or ")}` : "a pipeline uses connectors of its own project, its organization and the account; define the connector there",
    };
  }
  const known = connectors.identifiers();
  return {
    code: "unknown-connector",
    message: `connector ${quote(ref)} is not defined${from}`,
    value: ref,
    // The caller may have given files that could not be read: those problems are reported on their own.
    rule: known.length > 0 ? `the connectors given are ${known.join(", ")}` : "no connector was given (or none could be read)",
    hint: `pass its connector YAML (identifier: ${asWritten(identifier)}, type: ${type})`,
  };
}
