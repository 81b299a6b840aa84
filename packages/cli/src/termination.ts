import { constants } from "node:os";
// The package root, not `signal-exit/signals`: the import rules (dependency-cruiser) resolve
// packages by their main file, not by subpath exports. Importing it installs nothing.
import { signals } from "signal-exit";
import { exitCodes } from "./io.js";
import { systemErrorReason } from "./system-error.js";

/**
 * The signals that end a process unless it handles them, on this platform: signal-exit's list
 * (SIGHUP, SIGINT, SIGTERM, SIGQUIT, SIGUSR2, SIGALRM, … ; not SIGKILL and SIGSTOP, which cannot
 * be handled, nor SIGUSR1, which starts Node's debugger), one name per signal: SIGIOT is SIGABRT
 * and SIGPOLL is SIGIO on Linux, and listening under both names would take one signal for two.
 */
export const terminatingSignals: readonly NodeJS.Signals[] = signals.filter(
  (signal, index) => constants.signals[signal] !== undefined && signals.findIndex((other) => constants.signals[other] === constants.signals[signal]) === index,
);

/** Why the CLI has to end before its work is done. */
export type Termination =
  /** One of the signals that end a process by default (signal-exit's list for this platform). */
  | { kind: "signal"; signal: NodeJS.Signals }
  /** The reader of stdout or stderr went away (EPIPE): `buildpush translate … | head -c 10`. */
  | { kind: "output-closed" }
  /** Output could not be written for another reason: a full disk (ENOSPC), an I/O error. */
  | { kind: "output-failed"; stream: "stdout" | "stderr"; reason: string };

export function terminationStatus(termination: Termination): number {
  switch (termination.kind) {
    case "signal":
      return 128 + constants.signals[termination.signal];
    case "output-closed":
      // What the shell reports for any program a closed pipe stops (`yes | head` gives 141), so
      // `set -o pipefail` sees the same as for cat or grep. Node ignores SIGPIPE and gets EPIPE
      // instead, so the status is given, not earned by dying of the signal.
      return 128 + constants.signals.SIGPIPE;
    case "output-failed":
      // Like problems: the result did not arrive.
      return exitCodes.problems;
  }
}

/** The line a termination prints on stderr: none for a closed pipe (it ends quietly), or when stderr itself failed. */
export function terminationMessage(termination: Termination): string | undefined {
  if (termination.kind === "signal") return `buildpush: stopped by ${termination.signal}\n`;
  if (termination.kind === "output-failed" && termination.stream === "stdout") return `buildpush: cannot write the output: ${termination.reason}\n`;
  return undefined;
}

interface Stopper {
  stop: (termination: Termination) => void;
  received?: Termination;
}

let stopper: Stopper | undefined;

/**
 * A termination: a command that holds files or processes (`run`, inside `whileStoppable`) is
 * told, to stop them and return; without one, the process ends now with the termination's
 * status. A second signal while a command stops ends the process at once (its exit handlers
 * still remove files and kill the builder).
 */
export function terminate(termination: Termination): void {
  if (stopper === undefined) return endNow(termination);
  if (stopper.received !== undefined) {
    if (termination.kind === "signal") endNow(termination);
    return;
  }
  stopper.received = termination;
  stopper.stop(termination);
}

function endNow(termination: Termination): never {
  const message = terminationMessage(termination);
  try {
    if (message !== undefined) process.stderr.write(message);
  } catch {
    // Nowhere left to say it.
  }
  process.exit(terminationStatus(termination));
}

/**
 * While the returned function has not been called, every terminating signal (and a failed
 * output, see watchProcessOutput) calls `stop` once instead of ending the process.
 */
export function whileStoppable(stop: (termination: Termination) => void): () => void {
  const current: Stopper = { stop };
  stopper = current;
  const listeners = new Map<NodeJS.Signals, () => void>();
  for (const signal of terminatingSignals) {
    const listener = (): void => terminate({ kind: "signal", signal });
    try {
      process.on(signal, listener);
      listeners.set(signal, listener);
    } catch {
      // A signal this platform does not have (signal-exit's list covers several).
    }
  }
  return () => {
    for (const [signal, listener] of listeners) process.off(signal, listener);
    if (stopper === current) stopper = undefined;
  };
}

/**
 * Turn errors writing the process's stdout and stderr into terminations, instead of an
 * uncaught 'error' event with a stack trace. For the bin only: a library user's streams are its own.
 */
export function watchProcessOutput(): void {
  for (const [name, stream] of [["stdout", process.stdout], ["stderr", process.stderr]] as const) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ERR_STREAM_DESTROYED") return; // a write after the first failure: already handled
      terminate(error.code === "EPIPE" ? { kind: "output-closed" } : { kind: "output-failed", stream: name, reason: systemErrorReason(error) });
    });
  }
}
