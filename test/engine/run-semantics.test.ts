// buildpush run honours what the pipeline says about whether and how often a step runs: when,
// failure strategies (Retry, Ignore, MarkAsSuccess, MarkAsFailure, Abort, StageRollback) and
// strategy instances at most maxConcurrency at once. A stand-in buildah records each call.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BuildpushError, ConnectorSet, connectorsFromValues } from "@buildpush/core";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { RunFailure, runPipeline, type StepRun } from "../../packages/cli/src/run/runner.js";
import { buildStep, indent, stagePipeline } from "./stage-pipeline.js";

/**
 * FAKE_LOG: one JSON line per call, {sub, tag, start, end}; FAKE_FAIL_PUSHES: how many pushes
 * fail (exit 125, "unauthorized") before they succeed, counted in FAKE_COUNT (all, when unset:
 * "always"); FAKE_FAIL_TAG: only pushes of this tag fail; FAKE_DELAY_MS: each build takes this long.
 */
const fakeBuildah = `#!/usr/bin/env node
const fs = require("node:fs");
const argv = process.argv.slice(2);
const env = process.env;
const sub = argv.find((a) => a === "build" || a === "push" || a === "--version");
if (sub === "--version") { console.log("buildah version fake"); process.exit(0); }
const valueOf = (flag) => argv[argv.indexOf(flag) + 1];
const start = Date.now();
setTimeout(() => {
  fs.appendFileSync(env.FAKE_LOG, JSON.stringify({ sub, argv, start, end: Date.now() }) + "\\n");
  if (sub === "push" && env.FAKE_FAIL_PUSHES !== undefined && (!env.FAKE_FAIL_TAG || argv.some((a) => a.endsWith(":" + env.FAKE_FAIL_TAG)))) {
    const count = fs.existsSync(env.FAKE_COUNT) ? Number(fs.readFileSync(env.FAKE_COUNT, "utf8")) : 0;
    fs.writeFileSync(env.FAKE_COUNT, String(count + 1));
    if (env.FAKE_FAIL_PUSHES === "always" || count < Number(env.FAKE_FAIL_PUSHES)) { console.error("Error: pushing image: unauthorized: authentication required"); process.exit(125); }
  }
  if (sub === "push") fs.writeFileSync(valueOf("--digestfile"), "sha256:" + "ab".repeat(32));
  console.log(sub + " ok");
}, sub === "build" ? Number(env.FAKE_DELAY_MS || 0) : 0);
`;

const connectors = new ConnectorSet(connectorsFromValues([{ identifier: "dockerhub", type: "DockerRegistry", spec: { dockerRegistryUrl: "http://127.0.0.1:5000", auth: { type: "UsernamePassword", spec: { username: "alice", passwordRef: "account.registry_pass" } } } }]));

let workspace: string;
let log: string;
let program: string;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), "buildpush-run-semantics-"));
  mkdirSync(join(workspace, "app"));
  writeFileSync(join(workspace, "app", "Dockerfile"), "FROM scratch\n");
  program = join(workspace, "fake-buildah");
  writeFileSync(program, fakeBuildah);
  chmodSync(program, 0o755);
  log = join(workspace, "calls.jsonl");
});

afterEach(() => rmSync(workspace, { recursive: true, force: true }));

interface Call {
  sub: string;
  argv: string[];
  start: number;
  end: number;
}

const calls = (): Call[] => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Call) : []);
/** The tags each build made, in call order: which steps ran. */
const built = (): string[] => calls().filter((call) => call.sub === "build").map((call) => call.argv[call.argv.indexOf("--tag") + 1]!.split(":").pop()!);
const pushes = (): number => calls().filter((call) => call.sub === "push").length;

/** A step pushing tag `tag` of 127.0.0.1:5000/acme/app, with `extra` lines under the step. */
const step = (identifier: string, extra = "", tag = identifier) =>
  buildStep(identifier, extra, `["${tag}"]`).replace("connectorRef: account.dockerhub", "connectorRef: account.dockerhub\n      context: app\n      dockerfile: app/Dockerfile").replace("repo: acme/app", "repo: 127.0.0.1:5000/acme/app");
