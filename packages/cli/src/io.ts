import { readFileBounded } from "./read-file.js";

/** Where the CLI writes; tests pass buffers, the bin passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The file's text; the process's reads stop once the file passes `maxBytes` (read-file.ts). */
  readFile: (path: string, maxBytes: number) => string;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: readFileBounded,
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
