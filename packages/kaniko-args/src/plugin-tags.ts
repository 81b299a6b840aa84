// The plugin's tag helpers: PLUGIN_EXPAND_TAG (semver tag → major, major.minor,
// full) and PLUGIN_AUTO_TAG / PLUGIN_AUTO_TAG_SUFFIX (tags from DRONE_COMMIT_REF).

import { formatCoreosSemver, parseCoreosSemver, parseModSemver } from "./semver.js";

/**
 * The tags the plugin pushes for one PLUGIN_TAGS item. Without expand-tag, or
 * for a tag that isn't a semantic version, the tag itself. With expand-tag,
 * `v1.2.3` / `1.2.3` → `1`, `1.2`, `1.2.3`; build metadata (with `_` turned
 * into `-`) is kept on each; a pre-release gives only itself, without the `v`.
 */
export function expandPluginTag(tag: string, expandTag: boolean): string[] {
  // Without expand-tag nothing of the parse is used: every tag of every step takes this path.
  if (!expandTag) return [tag];
  let semverTag = tag.replaceAll("_", "-");
  if (parseModSemver(semverTag) === undefined && parseModSemver(`v${semverTag}`) !== undefined) {
    semverTag = `v${semverTag}`;
  }
  const parsed = parseModSemver(semverTag);
  if (parsed === undefined) return [tag];
  if (parsed.prerelease !== "") return [semverTag.replace(/^v/, "")];
  const { major, minor, patch, build } = parsed;
  return [`${major}${build}`, `${major}.${minor}${build}`, `${major}.${minor}.${patch}${build}`];
}

export type AutoTagResult =
  | { ok: true; tags: string[] }
  | { ok: false; code: "auto-tag-ref" | "auto-tag-semver"; message: string };

function pad(value: bigint, width: number): string {
  return value.toString().padStart(width, "0");
}

/**
 * The tags PLUGIN_AUTO_TAG gives for a commit ref. `refs/tags/v1.2.3` →
 * `1`, `1.2`, `1.2.3` (a `0.x` version drops the bare major; a pre-release or
 * build-metadata version gives only itself); the default branch gives `latest`;
 * any other ref is refused. A suffix is appended as `-suffix`, and `latest`
 * becomes just the suffix.
 */
export function pluginAutoTags(
  commitRef: string,
  defaultBranch: string,
  suffix: string,
  currentBranch?: string,
): AutoTagResult {
  const isTag = commitRef.startsWith("refs/tags/");
  if (!isTag && commitRef.replace(/^refs\/heads\//, "") !== defaultBranch) {
    const branchNote =
      currentBranch !== undefined && currentBranch !== ""
        ? ` (branch ${JSON.stringify(currentBranch)} is not the default branch ${JSON.stringify(defaultBranch)})`
        : ` (only a tag ref or the default branch ${JSON.stringify(defaultBranch)} can be auto-tagged)`;
    return {
      ok: false,
      code: "auto-tag-ref",
      message: `Could not auto detect the tag. Skipping automated docker build for commit ${JSON.stringify(commitRef)}${branchNote}`,
    };
  }
  let tags: string[];
  if (!isTag) {
    tags = ["latest"];
  } else {
    const version = commitRef.slice("refs/tags/".length).replace(/^v/, "");
    const parsed = parseCoreosSemver(version);
    if (parsed === undefined) {
      return {
        ok: false,
        code: "auto-tag-semver",
        message: `Invalid semantic version when auto detecting the tag. Skipping automated docker build for ${JSON.stringify(commitRef)}`,
      };
    }
    if (parsed.prerelease !== "" || parsed.metadata !== "") {
      tags = [formatCoreosSemver(parsed)];
    } else {
      const [w0, w1, w2] = parsed.parts.map((p) => p.length) as [number, number, number];
      const majorMinor = `${pad(parsed.major, w0)}.${pad(parsed.minor, w1)}`;
      const full = `${majorMinor}.${pad(parsed.patch, w2)}`;
      tags = parsed.major === 0n ? [majorMinor, full] : [pad(parsed.major, w0), majorMinor, full];
    }
  }
  if (suffix === "") return { ok: true, tags };
  return { ok: true, tags: tags.map((t) => (t === "latest" ? suffix : `${t}-${suffix}`)) };
}
