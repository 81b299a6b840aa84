import { describe, expect, test } from "vitest";
import { expandPluginTag, pluginAutoTags } from "./plugin-tags.js";
import { parseCoreosSemver, parseModSemver } from "./semver.js";

describe("expandPluginTag (PLUGIN_EXPAND_TAG)", () => {
  test.each([
    ["v1.2.3", ["1", "1.2", "1.2.3"]],
    ["1.2.3", ["1", "1.2", "1.2.3"]],
    ["1.2", ["1", "1.2", "1.2.0"]],
    ["v2", ["2", "2.0", "2.0.0"]],
    ["1.2.3+linux_amd64", ["1+linux-amd64", "1.2+linux-amd64", "1.2.3+linux-amd64"]],
    ["v2.0.0-rc.1", ["2.0.0-rc.1"]],
    ["1.2.3-rc_1", ["1.2.3-rc-1"]],
    ["1.2.3-rc.1+b_7", ["1.2.3-rc.1+b-7"]],
    ["latest", ["latest"]],
    ["feature_x", ["feature_x"]],
    ["01.2.3", ["01.2.3"]],
    ["1.2.3.4", ["1.2.3.4"]],
  ])("%j expands to %j", (tag, expected) => {
    expect(expandPluginTag(tag, true)).toEqual(expected);
  });

  test("without expand-tag every tag passes through unchanged", () => {
    expect(expandPluginTag("v1.2.3", false)).toEqual(["v1.2.3"]);
    expect(expandPluginTag("1.2.3+linux_amd64", false)).toEqual(["1.2.3+linux_amd64"]);
  });
});

describe("pluginAutoTags (PLUGIN_AUTO_TAG)", () => {
  test.each([
    ["refs/tags/v1.2.3", "main", "", ["1", "1.2", "1.2.3"]],
    ["refs/tags/1.2.3", "main", "", ["1", "1.2", "1.2.3"]],
    ["refs/tags/v0.4.1", "main", "", ["0.4", "0.4.1"]],
    ["refs/tags/v01.02.03", "main", "", ["01", "01.02", "01.02.03"]],
    ["refs/tags/v1.2.3-rc1", "main", "", ["1.2.3-rc1"]],
    ["refs/tags/v1.2.3+b1", "main", "", ["1.2.3+b1"]],
    ["refs/heads/main", "main", "", ["latest"]],
    ["main", "main", "", ["latest"]],
    ["refs/tags/v1.2.3", "main", "linux", ["1-linux", "1.2-linux", "1.2.3-linux"]],
    ["refs/heads/main", "main", "linux", ["linux"]],
  ])("%j on default branch %j with suffix %j gives %j", (ref, branch, suffix, expected) => {
    expect(pluginAutoTags(ref, branch, suffix)).toEqual({ ok: true, tags: expected });
  });

  test("any other ref is refused, naming the current branch when known", () => {
    const result = pluginAutoTags("refs/heads/feature", "main", "", "feature");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe("auto-tag-ref");
      expect(result.message).toContain("Could not auto detect the tag");
      expect(result.message).toContain('branch "feature" is not the default branch "main"');
    }
  });

  test.each(["refs/tags/release-7", "refs/tags/v1.2", "refs/tags/v1.2.3.4", "refs/tags/v1.2.x"])(
    "a tag ref %j that is not X.Y.Z is refused",
    (ref) => {
      const result = pluginAutoTags(ref, "main", "");
      expect(result).toMatchObject({ ok: false, code: "auto-tag-semver" });
    },
  );
});

describe("semver readers", () => {
  test("x/mod/semver needs the v, allows shorthands, refuses leading zeros", () => {
    expect(parseModSemver("1.2.3")).toBeUndefined();
    expect(parseModSemver("v1")).toMatchObject({ major: "1", minor: "0", patch: "0" });
    expect(parseModSemver("v01.2.3")).toBeUndefined();
    expect(parseModSemver("v1.2.3-01")).toBeUndefined();
    expect(parseModSemver("v1.2.3-rc..1")).toBeUndefined();
    expect(parseModSemver("v1.2.3+b.01")).toMatchObject({ build: "+b.01" });
  });

  test("coreos/go-semver needs exactly three decimal parts and allows leading zeros", () => {
    expect(parseCoreosSemver("1.2")).toBeUndefined();
    expect(parseCoreosSemver("01.2.3")).toMatchObject({ major: 1n, parts: ["01", "2", "3"] });
    expect(parseCoreosSemver("1.2.3-rc!")).toBeUndefined();
  });
});
