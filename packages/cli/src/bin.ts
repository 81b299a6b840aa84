#!/usr/bin/env node
import { main } from "./cli.js";
import { watchProcessOutput } from "./termination.js";

watchProcessOutput();
process.exitCode = await main(process.argv.slice(2));
