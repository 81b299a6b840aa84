import type { StepExplanation } from "./explanation.js";

/** One step of `buildpush explain --format text`: one argument or command per line, JSON-quoted, so nothing is ambiguous. */
export function renderExplanation(step: StepExplanation): string {
  const where = step.position ? `  (${step.position.file}:${step.position.line}:${step.position.column})` : "";
  const lines = [`${step.stage}/${step.identifier}: ${step.type}${where}`, `  image: ${step.image}`, "  environment:"];
  for (const [name, value] of Object.entries(step.env)) lines.push(`    ${name}=${value}`);
  for (const [name, { ref }] of Object.entries(step.secretEnv)) lines.push(`    ${name}=<secret ${ref}>`);
  if (step.plugin === "kaniko") lines.push(...kanikoLines(step));
  else if (step.plugin === "drone-docker") lines.push(...droneDockerLines(step));
  else lines.push("  on the buildx path (caching, cacheFrom or cacheTo on VM infrastructure) Harness runs the buildx plugin, which runs docker buildx itself; buildpush does not emulate it, see --mode docker for buildpush's own docker buildx command lines");
  if (step.bugs.length > 0) {
    lines.push("  plugin bugs this step triggers:");
    for (const bug of step.bugs) lines.push(`    ! ${bug.id}${bug.variable ? ` (${bug.variable})` : ""}: ${bug.description}`);
  } else if (step.plugin === "drone-docker" || step.argv) lines.push("  plugin bugs this step triggers: none");
  return `${lines.join("\n")}\n`;
}

function kanikoLines(step: StepExplanation): string[] {
  if (step.failure) return [`  the plugin would fail before building: ${step.failure}`];
  return ["  the plugin runs /kaniko/executor with (one argument per line):", ...(step.argv ?? []).map((argument) => `    ${JSON.stringify(argument)}`)];
}

function droneDockerLines(step: StepExplanation): string[] {
  const lines = [step.daemon ? `  the plugin starts its own daemon: ${JSON.stringify(step.daemon)}` : "  the plugin uses the VM's Docker daemon (PLUGIN_DAEMON_OFF=true)"];
  const commands = step.commands ?? [];
  if (commands.length === 0) lines.push("  the plugin runs no docker command");
  else {
    lines.push("  the plugin runs these docker commands, in order (one command per line, as JSON):");
    commands.forEach((command, index) => {
      const buildkit = step.buildkitFrom !== null && step.buildkitFrom !== undefined && index >= step.buildkitFrom ? "  # with DOCKER_BUILDKIT=1" : "";
      lines.push(`    ${JSON.stringify(command)}${buildkit}`);
    });
  }
  if (step.failure) lines.push(`  the plugin stops there and exits 1: ${step.failure}`);
  return lines;
}
