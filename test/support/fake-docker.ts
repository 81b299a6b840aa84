import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A stand-in `docker` for tests of docker mode's chain: it appends `{"argv"}` (and, for
 * `--password-stdin`, `"stdin"`: what it read) to FAKE_DOCKER_LOG, one JSON line per call, and
 * exits 3 when its argv holds the word FAKE_DOCKER_FAIL names.
 */
const script = `#!/usr/bin/env node
const fs = require("node:fs");
const argv = process.argv.slice(2);
const stdin = argv.includes("--password-stdin") ? fs.readFileSync(0, "utf8") : undefined;
fs.appendFileSync(process.env.FAKE_DOCKER_LOG, JSON.stringify(stdin === undefined ? { argv } : { argv, stdin }) + "\\n");
process.exit(process.env.FAKE_DOCKER_FAIL && argv.includes(process.env.FAKE_DOCKER_FAIL) ? 3 : 0);
`;

export interface DockerCall {
  argv: string[];
  stdin?: string;
}

export interface FakeDocker {
  /** Directory holding `docker`, for the front of PATH. */
  bin: string;
  /** A fresh log file and the environment that makes the stand-in write to it. */
  session(): { env: Record<string, string>; calls(): DockerCall[] };
  remove(): void;
}

export function fakeDocker(): FakeDocker {
  const bin = mkdtempSync(join(tmpdir(), "buildpush-fake-docker-"));
  writeFileSync(join(bin, "docker"), script);
  chmodSync(join(bin, "docker"), 0o755);
  let sessions = 0;
  return {
    bin,
    session() {
      const log = join(bin, `log-${sessions++}`);
      writeFileSync(log, "");
      return {
        env: { PATH: `${bin}:${process.env["PATH"]}`, FAKE_DOCKER_LOG: log },
        calls: () => readFileSync(log, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as DockerCall),
      };
    },
    remove: () => rmSync(bin, { recursive: true, force: true }),
  };
}
