import { execFirstArgumentsLines, indented } from "../exec-first-arguments.js";

/**
 * A docker-mode step is a login per registry, a builder, one `docker buildx build` and the
 * builder's removal, in one container that runs one program. This fixed script chains them;
 * every value (tags, build args, labels, paths) arrives as its own argv item and is never parsed
 * by the shell, so nothing needs quoting.
 */

/** One entry of the chain. */
export type ChainEntry =
  /** A command, run when the ones before it succeeded. */
  | { kind: "run"; argv: string[] }
  /**
   * `docker login --username U --password-stdin REGISTRY`, the username and password read from
   * the container's environment: the password goes to docker on stdin, never on a command line
   * another process on the VM could read.
   */
  | { kind: "login"; registry: string; usernameVariable: string; passwordVariable: string }
  /** A command run once the others have ended, whether or not they succeeded (cleaning up). */
  | { kind: "finally"; argv: string[] };

/**
 * Takes the entries as `run COUNT ARG...`, `login REGISTRY USERNAME_VARIABLE PASSWORD_VARIABLE`
 * and `finally COUNT ARG...`. The first entry that fails ends the run with its status, after the
 * `finally` entries.
 */
export const dockerChainScript = [
  "set -u",
  "entries() {",
  "  phase=$1",
  "  shift",
  '  while [ "$#" -gt 0 ]; do',
  '    case "$1" in',
  "      login)",
  '        if [ "$phase" = main ]; then',
  '          printenv "$4" | docker login --username "$(printenv "$3")" --password-stdin "$2" || return',
  "        fi",
  "        shift 4",
  "        ;;",
  "      run | finally)",
  '        kind=$1 count=$2',
  "        shift 2",
  '        case "$phase:$kind" in',
  "          main:run | finally:finally)",
  "            (",
  ...indented(execFirstArgumentsLines, 7),
  "            ) || return",
  "            ;;",
  "        esac",
  '        shift "$count"',
  "        ;;",
  "      *)",
  '        if [ "$phase" = main ]; then echo "$0: unknown entry $1" >&2; fi',
  "        return 2",
  "        ;;",
  "    esac",
  "  done",
  "}",
  "status=0",
  'entries main "$@" || status=$?',
  'entries finally "$@" || :',
  'exit "$status"',
].join("\n");

/** The name the chain script reports itself as (`$0`) in shell messages. */
export const dockerChainName = "buildpush-docker";

/** The arguments `dockerChainScript` takes for the entries. */
export function dockerChainArguments(entries: readonly ChainEntry[]): string[] {
  return entries.flatMap((entry) => (entry.kind === "login" ? ["login", entry.registry, entry.usernameVariable, entry.passwordVariable] : [entry.kind, String(entry.argv.length), ...entry.argv]));
}
