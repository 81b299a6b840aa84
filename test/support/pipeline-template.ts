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
