// Preloaded with `node -r` into the process runs (start-up, the CLI on a pipeline): prints the
// process's CPU time (user + system, all threads) and its peak resident set size as it exits,
// so runs can be compared by CPU time as well as by wall time.
"use strict";
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  require("node:fs").writeSync(2, `${JSON.stringify({ cpuMs: (user + system) / 1000, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
});
