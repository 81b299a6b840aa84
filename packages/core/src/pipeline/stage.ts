import type { RegistryCredentials, SecretRef } from "../plan/build-plan.js";
import type { SecurityContext, StageInfrastructure } from "./stage-infrastructure.js";
import type { FailureStrategy, StageWhen } from "./step-semantics.js";

export type { SecurityContext } from "./stage-infrastructure.js";

/** What a step inherits from its stage (and pipeline). */
export interface StageContext {
  identifier?: string;
  /** The stage's name as written. */
  name?: string;
  /** Where the stage runs, as the pipeline says it (read and checked): what the engine must honour. */
  infrastructure?: StageInfrastructure;
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
  /** The registry path Harness pulls its own images from, the plugin images among them (from `harnessImageConnectorRef`); `""` for Docker Hub. */
  harnessImageRegistry?: string;
  /** The login of `harnessImageConnectorRef`'s connector, by reference: what pulls those images. */
  harnessImageLogin?: Extract<RegistryCredentials, { kind: "basic" }>;
  /** When the stage runs (after the earlier stages succeeded, by default). */
  when?: StageWhen;
  /** The stage's failure strategies: its steps' last resort, after their own and their step groups'. */
  failureStrategies?: FailureStrategy[];
  /** Stage `sharedPaths`: further directories mounted into every step. */
  sharedPaths?: string[];
}
