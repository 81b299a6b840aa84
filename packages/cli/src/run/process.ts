import { spawn } from "node:child_process";

export interface ProcessOptions {
  /** Program and arguments: never a shell string. */
  argv: readonly string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Stop the process after this long (SIGTERM, then SIGKILL after `killGraceMs`). */
  timeoutMs?: number;
  killGraceMs?: number;
  onStdout: (chunk: string) => void;
  onStderr: (chunk: string) => void;
}

export type ProcessOutcome =
  | { kind: "exited"; code: number }
  | { kind: "signalled"; signal: NodeJS.Signals }
  | { kind: "timed-out" }
  | { kind: "not-found" };

/** Run one program to its end, streaming its output. Never rejects: every ending is an outcome. */
export function runProcess(options: ProcessOptions): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    const [program, ...args] = options.argv;
    if (program === undefined) {
      reject(new TypeError("runProcess needs a program"));
      return;
    }
    const child = spawn(program, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.setEncoding("utf8").on("data", options.onStdout);
    child.stderr.setEncoding("utf8").on("data", options.onStderr);
    let timedOut = false;
    let killer: NodeJS.Timeout | undefined;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill("SIGTERM");
            killer = setTimeout(() => child.kill("SIGKILL"), options.killGraceMs ?? 5_000);
          }, options.timeoutMs);
    // A builder must not outlive us: if we are made to exit, stop it too.
    const stopChild = (): void => void child.kill("SIGTERM");
    process.once("exit", stopChild);
    const done = (outcome: ProcessOutcome): void => {
      process.off("exit", stopChild);
      clearTimeout(timer);
      clearTimeout(killer);
      resolve(outcome);
    };
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") done({ kind: "not-found" });
      else reject(error);
    });
    // `close` (not `exit`) so every byte of output has been handed on before we resolve.
    child.on("close", (code, signal) => {
      if (timedOut) done({ kind: "timed-out" });
      else if (signal) done({ kind: "signalled", signal });
      else done({ kind: "exited", code: code ?? 1 });
    });
  });
}