const stage = (identifier: string, steps: string[], extra = "") => ({ identifier, steps: steps.join("\n"), ...(extra ? { extra } : {}) });
const pipelineOf = (...stages: { identifier: string; steps: string; extra?: string }[]) => {
  let yaml = stagePipeline(...stages.map(({ identifier, steps }) => ({ identifier, steps })));
  for (const { identifier, extra } of stages) if (extra) yaml = yaml.replace(`        name: ${identifier}\n`, `        name: ${identifier}\n${indent(extra, 8)}\n`);
  return yaml;
};
const retry = (count: number, intervals = "[0s]", errors = "[AllErrors]", after = "") =>
  `failureStrategies:\n  - onFailure:\n      errors: ${errors}\n      action:\n        type: Retry\n        spec:\n          retryCount: ${count}\n          retryIntervals: ${intervals}${after ? `\n          onRetryFailure:\n            action: {type: ${after}}` : ""}`;
const onFailure = (type: string, errors = "[AllErrors]") => `failureStrategies:\n  - onFailure: {errors: ${errors}, action: {type: ${type}}}`;

async function run(yaml: string, env: Record<string, string> = {}): Promise<{ output: string; result?: StepRun[]; error?: unknown; elapsedMs: number }> {
  let output = "";
  const started = Date.now();
  try {
    const result = await runPipeline({
      pipelineText: yaml,
      pipelineFile: "pipeline.yaml",
      connectors,
      secrets: new Map([["account.registry_pass", "s3cret-Pa55"]]),
      workingDir: workspace,
      artifactsDir: "artifacts",
      buildah: { program },
      output: (text) => (output += text),
      env: { ...process.env, FAKE_LOG: log, FAKE_COUNT: join(workspace, "count"), ...env },
      killGraceMs: 200,
    });
    return { output, result, elapsedMs: Date.now() - started };
  } catch (error) {
    return { output, error, elapsedMs: Date.now() - started };
  }
}

describe("when", () => {
  test("a step whose condition is false is skipped, says so, and builds and pushes nothing", async () => {
    const { output, result, error } = await run(pipelineOf(stage("build", [step("first"), step("second", "when: {stageStatus: Success, condition: false}"), step("third")])));
    expect(error).toBeUndefined();
    expect(built()).toEqual(["first", "third"]);
    expect(output).toContain('==> build/second (Push second): skipped: its when.condition "false" is false\n');
    expect(result!.map((step) => step.status)).toEqual(["succeeded", "skipped", "succeeded"]);
  });

  test("a condition that resolves per instance: only the arm64 instance runs", async () => {
    const { error } = await run(pipelineOf(stage("build", [step("push", "strategy:\n  matrix: {arch: [amd64, arm64]}\nwhen:\n  stageStatus: Success\n  condition: \"'<+matrix.arch>' == 'arm64'\"", "<+matrix.arch>")])));
    expect(error).toBeUndefined();
    expect(built()).toEqual(["arm64"]);
  });

  test("after a failure: Success steps are skipped, Failure and All steps run, and the run fails with the first failure", async () => {
    const yaml = pipelineOf(stage("build", [step("breaks", "", "breaks"), step("after"), step("on_failure", "when: {stageStatus: Failure}"), step("always", "when: {stageStatus: All}")]));
    const { output, result, error } = await run(yaml, { FAKE_FAIL_PUSHES: "always", FAKE_FAIL_TAG: "breaks" });
    expect(error).toBeInstanceOf(RunFailure);
    expect((error as Error).message).toContain("build/breaks: pushing 127.0.0.1:5000/acme/app:breaks failed (buildah exit status 125)");
    expect(result).toBeUndefined();
    expect(built()).toEqual(["breaks", "on_failure", "always"]);
    expect(output).toContain("==> build/after (Push after): skipped: its when (stageStatus Success, the default) does not hold: an earlier step of the stage failed\n");
  });

  test("stageStatus Failure without a failure: skipped", async () => {
    const { result } = await run(pipelineOf(stage("build", [step("first"), step("cleanup", "when: {stageStatus: Failure}")])));
    expect(result!.map((step) => [step.identifier, step.status])).toEqual([
      ["first", "succeeded"],
      ["cleanup", "skipped"],
    ]);
  });

  test("a failed stage skips the later stages, unless they run on failure", async () => {
    const yaml = pipelineOf(stage("one", [step("breaks")]), stage("two", [step("next")]), stage("three", [step("report")], "when: {pipelineStatus: Failure}"));
    const { error, output } = await run(yaml, { FAKE_FAIL_PUSHES: "always" });
    expect(error).toBeInstanceOf(RunFailure);
    expect(built()).toEqual(["breaks", "report"]);
    expect(output).toContain("==> two/next (Push next): skipped: stage two's when (pipelineStatus Success, the default) does not hold: an earlier stage failed\n");
  });

  test("a condition buildpush run cannot decide is refused before anything runs, at its line", async () => {
    const yaml = pipelineOf(stage("build", [step("first"), step("second", 'when:\n  stageStatus: Success\n  condition: <+pipeline.variables.release> == "true"')]));
    const { error } = await run(yaml);
    expect(error).toBeInstanceOf(BuildpushError);
    expect((error as BuildpushError).problems).toMatchObject([{ code: "unresolved-expression", field: "when.condition", position: { file: "pipeline.yaml", line: yaml.split("\n").findIndex((line) => line.includes("condition: <+pipeline")) + 1 } }]);
    expect((error as BuildpushError).problems[0]!.message).toContain("buildpush run cannot decide step second's condition");
    expect(calls()).toEqual([]);
  });
});

