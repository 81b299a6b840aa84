// A machine that cannot give `buildpush run` what it needs: a TMPDIR that does not exist, is a
// file or is a full file system, an artifacts directory that cannot be made, an artifact file
// that cannot be written after the push. Each is one line naming the path, exit 2 when nothing
// had run yet and 4 when the build had begun; never "internal error", never a stack trace, and
// the login never left behind.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { startCli } from "../support/cli-process.js";
import { makeRunWorkspace, type RunWorkspace } from "../support/fake-buildah.js";
import { cliBin } from "../support/paths.js";

const root = mkdtempSync(join(tmpdir(), "buildpush-hostile-environment-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Run `buildpush run` in a fresh workspace; the stand-in buildah logs every call. */
async function run(name: string, change: (workspace: RunWorkspace) => { env?: Record<string, string>; args?: string[] } = () => ({})) {
  const workspace = makeRunWorkspace(join(root, name));
  const log = join(workspace.dir, "calls.jsonl");
  const { env = {}, args = [] } = change(workspace);
  const cli = startCli([...workspace.args, ...args], { cwd: workspace.dir, env: { ...workspace.env, FAKE_BUILDAH_LOG: log, ...env } });
  const { code } = await cli.exited;
  const builds = existsSync(log) ? readFileSync(log, "utf8").split("\n").filter((line) => line.includes('"build"')).length : 0;
  return { code, stdout: cli.stdout(), stderr: cli.stderr(), builds, workspace };
}

describe("buildpush run on a machine that cannot give it what it needs", () => {
  test("TMPDIR does not exist: exit 2 before any build, one line naming it", async () => {
    const result = await run("tmpdir-missing", () => ({ env: { TMPDIR: "/nonexistent" } }));
    expect(result.stderr).toBe("buildpush: cannot create a temporary directory in /nonexistent: no such file or directory (set TMPDIR to a directory buildpush can write to)\n");
    expect(result.code).toBe(2);
    expect(result.builds).toBe(0);
  });

  test("TMPDIR is a file: exit 2 before any build, one line naming it", async () => {
    const file = join(root, "a-file");
    writeFileSync(file, "");
    const result = await run("tmpdir-file", () => ({ env: { TMPDIR: file } }));
    expect(result.stderr).toBe(`buildpush: cannot create a temporary directory in ${file}: not a directory (set TMPDIR to a directory buildpush can write to)\n`);
    expect(result.code).toBe(2);
    expect(result.builds).toBe(0);
  });

  test("--artifacts /dev/null/x: refused before the build (it used to fail after the push), exit 2", async () => {
    const result = await run("artifacts-dev-null", () => ({ args: ["--artifacts", "/dev/null/x"] }));
    expect(result.stderr).toBe("buildpush: cannot write the artifact files to /dev/null/x: /dev/null is not a directory\n");
    expect(result.code).toBe(2);
    expect(result.builds).toBe(0);
  });

  test("the artifact file cannot be written after a successful push: exit 4, one line naming it, the push reported", async () => {
    const result = await run("artifacts-broken-mid-run", (workspace) => ({ env: { FAKE_BUILDAH_BREAK_PATH: join(workspace.dir, "buildpush-artifacts") } }));
    const file = join(result.workspace.dir, "buildpush-artifacts", "s.b.json");
    expect(result.stderr).toBe(`buildpush: s/b: the images were pushed, but the artifact file ${file} cannot be written: file already exists\n`);
    expect(result.code).toBe(4);
    expect(result.stdout).toContain(`==> s/b: pushed 127.0.0.1:5000/acme/web:1@sha256:${"ab".repeat(32)}\n`);
    expect(readdirSync(result.workspace.tmp)).toEqual([]);
  });
});

// A full file system needs a tmpfs of our own: mounted in a mount namespace of the test's own
// (root), or a user namespace too (anyone, where the kernel allows unprivileged namespaces).
const unshare = ["--mount", ...(process.getuid?.() === 0 ? [] : ["--map-root-user"])];
const canMount = spawnSync("unshare", [...unshare, "mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", tmpdir()], { encoding: "utf8" }).status === 0;
if (!canMount) console.warn(`${import.meta.url.split("/").pop()}: the full-TMPDIR test is skipped: \`unshare ${unshare.join(" ")}\` cannot mount a tmpfs here`);

describe.skipIf(!canMount && process.env["CI"] !== "true")("TMPDIR on a full file system", () => {
  test("exit 2 before any build, one line naming the auth file, and the full disk left as it was", async () => {
    const workspace = makeRunWorkspace(join(root, "tmpdir-full"));
    const full = join(workspace.dir, "full");
    const report = join(workspace.dir, "report.json");
    // Inside the namespace: mount a 16 KiB tmpfs, fill it, run the CLI with TMPDIR there, and
    // report what the tmpfs holds afterwards (it goes away with the namespace).
    const inside = join(workspace.dir, "inside.mjs");
    writeFileSync(
      inside,
      `import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
const [full, report, ...cli] = process.argv.slice(2);
mkdirSync(full, { recursive: true });
if (spawnSync("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", full]).status !== 0) process.exit(90);
try { writeFileSync(full + "/filler", Buffer.alloc(1 << 20)); } catch {}
const result = spawnSync(process.execPath, cli, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, TMPDIR: full } });
writeFileSync(report, JSON.stringify({ status: result.status, left: readdirSync(full) }));
`,
    );
    const cli = spawnSync("unshare", [...unshare, process.execPath, inside, full, report, cliBin, ...workspace.args], { cwd: workspace.dir, env: workspace.env, encoding: "utf8" });
    const { status, left } = JSON.parse(readFileSync(report, "utf8")) as { status: number; left: string[] };
    expect(cli.stderr).toMatch(new RegExp(`^buildpush: cannot write the registry login to ${full}/buildpush-\\w+/auth\\.json: no space left on device\\n$`));
    expect(status).toBe(2);
    expect(left).toEqual(["filler"]);
  });
});

describe("a builder the machine will not start", () => {
  test("a buildah on the PATH that is not executable: exit 2, one line, nothing ran", async () => {
    const result = await run("buildah-not-executable", (workspace) => {
      chmodSync(join(workspace.dir, "bin", "buildah"), 0o644);
      // Only the stand-in's directory: the machine's own buildah must not be found instead.
      return { env: { PATH: join(workspace.dir, "bin") } };
    });
    expect(result.stderr).toBe("buildpush: cannot run buildah: permission denied\n");
    expect(result.code).toBe(2);
    expect(readdirSync(result.workspace.tmp)).toEqual([]);
  });
});
