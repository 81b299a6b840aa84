// Every bundled example, on both infrastructures and with every builder, rendered as Pods,
// Jobs and docker argv: each Kubernetes object passes the schema and the extra rules, and each
// rendering carries every variable, secret and file of its container.
import { BuildpushError, toDockerRun, toKubernetesJobs, toKubernetesPods, type ContainerSpec, type Infrastructure, type KubernetesContainer, type TranslatedStage, type TranslatedStep } from "@buildpush/core";
import { backendModes } from "./support/internals.js";
import { translatePipeline } from "./support/translator.js";
import { describe, expect, test } from "vitest";
import { exampleConnectors, readRepoFile } from "./support/fixtures.js";
import { containerSpecProblems, kubernetesProblems } from "./support/kubernetes-validation.js";

const examples = ["examples/pipeline.yaml", "examples/docker.yaml", "examples/ecr.yaml", "examples/acr.yaml", "examples/gcr.yaml", "examples/gar.yaml", "examples/all-registries.yaml"];
const infrastructures: (Infrastructure | undefined)[] = [undefined, "kubernetes", "vm"];

interface Case {
  name: string;
  mode: string;
  steps: TranslatedStep[];
  /** The stages with their infrastructure, which every rendering applies. */
  stages: TranslatedStage[];
}

const cases: Case[] = [];
const refused: string[] = [];
for (const file of examples) {
  for (const infrastructure of infrastructures) {
    for (const mode of backendModes) {
      const name = `${file.replace("examples/", "")} ${infrastructure ?? "as-written"} ${mode}`;
      try {
        const { steps, stages } = translatePipeline(readRepoFile(file), { file, connectors: exampleConnectors, mode, ...(infrastructure ? { infrastructure } : {}) });
        cases.push({ name, mode, steps, stages });
      } catch (error) {
        if (!(error instanceof BuildpushError)) throw error;
        refused.push(name);
      }
    }
  }
}

/**
 * A container whose runAsUser is 0 under runAsNonRoot never starts (the kubelet refuses it), so
 * the renderings refuse such a spec instead of emitting it. Translation avoids making one; this
 * keeps the examples' check about the renderings should a translation ever make one again.
 */
const neverStarts = (spec: ContainerSpec): boolean => spec.securityContext?.runAsNonRoot === true && spec.securityContext.runAsUser === 0;

function expectRefusedAsNeverStarting(work: () => unknown): void {
  expect(work).toThrow(BuildpushError);
  try {
    work();
  } catch (error) {
    expect((error as BuildpushError).problems).toMatchObject([{ code: "invalid-run-as-user", field: "container.securityContext.runAsUser" }]);
  }
}

/** Undo Kubernetes' `$$` escape, to compare a rendered value with the spec's. */
const unescape = (text: string): string => text.replace(/\$\$/g, "$");

function expectContainerCarriesSpec(rendered: KubernetesContainer, spec: ContainerSpec): void {
  expect(rendered.image).toBe(spec.image);
  const env = new Map((rendered.env ?? []).map((variable) => [variable.name, variable]));
  expect(env.size).toBe(Object.keys(spec.env).length + Object.keys(spec.secretEnv).length);
  for (const [name, value] of Object.entries(spec.env)) expect(unescape(env.get(name)?.value ?? "<missing>")).toBe(value);
  for (const name of Object.keys(spec.secretEnv)) expect(env.get(name)?.valueFrom?.secretKeyRef).toEqual({ name: expect.any(String), key: expect.any(String) });
  const mountPaths = (rendered.volumeMounts ?? []).map((mount) => mount.mountPath);
  expect(mountPaths).toEqual([...(spec.volumeMounts ?? []).map((mount) => mount.mountPath), ...(spec.files ?? []).map((file) => file.path)]);
  expect(rendered.resources).toEqual(spec.resources);
  expect(rendered.securityContext).toEqual(spec.securityContext);
}

