// @ts-check
/**
 * Child process: operations per second of translating one already-parsed step, and of
 * validation alone (see entry-points.mjs), with tinybench. Each call takes the next step of a
 * pool of generated steps (all five types, Kubernetes and VM), so no one shape is favoured.
 * Prints one JSON line.
 *
 *   node bench/measure/step-throughput.mjs TIME_MS
 */
import { Bench } from "tinybench";
import { preparedEntryPoints } from "./entry-points.mjs";
import { parsedSteps } from "../packages.mjs";

const timeMs = Number(process.argv[2] ?? "2000");
const pool = parsedSteps(60);
/** @type {unknown} */
let sink;

const bench = new Bench({ time: timeMs, warmupTime: Math.min(1000, timeMs / 2), throws: true });
for (const entry of preparedEntryPoints(pool)) {
  const { inputs, run } = entry;
  let next = 0;
  bench.add(entry.name, () => {
    sink = run(inputs[next++ % inputs.length]);
  });
}
await bench.run();
if (sink === undefined) throw new Error("nothing ran");

process.stdout.write(
  `${JSON.stringify({
    poolSize: pool.length,
    inputs: Object.fromEntries(preparedEntryPoints(pool).map((entry) => [entry.name, entry.inputs.length])),
    tasks: bench.tasks.map((task) => {
      const result = /** @type {any} */ (task.result);
      return {
        name: task.name,
        opsPerSecond: result.throughput.mean,
        meanMicroseconds: result.latency.mean * 1000,
        p99Microseconds: result.latency.p99 * 1000,
        rmePercent: result.latency.rme,
        samples: result.latency.samples?.length ?? result.latency.samplesCount,
      };
    }),
  })}\n`,
);
