import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A build whose result shows in the image config: a label from a build arg, and a label per
 * stage, with the stage the target names not the last one (so building the wrong stage shows).
 */
export const dockerfile = `FROM scratch AS base
ARG APP_VERSION=unset
LABEL org.example.version=$APP_VERSION
COPY hello.txt /hello.txt

FROM base AS release
LABEL org.example.stage=release

FROM base AS debug
LABEL org.example.stage=debug
`;

/** A working directory: the Dockerfile under docker/, the context under app/ (both relative to it). */
export function makeWorkspace(dir: string): void {
  mkdirSync(join(dir, "docker"), { recursive: true });
  mkdirSync(join(dir, "app"), { recursive: true });
  writeFileSync(join(dir, "docker", "Dockerfile"), dockerfile);
  writeFileSync(join(dir, "app", "hello.txt"), "hello from buildpush\n");
}

/**
 * Spec lines (indented for pipelineYaml's spec map) that build makeWorkspace's `release` stage
 * with the build arg its Dockerfile reads (APP_VERSION 2.5.0) and two labels, the second with
 * the value `team`.
 */
export function releaseBuildSpec(team: string): string {
  return [
    "                    dockerfile: docker/Dockerfile",
    "                    context: app",
    "                    target: release",
    "                    buildArgs:",
    '                      APP_VERSION: "2.5.0"',
    "                    labels:",
    "                      org.opencontainers.image.source: https://example.com/acme/web",
    `                      org.example.team: ${JSON.stringify(team)}`,
  ].join("\n");
}

/** Buildah's storage for the tests, apart from the machine's (CONTAINERS_STORAGE_CONF points here). */
export function storageConf(dir: string): string {
  const file = join(dir, "storage.conf");
  writeFileSync(file, `[storage]\ndriver = "vfs"\ngraphroot = "${join(dir, "storage")}"\nrunroot = "${join(dir, "run")}"\n`);
  return file;
}

export interface StepYaml {
  identifier: string;
  repo: string;
  tags: string[];
  connector: string;
  timeout?: string;
  /** Extra spec lines, already indented for the spec map. */
  spec?: string;
}

/** A Kubernetes stage, where Buildah and kaniko run. */
export const kubernetesInfrastructure = "{type: KubernetesDirect, spec: {}}";
/** A self-hosted VM pool, whose Docker daemon docker mode builds with. */
export const vmInfrastructure = "{type: VM, spec: {type: Pool, spec: {poolName: linux-amd64}}}";

export function pipelineYaml(steps: StepYaml[], stageVariables: Record<string, string> = {}, infrastructure = kubernetesInfrastructure): string {
  const variables = Object.entries(stageVariables);
  const stepLines = steps.map(
    (step) => `              - step:
                  type: BuildAndPushDockerRegistry
                  name: Push ${step.identifier}
                  identifier: ${step.identifier}${step.timeout ? `\n                  timeout: ${step.timeout}` : ""}
                  spec:
                    connectorRef: ${step.connector}
                    repo: ${step.repo}
                    tags: [${step.tags.map((tag) => JSON.stringify(tag)).join(", ")}]${step.spec ? `\n${step.spec}` : ""}`,
  );
  return `pipeline:
  identifier: e2e
  stages:
    - stage:
        identifier: build
        type: CI
${variables.length > 0 ? `        variables:\n${variables.map(([name, value]) => `          - {name: ${name}, type: String, value: ${JSON.stringify(value)}}`).join("\n")}\n` : ""}        spec:
          infrastructure: ${infrastructure}
          execution:
            steps:
${stepLines.join("\n")}
`;
}

export function connectorYaml(identifier: string, url: string, login?: { username: string; passwordRef: string }): string {
  const auth = login
    ? `      type: UsernamePassword\n      spec:\n        username: ${login.username}\n        passwordRef: ${login.passwordRef}`
    : "      type: Anonymous";
  return `connector:\n  identifier: ${identifier}\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: ${url}\n    auth:\n${auth}\n`;
}
