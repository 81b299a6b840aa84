import { describe, expect, test } from "vitest";
import { exitWhenWritten, type FlushableStream } from "./exit-when-written.js";

/** A stream whose writes call back when the test says the data is out. */
function heldStream(): FlushableStream & { flush(error?: Error): void; writes: string[] } {
  const callbacks: ((error?: Error | null) => void)[] = [];
  const writes: string[] = [];
  return {
    writes,
    write(chunk, callback) {
      writes.push(chunk);
      callbacks.push(callback);
      return true;
    },
    flush(error) {
      for (const callback of callbacks.splice(0)) callback(error);
    },
  };
}

describe("exitWhenWritten", () => {
  test("ends the process with the status only once every stream has written what it holds", () => {
    const [stdout, stderr] = [heldStream(), heldStream()];
    const exits: number[] = [];
    exitWhenWritten(3, [stdout, stderr], (status) => exits.push(status));
    expect([stdout.writes, stderr.writes]).toEqual([[""], [""]]);
    stdout.flush();
    expect(exits).toEqual([]);
    stderr.flush();
    expect(exits).toEqual([3]);
  });

  test("a stream that fails to write leaves the status to its 'error' listener", () => {
    const [stdout, stderr] = [heldStream(), heldStream()];
    const exits: number[] = [];
    exitWhenWritten(0, [stdout, stderr], (status) => exits.push(status));
    stdout.flush(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    stderr.flush();
    expect(exits).toEqual([]);
  });
});
