// Preloaded with `node -r` into the start-up runs: prints the process's CPU time (user + system,
// all threads) as it exits, so start-up can be compared by CPU time as well as by wall time.
"use strict";
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  require("node:fs").writeSync(2, `${JSON.stringify({ cpuMs: (user + system) / 1000 })}\n`);
});
