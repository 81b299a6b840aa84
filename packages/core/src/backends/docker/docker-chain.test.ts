import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, test } from "vitest";
import { fakeDocker, type DockerCall } from "../../../../../test/support/fake-docker.js";
import { dockerChainArguments, dockerChainName, dockerChainScript, type ChainEntry } from "./docker-chain.js";

const docker = fakeDocker();
afterAll(() => docker.remove());

/** Run the chain with real sh and the stand-in docker first on PATH, as a container runtime would run the command. */
function runChain(entries: ChainEntry[], env: Record<string, string> = {}): { status: number | null; calls: DockerCall[]; stderr: string } {
  const session = docker.session();
  const result = spawnSync("/bin/sh", ["-c", dockerChainScript, dockerChainName, ...dockerChainArguments(entries)], { encoding: "utf8", env: { ...session.env, ...env } });
  return { status: result.status, calls: session.calls(), stderr: result.stderr };
}

const login: ChainEntry = { kind: "login", registry: "registry.example.com", usernameVariable: "LOGIN_USER", passwordVariable: "LOGIN_PASS" };
const credentials = { LOGIN_USER: "ci bot", LOGIN_PASS: "s3cret $(echo no) 'q'" };

describe("the docker chain script", () => {
  test("logs in with the password on stdin, never on docker's command line, and the username as one argument", () => {
    const { status, calls } = runChain([login], credentials);
    expect(status).toBe(0);
    expect(calls).toEqual([{ argv: ["login", "--username", "ci bot", "--password-stdin", "registry.example.com"], stdin: "s3cret $(echo no) 'q'\n" }]);
    expect(calls[0]!.argv.join(" ")).not.toContain("s3cret");
  });

  test("runs each command with its arguments exactly as given: spaces, quotes, $, globs, commas and empty strings stay literal", () => {
    const tricky = ["a b", "", "$(echo pwned)", "'q'", '"dq"', "*", "x;y", "k=v,w", "--", "3"];
    const { status, calls } = runChain([{ kind: "run", argv: ["docker", "buildx", "build", ...tricky] }, { kind: "run", argv: ["docker", "second"] }]);
    expect(status).toBe(0);
    expect(calls.map((call) => call.argv)).toEqual([["buildx", "build", ...tricky], ["second"]]);
  });

  test("stops at the first command that fails, with its status, and still runs the finally entries", () => {
    const entries: ChainEntry[] = [login, { kind: "run", argv: ["docker", "buildx", "create", "--use"] }, { kind: "run", argv: ["docker", "buildx", "build", "."] }, { kind: "run", argv: ["docker", "never"] }, { kind: "finally", argv: ["docker", "buildx", "rm"] }];
    const { status, calls } = runChain(entries, { ...credentials, FAKE_DOCKER_FAIL: "build" });
    expect(status).toBe(3);
    expect(calls.map((call) => call.argv.slice(0, 2))).toEqual([["login", "--username"], ["buildx", "create"], ["buildx", "build"], ["buildx", "rm"]]);
  });

  test("a failed login stops the build; a failing finally entry does not change the status", () => {
    const failedLogin = runChain([login, { kind: "run", argv: ["docker", "buildx", "build", "."] }, { kind: "finally", argv: ["docker", "buildx", "rm"] }], { ...credentials, FAKE_DOCKER_FAIL: "login" });
    expect(failedLogin.status).toBe(3);
    expect(failedLogin.calls.map((call) => call.argv[0])).toEqual(["login", "buildx"]);
    expect(failedLogin.calls[1]!.argv).toEqual(["buildx", "rm"]);
    const failedCleanup = runChain([{ kind: "run", argv: ["docker", "ok"] }, { kind: "finally", argv: ["docker", "buildx", "rm"] }], { FAKE_DOCKER_FAIL: "rm" });
    expect(failedCleanup.status).toBe(0);
  });

  test("finally entries run after every other entry, wherever they are written", () => {
    const { calls } = runChain([{ kind: "finally", argv: ["docker", "last"] }, { kind: "run", argv: ["docker", "first"] }]);
    expect(calls.map((call) => call.argv)).toEqual([["first"], ["last"]]);
  });

  test("an entry it does not know ends the run with status 2 and says which", () => {
    const result = spawnSync("/bin/sh", ["-c", dockerChainScript, dockerChainName, "frobnicate", "1", "x"], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("buildpush-docker: unknown entry frobnicate\n");
  });

  test("dockerChainArguments: a kind and a count before each command, a login as its four words", () => {
    expect(dockerChainArguments([login, { kind: "run", argv: ["docker", "buildx", "build", "."] }, { kind: "finally", argv: ["docker", "buildx", "rm"] }])).toEqual([
      "login", "registry.example.com", "LOGIN_USER", "LOGIN_PASS",
      "run", "4", "docker", "buildx", "build", ".",
      "finally", "3", "docker", "buildx", "rm",
    ]);
  });
});
