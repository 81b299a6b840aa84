// The worked examples in docs/rendering.md are the CLI's real output for the bundled examples;
// this fails when they go stale (`node scripts/update-rendering-docs.mjs` rewrites them).
import { main, type CliIo } from "@buildpush/cli";
import { describe, expect, test } from "vitest";
import { findExamples } from "../scripts/rendering-docs/examples.mjs";
import { readRepoFile } from "./support/fixtures.js";

const page = readRepoFile("docs/rendering.md");
const examples = findExamples(page);

describe("docs/rendering.md", () => {
  test("holds worked examples of both formats and of Jobs", () => {
    const commands = examples.map((example) => example.args.join(" "));
    expect(commands.some((command) => command.includes("--format kubernetes") && !command.includes("--job"))).toBe(true);
    expect(commands.some((command) => command.includes("--format kubernetes") && command.includes("--job"))).toBe(true);
    expect(commands.some((command) => command.includes("--format docker"))).toBe(true);
  });

  test.each(examples.map((example) => [example.args.join(" "), example] as const))("%s prints what the page shows", async (_command, example) => {
    let stdout = "";
    const io: CliIo = { stdout: (text) => void (stdout += text), stderr: () => undefined, readFile: readRepoFile };
    expect(await main(example.args, io)).toBe(0);
    expect(example.output, "docs/rendering.md is stale: run pnpm exec tsc -b && node scripts/update-rendering-docs.mjs").toBe(stdout);
  });
});
