import type { SecretRef } from "../plan/build-plan.js";

/** What a step inherits from its stage (and pipeline). */
export interface StageContext {
  identifier?: string;
  /** The stage infrastructure's OS (`Linux`, `Windows`, ...). */
  os?: string;
  /** `runtime.type` of a VM stage without `infrastructure`: `Cloud` (Harness Cloud) or `Docker` (a local runner). */
  runtime?: "Cloud" | "Docker";
  /** The VM stage's `platform.arch` (`Amd64`, `Arm64`), as written: the docker backend builds for it. */
  arch?: string;
  /** Pipeline then stage variables of type String/Number: they reach the container's environment. */
  variables?: Record<string, string>;
  /** Variables of type Secret: references the runtime resolves. */
  secretVariables?: Record<string, SecretRef>;
  /** The stage's container security context; a step's runAsUser goes over it. */
  containerSecurityContext?: SecurityContext;
  imagePullPolicy?: "Always" | "IfNotPresent" | "Never";
  /** Stage `sharedPaths`: further directories mounted into every step. */
  sharedPaths?: string[];
}

export interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
}
