import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const packages = ["core", "docker", "ecr", "acr", "kaniko-args", "docker-args", "cli"];

// Tests import the packages' TypeScript sources, so a test never runs against a stale dist/.
const alias = Object.fromEntries(
  packages.map((name) => [
    `@buildpush/${name}`,
    fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
  ]),
);

export default defineConfig({
  resolve: { alias },
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
