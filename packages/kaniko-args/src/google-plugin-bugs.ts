// Bugs of kaniko-gcr and kaniko-gar (reference gcr-gar-and-infrastructure.md sections 5a and 10):
// the GCP connector's OIDC variables they ignore, the base-image login they drop without a key,
// and what GAR's push-only overrides.

import type { PluginRun } from "./plugin-argv.js";
import type { PluginBug } from "./plugin-bug.js";

function oidcBugs(run: PluginRun): PluginBug[] {
  const google = run.google;
  const first = google?.ignoredOidcVariables[0];
  if (google === undefined || first === undefined || google.keyFile !== undefined || run.noPush) return [];
  return [
    {
      id: "oidc-ignored",
      variable: first,
      description: `the ${run.variant} kaniko plugin has no OIDC support: it ignores ${google.ignoredOidcVariables.join(", ")}, and with no PLUGIN_JSON_KEY kaniko pushes with whatever identity the pod has (the metadata server, GKE Workload Identity); without one the push is unauthenticated and refused after the whole build. Harness supports OIDC for this step only with buildx; on Kubernetes use a JSON key (ManualConfig) or the pod's Workload Identity`,
    },
  ];
}

function droppedBaseImageLoginBugs(run: PluginRun): PluginBug[] {
  const dropped = run.google?.droppedBaseImageRegistry;
  if (dropped === undefined) return [];
  return [
    {
      id: "base-image-login-dropped",
      variable: dropped.variable,
      description: `no PLUGIN_JSON_KEY, so the ${run.variant} plugin writes no docker config: the base-image login for ${dropped.registry} is dropped without a word and base images are pulled anonymously (Docker Hub's rate limits apply; a private base image fails)`,
    },
  ];
}

function pushOnlyBugs(run: PluginRun): PluginBug[] {
  const overridden = run.pushOnly?.overridden ?? [];
  const first = overridden[0];
  if (first === undefined) return [];
  return [
    {
      id: "push-only-overrides-settings",
      variable: first,
      description: `with PLUGIN_PUSH_ONLY=true the GAR plugin ignores ${overridden.join(", ")}: it pushes the tarball to each tag of PLUGIN_TAGS as given`,
    },
  ];
}

export function googlePluginBugs(run: PluginRun): PluginBug[] {
  return [...oidcBugs(run), ...droppedBaseImageLoginBugs(run), ...pushOnlyBugs(run)];
}
