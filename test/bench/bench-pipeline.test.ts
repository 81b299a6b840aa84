/**
 * The benchmark's generated pipeline measures translation, not warnings: `buildpush translate`
 * of it, run as a process the way bench/run.mjs runs it, draws no warning and translates every
 * build-and-push step of every type on both kinds of stage. Were a step to draw one (two
 * steps pushing one tag, ACR on Harness Cloud, an IRSA connector there), a 10,000-step run would
 * print thousands of lines no real pipeline prints, and the figure would measure those.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { benchConnectorsYaml, benchLayerCache, generatePipeline } from "../../bench/generate-pipeline.mjs";
import { cliBin } from "../support/paths.js";

interface TranslatedStepSummary {
  type: string;
  stage: string;
  container: { image: string };
}

test("the generated pipeline translates without a warning, every step type on Kubernetes and VM stages (needs `pnpm build`)", () => {
  const dir = mkdtempSync(join(tmpdir(), "buildpush-bench-pipeline-"));
  try {
    const steps = 300;
    writeFileSync(join(dir, "pipeline.yaml"), generatePipeline(steps));
    writeFileSync(join(dir, "connectors.yaml"), benchConnectorsYaml);
    const run = spawnSync(process.execPath, [cliBin, "translate", "pipeline.yaml", "--connectors", "connectors.yaml", "--layer-cache", benchLayerCache], { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const translated = (JSON.parse(run.stdout) as { steps: TranslatedStepSummary[] }).steps;
    expect(translated).toHaveLength(steps);
    // Stages alternate: even ones run on Kubernetes (kaniko plugins), odd ones on Harness Cloud (drone-docker plugins).
    const kinds = new Set(translated.map((step) => `${step.type} ${Number(step.stage.replace("build_", "")) % 2 === 0 ? "kubernetes" : "vm"}`));
    expect([...kinds].sort()).toEqual([
      "BuildAndPushACR kubernetes",
      "BuildAndPushDockerRegistry kubernetes",
      "BuildAndPushDockerRegistry vm",
      "BuildAndPushECR kubernetes",
      "BuildAndPushECR vm",
      "BuildAndPushGAR kubernetes",
      "BuildAndPushGAR vm",
      "BuildAndPushGCR kubernetes",
      "BuildAndPushGCR vm",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
