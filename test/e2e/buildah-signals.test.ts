// `buildpush run` as a process with the real Buildah, sent each terminating signal while Buildah
// builds or pushes: the temporary directory holding the registry login must be gone when the
// process has exited, no Buildah process may outlive it, and the exit status must be 128 + the
// signal. A registry that accepts connections and never answers holds Buildah mid-pull (the
// build's base image) or mid-push for as long as the test needs: a real registry would finish
// before the signal could arrive.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { terminatingSignals } from "../../packages/cli/src/termination.js";
import { eventually, processesMentioning, startCli } from "../support/cli-process.js";
import { silentServer } from "./support/registry.js";
import { e2eGate, e2eTitle } from "./support/tools.js";
import { connectorYaml, makeWorkspace, pipelineYaml, storageConf } from "./support/workspace.js";

const gate = e2eGate();
if (gate.skip) console.warn(`${import.meta.url.split("/").pop()}: end-to-end tests skipped: ${gate.reason}`);
const password = "s1gnal-E2E-pa55word";

describe.skipIf(gate.skip)(e2eTitle("buildpush run stopped by a signal mid-build and mid-push, with the real Buildah", gate), () => {
  let root: string;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (gate.failure) throw new Error(gate.failure);
    root = mkdtempSync(join(tmpdir(), "buildpush-e2e-signals-"));
    env = { ...process.env, CONTAINERS_STORAGE_CONF: storageConf(root) };
    silent = await silentServer();
    writeFileSync(join(root, "connectors.yaml"), connectorYaml("hung", `http://127.0.0.1:${silent.port}`, { username: "alice", passwordRef: "account.registry_pass" }));
    writeFileSync(join(root, "secrets.env"), `account.registry_pass=${password}\n`);
  }, 60_000);

  afterAll(async () => {
    await silent?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const phases = {
    // The base image comes from the registry that never answers: Buildah hangs pulling it.
    build: { dockerfile: (port: number) => `FROM 127.0.0.1:${port}/e2e/base:1\n`, buildahDoing: "build" },
    // FROM scratch builds at once; the push to the registry that never answers hangs.
    push: { dockerfile: () => "FROM scratch\nCOPY hello.txt /hello.txt\n", buildahDoing: "push" },
  } as const;

  const cases = Object.keys(phases).flatMap((phase) => terminatingSignals.map((signal) => [phase as keyof typeof phases, signal] as const));

  test("the signals tried include every one the issue found leaving the login behind", () => {
    expect(terminatingSignals).toEqual(expect.arrayContaining(["SIGHUP", "SIGINT", "SIGTERM", "SIGQUIT", "SIGUSR2", "SIGALRM"]));
  });

  test.concurrent.each(cases)("mid-%s, %s: temporary directory removed, Buildah stopped, exit 128 + the signal", async (phase, signal) => {
    const dir = join(root, `${phase}-${signal}`);
    const scratch = join(dir, "tmp");
    makeWorkspace(dir);
    mkdirSync(scratch);
    writeFileSync(join(dir, "docker", "Dockerfile"), phases[phase].dockerfile(silent.port));
    const pipeline = pipelineYaml([{ identifier: "web", repo: `127.0.0.1:${silent.port}/e2e/${phase}`, tags: ["1.0"], connector: "account.hung", spec: "                    dockerfile: docker/Dockerfile\n                    context: app" }]);
    writeFileSync(join(dir, "pipeline.yaml"), pipeline);
    const cli = startCli(["run", "pipeline.yaml", "--connectors", join(root, "connectors.yaml"), "--secrets", join(root, "secrets.env")], { cwd: dir, env: { ...env, TMPDIR: scratch } });

    // Buildah is at work, and its arguments name the login in the temporary directory.
    const [step] = await eventually(`buildah ${phases[phase].buildahDoing}`, () => {
      const found = processesMentioning(scratch).filter(({ argv }) => argv.includes(phases[phase].buildahDoing));
      return found.length > 0 ? found : undefined;
    });
    expect(step!.argv).toContain("--authfile");
    const login = readdirSync(scratch).find((name) => name.startsWith("buildpush-"));
    expect(readdirSync(join(scratch, login!))).toContain("auth.json");

    cli.child.kill(signal);
    const { code } = await cli.exited;

    expect(code).toBe(128 + constants.signals[signal]);
    expect(cli.stderr()).toBe(`buildpush: stopped by ${signal}\n`);
    // Checked the moment it has exited, not after a while: buildpush waits for Buildah to end.
    // Buildah's own leftovers (a storageNNN directory mid-pull, a blob mid-push) were in its
    // TMPDIR inside the step's directory, so they are gone too.
    expect(readdirSync(scratch)).toEqual([]);
    expect(processesMentioning(scratch)).toEqual([]);
    expect(cli.stdout() + cli.stderr()).not.toContain(password);
  }, 60_000);
});
