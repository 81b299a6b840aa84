// @ts-check
/**
 * Child process: bytes allocated per call of translateStep and of each validation entry point.
 * After a warm-up and a full GC, a batch of calls runs with V8's GC profiler on; bytes allocated
 * are the growth of the used heap plus what every GC during the batch reclaimed, so collections
 * in the middle of the batch do not hide allocations. Prints one JSON line.
 *
 *   node --expose-gc bench/measure/allocation.mjs CALLS
 */
import v8 from "node:v8";
import { preparedEntryPoints } from "./entry-points.mjs";
import { parsedSteps } from "../packages.mjs";

const calls = Number(process.argv[2] ?? "20000");
const gc = /** @type {() => void} */ (globalThis.gc);
if (typeof gc !== "function") throw new Error("run with --expose-gc");
const pool = parsedSteps(60);

/**
 * @param {(input: any) => unknown} run
 * @param {unknown[]} inputs
 */
function bytesPerCall(run, inputs) {
  let sink;
  for (let i = 0; i < 2000; i++) sink = run(inputs[i % inputs.length]);
  gc();
  gc();
  const profiler = new v8.GCProfiler();
  const before = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  for (let i = 0; i < calls; i++) sink = run(inputs[i % inputs.length]);
  const after = v8.getHeapStatistics().used_heap_size;
  const profile = profiler.stop();
  let reclaimed = 0;
  for (const event of profile?.statistics ?? []) reclaimed += event.beforeGC.heapStatistics.usedHeapSize - event.afterGC.heapStatistics.usedHeapSize;
  if (sink === undefined) throw new Error("nothing ran");
  return { bytesPerCall: (after - before + reclaimed) / calls, gcsDuringBatch: profile?.statistics.length ?? 0 };
}

const results = preparedEntryPoints(pool).map((entry) => ({ name: entry.name, calls, ...bytesPerCall(entry.run, entry.inputs) }));
process.stdout.write(`${JSON.stringify({ poolSize: pool.length, memoryUsage: process.memoryUsage(), tasks: results })}\n`);
