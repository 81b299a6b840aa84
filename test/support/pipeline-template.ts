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
