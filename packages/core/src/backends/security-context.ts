import type { SecurityContext } from "../pipeline/stage.js";
import type { StageContext } from "../pipeline/stage.js";

/**
 * A step's security context: the stage's container security context with the step's runAsUser
 * over it. `runAsUser: 0` on a step is how the docs let one step of a non-root stage run as
 * root (kaniko needs it), so it also sets `runAsNonRoot: false`: Kubernetes refuses to start a
 * container whose runAsUser is 0 while runAsNonRoot is true.
 */
export function stepSecurityContext(stage: StageContext, runAsUser: number | undefined): SecurityContext | undefined {
  const securityContext: SecurityContext = { ...stage.containerSecurityContext };
  if (runAsUser !== undefined) securityContext.runAsUser = runAsUser;
  if (runAsUser === 0 && securityContext.runAsNonRoot === true) securityContext.runAsNonRoot = false;
  return Object.keys(securityContext).length > 0 ? securityContext : undefined;
}
