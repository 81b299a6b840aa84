#!/usr/bin/env node
import { main } from "./cli.js";
import { leavesWorkRunning } from "./commands/index.js";
import { exitWhenWritten } from "./exit-when-written.js";
import { watchProcessOutput } from "./termination.js";

watchProcessOutput();
const args = process.argv.slice(2);
// Not a top-level await: the bin runs as one script from a V8 code cache (scripts/bin-loader.mjs).
void Promise.resolve(main(args)).then((status) => {
  process.exitCode = status;
  if (!leavesWorkRunning.has(args[0] ?? "")) exitWhenWritten(status);
});
