import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BuildpushError, ConnectorSet, connectorsFromValues } from "@buildpush/core";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildahInstallHint, RunFailure, runPipeline, type RunPipelineOptions } from "./runner.js";

/**
 * A stand-in for buildah: records each call (argv, and the auth file's mode and content while
 * the call runs), writes digest files, and fails or hangs when told to through its environment.
 */
const fakeBuildah = `#!/usr/bin/env node
const fs = require("node:fs");
const argv = process.argv.slice(2);
const sub = argv.find((a) => a === "build" || a === "push" || a === "--version");
const valueOf = (flag) => { const i = argv.indexOf(flag); return i === -1 ? undefined : argv[i + 1]; };
const authFile = valueOf("--authfile");
const record = { sub, argv, cwd: process.cwd() };
if (authFile) { record.authMode = (fs.statSync(authFile).mode & 0o777).toString(8); record.auth = JSON.parse(fs.readFileSync(authFile, "utf8")); }
if (process.env.FAKE_LOG) fs.appendFileSync(process.env.FAKE_LOG, JSON.stringify(record) + "\\n");
if (sub === "--version") { console.log("buildah version fake"); process.exit(0); }
if (process.env.FAKE_LEAK) { process.stdout.write("leaking " + process.env.FAKE_LEAK.slice(0, 3)); process.stdout.write(process.env.FAKE_LEAK.slice(3) + " done\\n"); }
if (record.auth) for (const { auth } of Object.values(record.auth.auths)) console.error("auth " + auth);
if (process.env.FAKE_HANG === sub) setInterval(() => {}, 1000);
else if (process.env.FAKE_FAIL === sub) { console.error(process.env.FAKE_MESSAGE || "failed"); process.exit(125); }
else {
  console.log(sub + " ok");
  if (sub === "push") fs.writeFileSync(valueOf("--digestfile"), "sha256:" + "ab".repeat(32));
}
`;

const connectors = new ConnectorSet(
  connectorsFromValues([
    { identifier: "local", type: "DockerRegistry", spec: { dockerRegistryUrl: "http://127.0.0.1:5000", auth: { type: "UsernamePassword", spec: { username: "alice", passwordRef: "account.registry_pass" } } } },
    { identifier: "anon", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://registry.example.com", auth: { type: "Anonymous" } } },
  ]),
);

function pipeline(steps: string, variables = ""): string {
  return `pipeline:
  identifier: p
  stages:
    - stage:
        identifier: build
        type: CI
        spec:
          infrastructure: {type: KubernetesDirect, spec: {}}
          execution:
            steps:
${steps}
${variables}`;
}

function dockerStep(identifier: string, extra = "", connector = "account.local", repo = "127.0.0.1:5000/acme/app"): string {
  return `              - step:
                  type: BuildAndPushDockerRegistry
                  name: Step ${identifier}
                  identifier: ${identifier}
${extra}
                  spec:
                    connectorRef: ${connector}
                    repo: ${repo}
                    tags: ["1.0", latest]
                    context: app
                    dockerfile: app/Dockerfile`;
}

let workspace: string;
let scratch: string;
let program: string;
let log: string;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), "buildpush-runner-test-"));
  scratch = join(workspace, "scratch");
  mkdirSync(scratch);
  mkdirSync(join(workspace, "app"));
  writeFileSync(join(workspace, "app", "Dockerfile"), "FROM scratch\n");
  program = join(workspace, "fake-buildah");
  writeFileSync(program, fakeBuildah);
  chmodSync(program, 0o755);
  log = join(workspace, "calls.jsonl");
});

afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
});

interface Call {
  sub: string;
  argv: string[];
  cwd: string;
  authMode?: string;
  auth?: { auths: Record<string, { auth: string }> };
}

function calls(): Call[] {
  return existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Call) : [];
}

