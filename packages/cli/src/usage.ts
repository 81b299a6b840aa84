export const usage = `Usage: buildpush <command> [options]

Commands:
  translate PIPELINE.yaml [--infra kubernetes|vm] [--connectors FILE]... [--image NAME=REF]... [--format json|yaml]
      Print the container of every build-and-push step.
  validate PIPELINE.yaml [--infra kubernetes|vm] [--connectors FILE]...
      Print every problem as FILE:LINE:COL: message.

Exit status: 0 success, 1 the input has problems, 2 wrong usage.
`;
