// @ts-check
/**
 * `pnpm bench`: every measurement of issue 7, each in its own child process so one does not
 * leave garbage, JIT state or a grown heap for the next. Prints a table with each target's
 * PASS or MISS and writes bench/results.json. Speed targets live here, never in timed tests.
 *
 *   node bench/run.mjs [--steps 10000] [--rounds 7] [--quick] [--strict] [--out bench/results.json]
 *
 * --quick is a smoke run (1,000 steps, short timings); --strict exits 1 when a target is missed.
 *
 * The two time ratios compare the fastest run of each side in CPU time (user + system, every
 * thread, so GC threads count): other processes on a shared machine only ever add time, and on
 * the 2-core machine of docs/performance.md they moved identical runs by ±30%, more than the
 * 25% and 50% being measured. Wall time and medians are printed beside it and every run is kept
 * in results.json. See docs/performance.md.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { median } from "./measure/stats.mjs";

const { values: args } = parseArgs({
  options: {
    steps: { type: "string" },
    rounds: { type: "string" },
    quick: { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
    out: { type: "string", default: fileURLToPath(new URL("./results.json", import.meta.url)) },
  },
});
const quick = args.quick === true;
const steps = Number(args.steps ?? (quick ? "1000" : "10000"));
const rounds = Number(args.rounds ?? (quick ? "2" : "7"));
const startupRuns = quick ? 8 : 30;
const throughputMs = quick ? 500 : 3000;
const allocationCalls = quick ? 2000 : 20000;
const memorySizes = [Math.round(steps / 10), Math.round(steps / 2), steps];

/** Targets from the issue. */
const maxTranslationRatio = 1.25;
const maxStartupRatio = 1.5;
/** Peak RSS at the largest size may exceed the straight line through the two smaller sizes by this much. */
const maxMemoryDeviation = 0.25;

const measureDir = new URL("./measure/", import.meta.url);

/**
 * Run one measurement script in a fresh node and return the JSON line it printed.
 * @param {string} script
 * @param {string[]} scriptArgs
 * @param {string[]} [nodeFlags]
 */
function measure(script, scriptArgs, nodeFlags = []) {
  const child = spawnSync(process.execPath, [...nodeFlags, fileURLToPath(new URL(script, measureDir)), ...scriptArgs], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`${script} failed (exit ${child.status}):\n${child.stderr}`);
  const last = child.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(last);
}

/** @param {string} label */
function progress(label) {
  process.stderr.write(`bench: ${label}\n`);
}

/**
 * Start-up of each command, alternating the commands run by run so all see the same machine:
 * wall time of a plain run, and CPU time (user + system) of a run with report-cpu.cjs preloaded.
 * @param {Record<string, string[]>} commands
 * @param {number} runs
 */
function startupTimes(commands, runs) {
  const reportCpu = fileURLToPath(new URL("report-cpu.cjs", measureDir));
  /** @type {Record<string, {wallMs: number[], cpuMs: number[]}>} */
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, { wallMs: [], cpuMs: [] }]));
  for (let run = -3; run < runs; run++) {
    for (const [name, argv] of Object.entries(commands)) {
      const start = process.hrtime.bigint();
      const plain = spawnSync(process.execPath, argv, { stdio: "ignore" });
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const withCpu = spawnSync(process.execPath, ["-r", reportCpu, ...argv], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
      if (plain.status !== 0 || withCpu.status !== 0) throw new Error(`${name} exited with ${plain.status ?? withCpu.status}: ${withCpu.stderr}`);
      if (run < 0) continue; // the first three runs only warm the file cache
      times[name]?.wallMs.push(wallMs);
      times[name]?.cpuMs.push(JSON.parse(withCpu.stderr.trim().split("\n").at(-1) ?? "{}").cpuMs);
    }
  }
  return times;
}

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? "unknown",
    cpus: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg(),
  };
}

/** The commit measured, and whether the packages' sources differed from it (results are then for those edits). */
function revision() {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" });
  const dirty = spawnSync("git", ["status", "--porcelain", "--", "packages"], { cwd: root, encoding: "utf8" });
  if (head.status !== 0) return { commit: null, packagesModified: null };
  return { commit: head.stdout.trim(), packagesModified: dirty.status === 0 ? dirty.stdout.trim() !== "" : null };
}

const startedAt = new Date();
const machineInfo = machine();

progress(`translation of ${steps} steps vs parsing alone (${rounds} rounds)`);
const pipeline = measure("pipeline-ratio.mjs", [String(steps), String(rounds)], ["--expose-gc"]);

