#!/usr/bin/env node
import { main } from "./cli.js";
import { watchProcessOutput } from "./termination.js";

watchProcessOutput();
// Not a top-level await: the bin runs as one script from a V8 code cache (scripts/bin-loader.mjs).
void Promise.resolve(main(process.argv.slice(2))).then((status) => {
  process.exitCode = status;
});
