import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { e2eGate, e2eTitle, e2eTools } from "./support/tools.js";

const bin = mkdtempSync(join(tmpdir(), "buildpush-gate-"));
function install(...programs: string[]): void {
  for (const program of programs) {
    writeFileSync(join(bin, program), "#!/bin/sh\n");
    chmodSync(join(bin, program), 0o755);
  }
}
afterAll(() => rmSync(bin, { recursive: true, force: true }));

describe("when the end-to-end tests run", () => {
  test("every tool present: they run", () => {
    const all = mkdtempSync(join(tmpdir(), "buildpush-gate-all-"));
    for (const { program } of e2eTools) {
      writeFileSync(join(all, program), "#!/bin/sh\n");
      chmodSync(join(all, program), 0o755);
    }
    expect(e2eGate({ PATH: all })).toEqual({ skip: false, reason: "" });
    rmSync(all, { recursive: true, force: true });
  });

  test("outside CI, a missing tool skips them, and the title says which and how to install it", () => {
    install("htpasswd", "openssl");
    const gate = e2eGate({ PATH: bin });
    expect(gate).toEqual({ skip: true, reason: "buildah, docker-registry not installed (apt-get install buildah; apt-get install docker-registry)" });
    expect(e2eTitle("suite", gate)).toBe("suite (skipped: buildah, docker-registry not installed (apt-get install buildah; apt-get install docker-registry))");
  });

  test("with CI=true, a missing tool fails them instead", () => {
    const gate = e2eGate({ PATH: bin, CI: "true" });
    expect(gate.skip).toBe(false);
    expect(gate.failure).toBe("CI=true but buildah, docker-registry not installed (apt-get install buildah; apt-get install docker-registry): CI must install them so the end-to-end tests run");
  });

  test("a file that is not executable does not count", () => {
    writeFileSync(join(bin, "buildah"), "");
    chmodSync(join(bin, "buildah"), 0o644);
    expect(e2eGate({ PATH: bin }).reason).toMatch(/^buildah, docker-registry not installed/);
  });
});