progress("translateStep and validation throughput");
const throughput = measure("step-throughput.mjs", [String(throughputMs)]);
progress("bytes allocated per call");
const allocation = measure("allocation.mjs", [String(allocationCalls)], ["--expose-gc"]);
/** @type {Map<string, {bytesPerCall: number}>} */
const allocationByName = new Map(allocation.tasks.map((/** @type {any} */ task) => [task.name, task]));
const perCall = throughput.tasks.map((/** @type {any} */ task) => ({
  name: task.name,
  // Calls per second over the whole run (GC pauses included), i.e. 1 / mean latency.
  opsPerSecond: 1e6 / task.meanMicroseconds,
  meanMicroseconds: task.meanMicroseconds,
  p99Microseconds: task.p99Microseconds,
  rmePercent: task.rmePercent,
  bytesPerCall: allocationByName.get(task.name)?.bytesPerCall ?? null,
}));

progress(`start-up (${startupRuns} runs each)`);
const startupRunTimes = startupTimes({ bare: ["-e", ""], importAndTranslate: [fileURLToPath(new URL("startup-probe.mjs", measureDir))] }, startupRuns);
const bare = startupRunTimes["bare"] ?? { wallMs: [], cpuMs: [] };
const probe = startupRunTimes["importAndTranslate"] ?? { wallMs: [], cpuMs: [] };
const startup = {
  runs: startupRuns,
  bare,
  importAndTranslate: probe,
  bareMedianMs: median(bare.wallMs),
  importAndTranslateMedianMs: median(probe.wallMs),
  bareMedianCpuMs: median(bare.cpuMs),
  importAndTranslateMedianCpuMs: median(probe.cpuMs),
  bestWallRatio: Math.min(...probe.wallMs) / Math.min(...bare.wallMs),
  bestCpuRatio: Math.min(...probe.cpuMs) / Math.min(...bare.cpuMs),
  medianWallRatio: median(probe.wallMs) / median(bare.wallMs),
  medianCpuRatio: median(probe.cpuMs) / median(bare.cpuMs),
};

progress(`peak RSS at ${memorySizes.join(", ")} steps`);
const memoryRuns = memorySizes.map((size) => measure("peak-rss.mjs", [String(size)]));
const parseOnlyMemory = measure("peak-rss.mjs", [String(steps), "parse"]);
const [small, middle, large] = memoryRuns;
const marginalLow = (middle.peakRssBytes - small.peakRssBytes) / (middle.steps - small.steps);
const marginalHigh = (large.peakRssBytes - middle.peakRssBytes) / (large.steps - middle.steps);
const predictedLarge = small.peakRssBytes + marginalLow * (large.steps - small.steps);
const memory = {
  runs: memoryRuns,
  parseOnly: parseOnlyMemory,
  bytesPerStepLow: marginalLow,
  bytesPerStepHigh: marginalHigh,
  predictedPeakRssBytes: predictedLarge,
  deviationFromLinear: large.peakRssBytes / predictedLarge - 1,
};

progress("schema compilation at import");
const importCompiles = measure("import-compiles.mjs", []);

const targets = [
  {
    name: `translation adds at most 25% to YAML parsing (${steps} steps; CPU, best of ${rounds})`,
    value: `${pipeline.bestCpuRatio.toFixed(3)}x (${fmtMs(Math.min(...pipeline.translateCpuMs))} vs ${fmtMs(Math.min(...pipeline.parseCpuMs))}); wall ${pipeline.bestWallRatio.toFixed(3)}x; median of rounds ${pipeline.medianCpuRatio.toFixed(3)}x`,
    target: `<= ${maxTranslationRatio}x`,
    pass: pipeline.bestCpuRatio <= maxTranslationRatio,
  },
  {
    name: `import core + a step package + translate one step vs bare node (CPU, best of ${startupRuns})`,
    value: `${startup.bestCpuRatio.toFixed(3)}x (${fmtMs(Math.min(...probe.cpuMs))} vs ${fmtMs(Math.min(...bare.cpuMs))}); wall ${startup.bestWallRatio.toFixed(3)}x; medians ${startup.medianCpuRatio.toFixed(3)}x`,
    target: `<= ${maxStartupRatio}x`,
    pass: startup.bestCpuRatio <= maxStartupRatio,
  },
  {
    name: "no schema compiled at import",
    value: `${importCompiles.functionConstructorCalls.length} Function() calls, ${importCompiles.ajvCompilerModules.length} Ajv compiler modules loaded`,
    target: "0 and 0",
    pass: importCompiles.functionConstructorCalls.length === 0 && importCompiles.ajvCompilerModules.length === 0,
  },
  {
    name: `memory grows linearly (peak RSS at ${memorySizes.join("/")} steps)`,
    value: `${memoryRuns.map((run) => fmtBytes(run.peakRssBytes)).join(" / ")}; ${fmtPercent(memory.deviationFromLinear)} off the line`,
    target: `<= +${Math.round(maxMemoryDeviation * 100)}%`,
    pass: memory.deviationFromLinear <= maxMemoryDeviation,
  },
];

