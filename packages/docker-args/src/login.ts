// The registry logins (docker.go Exec, commandLogin, commandLoginEmail,
// commandLoginAccessToken) and where the Docker CLI refuses them: the plugin runs docker with
// no terminal, so a login missing its user or password cannot prompt for it, and `-e` (email)
// has not been a docker login flag since Docker 17.06.

import { DOCKER_EXE } from "./constants.js";
import type { DockerSettings, Sourced } from "./settings.js";

export interface LoginCommand {
  kind: "base-image" | "push";
  argv: string[];
  username: Sourced;
  /** The password on the command line, or undefined for a login through --password-stdin. */
  password: Sourced | undefined;
  registry: string;
  /** Why the Docker CLI refuses this login, and the variable to blame, or undefined. */
  refusal: { reason: string; variable: string } | undefined;
}

const NO_TTY = "Error: Cannot perform an interactive login from a non TTY device";

interface LoginInput {
  kind: LoginCommand["kind"];
  registry: string;
  username: Sourced;
  password: Sourced;
  email: string;
  config: string;
}

function refusal(login: LoginInput): LoginCommand["refusal"] {
  const base = login.kind === "base-image";
  if (login.email !== "") return { reason: "unknown shorthand flag: 'e' in -e (docker login lost its --email flag in Docker 17.06)", variable: "PLUGIN_EMAIL" };
  // With neither, docker first tries credentials stored in a config file (PLUGIN_CONFIG writes one).
  if (login.username.value === "" && login.password.value === "" && login.config !== "") return undefined;
  if (login.username.value === "") {
    return { reason: `${NO_TTY} (the user is empty, and docker cannot ask for it)`, variable: login.username.variable ?? (base ? "PLUGIN_DOCKER_USERNAME" : "PLUGIN_USERNAME") };
  }
  if (login.password.value === "") {
    return { reason: `${NO_TTY} (the password is empty, and docker cannot ask for it)`, variable: login.password.variable ?? (base ? "PLUGIN_DOCKER_PASSWORD" : "PLUGIN_PASSWORD") };
  }
  return undefined;
}

function passwordLogin(login: LoginInput): LoginCommand {
  const argv = [DOCKER_EXE, "login", "-u", login.username.value, "-p", login.password.value];
  if (login.email !== "") argv.push("-e", login.email);
  argv.push(login.registry);
  return { kind: login.kind, argv, username: login.username, password: login.password, registry: login.registry, refusal: refusal(login) };
}

/** The logins, in order: the base-image registry (even without credentials), then the push registry. */
export function loginCommands(settings: DockerSettings): LoginCommand[] {
  const logins: LoginCommand[] = [];
  if (settings.baseRegistry !== "") {
    // The plugin warns about an empty user or password here, then logs in all the same.
    logins.push(passwordLogin({ kind: "base-image", registry: settings.baseRegistry, username: settings.baseUsername, password: settings.basePassword, email: "", config: settings.config }));
  }
  if (settings.password.value !== "") {
    logins.push(passwordLogin({ kind: "push", registry: settings.registry, username: settings.username, password: settings.password, email: settings.email, config: settings.config }));
  } else if (settings.accessToken !== "") {
    // The only login that keeps its secret off the command line: the token goes to stdin.
    const username = { value: "oauth2accesstoken", variable: undefined };
    logins.push({ kind: "push", argv: [DOCKER_EXE, "login", "-u", "oauth2accesstoken", "--password-stdin", settings.registry], username, password: undefined, registry: settings.registry, refusal: undefined });
  }
  return logins;
}
