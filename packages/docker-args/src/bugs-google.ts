// Bugs of the GCR and GAR wrappers (gcr-gar-and-infrastructure.md sections 5b and 10): OIDC
// variables that fall short of all five, no login at all, GAR's default registry without a
// location, and the registry type the artifact file gets.

import { GCP_OIDC_VARIABLES } from "@buildpush/kaniko-args";
import { bug, type DockerPluginBug } from "./bug.js";
import type { RunFacts } from "./facts.js";
import { GOOGLE_KEY_VARIABLES, googleLogin, type GoogleLogin, type GooglePluginVariant } from "./google-wrappers.js";
import { firstNonEmpty } from "./wrapper-getenv.js";

function loginBugs(facts: RunFacts, variant: GooglePluginVariant, login: GoogleLogin): DockerPluginBug[] {
  const bugs: DockerPluginBug[] = [];
  const missing = login.missingOidcVariables;
  if (missing[0] !== undefined) {
    const fallback = login.kind === "none" ? "to a JSON key, and there is none" : "to the JSON key";
    bugs.push(bug("oidc-variables-incomplete", missing[0], `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} empty: the ${variant.toUpperCase()} plugin exchanges the OIDC token only when all of ${GCP_OIDC_VARIABLES.join(", ")} are set, and otherwise falls back ${fallback} without a word`));
  }
  const pushes = !facts.settings.dryRun || facts.settings.pushOnly;
  if (login.kind === "none" && pushes) {
    const why = login.workloadIdentity ? "PLUGIN_WORKLOAD_IDENTITY=true, but no JSON key to exchange for a token" : `no JSON key (${GOOGLE_KEY_VARIABLES.join(", ")}) and no OIDC token`;
    bugs.push(bug("no-registry-login", "PLUGIN_JSON_KEY", `${why}: the plugin runs no docker login, so the push to ${facts.settings.registry} goes with whatever credentials the VM's Docker has, and fails after the whole build without them`));
  }
  return bugs;
}

function registryBugs(facts: RunFacts, variant: GooglePluginVariant): DockerPluginBug[] {
  if (variant !== "gar" || firstNonEmpty(facts.env, "PLUGIN_REGISTRY", "PLUGIN_LOCATION") !== "") return [];
  return [bug("registry-not-given", "PLUGIN_REGISTRY", `no PLUGIN_REGISTRY and no PLUGIN_LOCATION: the GAR plugin takes ${facts.settings.registry}, which is no host, logs in there and pushes ${facts.settings.repo}`)];
}

function artifactBugs(facts: RunFacts, variant: GooglePluginVariant): DockerPluginBug[] {
  if (facts.settings.artifactFile === "") return [];
  const given = facts.pluginEnv["PLUGIN_REGISTRY_TYPE"];
  const registryType = given === undefined || given === "" ? "Docker" : given;
  const expected = variant.toUpperCase();
  if (registryType === expected) return [];
  const why = given === undefined || given === "" ? `the ${expected} plugin works out ${expected} but never hands it on, so drone-docker writes its default` : "drone-docker copies PLUGIN_REGISTRY_TYPE as given (Harness sets lower-case gar)";
  return [bug("artifact-registry-type", "PLUGIN_REGISTRY_TYPE", `the artifact file says registryType ${JSON.stringify(registryType)}, not ${JSON.stringify(expected)}: ${why}`)];
}

/** The bugs only the GCR and GAR wrappers have; none for the other variants. */
export function googleWrapperBugs(facts: RunFacts): DockerPluginBug[] {
  const variant = facts.variant;
  if (variant !== "gcr" && variant !== "gar") return [];
  return [...loginBugs(facts, variant, googleLogin(facts.env)), ...registryBugs(facts, variant), ...artifactBugs(facts, variant)];
}
