import { statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { BuildpushError, formatProblem, sortProblems, type BuildPlan, type ConnectorSet, type PlannedStep, type Problem } from "@buildpush/core";
import type { RegistryAuthEntry, YamlLimits } from "@buildpush/core";
import { buildahCommands, buildahSetup, containersAuthKey, qualifiedImageName, toProblems } from "@buildpush/core/handler";
import { translator } from "../translator.js";
import { artifactFile, artifactFileName, type PushedImage } from "./artifact.js";
import { authFileContent, loginTexts } from "./auth-file.js";
import { diagnose, diagnosedErrorType } from "./diagnose.js";
import { EnvironmentFailure, onDisk, RunFailure, RunStopped } from "./failures.js";
import { Masker, MaskedLineWriter } from "./mask.js";
import { runProcess, type ProcessOutcome } from "./process.js";
import { makeScratchDir } from "./scratch.js";
import type { SecretValues } from "./secrets.js";
import { timeoutMs } from "./timeout.js";
import { whyNotWritableDirectory } from "./writable-directory.js";
import { runSchedule } from "./schedule.js";
import { undecidableConditions } from "./step-policy.js";
import type { StepRun } from "./step-run.js";

export { EnvironmentFailure, RunFailure, RunStopped } from "./failures.js";
export type { StepRun } from "./step-run.js";

export interface BuildahSettings {
  /** The Buildah program; `buildah` on the PATH unless given. */
  program?: string;
  storageDriver?: string;
  /** Storage directories; Buildah's defaults unless given. */
  root?: string;
  runRoot?: string;
}

export interface RunPipelineOptions {
  pipelineText: string;
  /** The pipeline's file name, for problem positions. */
  pipelineFile: string;
  connectors: ConnectorSet;
  /** The pipeline's YAML limits (`--max-yaml-bytes`, `--max-yaml-tokens`); core's defaults unless given. */
  yamlLimits?: Partial<YamlLimits>;
  secrets: SecretValues;
  /** What the secrets came from, for messages (`--secrets` file name). */
  secretsSource?: string;
  /** `context` and `dockerfile` are relative to this directory unless absolute. */
  workingDir: string;
  /** Where each step's artifact file goes; relative to `workingDir` unless absolute. */
  artifactsDir: string;
  buildah?: BuildahSettings;
  /** Progress and the builder's output, line by line; every form of every secret masked, in every line. */
  output: (text: string) => void;
  /** The builder's environment; the runner's own by default. */
  env?: NodeJS.ProcessEnv;
  /** Where per-step scratch directories (auth file, digests) are made; the system's by default. */
  scratchDir?: string;
  /** How long a process being stopped (timeout, `stop`) gets between SIGTERM and SIGKILL. */
  killGraceMs?: number;
  /**
   * Stop the run when this aborts: the builder's process group is stopped, the step's temporary
   * directory removed, and runPipeline rejects with RunStopped.
   */
  stop?: AbortSignal;
  /** Values for the pipeline's expressions and an input set (`--set`, `--values`, `--input-set`). */
  given?: { values?: Record<string, string>; inputSet?: string; inputSetFile?: string; templates?: { file: string; text: string }[] };
  /** Registry hosts a step may push to although its registry service does not own them (`--allow-registry-host`), as translate takes them. */
  allowedRegistryHosts?: string[];
}

export const buildahInstallHint =
  "Buildah is not installed (no `buildah` on the PATH). Install it: `sudo apt-get install buildah` on Debian/Ubuntu, `sudo dnf install buildah` on Fedora/RHEL (see https://github.com/containers/buildah/blob/main/install.md).";

/**
 * Run every build-and-push step of a pipeline on this machine with Buildah, in pipeline order,
 * as Harness schedules them (runSchedule): a step whose when does not hold is skipped and says
 * so, a failure is handled by the failure strategy that names it, strategy instances run at most
 * maxConcurrency at once. Everything that can be checked is checked before the first build: the
 * steps, the secrets they need, the build contexts, the conditions and Buildah itself.
 */
export async function runPipeline(options: RunPipelineOptions): Promise<StepRun[]> {
  // A local run builds the developer's own directories, absolute or relative to workingDir, so
  // the paths are not held to Harness's /harness workspace (a leading - is still refused).
  const steps = translator.planPipeline(options.pipelineText, { file: options.pipelineFile, connectors: options.connectors, workspaceRoot: null, ...options.given, values: options.given?.values ?? {}, ...(options.yamlLimits ? { yamlLimits: options.yamlLimits } : {}), ...(options.allowedRegistryHosts ? { allowedRegistryHosts: options.allowedRegistryHosts } : {}) });
  const masker = new Masker([...options.secrets.values(), ...steps.flatMap(({ plan }) => loginTexts(loginsOf(plan), options.secrets))]);
  const run: Run = { options, masker, print: (text) => options.output(masker.mask(text)), builderStarted: false };
  try {
    checkSteps(steps, options);
    if (steps.length === 0) {
      run.print(`${options.pipelineFile}: no build-and-push steps to run\n`);
      return [];
    }
    const program = options.buildah?.program ?? "buildah";
    const probe = await runProcess({ argv: [program, "--version"], cwd: options.workingDir, ...(options.env ? { env: options.env } : {}), ...(options.stop ? { stop: options.stop } : {}), onStdout: () => {}, onStderr: () => {} });
    if (probe.kind === "not-found") throw new RunFailure(buildahInstallHint);
    if (probe.kind === "cannot-start") throw new EnvironmentFailure(`cannot run ${program}: ${probe.reason}`, program);

    for (const step of steps) for (const warning of step.warnings) run.print(`${formatProblem(warning)}\n`);
    return await runSchedule(steps, {
      print: run.print,
      ...(options.stop ? { stop: options.stop } : {}),
      label: stepLabel,
      runStep: (step) => {
        if (options.stop?.aborted) throw new RunStopped();
        return runStep(step, run);
      },
    });
  } catch (error) {
    throw maskedFailure(error, run);
  }
}

/** One run's settings and state, shared by its steps. */
interface Run {
  options: RunPipelineOptions;
  masker: Masker;
  /** options.output, masked: every line the run prints goes through here, its own included. */
  print: (text: string) => void;
  /** Whether a build has begun: an environment failure after it is a failed step, before it a refusal. */
  builderStarted: boolean;
}

/** A failure's message masked like the output (it names images, paths and Buildah's last lines). */
function maskedFailure(error: unknown, run: Run): unknown {
  if (error instanceof EnvironmentFailure) return new EnvironmentFailure(run.masker.mask(error.message), error.path, run.builderStarted);
  if (error instanceof RunFailure) return new RunFailure(run.masker.mask(error.message), error.errorType);
  return error;
}

/** Problems found before anything runs: Buildah's limits, missing secrets, missing contexts, an artifacts directory that cannot be. */
function checkSteps(steps: readonly PlannedStep[], options: RunPipelineOptions): void {
  const problems: Problem[] = [];
  const missingPaths: string[] = [];
  let pushes = false;
  for (const { plan, source } of steps) {
    const checked = buildahSetup(plan);
    if (!checked.ok) for (const problem of toProblems(checked.findings, source)) problems.push(problem);
    if (checked.ok && !checked.setup.transport.dryRun) pushes = true;
    for (const entry of checked.ok ? checked.setup.auths : []) {
      const refs: [string, string][] = [[entry.passwordRef, "password"]];
      if (entry.usernameRef !== undefined) refs.unshift([entry.usernameRef, "username"]);
      for (const [ref, what] of refs) {
        const value = options.secrets.get(ref);
        if (value === undefined || value === "") problems.push(missingSecret(plan, ref, what, entry.registry, value === undefined, options.secretsSource));
      }
    }
    const context = resolve(options.workingDir, plan.context ?? ".");
    const dockerfile = resolve(options.workingDir, plan.dockerfile ?? "Dockerfile");
    if (!isDirectory(context)) missingPaths.push(`step ${plan.identifier}: the build context ${context} is not a directory`);
    if (!isFile(dockerfile)) missingPaths.push(`step ${plan.identifier}: the Dockerfile ${dockerfile} does not exist`);
  }
  problems.push(...undecidableConditions(steps));
  if (problems.length > 0) throw new BuildpushError(sortProblems(dedupe(problems)));
  if (missingPaths.length > 0) {
    throw new RunFailure(`${missingPaths.join("\n")}\n(context and dockerfile are relative to the working directory ${options.workingDir} unless absolute)`);
  }
  // Found now, not after the push: a build should not be wasted on a directory that cannot be.
  const artifactsDir = resolve(options.workingDir, options.artifactsDir);
  const unwritable = pushes ? whyNotWritableDirectory(artifactsDir) : undefined;
  if (unwritable !== undefined) throw new EnvironmentFailure(`cannot write the artifact files to ${artifactsDir}: ${unwritable}`, artifactsDir);
}

function missingSecret(plan: BuildPlan, ref: string, what: string, registry: string, absent: boolean, source: string | undefined): Problem {
  const where = source ? `in ${source}` : "because no secrets file was given (--secrets FILE)";
  return {
    code: "missing-connector-secret",
    message: absent ? `secret ${ref} (the ${what} for ${registry}, step ${plan.identifier}) has no value ${where}` : `secret ${ref} (the ${what} for ${registry}, step ${plan.identifier}) is empty ${where}`,
    value: ref,
    rule: "every secret a step's connectors name needs a value for a local run",
    hint: `add \`${ref}: VALUE\` (YAML) or \`${ref}=VALUE\` (dotenv) to the secrets file`,
  };
}

async function runStep(step: PlannedStep, run: Run): Promise<StepRun> {
  const { options, print } = run;
  const { plan, stage } = step;
  const label = stepLabel(step);
  const deadline = Date.now() + timeoutMs(plan.timeout);
  // The auth file holds a login: the directory goes when the step ends, however it ends.
  const scratch = await makeScratchDir(options.scratchDir);
  try {
    const builderEnv = await builderEnvironment(options.env ?? process.env, scratch.path);
    const authFile = join(scratch.path, "auth.json");
    await onDisk(authFile, (reason) => `cannot write the registry login to ${authFile}: ${reason}`, () =>
      writeFile(authFile, authFileContent(loginsOf(plan), options.secrets), { mode: 0o600, flag: "wx" }),
    );
    const commands = buildahCommands(plan, {
      authFile,
      digestFile: (index) => join(scratch.path, `digest-${index}`),
      ...(options.buildah?.program !== undefined ? { program: options.buildah.program } : {}),
      ...(options.buildah?.storageDriver !== undefined ? { storageDriver: options.buildah.storageDriver } : {}),
      ...(options.buildah?.root !== undefined ? { root: options.buildah.root } : {}),
      ...(options.buildah?.runRoot !== undefined ? { runRoot: options.buildah.runRoot } : {}),
    });
    const registry = containersAuthKey(qualifiedImageName(plan.image));
    const passwordRef = plan.pushCredentials.kind === "basic" ? plan.pushCredentials.passwordRef : undefined;
    const diagnosis = { registry, ...(passwordRef ? { passwordRef } : {}) };

    print(`==> ${label} (${plan.name}): building ${plan.tags.map((tag) => `${plan.image}:${tag}`).join(", ")}\n`);
    run.builderStarted = true;
    await runTool(commands.build, `${label}: the build`, plan, run, builderEnv, deadline, {});
    const images: PushedImage[] = [];
    for (const push of commands.push) {
      print(`==> ${label}: pushing ${push.image}\n`);
      await runTool(push.argv, `${label}: pushing ${push.image}`, plan, run, builderEnv, deadline, diagnosis);
      images.push({ image: push.image, digest: await readDigest(push.digestFile, label, push.image) });
    }
    if (commands.push.length === 0) {
      print(`==> ${label}: built, not pushed (dry run)\n`);
      return { stage, identifier: plan.identifier, name: plan.name, status: "succeeded", images };
    }
    for (const { image, digest } of images) print(`==> ${label}: pushed ${image}@${digest}\n`);
    const file = await writeArtifactFile(step, images, options);
    print(`==> ${label}: artifact file ${isAbsolute(options.artifactsDir) ? file : join(options.artifactsDir, stepArtifactFileName(step))}\n`);
    return { stage, identifier: plan.identifier, name: plan.name, status: "succeeded", images, artifactFile: file };
  } finally {
    await scratch.remove();
  }
}

/**
 * The builder's environment for one step. Buildah keeps its own temporary files (blobs being
 * pushed, `storageNNN` directories) in TMPDIR when it is set and does not remove them when it
 * is stopped; given a TMPDIR inside the step's directory, they go with it. Without TMPDIR,
 * Buildah's default (/var/tmp, or containers.conf's image_copy_tmp_dir) is left as it is.
 */
async function builderEnvironment(env: NodeJS.ProcessEnv, scratch: string): Promise<NodeJS.ProcessEnv> {
  if (env["TMPDIR"] === undefined) return env;
  const tmp = join(scratch, "tmp");
  await onDisk(tmp, (reason) => `cannot create a temporary directory in ${scratch}: ${reason}`, () => mkdir(tmp));
  return { ...env, TMPDIR: tmp };
}

async function writeArtifactFile(step: PlannedStep, images: readonly PushedImage[], options: RunPipelineOptions): Promise<string> {
  const { plan, stage } = step;
  const directory = resolve(options.workingDir, options.artifactsDir);
  const file = join(directory, stepArtifactFileName(step));
  await onDisk(file, (reason) => `${stage}/${plan.identifier}: the images were pushed, but the artifact file ${file} cannot be written: ${reason}`, async () => {
    await mkdir(directory, { recursive: true });
    await writeFile(file, `${JSON.stringify(artifactFile(plan, images), null, 2)}\n`);
  });
  return file;
}

async function runTool(argv: readonly string[], what: string, plan: BuildPlan, run: Run, env: NodeJS.ProcessEnv, deadline: number, diagnosis: Parameters<typeof diagnose>[1]): Promise<void> {
  const { options, masker } = run;
  const prefix = masker.mask(`[${plan.name}] `);
  const recent: string[] = [];
  const remember = (line: string): void => {
    run.print(`${prefix}${line}\n`);
    recent.push(line);
    if (recent.length > 20) recent.shift();
  };
  const stdout = new MaskedLineWriter(masker, remember);
  const stderr = new MaskedLineWriter(masker, remember);
  const remaining = deadline - Date.now();
  const outcome: ProcessOutcome =
    remaining <= 0
      ? { kind: "timed-out" }
      : await runProcess({
          argv,
          cwd: options.workingDir,
          env,
          timeoutMs: remaining,
          ...(options.killGraceMs !== undefined ? { killGraceMs: options.killGraceMs } : {}),
          ...(options.stop ? { stop: options.stop } : {}),
          onStdout: (chunk) => stdout.push(chunk),
          onStderr: (chunk) => stderr.push(chunk),
        });
  stdout.flush();
  stderr.flush();
  if (outcome.kind === "exited" && outcome.code === 0) return;
  if (outcome.kind === "stopped") throw new RunStopped();
  if (outcome.kind === "not-found") throw new RunFailure(buildahInstallHint);
  if (outcome.kind === "cannot-start") throw new EnvironmentFailure(`${what}: cannot run ${argv[0]}: ${outcome.reason}`, argv[0]!);
  const ending =
    outcome.kind === "timed-out"
      ? `timed out: the step's timeout of ${plan.timeout} ran out`
      : outcome.kind === "signalled"
        ? `was stopped by ${outcome.signal}`
        : `failed (buildah exit status ${outcome.code})`;
  const cause = outcome.kind === "timed-out" ? undefined : diagnose(recent, diagnosis);
  const tail = recent.length > 0 ? `\nlast output:\n${recent.map((line) => `  ${line}`).join("\n")}` : "";
  throw new RunFailure(`${what} ${ending}${cause ? `: ${cause}` : ""}${tail}`, outcome.kind === "timed-out" ? "Timeout" : diagnosedErrorType(recent));
}

async function readDigest(file: string, label: string, image: string): Promise<string> {
  const digest = (await readFile(file, "utf8").catch(() => "")).trim();
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new RunFailure(`${label}: buildah pushed ${image} but wrote no digest`);
  return digest;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** How the log names a step: its stage, the step groups around it, and its identifier. */
function stepLabel({ stage, plan, semantics }: PlannedStep): string {
  return [stage, ...semantics.stepGroups.map((group) => group.identifier), plan.identifier].join("/");
}

/** A step's artifact file name: stage, step groups and identifier, so steps of different groups never share one. */
function stepArtifactFileName({ stage, plan, semantics }: PlannedStep): string {
  return artifactFileName(stage, [...semantics.stepGroups.map((group) => group.identifier), plan.identifier].join("."));
}

/** The logins of a step that checkSteps found Buildah can use. */
function loginsOf(plan: BuildPlan): RegistryAuthEntry[] {
  const checked = buildahSetup(plan);
  return checked.ok ? checked.setup.auths : [];
}

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.code}|${problem.field}|${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
