/**
 * Pipelines for the engine tests: one or more stages, each with a build-and-push step, whose
 * stage spec (infrastructure, platform, runtime) and step settings are written by the test.
 * Lines are given at indent 0 and placed where they belong.
 */
export interface StageParts {
  identifier?: string;
  /** Lines of the stage's `spec:` before `execution:` (infrastructure, platform, runtime, sharedPaths). */
  spec?: string;
  /** The entries of `execution.steps`, at indent 0 (each starting `- step:` or `- stepGroup:`). */
  steps?: string;
}

export const kubernetesSpec = "infrastructure:\n  type: KubernetesDirect\n  spec:\n    connectorRef: account.k8s\n    namespace: builds";

/** A build-and-push step entry: `- step:` with a Docker Hub push of `acme/app`, and `extra` lines under the step. */
export function buildStep(identifier = "push", extra = "", tags = "[\"1.0\"]"): string {
  return `- step:
    type: BuildAndPushDockerRegistry
    name: Push ${identifier}
    identifier: ${identifier}
    spec:
      connectorRef: account.dockerhub
      repo: acme/app
      tags: ${tags}${extra ? `\n${indent(extra, 4)}` : ""}`;
}

export function stagePipeline(...stages: StageParts[]): string {
  const body = stages
    .map((stage, index) => {
      const identifier = stage.identifier ?? (stages.length === 1 ? "build" : `stage${index + 1}`);
      return `    - stage:
        identifier: ${identifier}
        name: ${identifier}
        type: CI
        spec:
${indent(stage.spec ?? kubernetesSpec, 10)}
          execution:
            steps:
${indent(stage.steps ?? buildStep(), 14)}`;
    })
    .join("\n");
  return `pipeline:\n  identifier: engine\n  name: engine\n  stages:\n${body}\n`;
}

export function indent(text: string, by: number): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : " ".repeat(by) + line))
    .join("\n");
}

/** The 1-based line of the first line of `yaml` containing `text`. */
export function lineOf(yaml: string, text: string, after = ""): number {
  const lines = yaml.split("\n");
  const start = after ? lines.findIndex((line) => line.includes(after)) : 0;
  const index = lines.findIndex((line, at) => at >= start && line.includes(text));
  if (index === -1) throw new Error(`no line holds ${JSON.stringify(text)}`);
  return index + 1;
}
