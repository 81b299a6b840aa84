import { describe, expect, test } from "vitest";
import { isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue, shortHash, toDnsLabel, toLabelValue } from "./names.js";

describe("toDnsLabel", () => {
  test.each([
    [["buildpush", "build"], "buildpush-build"],
    [["buildpush", "Build_Stage", "push_docker"], "buildpush-build-stage-push-docker"],
    [["__x__"], "x"],
  ])("%j → %s", (parts, label) => {
    expect(toDnsLabel(parts)).toBe(label);
  });

  test("a name too long is cut and gets a hash of the whole, so two long names stay apart", () => {
    const a = toDnsLabel(["buildpush", "s".repeat(80), "one"]);
    const b = toDnsLabel(["buildpush", "s".repeat(80), "two"]);
    expect(a.length).toBeLessThanOrEqual(63);
    expect(isDnsLabel(a) && isDnsLabel(b)).toBe(true);
    expect(a).not.toBe(b);
  });

  test("nothing usable gives a hash-only label", () => {
    expect(toDnsLabel(["___"])).toMatch(/^x[0-9a-f]{8}$/);
  });
});

describe("label values and keys", () => {
  test.each([
    ["push_docker", "push_docker"],
    ["_private", "private"],
    ["a".repeat(70), "a".repeat(63)],
    ["___", undefined],
  ])("toLabelValue(%s) = %s", (text, value) => {
    expect(toLabelValue(text)).toBe(value);
    if (value !== undefined) expect(isLabelValue(value)).toBe(true);
  });

  test.each([
    ["buildpush/stage", true],
    ["app.kubernetes.io/managed-by", true],
    ["plain", true],
    ["Bad_Prefix/x", false],
    ["a/b/c", false],
    ["/x", false],
    ["x/", false],
    [`p/${"n".repeat(64)}`, false],
  ])("isLabelKey(%s) = %s", (key, valid) => {
    expect(isLabelKey(key)).toBe(valid);
  });

  test("subdomains allow dots and 253 characters, labels neither", () => {
    expect(isDnsSubdomain("account.docker-pass")).toBe(true);
    expect(isDnsLabel("account.docker-pass")).toBe(false);
    expect(isDnsSubdomain(`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`)).toBe(true);
    expect(isDnsSubdomain("a".repeat(254))).toBe(false);
  });

  test("shortHash is stable FNV-1a", () => {
    // Published FNV-1a 32-bit test vectors.
    expect(shortHash("")).toBe("811c9dc5");
    expect(shortHash("a")).toBe("e40c292c");
    expect(shortHash("foobar")).toBe("bf9cf968");
  });
});
