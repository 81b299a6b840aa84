/**
 * Harness's scopes for connector references: `account.x` names the account's connector x,
 * `org.x` the pipeline's organization's, and a bare `x` the pipeline's own project's. A
 * connector's scope is where its YAML says it lives: both identifiers (a project), only
 * `orgIdentifier` (an organization), or neither (the account).
 */

/** Where a pipeline (or a connector) lives. */
export interface ScopeIdentifiers {
  orgIdentifier?: string;
  projectIdentifier?: string;
}

export type ScopeLevel = "account" | "org" | "project";

export const connectorScopeRule =
  "a connector reference follows Harness's scopes: account.x is the account's connector x, org.x the pipeline's organization's, and a bare x the pipeline's own project's";

/** The scope a reference names and the identifier it names there. */
export function referenceScope(ref: string): { level: ScopeLevel; identifier: string } {
  if (ref.startsWith("account.")) return { level: "account", identifier: ref.slice("account.".length) };
  if (ref.startsWith("org.")) return { level: "org", identifier: ref.slice("org.".length) };
  return { level: "project", identifier: ref };
}

/** The level a connector is defined at. */
export function scopeLevel(scoped: ScopeIdentifiers): ScopeLevel {
  if (scoped.projectIdentifier) return "project";
  if (scoped.orgIdentifier) return "org";
  return "account";
}

/**
 * True when a connector defined at `defined` answers a reference of `level` made from a pipeline
 * living at `pipeline`. An identifier the pipeline does not name (a step translated on its own,
 * a pipeline file without orgIdentifier or projectIdentifier) does not rule a connector out;
 * the caller then refuses a reference that more than one connector answers.
 */
export function answersReference(defined: ScopeIdentifiers, level: ScopeLevel, pipeline: ScopeIdentifiers): boolean {
  if (scopeLevel(defined) !== level) return false;
  const sameOrg = pipeline.orgIdentifier === undefined || defined.orgIdentifier === undefined || defined.orgIdentifier === pipeline.orgIdentifier;
  if (level === "org") return sameOrg;
  if (level === "project") return sameOrg && (pipeline.projectIdentifier === undefined || defined.projectIdentifier === pipeline.projectIdentifier);
  return true;
}

/** How a connector's scope reads in a message: `the account`, `organization o`, `project p (organization o)`. */
export function describeScope(scoped: ScopeIdentifiers): string {
  const level = scopeLevel(scoped);
  if (level === "account") return "the account";
  if (level === "org") return `organization ${scoped.orgIdentifier}`;
  return `project ${scoped.projectIdentifier}${scoped.orgIdentifier ? ` (organization ${scoped.orgIdentifier})` : ""}`;
}

/** The reference a pipeline at `pipeline` writes for a connector defined at `defined`, or undefined when it cannot name it. */
export function referenceFor(identifier: string, defined: ScopeIdentifiers, pipeline: ScopeIdentifiers): string | undefined {
  const level = scopeLevel(defined);
  if (level === "account") return `account.${identifier}`;
  if (!answersReference(defined, level, pipeline)) return undefined;
  return level === "org" ? `org.${identifier}` : identifier;
}
