import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { workspacePackages } from "./scripts/step-packages.mjs";

const root = fileURLToPath(new URL(".", import.meta.url));

// Tests import the packages' TypeScript sources, so a test never runs against a stale dist/:
// `@buildpush/NAME` is packages/NAME/src/index.ts, and `@buildpush/NAME/SUB` packages/NAME/src/SUB.ts.
const alias = workspacePackages(root).flatMap((name) => [
  { find: new RegExp(`^@buildpush/${name}$`), replacement: `${root}packages/${name}/src/index.ts` },
  ...(existsSync(`${root}packages/${name}/src`) ? [{ find: new RegExp(`^@buildpush/${name}/([\\w-]+)$`), replacement: `${root}packages/${name}/src/$1.ts` }] : []),
]);

export default defineConfig({
  resolve: { alias },
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    // Compile-time tests: `*.test-d.ts` files are type-checked (tsc) and their @ts-expect-error lines must hold.
    typecheck: { enabled: true, include: ["packages/*/src/**/*.test-d.ts"], tsconfig: "tsconfig.tests.json" },
    testTimeout: 20_000,
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
