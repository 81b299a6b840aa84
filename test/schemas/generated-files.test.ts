import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// The dev-only generator, run in memory: the committed files must be exactly what it writes.
import { generateFiles } from "../../scripts/schema-gen/generate.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const generated = generateFiles(root);

describe("generated files are up to date (run `pnpm generate` after editing a spec's JSDoc)", () => {
  it.each([...generated.keys()])("%s", (file) => {
    let committed: string | undefined;
    try {
      committed = readFileSync(`${root}${file}`, "utf8");
    } catch {
      committed = undefined;
    }
    expect(committed, `${file} is missing or stale: run pnpm generate`).toBe(generated.get(file));
  });

  it.each(["schemas", "docs/steps"])("%s holds no file the generator no longer writes", (dir) => {
    const leftovers = readdirSync(`${root}${dir}`)
      .map((name) => `${dir}/${name}`)
      .filter((file) => !generated.has(file));
    expect(leftovers).toEqual([]);
  });
});
