import { accessSync, constants, statSync, type Stats } from "node:fs";
import { dirname } from "node:path";
import { systemErrorReason } from "../system-error.js";

/**
 * Why buildpush could not write files into the directory `path`, making it and its parents as
 * needed; undefined when it could. Nothing is created: this only looks, so a run refused later
 * leaves no empty directory behind.
 */
export function whyNotWritableDirectory(path: string): string | undefined {
  // The nearest part of the path that exists decides: it must be a directory we may write in.
  let existing = path;
  let stats: Stats;
  for (;;) {
    try {
      stats = statSync(existing);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = dirname(existing);
      if ((code !== "ENOENT" && code !== "ENOTDIR") || parent === existing) return `${existing}: ${systemErrorReason(error)}`;
      existing = parent;
    }
  }
  if (!stats.isDirectory()) return `${existing} is not a directory`;
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (error) {
    return `${existing}: ${systemErrorReason(error)}`;
  }
}
