// Bugs of the login and of the image the plugin pushes: the password on docker's command line,
// logins docker cannot complete, a repository the plugin does not qualify with its registry,
// and tags it passes on unchecked until `docker tag` refuses them after the build.

import { bug, type DockerPluginBug } from "./bug.js";
import { ACR_TOKEN, ECR_DEFAULT_REGISTRY, ECR_TOKEN, GCP_ACCESS_TOKEN } from "./constants.js";
import { pushCommandProblem, tagTargetProblem } from "./docker-reference.js";
import type { RunFacts } from "./facts.js";
import { googleLogin } from "./google-wrappers.js";
import { loginHost, repositoryHost } from "./registry-host.js";
import { firstNonEmpty } from "./wrapper-getenv.js";

/** The tokens the wrappers get at run time, which come from no variable of the step. */
const ISSUED_TOKENS: Readonly<Record<string, string>> = {
  [ECR_TOKEN]: "registry token AWS issued",
  [ACR_TOKEN]: "ACR token Azure issued",
  [GCP_ACCESS_TOKEN]: "access token Google issued",
};

/** The step's variable a password came from: for GCR and GAR, the JSON key behind DOCKER_PASSWORD. */
function passwordVariable(facts: RunFacts, variable: string | undefined): string {
  const wrapped = (facts.variant === "gcr" || facts.variant === "gar") && variable === "DOCKER_PASSWORD" && facts.env["DOCKER_PASSWORD"] === undefined;
  return (wrapped ? googleLogin(facts.env).keyVariable : variable) ?? "PLUGIN_PASSWORD";
}

export function loginBugs(facts: RunFacts): DockerPluginBug[] {
  const bugs: DockerPluginBug[] = [];
  for (const login of facts.logins) {
    const password = login.password;
    if (password !== undefined && password.value !== "") {
      const issued = ISSUED_TOKENS[password.value];
      const variable = issued === undefined ? passwordVariable(facts, password.variable) : undefined;
      const what = issued ?? `password (${variable})`;
      bugs.push(
        bug(
          "password-on-command-line",
          variable,
          `docker login -u <user> -p <password> puts the ${what} for ${login.registry} on docker's command line: while it logs in, any process on the VM can read it (ps, /proc/PID/cmdline). The plugin uses --password-stdin only for ACCESS_TOKEN`,
        ),
      );
    }
    if (login.kind === "base-image" && (login.username.value === "" || password?.value === "")) {
      bugs.push(
        bug(
          "base-image-login-without-credentials",
          "PLUGIN_DOCKER_REGISTRY",
          `the base image registry ${login.registry} has no user or password (an anonymous base image connector): the plugin warns, then runs docker login with them empty all the same, which docker cannot complete without a terminal, so the step fails before the build`,
        ),
      );
    }
    if (login.kind === "push" && login.argv.includes("-e")) {
      bugs.push(bug("login-email-flag", "PLUGIN_EMAIL", "PLUGIN_EMAIL adds -e to docker login, a flag docker removed in 17.06: the login fails with \"unknown shorthand flag: 'e'\" and the step with it"));
    }
    if (login.kind === "push" && password !== undefined && login.username.value === "") {
      bugs.push(bug("login-without-username", login.username.variable ?? "PLUGIN_USERNAME", `the plugin logs in to ${login.registry} whenever a password is set, even with no user: docker cannot ask for one without a terminal, so the step fails before the build`));
    }
  }
  return bugs;
}

export function repositoryBugs(facts: RunFacts): DockerPluginBug[] {
  const { settings, variant, env } = facts;
  const bugs: DockerPluginBug[] = [];
  if (variant === "acr" && firstNonEmpty(env, "PLUGIN_REGISTRY") === "") {
    bugs.push(bug("registry-not-given", "PLUGIN_REGISTRY", `no PLUGIN_REGISTRY: the ACR plugin takes the bare azurecr.io, logs in there and pushes ${settings.repo}, which names no registry of yours`));
  }
  const pushes = !settings.dryRun || settings.pushOnly;
  if (!pushes || settings.registry === ECR_DEFAULT_REGISTRY || pushCommandProblem(`${settings.repo}:latest`) !== undefined) return bugs;
  const login = loginHost(settings.registry);
  const target = repositoryHost(settings.repo);
  if (!target.explicit && login !== "docker.io") {
    bugs.push(
      bug(
        "unqualified-repo",
        "PLUGIN_REPO",
        `PLUGIN_REPO ${JSON.stringify(settings.repo)} names no registry and the plugin does not prefix PLUGIN_REGISTRY (${settings.registry}): docker pushes it to Docker Hub as docker.io/${settings.repo}; write ${login}/${settings.repo}`,
      ),
    );
  } else if (target.host !== login && facts.logins.some((l) => l.kind === "push")) {
    bugs.push(bug("repo-outside-login-registry", "PLUGIN_REPO", `the plugin logs in to ${settings.registry} (${login}) but pushes ${settings.repo} to ${target.host}, where it has no login`));
  }
  return bugs;
}

export function referenceBugs(facts: RunFacts): DockerPluginBug[] {
  const { settings, tags } = facts;
  const when = settings.pushOnly ? "before anything is pushed" : "after the whole build has run";
  const repoProblem = pushCommandProblem(`${settings.repo}:latest`);
  if (repoProblem !== undefined) {
    const what = settings.repo === "" ? "no PLUGIN_REPO" : `the repository ${JSON.stringify(settings.repo)}`;
    return [bug("invalid-repository", "PLUGIN_REPO", `${what}: the plugin passes it on unchecked, and docker tag refuses it ${when} (${repoProblem})`)];
  }
  const bugs: DockerPluginBug[] = [];
  for (const tag of new Set(tags.tags)) {
    const problem = tagTargetProblem(`${settings.repo}:${tag}`);
    if (problem === undefined) continue;
    const what = tag === "" ? "an empty tag" : `tag ${JSON.stringify(tag)}`;
    bugs.push(bug("invalid-tag", tags.variable, `${what}: the plugin keeps it unchecked, and docker tag refuses ${JSON.stringify(`${settings.repo}:${tag}`)} ${when}; tags are 1 to 128 letters, digits, _ . and -, not starting with . or -`));
  }
  return bugs;
}
