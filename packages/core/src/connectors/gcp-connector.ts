import type { ProblemCollector } from "../problems/collector.js";
import type { Path } from "../problems/path.js";
import { isPlainObject } from "../source/values.js";
import { characterRules, forbiddenCharacter } from "../rules/text-checks.js";
import { optionalSecretRef, rejectLiteralSecret, text, unsupportedAuth, type ConnectorBase } from "./connector-fields.js";

/**
 * A Harness GCP connector (`type: Gcp`), as the GCR and GAR steps use it: a service account's
 * JSON key (by reference), the delegate's own identity, or OIDC workload identity federation.
 */
export interface GcpConnector extends ConnectorBase {
  type: "Gcp";
  /**
   * A JSON key by reference (`ManualConfig`), the identity of the delegate's pod
   * (`InheritFromDelegate`, e.g. GKE workload identity), or a Harness-minted OIDC token
   * exchanged for the service account's (`OidcAuthentication`).
   */
  credential:
    | { type: "ManualConfig"; secretKeyRef: string }
    | { type: "InheritFromDelegate"; delegateSelectors: string[] }
    | {
        type: "OidcAuthentication";
        workloadPoolId: string;
        providerId: string;
        /** The project *number*: the plugins build the STS audience `//iam.googleapis.com/projects/<number>/...` from it. */
        gcpProjectId: string;
        serviceAccountEmail: string;
      };
}

const credentialTypes = "ManualConfig, InheritFromDelegate or OidcAuthentication";
const oidcFields = ["workloadPoolId", "providerId", "gcpProjectId", "serviceAccountEmail"] as const;

export function readGcp(base: ConnectorBase, spec: Record<string, unknown>, at: Path, collector: ProblemCollector): GcpConnector | undefined {
  // Checked first and alone: every later check may quote the value it reads, and a pasted key must never be quoted.
  const pasted = pastedServiceAccountKey(spec, at);
  if (pasted) {
    collector.add(pasted, {
      code: "invalid-connector",
      message: `GCP connector ${base.identifier} holds what looks like a service account JSON key; its value is not shown`,
      rule: "connectors hold secret references, never secret values",
      hint: "store the key file as a secret and write credential.spec.secretKeyRef: account.<secret_identifier>",
    }, "key");
    return undefined;
  }
  const credential = spec["credential"];
  const credPath = [...at, "credential"];
  if (!isPlainObject(credential)) {
    collector.add(credPath, { code: "invalid-connector", message: `GCP connector ${base.identifier} has no credential`, rule: `credential.type is ${credentialTypes}` }, "key");
    return undefined;
  }
  const type = text(credential, "type", credPath, collector, true);
  const specPath = [...credPath, "spec"];
  const credentialSpec = isPlainObject(credential["spec"]) ? credential["spec"] : {};
  switch (type) {
    case undefined:
      return undefined;
    case "ManualConfig": {
      rejectLiteralSecret(credentialSpec, "secretKey", "secretKeyRef", specPath, collector);
      const secretKeyRef = optionalSecretRef(credentialSpec, "secretKeyRef", specPath, collector);
      if (secretKeyRef === undefined) {
        collector.add([...specPath, "secretKeyRef"], {
          code: "missing-connector-secret",
          // Harness's words (its GCP_KEY is the JSON key), without the double space of its message.
          message: `GCP connector GCP_KEY secret does not exist for connector with identifier ${base.identifier}`,
          rule: "a ManualConfig GCP connector needs secretKeyRef, a reference to the secret holding the service account's JSON key",
        }, "key");
        return undefined;
      }
      return { ...base, type: "Gcp", credential: { type, secretKeyRef } };
    }
    case "InheritFromDelegate": {
      if (credential["spec"] !== undefined && credential["spec"] !== null) {
        collector.add(specPath, {
          code: "invalid-connector",
          message: "No spec should be provided with the inherit from delegate type",
          rule: "an InheritFromDelegate GCP connector uses the delegate's own identity and has no credential.spec",
        }, "key");
      }
      const delegateSelectors = selectors(spec["delegateSelectors"], [...at, "delegateSelectors"], base, collector);
      return delegateSelectors && collector.ok ? { ...base, type: "Gcp", credential: { type, delegateSelectors } } : undefined;
    }
    case "OidcAuthentication": {
      const [workloadPoolId, providerId, gcpProjectId, serviceAccountEmail] = oidcFields.map((field) => text(credentialSpec, field, specPath, collector, true));
      if (gcpProjectId !== undefined && !/^[0-9]+$/.test(gcpProjectId)) {
        collector.add([...specPath, "gcpProjectId"], {
          code: "invalid-connector",
          message: `gcpProjectId of GCP connector ${base.identifier} is not a project number`,
          value: gcpProjectId,
          rule: "OIDC needs the project number (digits, e.g. 123456789012), not the project ID: the plugins build the workload identity pool's audience from it",
          hint: "gcloud projects describe PROJECT_ID --format='value(projectNumber)' prints it",
        });
      }
      if (serviceAccountEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(serviceAccountEmail)) {
        collector.add([...specPath, "serviceAccountEmail"], {
          code: "invalid-connector",
          message: `serviceAccountEmail of GCP connector ${base.identifier} is not an email address`,
          value: serviceAccountEmail,
          rule: "serviceAccountEmail is the email of the service account to impersonate, e.g. ci-push@PROJECT_ID.iam.gserviceaccount.com",
        });
      }
      if (workloadPoolId === undefined || providerId === undefined || gcpProjectId === undefined || serviceAccountEmail === undefined || !collector.ok) return undefined;
      return { ...base, type: "Gcp", credential: { type, workloadPoolId, providerId, gcpProjectId, serviceAccountEmail } };
    }
    default:
      unsupportedAuth(base, type, [...credPath, "type"], credentialTypes, collector);
      return undefined;
  }
}

