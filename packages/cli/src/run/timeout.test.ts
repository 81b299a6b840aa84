import { timeoutPattern } from "../../../../test/support/internals.js";
import { expect, test } from "vitest";
import { timeoutMs } from "./timeout.js";

test.each([
  ["2h", 7_200_000],
  ["10m", 600_000],
  ["1h 30m", 5_400_000],
  ["1h30m", 5_400_000],
  ["45s", 45_000],
  ["500ms", 500],
  ["1d", 86_400_000],
  ["1w 1d", 691_200_000],
  ["1m 500ms", 60_500],
])("the step timeout %s is %i ms", (timeout, ms) => {
  expect(timeoutPattern.test(timeout)).toBe(true);
  expect(timeoutMs(timeout)).toBe(ms);
});
