import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/** The file holds more than the limit: reading stopped after `limit + 1` bytes (or before any, for a regular file). */
export class FileTooLarge extends Error {
  constructor(
    readonly path: string,
    readonly limit: number,
  ) {
    super(`${path} is larger than ${limit} bytes`);
  }
}

/** A pipe (a FIFO, `/dev/stdin`) that no process has open for writing and that holds nothing: nobody to wait for. */
export class NoWriter extends Error {
  constructor(readonly path: string) {
    super(`${path} is a pipe (FIFO) that nothing was written to and that no process has open for writing`);
  }
}

/** Bytes read at a time from a pipe or a device; a regular file is read in one go. */
const chunkBytes = 1 << 20;
/** How long to sleep while a pipe's writer has written nothing new: from 50 µs, doubling to 10 ms. */
const minPollMs = 0.05;
const maxPollMs = 10;
/** How long a FIFO without a writer is given for one to open it (a script may start the reader first). */
export const writerGraceMs = 500;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * The file's text (UTF-8), reading at most `maxBytes + 1` bytes, so `/dev/zero`, `/dev/urandom`
 * or a pipe that never ends is refused as soon as it passes the limit, never read into memory
 * whole. A regular file larger than the limit is refused before anything is read.
 *
 * The file is opened without blocking, so a named pipe (FIFO) never hangs the open: if no
 * process opens it for writing within `writerGraceMs`, there is nothing to read and `NoWriter`
 * is thrown. One whose writer has written nothing yet is waited for, as `cat` would (a writer
 * that keeps it open without writing keeps the command waiting; Ctrl-C stops it).
 */
export function readFileBounded(path: string, maxBytes: number): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const opened = Date.now();
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > maxBytes) throw new FileTooLarge(path, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    let pollMs = minPollMs;
    for (;;) {
      // A regular file is read in one buffer of its size (plus one byte, to see it has not grown).
      const buffer = Buffer.allocUnsafe(Math.min(stat.isFile() ? stat.size + 1 : chunkBytes, maxBytes + 1 - total));
      let read: number;
      try {
        read = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        // A pipe or terminal with a writer that has nothing for us yet.
        if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
        Atomics.wait(sleeper, 0, 0, pollMs);
        pollMs = Math.min(pollMs * 2, maxPollMs);
        continue;
      }
      if (read === 0) {
        // End of file; on a FIFO before any byte, there is no writer (one that is still to
        // write makes the read fail with EAGAIN instead): give one a moment to open it.
        if (total === 0 && stat.isFIFO()) {
          if (Date.now() - opened > writerGraceMs) throw new NoWriter(path);
          Atomics.wait(sleeper, 0, 0, maxPollMs);
          continue;
        }
        break;
      }
      pollMs = minPollMs;
      chunks.push(read === buffer.length ? buffer : buffer.subarray(0, read));
      total += read;
      if (total > maxBytes) throw new FileTooLarge(path, maxBytes);
    }
    return (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total)).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