/** Harness requires delegate selectors for a connector that inherits the delegate's identity: they say which delegate's. */
function selectors(value: unknown, path: Path, base: ConnectorBase, collector: ProblemCollector): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    collector.add(path, {
      code: "invalid-connector",
      message: `GCP connector ${base.identifier} inherits the delegate's identity but names no delegate selector`,
      rule: "an InheritFromDelegate GCP connector needs spec.delegateSelectors, a list of delegate tags",
    }, "key");
    return undefined;
  }
  const list: string[] = [];
  value.forEach((written: unknown, index) => {
    // A tag written as a YAML number (`- 42`) is the tag "42".
    const item = typeof written === "number" ? String(written) : written;
    if (typeof item !== "string" || item.trim() === "") {
      collector.add([...path, index], { code: "invalid-connector", message: "a delegate selector must be a non-empty string", value: item, rule: "delegateSelectors lists delegate tags" });
      return;
    }
    const forbidden = forbiddenCharacter(item, "single-line");
    if (forbidden !== undefined) {
      collector.add([...path, index], { code: "invalid-character", message: `a delegate selector holds the control character ${forbidden}`, rule: characterRules["single-line"] });
      return;
    }
    list.push(item);
  });
  return list.length === value.length ? list : undefined;
}

/**
 * Where a service account key was pasted into the connector, if anywhere: a string holding a
 * private key, or a map with the key file's `private_key` field (a pasted key file is valid
 * YAML). Reading stops there, so no message can repeat any of it.
 */
function pastedServiceAccountKey(value: unknown, path: Path): Path | undefined {
  if (typeof value === "string") return /private_key|-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pastedServiceAccountKey(item, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (!isPlainObject(value)) return undefined;
  if (Object.prototype.hasOwnProperty.call(value, "private_key")) return path;
  for (const key of Object.keys(value)) {
    const found = pastedServiceAccountKey(value[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}
