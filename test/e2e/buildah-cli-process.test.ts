// `buildpush run` as a user runs it, a process, with the real Buildah and a registry that wants
// a login: the username comes from a secret (usernameRef) and is also the image's namespace, so
// buildpush's own `==>` lines carry it and must mask it as Buildah's lines do; and the
// machine failing buildpush before and after the push (an artifacts directory that cannot be,
// an artifact file that cannot be written) is one line naming the path, exit 2 or 4.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startCli } from "../support/cli-process.js";
import { inspect, startRegistry, tagsOf, type Registry } from "./support/registry.js";
import { e2eGate, e2eTitle } from "./support/tools.js";
import { makeWorkspace, pipelineYaml, storageConf } from "./support/workspace.js";

const gate = e2eGate();
if (gate.skip) console.warn(`${import.meta.url.split("/").pop()}: end-to-end tests skipped: ${gate.reason}`);
const username = "e2emarkeruser";
const password = "cl1-E2E-pa55word";

describe.skipIf(gate.skip)(e2eTitle("buildpush run as a process against a registry with a login from secrets", gate), () => {
  let root: string;
  let registry: Registry;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (gate.failure) throw new Error(gate.failure);
    root = mkdtempSync(join(tmpdir(), "buildpush-e2e-cli-"));
    env = { ...process.env, CONTAINERS_STORAGE_CONF: storageConf(root) };
    registry = await startRegistry({ dir: join(root, "registry"), htpasswd: { username, password } });
    writeFileSync(
      join(root, "connectors.yaml"),
      `connector:\n  identifier: local\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: ${registry.url}\n    auth:\n      type: UsernamePassword\n      spec:\n        usernameRef: account.registry_user\n        passwordRef: account.registry_pass\n`,
    );
    writeFileSync(join(root, "secrets.yaml"), `account.registry_user: ${username}\naccount.registry_pass: ${password}\n`);
  }, 60_000);

  afterAll(async () => {
    await registry?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function run(name: string, extraArgs: string[] = []) {
    const dir = join(root, name);
    makeWorkspace(dir);
    const repo = `${registry.host}/${username}/${name}`;
    writeFileSync(join(dir, "pipeline.yaml"), pipelineYaml([{ identifier: "web", repo, tags: ["1.0"], connector: "account.local", spec: "                    dockerfile: docker/Dockerfile\n                    context: app" }]));
    const cli = startCli(["run", "pipeline.yaml", "--connectors", join(root, "connectors.yaml"), "--secrets", join(root, "secrets.yaml"), ...extraArgs], { cwd: dir, env });
    const { code } = await cli.exited;
    return { code, stdout: cli.stdout(), stderr: cli.stderr(), dir, masked: `${registry.host}/***/${name}:1.0` };
  }

  test("the username from a secret is masked in buildpush's own lines as in Buildah's; the push is real", async () => {
    const result = await run("masked");
    expect(result.stderr).toBe("pipeline.yaml: 1 step run, 1 image pushed\n");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`==> build/web (Push web): building ${result.masked}\n`);
    expect(result.stdout).toContain(`==> build/web: pushing ${result.masked}\n`);
    expect(result.stdout).toMatch(new RegExp(`==> build/web: pushed ${result.masked.replace(/[.*]/g, "\\$&")}@sha256:[0-9a-f]{64}\n`));
    for (const secret of [username, password, Buffer.from(`${username}:${password}`).toString("base64")]) expect(result.stdout + result.stderr).not.toContain(secret);
    expect((await tagsOf(registry, `${username}/masked`)).tags).toEqual(["1.0"]);
  }, 120_000);

  test("--artifacts under /dev/null: refused before anything is built or pushed, exit 2", async () => {
    const result = await run("refused", ["--artifacts", "/dev/null/x"]);
    expect(result.stderr).toBe("buildpush: cannot write the artifact files to /dev/null/x: /dev/null is not a directory\n");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect((await tagsOf(registry, `${username}/refused`)).status).toBe(404);
  }, 120_000);

  test("the artifact file cannot be written after the push (a directory is in its place): exit 4, one line, the image is pushed", async () => {
    const artifacts = join(root, "blocked-artifacts");
    mkdirSync(join(artifacts, "build.web.json"), { recursive: true });
    const result = await run("blocked", ["--artifacts", artifacts]);
    expect(result.stderr).toBe(`buildpush: build/web: the images were pushed, but the artifact file ${join(artifacts, "build.web.json")} cannot be written: illegal operation on a directory\n`);
    expect(result.code).toBe(4);
    expect((await inspect(registry, `${username}/blocked`, "1.0")).digest).toMatch(/^sha256:/);
  }, 120_000);
});
