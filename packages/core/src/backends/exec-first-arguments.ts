/**
 * The shell lines, shared by the fixed scripts that chain commands in one container (Buildah's,
 * docker's), that run the first `$count` positional parameters as one command: the list is
 * rotated once, keeping only those, so `"$@"` becomes the command. Values stay argv items the
 * shell never parses. For use inside a subshell, since it replaces the positional parameters.
 */
export const execFirstArgumentsLines: readonly string[] = [
  "total=$#",
  "i=0",
  'while [ "$i" -lt "$total" ]; do',
  "  arg=$1",
  "  shift",
  '  if [ "$i" -lt "$count" ]; then set -- "$@" "$arg"; fi',
  "  i=$((i + 1))",
  "done",
  'exec "$@"',
];

/** The lines, indented by `depth` levels of two spaces. */
export function indented(lines: readonly string[], depth: number): string[] {
  return lines.map((line) => `${"  ".repeat(depth)}${line}`);
}
