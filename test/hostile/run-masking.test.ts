// `buildpush run` as a process, with a builder that prints a secret in every form the docs
// promise to mask (docs/reliability.md, Secrets), and a username from a secret (usernameRef)
// that is also part of the image name and the step name, so buildpush's own lines carry it.
// Nothing of either may come out: not in Buildah's lines, not in buildpush's, not in the
// failure message.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startCli } from "../support/cli-process.js";
import { makeRunWorkspace } from "../support/fake-buildah.js";

const password = 'Pa55 "w0rd" <&> 100%!é\x1b[31m\r';
const username = "markeruser";
// Written out (Python's base64 and urllib made them), not computed by buildpush's code.
const forms: [string, string][] = [
  ["as written, ending in CR", password],
  ["as written, with its escape sequence", password.slice(0, -1)],
  ["base64", "UGE1NSAidzByZCIgPCY+IDEwMCUhw6kbWzMxbQ0="],
  ["base64url", "UGE1NSAidzByZCIgPCY-IDEwMCUhw6kbWzMxbQ0"],
  ["hex", "5061353520227730726422203c263e203130302521c3a91b5b33316d0d"],
  ["URL-encoded", "Pa55%20%22w0rd%22%20%3C%26%3E%20100%25!%C3%A9%1B%5B31m%0D"],
  ["form-encoded", "Pa55+%22w0rd%22+%3C%26%3E+100%25%21%C3%A9%1B%5B31m%0D"],
  ["in a JSON string", 'Pa55 \\"w0rd\\" <&> 100%!é\\u001b[31m\\r'],
  ["in a Go JSON string", 'Pa55 \\"w0rd\\" \\u003c\\u0026\\u003e 100%!é\\u001b[31m\\r'],
  ["Go's %q", 'Pa55 \\"w0rd\\" <&> 100%!é\\x1b[31m\\r'],
  ["the login in base64", Buffer.from(`${username}:${password}`).toString("base64")],
  ["the username", username],
  ["the username in base64", Buffer.from(username).toString("base64")],
];
const printed = forms.map(([name, form]) => `${name}: ${form}`).join("\n");

const root = mkdtempSync(join(tmpdir(), "buildpush-hostile-masking-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(name: string, env: Record<string, string>) {
  const workspace = makeRunWorkspace(join(root, name), { password, username: { value: username, fromSecret: true }, repo: `127.0.0.1:5000/${username}/web`, name: `Build for ${username}` });
  const cli = startCli(workspace.args, { cwd: workspace.dir, env: { ...workspace.env, FAKE_BUILDAH_PRINT: printed, ...env } });
  const { code } = await cli.exited;
  return { code, output: cli.stdout() + cli.stderr(), stdout: cli.stdout(), stderr: cli.stderr(), dir: workspace.dir };
}

describe("buildpush run masks every form of every secret in every line", () => {
  let pushed: Awaited<ReturnType<typeof run>>;
  let failed: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    [pushed, failed] = await Promise.all([run("pushed", {}), run("failed", { FAKE_BUILDAH_FAIL: "push" })]);
  });

  test("both runs ended as they should", () => {
    expect(pushed.code).toBe(0);
    expect(failed.code).toBe(4);
  });

  test.each(forms)("%s: never printed, by Buildah's lines, buildpush's own or the failure", (name, form) => {
    for (const { output } of [pushed, failed]) {
      expect(output).toContain(`] ${name}: ***\n`);
      expect(output.includes(form), `${name} printed`).toBe(false);
    }
  });

  test("buildpush's own lines: the username in the image and step names is masked as in Buildah's", () => {
    expect(pushed.stdout).toContain("==> s/b (Build for ***): building 127.0.0.1:5000/***/web:1\n");
    expect(pushed.stdout).toContain("==> s/b: pushing 127.0.0.1:5000/***/web:1\n");
    expect(pushed.stdout).toContain(`==> s/b: pushed 127.0.0.1:5000/***/web:1@sha256:${"ab".repeat(32)}\n`);
    expect(pushed.stdout).toContain("[Build for ***] build ok\n");
    expect(failed.stderr).toMatch(/^buildpush: s\/b: pushing 127\.0\.0\.1:5000\/\*\*\*\/web:1 failed \(buildah exit status 125\)\nlast output:\n/);
  });

  test("the artifact file is data for the engine, not a log: it names the image as the pipeline writes it", () => {
    const artifact = readFileSync(join(pushed.dir, "buildpush-artifacts", "s.b.json"), "utf8");
    expect(artifact).toContain(`"image": "127.0.0.1:5000/${username}/web:1"`);
    expect(artifact.includes(password.slice(0, 6))).toBe(false);
  });
});
