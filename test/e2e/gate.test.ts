import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { dockerE2eTools, e2eGate, e2eTitle, e2eTools } from "./support/tools.js";

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

describe("when docker mode's end-to-end test runs", () => {
  /** A PATH and a docker configuration directory holding stand-ins for `programs` (buildx as a CLI plugin), no system plugin directories. */
  function machine(...programs: string[]): { env: NodeJS.ProcessEnv; pluginDirs: string[]; remove: () => void } {
    const dir = mkdtempSync(join(tmpdir(), "buildpush-gate-docker-"));
    mkdirSync(join(dir, "bin"));
    mkdirSync(join(dir, "config", "cli-plugins"), { recursive: true });
    for (const program of programs) {
      const file = program === "docker-buildx" ? join(dir, "config", "cli-plugins", program) : join(dir, "bin", program);
      writeFileSync(file, "#!/bin/sh\n");
      chmodSync(file, 0o755);
    }
    return { env: { PATH: join(dir, "bin"), DOCKER_CONFIG: join(dir, "config") }, pluginDirs: [], remove: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const everything = dockerE2eTools.map((tool) => tool.program);

  test("every tool present, as root: it runs", () => {
    const { env, pluginDirs, remove } = machine(...everything);
    expect(e2eGate(env, dockerE2eTools, { needsRoot: true, uid: 0, pluginDirs })).toEqual({ skip: false, reason: "" });
    remove();
  });

  test("buildx is looked for where the Docker CLI finds plugins, not on the PATH", () => {
    const { env, pluginDirs, remove } = machine(...everything.filter((program) => program !== "docker-buildx"));
    writeFileSync(join(env["PATH"]!, "docker-buildx"), "#!/bin/sh\n");
    chmodSync(join(env["PATH"]!, "docker-buildx"), 0o755);
    expect(e2eGate(env, dockerE2eTools, { needsRoot: true, uid: 0, pluginDirs }).reason).toBe("docker-buildx not installed (Debian 13's docker-buildx package, as .ci/run installs it)");
    // In a system plugin directory it counts.
    const system = mkdtempSync(join(tmpdir(), "buildpush-gate-plugins-"));
    writeFileSync(join(system, "docker-buildx"), "#!/bin/sh\n");
    chmodSync(join(system, "docker-buildx"), 0o755);
    expect(e2eGate(env, dockerE2eTools, { needsRoot: true, uid: 0, pluginDirs: [system] }).reason).toBe("");
    rmSync(system, { recursive: true, force: true });
    remove();
  });

  test("outside CI, no Docker engine skips it, and the title says which and how to install it", () => {
    const { env, pluginDirs, remove } = machine("docker-registry", "htpasswd", "openssl");
    const gate = e2eGate(env, dockerE2eTools, { needsRoot: true, uid: 0, pluginDirs });
    expect(gate).toEqual({ skip: true, reason: "docker, dockerd, docker-buildx not installed (apt-get install docker.io; Debian 13's docker-buildx package, as .ci/run installs it)" });
    expect(e2eTitle("suite", gate)).toBe(`suite (skipped: ${gate.reason})`);
    remove();
  });

  test("not root: dockerd would not start, so it is skipped outside CI and fails with CI=true", () => {
    const { env, pluginDirs, remove } = machine(...everything);
    expect(e2eGate(env, dockerE2eTools, { needsRoot: true, uid: 1000, pluginDirs })).toEqual({ skip: true, reason: "not root (uid 1000): they start a dockerd of their own, which runs only as root" });
    const inCi = e2eGate({ ...env, CI: "true" }, dockerE2eTools, { needsRoot: true, uid: 1000, pluginDirs });
    expect(inCi.skip).toBe(false);
    expect(inCi.failure).toBe("CI=true but not root (uid 1000): they start a dockerd of their own, which runs only as root: CI must install them so the end-to-end tests run");
    remove();
  });

  test("with CI=true, a missing tool fails it instead", () => {
    const { env, pluginDirs, remove } = machine("docker", "dockerd", "docker-registry", "htpasswd", "openssl");
    const gate = e2eGate({ ...env, CI: "true" }, dockerE2eTools, { needsRoot: true, uid: 0, pluginDirs });
    expect(gate.skip).toBe(false);
    expect(gate.failure).toBe("CI=true but docker-buildx not installed (Debian 13's docker-buildx package, as .ci/run installs it): CI must install them so the end-to-end tests run");
    remove();
  });
});
