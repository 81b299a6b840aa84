import { setTimeout as realSleep } from "node:timers/promises";
import { afterEach, expect, test, vi } from "vitest";
import { runProcess, type ProcessOutcome } from "./process.js";

const day = 86_400_000;
/** A process that prints its pid and never ends. */
const hang = [process.execPath, "-e", "console.log(process.pid); setInterval(() => {}, 1000)"];

afterEach(() => void vi.useRealTimers());

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("a 30-day timeout (past Node's 24.8-day timer limit) lets the process run for 30 days, then stops it", async () => {
  // Only the timer functions are faked: the process, its pipes and its signals are real.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  let started!: (pid: number) => void;
  const running = new Promise<number>((resolve) => (started = resolve));
  const outcome = runProcess({ argv: hang, cwd: process.cwd(), timeoutMs: 30 * day, onStdout: (chunk) => started(Number(chunk.trim())), onStderr: () => {} });
  const pid = await running;
  let ended: ProcessOutcome | undefined;
  void outcome.then((result) => (ended = result));

  await vi.advanceTimersByTimeAsync(30 * day - 1_000);
  // Real time for a stop, had one been sent, to take effect (node:timers/promises is not faked).
  await realSleep(300);
  expect(ended).toBeUndefined();
  expect(alive(pid)).toBe(true);

  await vi.advanceTimersByTimeAsync(1_000);
  vi.useRealTimers();
  expect(await outcome).toEqual({ kind: "timed-out" });
  expect(alive(pid)).toBe(false);
});

test("a run already asked to stop starts nothing", async () => {
  const stop = new AbortController();
  stop.abort();
  let printed = "";
  expect(await runProcess({ argv: hang, cwd: process.cwd(), stop: stop.signal, onStdout: (chunk) => (printed += chunk), onStderr: () => {} })).toEqual({ kind: "stopped" });
  expect(printed).toBe("");
});