describe("the bundled examples", () => {
  test("every example translates in plugin mode on both infrastructures", () => {
    expect(refused.filter((name) => name.endsWith(" plugin"))).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(examples.length * infrastructures.length);
  });

  test("some builder writes a credentials file, so the mounted-Secret path is exercised", () => {
    expect(cases.some(({ steps }) => steps.some((step) => (step.container.files?.length ?? 0) > 0))).toBe(true);
  });

  test.each(cases)("$name: container specs keep the rules", ({ steps }) => {
    for (const step of steps) expect(containerSpecProblems(step.container)).toEqual([]);
  });

  test.each(cases)("$name: a Pod per stage, valid, carrying every container", ({ steps, stages }) => {
    if (steps.some((step) => neverStarts(step.container))) return expectRefusedAsNeverStarting(() => toKubernetesPods(steps, { stages }));
    const { objects, secrets } = toKubernetesPods(steps, { namespace: "harness-builds", stages });
    expect(objects).toHaveLength(new Set(steps.map((step) => step.stage)).size);
    for (const pod of objects) expect(kubernetesProblems(pod)).toEqual([]);
    const containers = objects.flatMap((pod) => pod.spec.containers);
    expect(containers).toHaveLength(steps.length);
    steps.forEach((step, index) => expectContainerCarriesSpec(containers[index]!, step.container));
    const refs = new Set(steps.flatMap((step) => Object.values(step.container.secretEnv).map((secret) => secret.ref)));
    expect(new Set(secrets.filter((secret) => secret.kind === "key").map((secret) => (secret.kind === "key" ? secret.ref : "")))).toEqual(refs);
    expect(secrets.filter((secret) => secret.kind === "docker-config")).toHaveLength(steps.reduce((count, step) => count + (step.container.files?.length ?? 0), 0));
  });

  test.each(cases)("$name: a Job per step, valid, its deadline the step's timeout", ({ steps, stages }) => {
    if (steps.some((step) => neverStarts(step.container))) return expectRefusedAsNeverStarting(() => toKubernetesJobs(steps, { stages }));
    const { objects } = toKubernetesJobs(steps, { stages });
    expect(objects).toHaveLength(steps.length);
    objects.forEach((job, index) => {
      expect(kubernetesProblems(job)).toEqual([]);
      expect(job.spec.activeDeadlineSeconds).toBe(7200);
      expect(job.metadata.annotations?.["buildpush/step"]).toBe(steps[index]!.identifier);
      expectContainerCarriesSpec(job.spec.template.spec.containers[0]!, steps[index]!.container);
    });
  });

  test.each(cases)("$name: a docker argv per step carrying every variable", ({ steps }) => {
    for (const step of steps) {
      const spec = step.container;
      const files = Object.fromEntries((spec.files ?? []).map((file, index) => [file.path, `/run/buildpush/file-${index}`]));
      if (neverStarts(spec)) {
        expectRefusedAsNeverStarting(() => toDockerRun(spec, { secrets: "inherit", files }));
        continue;
      }
      const argv = toDockerRun(spec, { secrets: "inherit", files });
      expect(argv.slice(0, 2)).toEqual(["docker", "run"]);
      const envArgs = argv.filter((_, index) => argv[index - 1] === "--env");
      expect(envArgs).toEqual([...Object.entries(spec.env).map(([name, value]) => `${name}=${value}`), ...Object.keys(spec.secretEnv)]);
      const image = argv.indexOf(spec.image);
      expect(argv.slice(image + 1)).toEqual([...(spec.command ?? []).slice(1), ...(spec.args ?? [])]);
      // The VM's daemon: the drone-docker plugins (PLUGIN_DAEMON_OFF=true) and docker mode (DOCKER_HOST) build with it.
      const usesVmDaemon = spec.env["PLUGIN_DAEMON_OFF"] === "true" || spec.env["DOCKER_HOST"] === "unix:///var/run/docker.sock";
      expect(argv.includes("type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock")).toBe(usesVmDaemon);
      for (const file of spec.files ?? []) expect(argv).toContain(`type=bind,source=${files[file.path]},target=${file.path},readonly`);
    }
  });
});
