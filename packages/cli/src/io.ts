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
 * Exit statuses of the CLI contract. Also: 1 when stdout cannot be written (like problems, the
 * result did not arrive); for `run`, 2 when the machine cannot give it what it needs before
 * anything ran and 4 after; 128 + N when signal N stopped a run, 141 when stdout's reader went
 * away (see termination.ts).
 */
export const exitCodes = { ok: 0, problems: 1, usage: 2, internal: 3, stepFailed: 4 } as const;

/** A usage mistake: exit 2 with this message and the usage text. */
export class UsageError extends Error {}