describe("failure strategies", () => {
  test("Retry: a failing push is retried the given number of times, then the failure stands", async () => {
    const { output, error } = await run(pipelineOf(stage("build", [step("push", retry(2))])), { FAKE_FAIL_PUSHES: "always" });
    expect(error).toBeInstanceOf(RunFailure);
    expect(pushes()).toBe(3);
    expect(built()).toEqual(["push", "push", "push"]);
    expect(output).toContain("==> build/push: build/push: pushing 127.0.0.1:5000/acme/app:push failed (buildah exit status 125): 127.0.0.1:5000 refused the login: check the connector's username and the value of secret account.registry_pass; retry 1 of 2 in 0s (the step's failure strategy on AllErrors: Retry)\n");
    expect(output).toContain("retry 2 of 2 in 0s");
    expect(output).toContain("==> build/push: failed after 2 retries\n");
  });

  test("Retry waits the interval given (the last one for the retries after it)", async () => {
    const { error, elapsedMs } = await run(pipelineOf(stage("build", [step("push", retry(2, "[1s]"))])), { FAKE_FAIL_PUSHES: "always" });
    expect(error).toBeInstanceOf(RunFailure);
    expect(pushes()).toBe(3);
    expect(elapsedMs).toBeGreaterThanOrEqual(2_000);
  });

  test("Retry: a push that succeeds on the second try succeeds", async () => {
    const { result, error } = await run(pipelineOf(stage("build", [step("push", retry(3))])), { FAKE_FAIL_PUSHES: "1" });
    expect(error).toBeUndefined();
    expect(pushes()).toBe(2);
    expect(result![0]!.status).toBe("succeeded");
  });

  test("Retry, then onRetryFailure Ignore: the run goes on and succeeds", async () => {
    const { result, error } = await run(pipelineOf(stage("build", [step("push", retry(1, "[0s]", "[AllErrors]", "Ignore")), step("next")])), { FAKE_FAIL_PUSHES: "always", FAKE_FAIL_TAG: "push" });
    expect(error).toBeUndefined();
    expect(pushes()).toBe(3);
    expect(result!.map((step) => step.status)).toEqual(["failed", "succeeded"]);
  });

  test("a strategy for other errors does not apply: a Timeout retry leaves a login failure as it is", async () => {
    const { error } = await run(pipelineOf(stage("build", [step("push", retry(2, "[0s]", "[Timeout]"))])), { FAKE_FAIL_PUSHES: "always" });
    expect(error).toBeInstanceOf(RunFailure);
    expect(pushes()).toBe(1);
  });

  test("the error type decides: an Authentication retry applies to a refused login", async () => {
    const { error } = await run(pipelineOf(stage("build", [step("push", retry(1, "[0s]", "[Authentication]"))])), { FAKE_FAIL_PUSHES: "always" });
    expect(error).toBeInstanceOf(RunFailure);
    expect(pushes()).toBe(2);
  });

  test("Ignore: the step is failed, the stage goes on as if it succeeded, the run succeeds", async () => {
    const { result, error, output } = await run(pipelineOf(stage("build", [step("breaks", onFailure("Ignore")), step("next"), step("on_failure", "when: {stageStatus: Failure}")])), { FAKE_FAIL_PUSHES: "always", FAKE_FAIL_TAG: "breaks" });
    expect(error).toBeUndefined();
    expect(result!.map((step) => step.status)).toEqual(["failed", "succeeded", "skipped"]);
    expect(output).toContain("==> build/breaks: failed, ignored (the step's failure strategy on AllErrors: Ignore): the stage goes on as if it had succeeded\n");
  });

  test("MarkAsSuccess: the step counts as succeeded", async () => {
    const { result, error } = await run(pipelineOf(stage("build", [step("breaks", onFailure("MarkAsSuccess")), step("next")])), { FAKE_FAIL_PUSHES: "always", FAKE_FAIL_TAG: "breaks" });
    expect(error).toBeUndefined();
    expect(result!.map((step) => step.status)).toEqual(["succeeded", "succeeded"]);
  });

  test("MarkAsFailure: the stage has failed, later steps run as their when says, the run fails", async () => {
    const { error } = await run(pipelineOf(stage("build", [step("breaks", onFailure("MarkAsFailure")), step("next"), step("on_failure", "when: {stageStatus: Failure}")])), { FAKE_FAIL_PUSHES: "always", FAKE_FAIL_TAG: "breaks" });
    expect(error).toBeInstanceOf(RunFailure);
    expect(built()).toEqual(["breaks", "on_failure"]);
  });

  test("Abort: nothing more runs, not even the steps that run on failure", async () => {
    const yaml = pipelineOf(stage("build", [step("breaks", onFailure("Abort")), step("on_failure", "when: {stageStatus: Failure}")]), stage("later", [step("report")], "when: {pipelineStatus: All}"));
    const { error, output } = await run(yaml, { FAKE_FAIL_PUSHES: "always" });
    expect(error).toBeInstanceOf(RunFailure);
    expect(built()).toEqual(["breaks"]);
    expect(output).toContain("==> later/report (Push report): skipped: the run was aborted after build/breaks failed\n");
  });

  test("StageRollback: the rest of the stage does not run", async () => {
    const { error } = await run(pipelineOf(stage("build", [step("breaks", onFailure("StageRollback")), step("on_failure", "when: {stageStatus: Failure}")])), { FAKE_FAIL_PUSHES: "always" });
    expect(error).toBeInstanceOf(RunFailure);
    expect(built()).toEqual(["breaks"]);
  });

  test("a step's own strategy comes before its stage's; the stage's applies to the others", async () => {
    const yaml = pipelineOf(stage("build", [step("own", retry(1)), step("inherits")], "failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: Ignore}}}]"));
    const { result, error } = await run(yaml, { FAKE_FAIL_PUSHES: "always" });
    expect(error).toBeInstanceOf(RunFailure);
    expect(result).toBeUndefined();
    // own: one push and one retry; the stage's Ignore does not apply to it (the step's strategy named the error).
    expect(built()).toEqual(["own", "own"]);
  });
});