async function run(yaml: string, overrides: Partial<RunPipelineOptions> = {}, env: Record<string, string> = {}): Promise<{ output: string; result?: Awaited<ReturnType<typeof runPipeline>>; error?: unknown }> {
  let output = "";
  try {
    const result = await runPipeline({
      pipelineText: yaml,
      pipelineFile: "pipeline.yaml",
      connectors,
      secrets: new Map([["account.registry_pass", "s3cret-Pa55"]]),
      secretsSource: "secrets.yaml",
      workingDir: workspace,
      artifactsDir: "artifacts",
      buildah: { program },
      output: (text) => (output += text),
      env: { ...process.env, FAKE_LOG: log, ...env },
      scratchDir: scratch,
      killGraceMs: 200,
      ...overrides,
    });
    return { output, result };
  } catch (error) {
    return { output, error };
  }
}

describe("runPipeline with a stand-in buildah", () => {
  test("builds once, pushes each tag with the auth file, writes the artifact file, and removes the scratch files", async () => {
    const { output, result, error } = await run(pipeline(dockerStep("first")));
    expect(error).toBeUndefined();
    const [, build, push1, push2] = calls();
    expect(calls().map((call) => call.sub)).toEqual(["--version", "build", "push", "push"]);
    expect(build!.cwd).toBe(workspace);
    expect(build!.argv).toEqual(expect.arrayContaining(["--file", "app/Dockerfile", "--tag", "127.0.0.1:5000/acme/app:1.0", "--tag", "127.0.0.1:5000/acme/app:latest", "app"]));
    expect(push1!.argv.slice(-2)).toEqual(["127.0.0.1:5000/acme/app:1.0", "docker://127.0.0.1:5000/acme/app:1.0"]);
    expect(push2!.argv.slice(-2)).toEqual(["127.0.0.1:5000/acme/app:latest", "docker://127.0.0.1:5000/acme/app:latest"]);
    expect(push1!.argv).toContain("--tls-verify=false");
    // The auth file exists only while buildah runs, readable by its owner alone, holding the login.
    for (const call of [build!, push1!, push2!]) {
      expect(call.authMode).toBe("600");
      expect(call.auth).toEqual({ auths: { "127.0.0.1:5000": { auth: Buffer.from("alice:s3cret-Pa55").toString("base64") } } });
    }
    expect(readdirSync(scratch)).toEqual([]);

    const digest = `sha256:${"ab".repeat(32)}`;
    const artifact = JSON.parse(readFileSync(join(workspace, "artifacts", "build.first.json"), "utf8"));
    expect(artifact).toEqual({ kind: "docker/v1", data: { registryType: "Docker", registryUrl: "http://127.0.0.1:5000", images: [{ image: "127.0.0.1:5000/acme/app:1.0", digest }, { image: "127.0.0.1:5000/acme/app:latest", digest }] } });
    expect(result).toEqual([{ stage: "build", identifier: "first", name: "Step first", status: "succeeded", images: artifact.data.images, artifactFile: join(workspace, "artifacts", "build.first.json") }]);
    expect(output).toContain("[Step first] build ok\n");
    expect(output).toContain(`==> build/first: pushed 127.0.0.1:5000/acme/app:latest@${digest}\n`);
  });

  test("secret values and the encoded login never reach the output, even split across writes", async () => {
    const { output, error } = await run(pipeline(dockerStep("first")), {}, { FAKE_LEAK: "s3cret-Pa55" });
    expect(error).toBeUndefined();
    expect(output).toContain("leaking *** done");
    expect(output).not.toContain("s3cret-Pa55");
    expect(output).not.toContain(Buffer.from("alice:s3cret-Pa55").toString("base64"));
    expect(output).toContain("auth ***");
  });

  test("steps run in pipeline order; a failing push stops the run with the cause, and later steps never start", async () => {
    const { output, error } = await run(pipeline(`${dockerStep("first")}\n${dockerStep("second")}`), {}, { FAKE_FAIL: "push", FAKE_MESSAGE: "Error: unauthorized: authentication required" });
    expect(error).toBeInstanceOf(RunFailure);
    expect((error as Error).message).toBe(
      "build/first: pushing 127.0.0.1:5000/acme/app:1.0 failed (buildah exit status 125): 127.0.0.1:5000 refused the login: check the connector's username and the value of secret account.registry_pass\nlast output:\n  auth ***\n  Error: unauthorized: authentication required",
    );
    expect(calls().map((call) => call.sub)).toEqual(["--version", "build", "push"]);
    expect(existsSync(join(workspace, "artifacts"))).toBe(false);
    expect(readdirSync(scratch)).toEqual([]);
    expect(output).not.toContain("s3cret-Pa55");
  });

  test("the step's timeout stops a hung buildah", async () => {
    const { error } = await run(pipeline(dockerStep("first", "                  timeout: 1s")), {}, { FAKE_HANG: "push" });
    expect(error).toBeInstanceOf(RunFailure);
    expect((error as Error).message).toMatch(/^build\/first: pushing 127\.0\.0\.1:5000\/acme\/app:1\.0 timed out: the step's timeout of 1s ran out/);
    expect(readdirSync(scratch)).toEqual([]);
  });

  test("a dry run (PLUGIN_DRY_RUN as a stage variable) builds and pushes nothing", async () => {
    const variables = "        variables:\n          - {name: PLUGIN_DRY_RUN, type: String, value: \"true\"}\n";
    const withVariables = pipeline(dockerStep("first")).replace("        spec:\n          infrastructure", `${variables}        spec:\n          infrastructure`);
    const { output, result, error } = await run(withVariables);
    expect(error).toBeUndefined();
    expect(calls().map((call) => call.sub)).toEqual(["--version", "build"]);
    expect(result).toEqual([{ stage: "build", identifier: "first", name: "Step first", status: "succeeded", images: [] }]);
    expect(output).toContain("==> build/first: built, not pushed (dry run)\n");
  });

  test("missing Buildah is a clear error that says how to install it", async () => {
    const { error } = await run(pipeline(dockerStep("first")), { buildah: { program: join(workspace, "no-such-buildah") } });
    expect(error).toBeInstanceOf(RunFailure);
    expect((error as Error).message).toBe(buildahInstallHint);
    expect(buildahInstallHint).toContain("apt-get install buildah");
  });

  test("every missing or empty secret is reported before anything runs, by reference only", async () => {
    const connectorsWithRefs = new ConnectorSet(
      connectorsFromValues([{ identifier: "refs", type: "DockerRegistry", spec: { dockerRegistryUrl: "https://r.example.com", auth: { type: "UsernamePassword", spec: { usernameRef: "account.user", passwordRef: "account.pass" } } } }]),
    );
    const { error } = await run(pipeline(dockerStep("first", "", "account.refs", "r.example.com/app")), { connectors: connectorsWithRefs, secrets: new Map([["account.user", ""]]) });
    expect(error).toBeInstanceOf(BuildpushError);
    expect((error as BuildpushError).problems.map((problem) => problem.message)).toEqual([
      "secret account.user (the username for r.example.com, step first) is empty in secrets.yaml",
      "secret account.pass (the password for r.example.com, step first) has no value in secrets.yaml",
    ]);
    expect(calls()).toEqual([]);
  });

  test("a missing build context is reported before anything runs", async () => {
    rmSync(join(workspace, "app"), { recursive: true });
    const { error } = await run(pipeline(dockerStep("first")));
    expect(error).toBeInstanceOf(RunFailure);
    expect((error as Error).message).toContain(`step first: the build context ${join(workspace, "app")} is not a directory`);
    expect(calls()).toEqual([]);
  });

  test("an anonymous connector gets an empty auth file, so no login of the user's own is used", async () => {
    const { error } = await run(pipeline(dockerStep("first", "", "account.anon", "registry.example.com/app")));
    expect(error).toBeUndefined();
    const push = calls().find((call) => call.sub === "push")!;
    expect(push.auth).toEqual({ auths: {} });
    expect(push.argv).not.toContain("--tls-verify=false");
  });
});