const results = {
  generatedAt: startedAt.toISOString(),
  ...revision(),
  machine: { ...machineInfo, loadAverageAtEnd: os.loadavg() },
  settings: { steps, rounds, startupRuns, throughputMs, allocationCalls, memorySizes, quick },
  pipeline,
  perCall,
  startup,
  memory,
  importCompiles,
  targets,
};
writeFileSync(args.out ?? "", `${JSON.stringify(results, null, 2)}\n`);

printTable(
  "Targets",
  ["target", "measured", "goal", ""],
  targets.map((t) => [t.name, t.value, t.target, t.pass ? "PASS" : "MISS"]),
);
printTable(
  "Per call (already-parsed steps)",
  ["operation", "ops/s", "mean", "p99", "bytes allocated"],
  perCall.map((/** @type {any} */ c) => [c.name, Math.round(c.opsPerSecond).toLocaleString("en-US"), `${c.meanMicroseconds.toFixed(1)} µs`, `${c.p99Microseconds.toFixed(1)} µs`, c.bytesPerCall === null ? "-" : fmtBytes(c.bytesPerCall)]),
);
printTable(
  "Pipeline and process",
  ["measurement", "value"],
  [
    [`YAML text of ${steps} steps`, fmtBytes(pipeline.yamlBytes)],
    ["parse alone (median wall / CPU)", `${fmtMs(pipeline.parseMedianMs)} / ${fmtMs(pipeline.parseMedianCpuMs)}`],
    ["translatePipeline (median wall / CPU)", `${fmtMs(pipeline.translateMedianMs)} / ${fmtMs(pipeline.translateMedianCpuMs)}`],
    ["translation per step, parse included (CPU)", `${((pipeline.translateMedianCpuMs * 1000) / steps).toFixed(1)} µs`],
    ["translation per step, beyond parsing (CPU)", `${(((pipeline.translateMedianCpuMs - pipeline.parseMedianCpuMs) * 1000) / steps).toFixed(1)} µs`],
    ...memoryRuns.map((run) => [`peak RSS, translate ${run.steps} steps`, fmtBytes(run.peakRssBytes)]),
    [`peak RSS, parse ${steps} steps alone`, fmtBytes(parseOnlyMemory.peakRssBytes)],
    ["RSS growth per step (low / high half)", `${fmtBytes(marginalLow)} / ${fmtBytes(marginalHigh)}`],
    ["bare `node -e \"\"` (median wall / CPU)", `${fmtMs(startup.bareMedianMs)} / ${fmtMs(startup.bareMedianCpuMs)}`],
    ["import + translate one step (median wall / CPU)", `${fmtMs(startup.importAndTranslateMedianMs)} / ${fmtMs(startup.importAndTranslateMedianCpuMs)}`],
    ["start-up ratio of medians (wall / CPU)", `${startup.medianWallRatio.toFixed(3)}x / ${startup.medianCpuRatio.toFixed(3)}x`],
  ],
);
process.stdout.write(`\n${machineInfo.cpuModel}, ${machineInfo.cpus} CPUs, ${fmtBytes(machineInfo.memoryBytes)}, node ${machineInfo.node}; results in ${args.out}\n`);
if (args.strict && targets.some((t) => !t.pass)) process.exitCode = 1;

/** @param {number} ms */
function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** @param {number} bytes */
function fmtBytes(bytes) {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** @param {number} fraction */
function fmtPercent(fraction) {
  return `${fraction >= 0 ? "+" : ""}${(fraction * 100).toFixed(1)}%`;
}

/**
 * @param {string} title
 * @param {string[]} header
 * @param {string[][]} rows
 */
function printTable(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (/** @type {string[]} */ cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  process.stdout.write(`\n${title}\n${line(header)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|\n${rows.map(line).join("\n")}\n`);
}
