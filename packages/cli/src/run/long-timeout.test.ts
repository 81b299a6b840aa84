import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { maxTimerDelayMs, setLongTimeout } from "./long-timeout.js";

const day = 86_400_000;

// vitest's fake clock reproduces Node's overflow: a delay above 2^31-1 ms fires after 1 ms.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

test("the fake clock overflows like Node's timers, so the tests below would catch a plain setTimeout", () => {
  const fired = vi.fn();
  setTimeout(fired, 30 * day);
  vi.advanceTimersByTime(2);
  expect(fired).toHaveBeenCalledOnce();
});

test.each([
  ["30 days", 30 * day],
  ["just over the limit", maxTimerDelayMs + 1],
  ["three times the limit and a bit", 3 * maxTimerDelayMs + 5_000],
  ["a year", 365 * day],
])("%s: not a millisecond early, and then exactly once", (_, delayMs) => {
  const fired = vi.fn();
  setLongTimeout(fired, delayMs);
  vi.advanceTimersByTime(delayMs - 1);
  expect(fired).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  expect(fired).toHaveBeenCalledOnce();
  vi.advanceTimersByTime(10 * maxTimerDelayMs);
  expect(fired).toHaveBeenCalledOnce();
});

test("a short delay is one ordinary timer", () => {
  const fired = vi.fn();
  setLongTimeout(fired, 1_000);
  expect(vi.getTimerCount()).toBe(1);
  vi.advanceTimersByTime(1_000);
  expect(fired).toHaveBeenCalledOnce();
});

test("cancelling stops it at any stage of a long wait", () => {
  const fired = vi.fn();
  const cancel = setLongTimeout(fired, 40 * day);
  vi.advanceTimersByTime(maxTimerDelayMs + 10);
  cancel();
  vi.advanceTimersByTime(40 * day);
  expect(fired).not.toHaveBeenCalled();
  expect(vi.getTimerCount()).toBe(0);
});

test("Infinity waits for ever without a busy loop", () => {
  const fired = vi.fn();
  setLongTimeout(fired, Infinity);
  vi.advanceTimersByTime(100 * maxTimerDelayMs);
  expect(fired).not.toHaveBeenCalled();
  expect(vi.getTimerCount()).toBe(1);
});
