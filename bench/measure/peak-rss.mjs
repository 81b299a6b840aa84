// @ts-check
/**
 * Child process: peak resident set size of translating a generated pipeline of STEPS steps from
 * its YAML text (or, with `parse`, of parsing it alone, for comparison). Prints one JSON line.
 *
 *   node bench/measure/peak-rss.mjs STEPS [translate|parse]
 */
import { pipelineOptions, translator, yaml } from "../packages.mjs";
import { generatePipeline } from "../generate-pipeline.mjs";

const steps = Number(process.argv[2] ?? "10000");
const mode = process.argv[3] ?? "translate";
const text = generatePipeline(steps);
const startRss = process.resourceUsage().maxRSS * 1024;
let count;
if (mode === "parse") {
  count = yaml.parseAllDocuments(text, { uniqueKeys: true }).map((doc) => doc.toJS()).length;
} else {
  count = translator.translatePipeline(text, pipelineOptions(text)).steps.length;
  if (count !== steps) throw new Error(`translated ${count} steps, expected ${steps}`);
}
process.stdout.write(`${JSON.stringify({ steps, mode, yamlBytes: Buffer.byteLength(text), rssBeforeBytes: startRss, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
