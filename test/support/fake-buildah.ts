import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * A stand-in for buildah for tests of `buildpush run` as a process. It behaves as told through
 * its environment:
 * - FAKE_BUILDAH_LOG: a file it appends `{"pid", "argv", "auth"}` to, one JSON line per call
 *   (`auth`: the auth file it was given, as read during the call);
 * - FAKE_BUILDAH_HANG=build|push: that call leaves a file in its TMPDIR (as Buildah does with
 *   a blob it is pushing) and never ends, and starts a child that never ends either, whose
 *   arguments name the auth file (so a test finds it with processesMentioning);
 * - FAKE_BUILDAH_IGNORE_TERM=1: it ignores SIGTERM;
 * - FAKE_BUILDAH_DELAY_MS: each build and push takes this long;
 * - FAKE_BUILDAH_PRINT: text it prints on stdout, then on stderr, during each build and push;
 * - FAKE_BUILDAH_FAIL=build|push: that call fails (exit 125) after printing;
 * - FAKE_BUILDAH_BREAK_PATH: a path the push replaces with a file of its own.
 */
const script = `#!/usr/bin/env node
const fs = require("node:fs");
const { spawn } = require("node:child_process");
const argv = process.argv.slice(2);
const env = process.env;
const sub = argv.find((a) => a === "build" || a === "push" || a === "--version");
const valueOf = (flag) => argv[argv.indexOf(flag) + 1];
const auth = argv.includes("--authfile") ? JSON.parse(fs.readFileSync(valueOf("--authfile"), "utf8")) : undefined;
if (env.FAKE_BUILDAH_LOG) fs.appendFileSync(env.FAKE_BUILDAH_LOG, JSON.stringify({ pid: process.pid, argv, auth }) + "\\n");
if (sub === "--version") { console.log("buildah version fake"); process.exit(0); }
if (env.FAKE_BUILDAH_IGNORE_TERM) process.on("SIGTERM", () => {});
if (env.FAKE_BUILDAH_PRINT) { process.stdout.write(env.FAKE_BUILDAH_PRINT + "\\n"); process.stderr.write(env.FAKE_BUILDAH_PRINT + "\\n"); }
if (env.FAKE_BUILDAH_FAIL === sub) process.exit(125);
if (env.FAKE_BUILDAH_HANG === sub) {
  if (env.TMPDIR) fs.writeFileSync(env.TMPDIR + "/blob-being-pushed", "layer data");
  spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", valueOf("--authfile")], { stdio: "ignore" });
  setInterval(() => {}, 1000);
} else {
  setTimeout(() => {
    if (sub === "push") {
      if (env.FAKE_BUILDAH_BREAK_PATH) { fs.rmSync(env.FAKE_BUILDAH_BREAK_PATH, { recursive: true, force: true }); fs.writeFileSync(env.FAKE_BUILDAH_BREAK_PATH, "not a directory"); }
      fs.writeFileSync(valueOf("--digestfile"), "sha256:" + "ab".repeat(32));
    }
    console.log(sub + " ok");
  }, Number(env.FAKE_BUILDAH_DELAY_MS || 0));
}
`;

export interface RunWorkspace {
  dir: string;
  /** The temporary directory (TMPDIR) the run is given. */
  tmp: string;
  /** PATH with the stand-in first, and TMPDIR. */
  env: NodeJS.ProcessEnv;
  /** `run pipeline.yaml --connectors … --secrets …`, relative to `dir`. */
  args: string[];
}

export interface RunWorkspaceOptions {
  /** The step's `timeout`. */
  timeout?: string;
  /** The login: a plain username, or one from a secret (usernameRef). */
  username?: { value: string; fromSecret: boolean };
  password?: string;
  repo?: string;
  /** The step's name (it prefixes Buildah's lines). */
  name?: string;
}

/** Puts the stand-in at `bin/buildah`; a run finds it with `bin` first on its PATH. */
export function installFakeBuildah(bin: string): void {
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "buildah"), script);
  chmodSync(join(bin, "buildah"), 0o755);
}

/** A directory to run `buildpush run` in: a build context, a one-step pipeline, its connector and secrets, and the stand-in buildah. */
export function makeRunWorkspace(dir: string, options: RunWorkspaceOptions = {}): RunWorkspace {
  const bin = join(dir, "bin");
  const tmp = join(dir, "tmp");
  for (const sub of [tmp, join(dir, "app")]) mkdirSync(sub, { recursive: true });
  installFakeBuildah(bin);
  writeFileSync(join(dir, "app", "Dockerfile"), "FROM scratch\n");
  const username = options.username ?? { value: "alice", fromSecret: false };
  const login = username.fromSecret ? `usernameRef: account.registry_user` : `username: ${username.value}`;
  writeFileSync(
    join(dir, "connectors.yaml"),
    `connector:\n  identifier: local\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: http://127.0.0.1:5000\n    auth:\n      type: UsernamePassword\n      spec:\n        ${login}\n        passwordRef: account.registry_pass\n`,
  );
  const secrets = { "account.registry_pass": options.password ?? "t0ps3cret-run", ...(username.fromSecret ? { "account.registry_user": username.value } : {}) };
  writeFileSync(join(dir, "secrets.json"), `${JSON.stringify(secrets)}\n`);
  writeFileSync(
    join(dir, "pipeline.yaml"),
    `pipeline:
  identifier: p
  stages:
    - stage:
        identifier: s
        type: CI
        spec:
          execution:
            steps:
              - step:
                  type: BuildAndPushDockerRegistry
                  name: ${JSON.stringify(options.name ?? "Build")}
                  identifier: b${options.timeout ? `\n                  timeout: ${options.timeout}` : ""}
                  spec: {connectorRef: account.local, repo: ${JSON.stringify(options.repo ?? "127.0.0.1:5000/acme/web")}, tags: ["1"], context: app, dockerfile: app/Dockerfile}
`,
  );
  return {
    dir,
    tmp,
    env: { ...process.env, PATH: `${bin}${delimiter}${process.env["PATH"]}`, TMPDIR: tmp },
    args: ["run", "pipeline.yaml", "--connectors", "connectors.yaml", "--secrets", "secrets.json"],
  };
}
