// Docker mode end to end: `buildpush translate --mode docker` run as a process on a pipeline file
// with a VM stage, then the step's container run as an engine on the VM runs it (`toDockerRun`,
// the VM's Docker socket mounted, the password from the secrets file in the container's
// environment), against a real Docker daemon (Debian's docker.io, buildx from Debian 13's
// docker-buildx) and a registry with htpasswd basic auth.
//
// Not through `buildpush run`: that runs Buildah, not docker mode. The container's own command
// runs, the chain script with its login, build and cleanup entries, with two left out: the
// builder of the step's own (`docker buildx create --driver docker-container`) and its removal.
// That builder runs BuildKit's moby/buildkit image from Docker Hub, which this machine and CI
// cannot reach, so the build runs in the daemon's own builder (buildx's `docker` driver), which
// `docker buildx build` uses when no builder was created. docs/conformance.md says what that
// leaves untested.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { completeArtifact, toDockerRun, dockerEnvFileText, type TranslatedStep } from "@buildpush/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseSecretsFile } from "../../packages/cli/src/run/secrets.js";
import { processesMentioning, startCli } from "../support/cli-process.js";
import { importDockerCliImage, startDockerd, type Dockerd } from "./support/dockerd.js";
import { inspect, startRegistry, tagsOf, type Registry } from "./support/registry.js";
import { dockerE2eTools, e2eGate, e2eTitle } from "./support/tools.js";
import { connectorYaml, makeWorkspace, pipelineYaml, releaseBuildSpec, vmInfrastructure } from "./support/workspace.js";

const gate = e2eGate(process.env, dockerE2eTools, { needsRoot: true });
// The default reporter shows a skipped file without its suite title: say why here too.
if (gate.skip) console.warn(`${import.meta.url.split("/").pop()}: end-to-end tests skipped: ${gate.reason}`);
const username = "alice";
const password = "d0cker-E2E-pa55word";
const login = Buffer.from(`${username}:${password}`).toString("base64");
/** The Docker CLI image the containers run, made from this machine's docker and buildx (`importDockerCliImage`). */
const cliImage = "buildpush-e2e/docker-cli:local";

/** An entry of the docker chain's arguments (backends/docker/docker-chain.ts), read back. */
type Entry = { kind: "login"; words: string[] } | { kind: "run" | "finally"; argv: string[] };

function entriesOf(args: readonly string[]): Entry[] {
  const entries: Entry[] = [];
  for (let i = 0; i < args.length; ) {
    const kind = args[i]!;
    if (kind === "login") {
      entries.push({ kind, words: args.slice(i + 1, i + 4) });
      i += 4;
    } else if (kind === "run" || kind === "finally") {
      const count = Number(args[i + 1]);
      entries.push({ kind, argv: args.slice(i + 2, i + 2 + count) });
      i += 2 + count;
    } else throw new Error(`not a chain entry: ${kind}`);
  }
  return entries;
}

function argumentsOf(entries: readonly Entry[]): string[] {
  return entries.flatMap((entry) => (entry.kind === "login" ? ["login", ...entry.words] : [entry.kind, String(entry.argv.length), ...entry.argv]));
}

const isBuilderEntry = (entry: Entry): boolean => entry.kind !== "login" && entry.argv[1] === "buildx" && (entry.argv[2] === "create" || entry.argv[2] === "rm");

