// @ts-check
/**
 * Child process: what the CLI on a pipeline is compared with. Read a YAML file and parse it
 * with yaml alone (parseAllDocuments, then toJS, with yaml's defaults: the parser the CLI's bin
 * bundles, loaded here from core's own dependency). Nothing is printed.
 *
 *   node bench/measure/parse-file.mjs FILE
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const yaml = /** @type {typeof import("../../packages/core/node_modules/yaml/dist/index.js")} */ (createRequire(new URL("../../packages/core/package.json", import.meta.url))("yaml"));
const text = readFileSync(process.argv[2] ?? "", "utf8");
const documents = yaml.parseAllDocuments(text).map((document) => document.toJS());
if (documents.length === 0) throw new Error("no YAML document");
