import { describe, expect, test } from "vitest";
import { BuildpushError } from "../problems/error.js";
import { cpuDecimal, memoryBytes, timeoutSeconds } from "./quantities.js";

function problemCode(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof BuildpushError) return error.code;
    throw error;
  }
  return undefined;
}

describe("timeoutSeconds", () => {
  test.each([
    ["2h", 7200],
    ["1h 30m", 5400],
    ["1h30m", 5400],
    ["90s", 90],
    ["10m", 600],
    ["1d", 86_400],
    ["1w", 604_800],
    ["1500ms", 2],
    ["1ms", 1],
    [" 5m ", 300],
    ["53w", 32_054_400],
    ["52w 6d 23h 59m 59s", 32_054_399],
  ])("%s → %i seconds", (timeout, seconds) => {
    expect(timeoutSeconds(timeout)).toBe(seconds);
  });

  test.each(["", "2 hours", "h", "-1h", "0s", "0ms 0s", "53w 1s", "54w", "30000d", "99999999999999999999999w", `${"9".repeat(400)}w`])("%j is refused", (timeout) => {
    expect(problemCode(() => timeoutSeconds(timeout))).toBe("invalid-timeout");
  });
});

describe("memoryBytes", () => {
  test.each([
    ["500Mi", 524_288_000],
    ["2048Mi", 2_147_483_648],
    ["1Gi", 1_073_741_824],
    ["1.5Gi", 1_610_612_736],
    ["2G", 2_000_000_000],
    ["100M", 100_000_000],
    ["64k", 64_000],
    ["1048576", 1_048_576],
  ])("%s → %i bytes", (quantity, bytes) => {
    expect(memoryBytes(quantity)).toBe(bytes);
  });

  test.each(["", "abc", "0", "0Mi", "1mb", "-1Gi"])("%j is refused", (quantity) => {
    expect(problemCode(() => memoryBytes(quantity))).toBe("invalid-memory");
  });
});

describe("cpuDecimal", () => {
  test.each([
    ["400m", "0.4"],
    ["1500m", "1.5"],
    ["2000m", "2"],
    ["1m", "0.001"],
    ["10m", "0.01"],
    ["1", "1"],
    ["0.25", "0.25"],
    ["2.5", "2.5"],
  ])("%s → --cpus %s", (quantity, cpus) => {
    expect(cpuDecimal(quantity)).toBe(cpus);
  });

  test.each(["", "0", "0m", "1k", "abc"])("%j is refused", (quantity) => {
    expect(problemCode(() => cpuDecimal(quantity))).toBe("invalid-cpu");
  });
});
