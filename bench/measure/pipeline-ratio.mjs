// @ts-check
/**
 * Child process: translating a generated pipeline from YAML text against parsing the same text
 * with the same parser (yaml's parseAllDocuments, then toJS, the way translatePipeline reads
 * it). Rounds alternate which of the two runs first, with a full GC before each run, so drift
 * and leftover garbage fall on both equally. Wall and CPU time (all threads) are both kept; the
 * result is the fastest translation over the fastest parse, in CPU time. Prints one JSON line.
 *
 *   node --expose-gc bench/measure/pipeline-ratio.mjs STEPS ROUNDS
 */
import { pipelineOptions, translator, yaml } from "../packages.mjs";
import { generatePipeline } from "../generate-pipeline.mjs";
import { median } from "./stats.mjs";

const steps = Number(process.argv[2] ?? "10000");
const rounds = Number(process.argv[3] ?? "3");
const gc = /** @type {() => void} */ (globalThis.gc);
if (typeof gc !== "function") throw new Error("run with --expose-gc");

const text = generatePipeline(steps);
const options = pipelineOptions(text);

function parseOnly() {
  const documents = yaml.parseAllDocuments(text, { uniqueKeys: true });
  const docs = Array.isArray(documents) ? documents : [documents];
  return docs.map((doc) => doc.toJS({ maxAliasCount: options.yamlLimits.maxAliasCount }));
}

function translate() {
  return translator.translatePipeline(text, options);
}

/**
 * Wall time and CPU time (user + system, all threads, so GC helper threads count) of one run.
 * @param {() => unknown} run
 */
function timed(run) {
  gc();
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  if (result === undefined) throw new Error("the run returned nothing");
  // The result is dropped here, so one run's output is garbage before the next run starts.
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

// One untimed run of each, so both are compiled by the JIT before timing starts.
const translated = translate().steps.length;
if (translated !== steps) throw new Error(`translated ${translated} steps, expected ${steps}`);
parseOnly();

/** @type {{ms: number, cpuMs: number}[]} */
const parses = [];
/** @type {{ms: number, cpuMs: number}[]} */
const translations = [];
for (let round = 0; round < rounds; round++) {
  if (round % 2 === 0) {
    parses.push(timed(parseOnly));
    translations.push(timed(translate));
  } else {
    translations.push(timed(translate));
    parses.push(timed(parseOnly));
  }
}
const parseMs = parses.map((run) => run.ms);
const translateMs = translations.map((run) => run.ms);
const parseCpuMs = parses.map((run) => run.cpuMs);
const translateCpuMs = translations.map((run) => run.cpuMs);

process.stdout.write(
  `${JSON.stringify({
    steps,
    rounds,
    yamlBytes: Buffer.byteLength(text),
    parseMs,
    translateMs,
    parseCpuMs,
    translateCpuMs,
    parseMedianMs: median(parseMs),
    translateMedianMs: median(translateMs),
    parseMedianCpuMs: median(parseCpuMs),
    translateMedianCpuMs: median(translateCpuMs),
    // Other processes only ever add time, so the fastest of the rounds is the least disturbed
    // run of each: their ratio (in CPU time) is the result. The median of each round's ratio
    // (two runs next to each other in time) is kept beside it.
    bestWallRatio: Math.min(...translateMs) / Math.min(...parseMs),
    bestCpuRatio: Math.min(...translateCpuMs) / Math.min(...parseCpuMs),
    medianWallRatio: median(translateMs.map((ms, round) => ms / (parseMs[round] ?? NaN))),
    medianCpuRatio: median(translateCpuMs.map((ms, round) => ms / (parseCpuMs[round] ?? NaN))),
  })}\n`,
);
