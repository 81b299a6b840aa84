import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onDisk } from "./failures.js";

/** A step's temporary directory: the auth file with the registry login, and Buildah's digest files. */
export interface ScratchDir {
  path: string;
  /** Remove it and everything in it. */
  remove(): Promise<void>;
}

/**
 * Make a step's temporary directory in `parent` (the system's, from TMPDIR, unless given). It is
 * also removed if the process exits before `remove` is called: it holds a login.
 */
export async function makeScratchDir(parent?: string): Promise<ScratchDir> {
  const where = parent ?? tmpdir();
  const hint = parent === undefined ? " (set TMPDIR to a directory buildpush can write to)" : "";
  const path = await onDisk(where, (reason) => `cannot create a temporary directory in ${where}: ${reason}${hint}`, () => mkdtemp(join(where, "buildpush-")));
  // Synchronous: an exit handler cannot wait.
  const removeOnExit = (): void => rmSync(path, { recursive: true, force: true });
  process.once("exit", removeOnExit);
  return {
    path,
    remove: async () => {
      await onDisk(path, (reason) => `cannot remove the temporary directory ${path}, which holds a registry login: ${reason}; remove it by hand`, () => rm(path, { recursive: true, force: true }));
      process.off("exit", removeOnExit);
    },
  };
}
