/** A one-stage pipeline whose single step is `stepYaml` (written at indent 0). */
export const stepFirstLine = 16;
export const stepIndent = 18;

export function pipelineWithStep(stepYaml: string, infrastructure = "type: KubernetesDirect\n            spec: {os: Linux}"): string {
  const body = stepYaml
    .trim()
    .split("\n")
    .map((line) => " ".repeat(stepIndent) + line)
    .join("\n");
  return `pipeline:
  identifier: p
  name: p
  stages:
    - stage:
        identifier: s
        name: s
        type: CI
        spec:
          infrastructure:
            ${infrastructure}
          execution:
            steps:
              - step:
${body}
`;
}

/**
 * A pipeline whose first stage (`build`) has `stageSpec` under its spec (YAML at indent 0, e.g.
 * its infrastructure), `stageKeys` beside spec (indent 0: variables...), and `steps`, the entries
 * of its execution steps as written at their place (indent 14, `- step:` ...); `more` follows
 * (further stages, at indent 4).
 */
export function pipelineWithStage(stageSpec: string, steps: string, options: { stageKeys?: string; more?: string } = {}): string {
  const indent = (text: string, by: number) => text.trim().split("\n").map((line) => " ".repeat(by) + line).join("\n");
  return `pipeline:
  identifier: p
  name: p
  stages:
    - stage:
        identifier: build
        name: build
        type: CI
${options.stageKeys ? `${indent(options.stageKeys, 8)}\n` : ""}        spec:
${indent(stageSpec, 10)}
          execution:
            steps:
${steps.replace(/\n+$/, "")}
${options.more ?? ""}`;
}

/** The parts of a one-stage, one-step Docker pipeline a test changes; every list is lines written at its place's indent. */
export interface DockerPipelineParts {
  /** Under `pipeline:`, before `stages:` (orgIdentifier, variables, ...). */
  pipeline?: readonly string[];
  stageIdentifier?: string;
  /** Under the stage, before its `spec:` (variables, ...). */
  stage?: readonly string[];
  /** Under the KubernetesDirect infrastructure's `spec:`, after `os: Linux`. */
  infrastructureSpec?: readonly string[];
  /** On the step, before its `spec:` (timeout, ...). */
  step?: readonly string[];
  connectorRef?: string;
  /** acme/app unless given (a registry other than Docker Hub needs its host here). */
  repo?: string;
  tags?: string;
  /** In the step's spec, after connectorRef, repo and tags. */
  spec?: readonly string[];
}

/**
 * `pipeline.identifier` p, one stage (`build` unless given) on KubernetesDirect, one
 * BuildAndPushDockerRegistry step `push` pushing acme/app with account.dockerhub. With no parts
 * the step's `spec:` is line 20; each line of `pipeline`, `stage`, `infrastructureSpec` and
 * `step` moves it one down.
 */
export function dockerPipeline(parts: DockerPipelineParts = {}): string {
  const at = (indent: number, lines: readonly string[] = []) => lines.map((line) => " ".repeat(indent) + line);
  return [
    "pipeline:",
    "  identifier: p",
    "  name: p",
    ...at(2, parts.pipeline),
    "  stages:",
    "    - stage:",
    `        identifier: ${parts.stageIdentifier ?? "build"}`,
    "        name: build",
    "        type: CI",
    ...at(8, parts.stage),
    "        spec:",
    "          infrastructure:",
    "            type: KubernetesDirect",
    "            spec:",
    "              os: Linux",
    ...at(14, parts.infrastructureSpec),
    "          execution:",
    "            steps:",
    "              - step:",
    "                  type: BuildAndPushDockerRegistry",
    "                  name: Push",
    "                  identifier: push",
    ...at(18, parts.step),
    "                  spec:",
    `                    connectorRef: ${parts.connectorRef ?? "account.dockerhub"}`,
    `                    repo: ${parts.repo ?? "acme/app"}`,
    `                    tags: ${parts.tags ?? "[latest]"}`,
    ...at(20, parts.spec),
    "",
  ].join("\n");
}
