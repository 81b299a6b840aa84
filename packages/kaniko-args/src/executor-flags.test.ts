import { describe, expect, test } from "vitest";
import { KanikoOptionsError } from "./errors.js";
import { DEFAULT_EXECUTOR_VERSION, KANIKO_EXECUTOR_FLAGS, executorAcceptsFlag, resolveExecutorVersion } from "./executor-flags.js";

describe("executor flag table", () => {
  test("defaults to the newest version in the table", () => {
    const newest = Object.keys(KANIKO_EXECUTOR_FLAGS).sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1])).at(-1);
    expect(DEFAULT_EXECUTOR_VERSION).toBe(newest);
    expect(resolveExecutorVersion()).toBe("1.23");
  });

  test.each([
    ["1.23", "1.23"],
    ["1.23.2", "1.23"],
    ["v1.23.2", "1.23"],
    ["v1.9.1", "1.9"],
    ["1.9", "1.9"],
  ])("%j resolves to %j", (given, key) => {
    expect(resolveExecutorVersion(given)).toBe(key);
  });

  test.each(["1.24", "2", "latest", "", "1.23.2-debug-x y"])("%j is refused", (given) => {
    expect(() => resolveExecutorVersion(given)).toThrow(KanikoOptionsError);
  });

  test.each([
    ["1.23", "image-download-retry", true],
    ["1.9", "image-download-retry", false],
    ["1.23", "skip-push-permission-check", true],
    ["1.9", "skip-push-permission-check", false],
    ["1.9", "skip-default-registry-fallback", false],
    ["1.9", "skip-tls-verify-registry", true],
    ["1.9", "snapshot-mode", true],
    ["1.23", "create-repository", false],
    ["1.23", "push-only", false],
  ])("executor %s accepts --%s: %j", (version, flag, accepted) => {
    expect(executorAcceptsFlag(version, flag)).toBe(accepted);
  });
});
