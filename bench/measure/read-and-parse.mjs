// @ts-check
/**
 * What the CLI on a pipeline is compared with: read a YAML file and parse it with yaml alone
 * (parseAllDocuments, then toJS, with yaml's defaults). Shared by parse-file.mjs (yaml as
 * published, from core's own dependency) and the copy bench/run.mjs bundles with yaml as the
 * CLI's bin bundles it (scripts/yaml-debug-switches.mjs).
 */
import { readFileSync } from "node:fs";

/**
 * @param {Pick<typeof import("../../packages/core/node_modules/yaml/dist/index.js"), "parseAllDocuments">} yaml
 * @param {string} file
 */
export function readAndParse(yaml, file) {
  const documents = yaml.parseAllDocuments(readFileSync(file, "utf8")).map((document) => document.toJS());
  if (documents.length === 0) throw new Error("no YAML document");
}
