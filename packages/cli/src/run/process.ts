import { spawn } from "node:child_process";
import { systemErrorReason } from "../system-error.js";
import { setLongTimeout } from "./long-timeout.js";

export interface ProcessOptions {
  /** Program and arguments: never a shell string. */
  argv: readonly string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Stop the process after this long (any length: see setLongTimeout). */
  timeoutMs?: number;
  /** How long a process being stopped gets between SIGTERM and SIGKILL. */
  killGraceMs?: number;
  /** Stop the process when this aborts (the run was asked to stop). */
  stop?: AbortSignal;
  onStdout: (chunk: string) => void;
  onStderr: (chunk: string) => void;
}

export type ProcessOutcome =
  | { kind: "exited"; code: number }
  | { kind: "signalled"; signal: NodeJS.Signals }
  | { kind: "timed-out" }
  | { kind: "stopped" }
  | { kind: "not-found" }
  /** The program is there but could not be started (not executable: EACCES, ...). */
  | { kind: "cannot-start"; reason: string };

/**
 * Run one program to its end, streaming its output. Never rejects for the program's sake:
 * every ending is an outcome.
 *
 * The program leads a process group of its own (`detached`), and stopping it (timeout, `stop`,
 * this process exiting) signals the whole group: whatever Buildah started goes with it. The
 * price: a terminal's Ctrl-C reaches only buildpush, which passes it on as SIGTERM.
 */
export function runProcess(options: ProcessOptions): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    const [program, ...args] = options.argv;
    if (program === undefined) {
      reject(new TypeError("runProcess needs a program"));
      return;
    }
    if (options.stop?.aborted) {
      resolve({ kind: "stopped" });
      return;
    }
    const child = spawn(program, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    child.stdout.setEncoding("utf8").on("data", options.onStdout);
    child.stderr.setEncoding("utf8").on("data", options.onStderr);
    const signalGroup = (signal: NodeJS.Signals | 0): boolean => {
      if (child.pid === undefined) return false;
      try {
        process.kill(-child.pid, signal);
        return true;
      } catch (error) {
        // ESRCH: the group has gone. EPERM: a member we may not signal, so it is still there.
        return (error as NodeJS.ErrnoException).code === "EPERM";
      }
    };
    let ending: "timed-out" | "stopped" | undefined;
    let killer: NodeJS.Timeout | undefined;
    let killedAt: number | undefined;
    const end = (why: "timed-out" | "stopped"): void => {
      if (ending !== undefined) return;
      ending = why;
      signalGroup("SIGTERM");
      killer = setTimeout(() => {
        signalGroup("SIGKILL");
        killedAt = Date.now();
      }, options.killGraceMs ?? 5_000);
    };
    /**
     * Buildah's own end is not enough: what it started was signalled too and may still be
     * ending. Poll until the group is empty, so nothing outlives the step; a member still there
     * a second after SIGKILL is a zombie nobody reaps, which holds nothing.
     */
    const whenGroupGone = (then: () => void): void => {
      const check = (): void => {
        if (!signalGroup(0) || (killedAt !== undefined && Date.now() - killedAt > 1_000)) then();
        else setTimeout(check, 10);
      };
      check();
    };
    const cancelTimeout = options.timeoutMs === undefined ? undefined : setLongTimeout(() => end("timed-out"), options.timeoutMs);
    const onStop = (): void => end("stopped");
    options.stop?.addEventListener("abort", onStop, { once: true });
    // If this process exits first there is no time for a grace period: the builder must not outlive us.
    const killOnExit = (): void => {
      signalGroup("SIGKILL");
    };
    process.once("exit", killOnExit);
    const cleanUp = (): void => {
      process.off("exit", killOnExit);
      options.stop?.removeEventListener("abort", onStop);
      cancelTimeout?.();
      clearTimeout(killer);
    };
    const done = (outcome: ProcessOutcome): void => {
      cleanUp();
      resolve(outcome);
    };
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return done({ kind: "not-found" });
      // Only a failure to start is an outcome; anything else (a failed kill) is a bug to report.
      if (error.syscall?.startsWith("spawn")) return done({ kind: "cannot-start", reason: systemErrorReason(error) });
      cleanUp();
      reject(error);
    });
    // `close` (not `exit`) so every byte of output has been handed on, and every process that
    // held the output pipes open has ended, before we resolve.
    child.on("close", (code, signal) => {
      if (ending !== undefined) {
        const outcome = { kind: ending };
        whenGroupGone(() => done(outcome));
      } else if (signal) done({ kind: "signalled", signal });
      else done({ kind: "exited", code: code ?? 1 });
    });
  });
}
