import { describe, expect, test } from "vitest";
import { checkRepository, isValidImageReference, isValidTag, suggestTag } from "./image-reference.js";

describe("tags follow the distribution grammar", () => {
  test.each([
    ["latest", true],
    ["1.10", true],
    ["v1.2.3-rc.1_build", true],
    ["_private", true],
    ["a".repeat(128), true],
    ["a".repeat(129), false],
    [".hidden", false],
    ["-dash", false],
    ["feature/foo", false],
    ["with space", false],
    ["", false],
    ["tag:colon", false],
  ])("%s → %s", (tag, valid) => {
    expect(isValidTag(tag)).toBe(valid);
  });

  test("a bad tag gets the nearest valid one as a suggestion", () => {
    expect(suggestTag("feature/foo")).toBe("feature-foo");
    expect(suggestTag(".x")).toBe("x");
  });
});

describe("repositories follow the distribution grammar", () => {
  test.each([
    ["acme/app", { path: "acme/app" }],
    ["app", { path: "app" }],
    ["registry.example.com:5000/team/app", { domain: "registry.example.com:5000", path: "team/app" }],
    ["localhost/app", { domain: "localhost", path: "app" }],
    ["acme.azurecr.io/a__b/c-d.e", { domain: "acme.azurecr.io", path: "a__b/c-d.e" }],
  ])("%s is valid", (text, name) => {
    expect(checkRepository(text)).toEqual({ ok: true, name });
  });

  test.each([
    ["Acme/App", /lowercase/, "acme/app"],
    ["acme/app:1.0", /holds a tag/, "acme/app"],
    ["https://ghcr.io/acme/app", /URL scheme/, "ghcr.io/acme/app"],
    ["acme//app", /not a valid repository path component/, undefined],
    ["acme/app@sha256:abc", /digest/, undefined],
    ["acme/ app", /white space/, "acme/app"],
    ["", /empty/, undefined],
    [`a/${"b".repeat(260)}`, /more than 255/, undefined],
  ])("%s is refused", (text, reason, suggestion) => {
    const check = checkRepository(text);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.reason).toMatch(reason);
    expect(check.suggestion).toBe(suggestion);
  });

  test.each([
    ["plugins/kaniko:1.13.3", true],
    ["registry.internal:5000/kaniko-ecr", true],
    [`plugins/kaniko@sha256:${"a".repeat(64)}`, true],
    ["Plugins/Kaniko:1", false],
    ["plugins/kaniko:bad/tag", false],
  ])("image reference %s → %s", (reference, valid) => {
    expect(isValidImageReference(reference)).toBe(valid);
  });
});
