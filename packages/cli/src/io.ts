import { readFileSync } from "node:fs";

/** Where the CLI writes; tests pass buffers, the bin passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => string;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, "utf8"),
};

/**
 * Exit statuses of the CLI contract. A run stopped by a signal exits 128 + the signal's number,
 * and a closed output 141 (see termination.ts).
 */
export const exitCodes = {
  ok: 0,
  problems: 1,
  /** The output could not be written (a full disk): like problems, the result did not arrive. */
  outputFailed: 1,
  /** Wrong usage, or the machine cannot do what was asked (a missing TMPDIR), found before anything ran. */
  usage: 2,
  internal: 3,
  /** A build step failed, or the machine failed the run once something had run. */
  stepFailed: 4,
} as const;

/** A usage mistake: exit 2 with this message and the usage text. */
export class UsageError extends Error {}