describe("strategy instances run in order, at most maxConcurrency at once", () => {
  /** The most builds that ran at the same time. */
  const mostAtOnce = (): number => {
    const builds = calls().filter((call) => call.sub === "build");
    return Math.max(...builds.map((a) => builds.filter((b) => b.start < a.end && a.start < b.end).length));
  };

  test("repeat times 4, maxConcurrency 2: two at a time, started in order", async () => {
    const { error, result } = await run(pipelineOf(stage("build", [step("push", "strategy:\n  repeat: {times: 4, maxConcurrency: 2}", "v<+strategy.iteration>")])), { FAKE_DELAY_MS: "600" });
    expect(error).toBeUndefined();
    expect(result!.map((step) => step.identifier)).toEqual(["push_0", "push_1", "push_2", "push_3"]);
    expect(mostAtOnce()).toBe(2);
    const starts = calls().filter((call) => call.sub === "build");
    expect(starts.map((call) => call.argv[call.argv.indexOf("--tag") + 1]!.split(":").pop()).slice(0, 2).sort()).toEqual(["v0", "v1"]);
  }, 30_000);

  test("maxConcurrency 1: one at a time", async () => {
    const { error } = await run(pipelineOf(stage("build", [step("push", "strategy:\n  matrix: {arch: [amd64, arm64, s390x], maxConcurrency: 1}", "<+matrix.arch>")])), { FAKE_DELAY_MS: "200" });
    expect(error).toBeUndefined();
    expect(built()).toEqual(["amd64", "arm64", "s390x"]);
    expect(mostAtOnce()).toBe(1);
  }, 30_000);

  test("parallelism 3: all at once", async () => {
    const { error } = await run(pipelineOf(stage("build", [step("push", "strategy:\n  parallelism: 3", "shard<+strategy.iteration>")])), { FAKE_DELAY_MS: "600" });
    expect(error).toBeUndefined();
    expect(mostAtOnce()).toBe(3);
  }, 30_000);

  test("each instance writes its own artifact file", async () => {
    const { result } = await run(pipelineOf(stage("build", [step("push", "strategy:\n  repeat: {items: [a, b]}", "<+repeat.item>")])));
    expect(result!.map((step) => step.artifactFile?.split("/").pop())).toEqual(["build.push_0.json", "build.push_1.json"]);
  });
});
