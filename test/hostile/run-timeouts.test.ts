// Step timeouts past Node's timer limit (2^31-1 ms, 24.8 days) through `buildpush run` as a
// process: `timeout: 30d` used to kill the build after a few milliseconds with a
// TimeoutOverflowWarning. A build that takes half a second must now simply finish. (That the
// 30 days are then waited out is checked with a fake clock in packages/cli/src/run/process.test.ts.)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { startCli } from "../support/cli-process.js";
import { makeRunWorkspace } from "../support/fake-buildah.js";

const root = mkdtempSync(join(tmpdir(), "buildpush-hostile-timeouts-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test.concurrent.each(["30d", "4w", "25d 1h", "3w 4d 1m"])("timeout: %s does not stop a build that takes half a second", async (timeout) => {
  const workspace = makeRunWorkspace(join(root, timeout.replace(/\s/g, "")), { timeout });
  const cli = startCli(workspace.args, { cwd: workspace.dir, env: { ...workspace.env, FAKE_BUILDAH_DELAY_MS: "500" } });
  const { code } = await cli.exited;
  expect(cli.stderr()).toBe("pipeline.yaml: 1 step run, 1 image pushed\n");
  expect(code).toBe(0);
});