describe.skipIf(gate.skip)(e2eTitle("docker mode: the step's container on a real Docker daemon with buildx, pushing to a registry with htpasswd basic auth", gate), () => {
  let root: string;
  let registry: Registry;
  /** Over TLS, with a self-signed certificate: docker mode's `--push`. */
  let tlsRegistry: Registry;
  let daemon: Dockerd;

  beforeAll(async () => {
    if (gate.failure) throw new Error(gate.failure);
    root = mkdtempSync(join(tmpdir(), "buildpush-e2e-docker-"));
    registry = await startRegistry({ dir: join(root, "registry"), htpasswd: { username, password } });
    tlsRegistry = await startRegistry({ dir: join(root, "tls-registry"), htpasswd: { username, password }, tls: true });
    daemon = await startDockerd(join(root, "dockerd"));
    importDockerCliImage(daemon, join(root, "image"), cliImage);
    const login = { username, passwordRef: "account.registry_pass" };
    writeFileSync(join(root, "connectors.yaml"), `${connectorYaml("local", registry.url, login)}---\n${connectorYaml("tls", tlsRegistry.url, login)}`);
  }, 120_000);

  afterAll(async () => {
    await daemon?.stop();
    await registry?.stop();
    await tlsRegistry?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  }, 60_000);

  /** A workspace with a pipeline file of one VM step pushing `tags` to `repository`, and a secrets file giving the connector's password. */
  function workspace(name: string, repository: string, tags: string[], secret: string, connector = "account.local"): string {
    const dir = join(root, name);
    makeWorkspace(dir);
    const spec = releaseBuildSpec("platform=core");
    const host = connector === "account.tls" ? tlsRegistry.host : registry.host;
    writeFileSync(join(dir, "pipeline.yaml"), pipelineYaml([{ identifier: "web", repo: `${host}/${repository}`, tags, connector, spec }], {}, vmInfrastructure));
    writeFileSync(join(dir, "secrets.yaml"), `account.registry_pass: ${JSON.stringify(secret)}\n`);
    return dir;
  }

  /** `buildpush translate pipeline.yaml --mode docker`, a process, as a user or an engine runs it. */
  async function translate(dir: string): Promise<{ step: TranslatedStep; printed: string }> {
    const cli = startCli(["translate", "pipeline.yaml", "--connectors", join(root, "connectors.yaml"), "--mode", "docker", "--docker-image", cliImage], { cwd: dir });
    const { code } = await cli.exited;
    expect(cli.stderr()).toBe("");
    expect(code).toBe(0);
    const steps = (JSON.parse(cli.stdout()) as { steps: TranslatedStep[] }).steps;
    expect(steps).toHaveLength(1);
    return { step: steps[0]!, printed: cli.stdout() + cli.stderr() };
  }

  /**
   * The step's container as an engine on the VM runs it: `toDockerRun` with the workspace, the
   * addon volume and the daemon's socket mounted, the secret variables in an env file written
   * from the secrets file, without the builder's two entries (the header says why). While it
   * runs, the machine's process list is watched for the secrets file's values.
   */
  async function runContainer(step: TranslatedStep, dir: string): Promise<{ code: number | null; output: string; argv: string[]; addon: string; passwordSeenIn: string[][] }> {
    const addon = join(dir, "addon");
    mkdirSync(addon);
    const secrets = parseSecretsFile(readFileSync(join(dir, "secrets.yaml"), "utf8"), "secrets.yaml");
    const envFile = join(dir, "secret.env");
    writeFileSync(
      envFile,
      dockerEnvFileText(step.container, (ref) => {
        const value = secrets.get(ref);
        if (value === undefined) throw new Error(`secrets.yaml has no ${ref}`);
        return value;
      }),
      { mode: 0o600 },
    );
    const container = { ...step.container, args: argumentsOf(entriesOf(step.container.args ?? []).filter((entry) => !isBuilderEntry(entry))) };
    const argv = toDockerRun(container, { secrets: { envFile }, workspace: dir, volumes: { addon }, dockerSocket: daemon.socket });
    const child = spawn(argv[0]!, argv.slice(1), { cwd: dir, env: daemon.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const passwordSeenIn: string[][] = [];
    const watch = setInterval(() => {
      for (const value of secrets.values()) passwordSeenIn.push(...processesMentioning(value).map((found) => found.argv));
    }, 20);
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", (status) => resolve(status)));
    clearInterval(watch);
    clearTimeout(timer);
    return { code, output, argv, addon, passwordSeenIn };
  }

  test("translate --mode docker, then its container: logged in through stdin, every tag pushed, the registry's digest in buildx's metadata and the artifact", async () => {
    const dir = workspace("push", "e2e/web", ["1.10", "latest", "build-42"], password);
    const { step, printed } = await translate(dir);
    const entries = entriesOf(step.container.args ?? []);
    // The commands as docker mode gives them, the two the run leaves out among them.
    expect(entries).toEqual([
      { kind: "login", words: [registry.host, "BUILDPUSH_REGISTRY_USERNAME", "BUILDPUSH_REGISTRY_PASSWORD"] },
      { kind: "run", argv: ["docker", "buildx", "create", "--driver", "docker-container", "--driver-opt", "network=host", "--use"] },
      {
        kind: "run",
        argv: [
          "docker", "buildx", "build", "--file", "docker/Dockerfile", "--target", "release",
          "--build-arg", "APP_VERSION=2.5.0",
          "--label", "org.opencontainers.image.source=https://example.com/acme/web", "--label", "org.example.team=platform=core",
          "--tag", `${registry.host}/e2e/web:1.10`, "--tag", `${registry.host}/e2e/web:latest`, "--tag", `${registry.host}/e2e/web:build-42`,
          "--metadata-file", "/addon/docker-metadata.json", "--output", "type=registry,registry.insecure=true", "app",
        ],
      },
      { kind: "finally", argv: ["docker", "buildx", "rm"] },
    ]);
    expect(step.container.env).toMatchObject({ BUILDPUSH_REGISTRY_USERNAME: username, DOCKER_HOST: "unix:///var/run/docker.sock" });
    expect(step.container.secretEnv).toEqual({ BUILDPUSH_REGISTRY_PASSWORD: { ref: "account.registry_pass" } });

    const run = await runContainer(step, dir);
    expect(run.output).toContain("Login Succeeded");
    expect(run.code).toBe(0);

    expect((await tagsOf(registry, "e2e/web")).tags.sort()).toEqual(["1.10", "build-42", "latest"]);
    const metadata = readFileSync(join(run.addon, "docker-metadata.json"), "utf8");
    const digest = (JSON.parse(metadata) as Record<string, string>)["containerimage.digest"];
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const artifact = completeArtifact(step.container.artifact!, metadata);
    expect(artifact).toEqual({
      kind: "docker/v1",
      data: { registryType: "Docker", registryUrl: registry.url, images: ["1.10", "latest", "build-42"].map((tag) => ({ image: `${registry.host}/e2e/web:${tag}`, digest })) },
    });
    for (const tag of ["1.10", "latest", "build-42"]) {
      const stored = await inspect(registry, "e2e/web", tag);
      expect(stored.digest).toBe(digest);
      expect(stored.labels).toEqual({
        "org.opencontainers.image.source": "https://example.com/acme/web",
        "org.example.team": "platform=core",
        "org.example.version": "2.5.0",
        "org.example.stage": "release",
      });
    }

    // The password: in no argument (the translation, docker run's, any process on the machine
    // while the step ran), no plain variable, no output; the login stayed in the container.
    for (const secret of [password, login]) {
      expect(printed).not.toContain(secret);
      expect(run.argv.join("\n")).not.toContain(secret);
      expect(Object.values(step.container.env).join("\n")).not.toContain(secret);
      expect(run.output).not.toContain(secret);
      expect(metadata).not.toContain(secret);
    }
    expect(run.passwordSeenIn).toEqual([]);
  }, 180_000);

  test("an https:// registry: --push, the registry's digest in the artifact", async () => {
    const dir = workspace("tls", "e2e/tls", ["2.0"], password, "account.tls");
    const { step } = await translate(dir);
    const build = entriesOf(step.container.args ?? []).find((entry) => entry.kind === "run" && entry.argv[2] === "build");
    expect(build?.kind === "run" && build.argv.slice(-4)).toEqual(["--metadata-file", "/addon/docker-metadata.json", "--push", "app"]);
    const run = await runContainer(step, dir);
    expect(run.output).toContain("Login Succeeded");
    expect(run.code).toBe(0);
    // The daemon takes 127.0.0.0/8 as an insecure registry unless told otherwise: it pushes over
    // TLS without checking the self-signed certificate (docs/conformance.md).
    const artifact = completeArtifact(step.container.artifact!, readFileSync(join(run.addon, "docker-metadata.json"), "utf8"));
    expect(artifact.data.registryUrl).toBe(tlsRegistry.url);
    expect(artifact.data.images).toEqual([{ image: `${tlsRegistry.host}/e2e/tls:2.0`, digest: (await inspect(tlsRegistry, "e2e/tls", "2.0")).digest }]);
    expect(run.output).not.toContain(password);
  }, 180_000);

  test("a wrong password: the login fails, the chain stops with its status, nothing is built or pushed", async () => {
    const dir = workspace("denied", "e2e/denied", ["1.0", "latest"], "not-the-password");
    const { step } = await translate(dir);
    const run = await runContainer(step, dir);
    expect(run.output).toContain(`login attempt to ${registry.url}/v2/ failed with status: 401 Unauthorized`);
    expect(run.code).toBe(1);
    expect(run.output).not.toContain("[internal] load build definition");
    expect(existsSync(join(run.addon, "docker-metadata.json"))).toBe(false);
    expect(await tagsOf(registry, "e2e/denied")).toEqual({ status: 404, tags: [] });
    const catalog = JSON.parse((await registry.request("GET", "/v2/_catalog")).body) as { repositories: string[] };
    expect(catalog.repositories).not.toContain("e2e/denied");
    expect(run.output + run.argv.join("\n")).not.toContain("not-the-password");
    expect(run.passwordSeenIn).toEqual([]);
  }, 180_000);
});
