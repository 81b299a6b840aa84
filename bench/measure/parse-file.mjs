// @ts-check
/**
 * Child process: what the CLI on a pipeline is compared with. Read a YAML file and parse it
 * with yaml alone (read-and-parse.mjs), yaml as published, loaded from core's own dependency.
 * Nothing is printed.
 *
 *   node bench/measure/parse-file.mjs FILE
 */
import { createRequire } from "node:module";
import { readAndParse } from "./read-and-parse.mjs";

const yaml = /** @type {typeof import("../../packages/core/node_modules/yaml/dist/index.js")} */ (createRequire(new URL("../../packages/core/package.json", import.meta.url))("yaml"));
readAndParse(yaml, process.argv[2] ?? "");
