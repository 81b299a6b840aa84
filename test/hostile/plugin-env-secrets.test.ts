// `kaniko-args` and `docker-args` read a JSON object of environment variables, which is where
// a user pastes a real PLUGIN_PASSWORD to see what the plugin does with it. A marker secret in
// every shape that file can take (a number, a list, an object, a syntax error right at it, a
// control character, a bad escape) must never come back in an error, and in docker-args'
// output only where the plugin itself puts it: the password argument of docker login.
import { main, type CliIo } from "@buildpush/cli";
import { describe, expect, test } from "vitest";

const marker = "MARKER-4d1e-S3cr3t";
const digits = "12345678901234";
const forms = [marker, digits, Buffer.from(marker).toString("base64"), encodeURIComponent(marker)];

function expectNoSecret(channel: string, text: string): void {
  for (const form of forms) expect(text.includes(form), `${channel} holds the secret (${form})`).toBe(false);
}

async function cli(args: string[], envText: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: () => envText,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Files that are no JSON object of strings, each with the secret where the mistake is. */
const brokenFiles: Record<string, string> = {
  "a number": `{"PLUGIN_PASSWORD": ${digits}}`,
  "a negative number": `{"PLUGIN_PASSWORD": -${digits}}`,
  "a list": `{"PLUGIN_PASSWORD": ["${marker}", "x"]}`,
  "an object": `{"CLIENT_SECRET": {"value": "${marker}"}}`,
  "a boolean after the secret": `{"PLUGIN_PASSWORD": "${marker}", "PLUGIN_NO_PUSH": true}`,
  "an unquoted secret": `{"PLUGIN_PASSWORD": ${marker}}`,
  "an unterminated string": `{"PLUGIN_PASSWORD": "${marker}`,
  "a trailing comma": `{"PLUGIN_PASSWORD": "${marker}",}`,
  "a missing comma": `{"PLUGIN_PASSWORD": "${marker}" "PLUGIN_REPO": "a"}`,
  "a control character in the secret": `{"PLUGIN_PASSWORD": "${marker}\u0001"}`,
  "a bad escape in the secret": `{"PLUGIN_PASSWORD": "${marker}\\q"}`,
  "text after the object": `{"PLUGIN_REPO": "a"} ${marker}`,
  "a comment": `{"PLUGIN_REPO": "a" // ${marker}\n}`,
  "single quotes": `{'PLUGIN_PASSWORD': '${marker}'}`,
  "the secret alone": marker,
  "the secret as a JSON string": JSON.stringify(marker),
  "a list at the top": `["${marker}"]`,
};

/** Valid files where the plugin stops, with the secret in every secret-bearing variable. */
const secretEnv = {
  PLUGIN_PASSWORD: marker,
  PLUGIN_DOCKER_PASSWORD: marker,
  PLUGIN_SECRET_KEY: marker,
  CLIENT_SECRET: marker,
  PLUGIN_CONFIG: marker,
  PLUGIN_SSH_AGENT_KEY: marker,
  PLUGIN_COSIGN_PRIVATE_KEY: `-----BEGIN ${marker}`,
  PLUGIN_COSIGN_PASSWORD: marker,
  ACCESS_TOKEN: marker,
  PLUGIN_JSON_KEY: marker,
  GCR_JSON_KEY: marker,
  GOOGLE_CREDENTIALS: marker,
  TOKEN: marker,
  PLUGIN_OIDC_TOKEN_ID: marker,
};
const stoppingFiles: Record<string, Record<string, string>> = {
  "a bad boolean": { ...secretEnv, PLUGIN_NO_PUSH: "nope" },
  "no repository": { ...secretEnv },
  "an invalid tag": { ...secretEnv, PLUGIN_REPO: "acme/app", PLUGIN_TAGS: "feature/x", PLUGIN_REGISTRY: "r.example.com" },
  "an ACR login without a tenant": { PLUGIN_REPO: "r.azurecr.io/a", PLUGIN_REGISTRY: "r.azurecr.io", CLIENT_ID: "i", CLIENT_SECRET: marker },
  "a GCR/GAR base-image registry without a user": { PLUGIN_JSON_KEY: marker, PLUGIN_REPO: "a", PLUGIN_DOCKER_REGISTRY: "base.io", PLUGIN_DOCKER_PASSWORD: marker },
  "a GAR push-only run": { PLUGIN_JSON_KEY: marker, PLUGIN_OIDC_TOKEN_ID: marker, PLUGIN_REGISTRY: "us-docker.pkg.dev/p", PLUGIN_REPO: "r/a", PLUGIN_PUSH_ONLY: "true", PLUGIN_SOURCE_TAR_PATH: "/i.tar" },
};

describe("the env JSON of kaniko-args and docker-args never repeats a secret", () => {
  test.each(Object.entries(brokenFiles))("%s: exit 1, the reason without the text", async (_shape, text) => {
    for (const command of ["kaniko-args", "docker-args"]) {
      const result = await cli([command, "--variant", "docker", "--env-json", "env.json"], text);
      expect(result.code, `${command}: ${result.stderr}`).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^env\.json: (not JSON|expected a JSON object|"[A-Z_]+" must be a string)/);
      expectNoSecret(`${command} stderr`, result.stderr);
    }
  });

  test("a syntax error gives its line and column only", async () => {
    const result = await cli(["kaniko-args", "--variant", "ecr", "--env-json", "env.json"], `{\n  "PLUGIN_REPO": "app",\n  "PLUGIN_PASSWORD": ${marker}\n}`);
    expect(result.stderr).toBe("env.json: not JSON: line 3, column 22: a character that cannot start a JSON value\n");
  });

  test.each(Object.entries(stoppingFiles))("%s: the plugin's reason, never a secret's value", async (_case, env) => {
    for (const variant of ["docker", "ecr", "acr", "gcr", "gar"]) {
      const kaniko = await cli(["kaniko-args", "--variant", variant, "--env-json", "env.json"], JSON.stringify(env));
      expectNoSecret(`kaniko-args --variant ${variant}`, kaniko.stdout + kaniko.stderr);
      const docker = await cli(["docker-args", "--variant", variant, "--env-json", "env.json"], JSON.stringify(env));
      expectNoSecret(`docker-args --variant ${variant} stderr`, docker.stderr);
      expect(docker.stderr).not.toContain("internal error");
    }
  });

  test("docker-args prints a password only where the plugin puts it: after -p in docker login", async () => {
    const env = { ...secretEnv, PLUGIN_REPO: "acme/app", PLUGIN_USERNAME: "acme", PLUGIN_DAEMON_OFF: "true" };
    const result = await cli(["docker-args", "--variant", "docker", "--env-json", "env.json"], JSON.stringify(env));
    const { commands } = JSON.parse(result.stdout) as { commands: string[][] };
    const holding = commands.filter((argv) => argv.some((item) => item.includes(marker)));
    // The base image registry is unset, so only the push login holds it: the plugin's bug, shown as it is.
    expect(holding).toEqual([["/usr/local/bin/docker", "login", "-u", "acme", "-p", marker, "https://index.docker.io/v1/"]]);
    expectNoSecret("docker-args stderr", result.stderr);
  });

  test("docker-args prints a Google JSON key only where the GCR and GAR plugins put it, decoded from base64 as they do", async () => {
    for (const variant of ["gcr", "gar"]) {
      const env = { PLUGIN_DAEMON_OFF: "true", PLUGIN_REGISTRY: "gcr.io/acme", PLUGIN_REPO: "app", PLUGIN_JSON_KEY: Buffer.from(marker).toString("base64"), PLUGIN_OIDC_TOKEN_ID: marker };
      const result = await cli(["docker-args", "--variant", variant, "--env-json", "env.json"], JSON.stringify(env));
      const { commands } = JSON.parse(result.stdout) as { commands: string[][] };
      expect(commands.filter((argv) => argv.some((item) => item.includes(marker)))).toEqual([["/usr/local/bin/docker", "login", "-u", "_json_key", "-p", marker, "gcr.io/acme"]]);
      expect(result.stdout).not.toContain(Buffer.from(marker).toString("base64"));
      expectNoSecret(`docker-args --variant ${variant} stderr`, result.stderr);
    }
  });

  test("kaniko-args never prints a Google JSON key or OIDC token, on success either", async () => {
    const env = { PLUGIN_REGISTRY: "gcr.io/acme", PLUGIN_REPO: "app", PLUGIN_JSON_KEY: marker, PLUGIN_OIDC_TOKEN_ID: marker };
    for (const variant of ["gcr", "gar"]) {
      const result = await cli(["kaniko-args", "--variant", variant, "--env-json", "env.json"], JSON.stringify(env));
      expect(result.code).toBe(0);
      expectNoSecret(`kaniko-args --variant ${variant}`, result.stdout + result.stderr);
    }
  });
});
