import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository root, with a trailing slash. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** The `buildpush` bin as `@buildpush/cli` installs it (built by `pnpm build`, which `pnpm test` runs first). */
export const cliBin = `${repoRoot}packages/cli/${(JSON.parse(readFileSync(`${repoRoot}packages/cli/package.json`, "utf8")) as { bin: { buildpush: string } }).bin.buildpush}`;
