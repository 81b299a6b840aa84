// Values that look like options, commands or paths out of the workspace, in every field that
// reaches a builder: whatever translates, each value stays one argv item (or one part of one),
// never becomes an option of its own, and the build reads nothing outside the workspace.
import { type BuildPlan, type ContainerSpec } from "@buildpush/core";
import { translateStep, planStep } from "../support/translator.js";
import { handlerFor } from "../support/internals.js";
import { argvFromPluginEnv, PluginEnvError, type PluginVariant } from "@buildpush/kaniko-args";
import fc from "fast-check";
import { posix } from "node:path";
import { describe, expect, test } from "vitest";
import { allConnectors, minimalSpecs, type StepType } from "../support/fixtures.js";
import { assertProperty, expectPrototypesUntouched, expectWellFormedProblems, fuzzTimeout, outcome, runs } from "./support/hostile.js";

const stepTypes = Object.keys(minimalSpecs) as StepType[];
const variants: Record<StepType, PluginVariant> = { BuildAndPushDockerRegistry: "docker", BuildAndPushECR: "ecr", BuildAndPushACR: "acr", BuildAndPushGCR: "gcr", BuildAndPushGAR: "gar" };

/** Option-looking, shell-looking and odd values that are still legal in a label, build arg or variable. */
const sneaky = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("--privileged", "-v", "--volume=/:/host", "--build-arg", "--label=x=y", "$(id)", "`id`", "a;b", "a && b", "'", '"', "\\", "x\ny", " ", "", "-", "--", "*", "~root", "%s", "\u00e9", "😀") },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);
const mapKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("-x", "--rm", "$(id)", "A", "org.label-schema.name", "__proto__", "constructor", "a;b", "`id`") },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 8 }) },
);
const pathPiece = fc.constantFrom("app", "b c", "-x", "..", ".", "d$(id)", "e;f", "--rm", "", "Dockerfile");
const relativePath = fc.array(pathPiece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("/"));
const anyPath = fc.oneof(
  { weight: 3, arbitrary: relativePath },
  { weight: 1, arbitrary: relativePath.map((path) => `/harness/${path}`) },
  { weight: 1, arbitrary: fc.constantFrom("/etc", "/", "-", "../..", "/harness/../etc", "./-v", "app/../../x") },
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });

/** Runtime flags that change neither the tags nor the build args the checks count. */
const runtimeFlags = fc.dictionary(
  fc.constantFrom("PLUGIN_SKIP_TLS_VERIFY", "PLUGIN_INSECURE", "PLUGIN_PUSH_RETRY", "PLUGIN_VERBOSITY", "PLUGIN_REGISTRY_MIRRORS", "PLUGIN_LOG_FORMAT", "PLUGIN_INSECURE_REGISTRY", "PLUGIN_PLATFORM", "PLUGIN_CONTEXT_SUB_PATH", "PLUGIN_DOCKERFILE", "PLUGIN_CONTEXT", "PLUGIN_CACHE_TTL"),
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom("true", "false", "1", "3", "info", "json", "linux/amd64", "mirror.gcr.io", "app", "docker/Dockerfile") }, { weight: 1, arbitrary: sneaky }, { weight: 1, arbitrary: anyPath }),
  { maxKeys: 2 },
);

const sneakyStep = fc.record({
  type: fc.constantFrom(...stepTypes),
  tags: fc.array(fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[\w][\w.-]{0,12}$/) }, { weight: 1, arbitrary: sneaky }), { minLength: 1, maxLength: 3 }),
  labels: fc.dictionary(mapKey, sneaky, { maxKeys: 3 }),
  buildArgs: fc.dictionary(mapKey, sneaky, { maxKeys: 3 }),
  envVariables: runtimeFlags,
  dockerfile: maybe(anyPath),
  context: maybe(anyPath),
  target: maybe(fc.oneof({ weight: 3, arbitrary: fc.constantFrom("release", "build-env", "Stage.2") }, { weight: 1, arbitrary: fc.constantFrom("-release", "--target", "a b") }, { weight: 1, arbitrary: sneaky })),
});

type Sneaky = typeof sneakyStep extends fc.Arbitrary<infer T> ? T : never;

function stepOf(input: Sneaky): Record<string, unknown> {
  const spec: Record<string, unknown> = { ...minimalSpecs[input.type], tags: input.tags, labels: input.labels, buildArgs: input.buildArgs, envVariables: input.envVariables };
  for (const field of ["dockerfile", "context", "target"] as const) if (input[field] !== undefined) spec[field] = input[field];
  return { type: input.type, name: "Build", identifier: "build", spec };
}

/** Inside the workspace, as the container sees it (workingDir /harness). */
function insideWorkspace(path: string): boolean {
  const resolved = posix.resolve("/harness", path);
  return resolved === "/harness" || resolved.startsWith("/harness/");
}

/** Every item is an option (`--name=value` or a bare `--name`), or the value right after a two-item option. */
function expectOnlyOptions(argv: readonly string[], twoItemOptions: ReadonlySet<string>): void {
  for (let i = 0; i < argv.length; i++) {
    const item = argv[i]!;
    expect(item.startsWith("--"), `argv item ${JSON.stringify(item)} in ${JSON.stringify(argv)}`).toBe(true);
    if (twoItemOptions.has(item)) i++;
  }
}

function optionValues(argv: readonly string[], name: string): string[] {
  const values: string[] = [];
  argv.forEach((item, index) => {
    if (item === `--${name}`) values.push(argv[index + 1]!);
    else if (item.startsWith(`--${name}=`)) values.push(item.slice(name.length + 3));
  });
  return values;
}

/** The plugin (kaniko on Kubernetes) reads the container's environment; this is the argv it runs. */
function checkPluginArgv(plan: BuildPlan, container: ContainerSpec): void {
  const env: Record<string, string> = { ...container.env };
  for (const [name, { ref }] of Object.entries(container.secretEnv)) env[name] = `<secret:${ref}>`;
  let argv: string[];
  try {
    argv = argvFromPluginEnv(env, handlerFor(plan.stepType).plugin.variant);
  } catch (error) {
    // Translation refuses what the plugin would stop on, so the plugin never stops here.
    if (error instanceof PluginEnvError) throw new Error(`the plugin would stop: ${error.message}`);
    throw error;
  }
  expectOnlyOptions(argv, new Set(["--build-arg"]));
  // The plugin splits k=v,k=v like urfave/cli and trims each item (a value's trailing blanks are lost, as in Harness).
  expect(optionValues(argv, "build-arg")).toEqual(plan.buildArgs.map(([key, value]) => `${key}=${value}`.trim()));
  expect(optionValues(argv, "label")).toEqual(plan.labels.map(([key, value]) => `${key}=${value}`.trim()));
  expect(optionValues(argv, "destination")).toHaveLength(plan.tags.length);
  checkReads(optionValues(argv, "dockerfile")[0]!, optionValues(argv, "context")[0]!.replace(/^dir:\/\//, ""), optionValues(argv, "context-sub-path")[0]);
}

function checkKanikoArgv(plan: BuildPlan, container: ContainerSpec): void {
  const argv = container.args ?? [];
  expectOnlyOptions(argv, new Set());
  expect(optionValues(argv, "build-arg")).toEqual(plan.buildArgs.map(([key, value]) => `${key}=${value}`));
  expect(optionValues(argv, "label")).toEqual(plan.labels.map(([key, value]) => `${key}=${value}`));
  expect(optionValues(argv, "destination")).toHaveLength(plan.tags.length);
  checkReads(optionValues(argv, "dockerfile")[0] ?? "Dockerfile", (optionValues(argv, "context")[0] ?? ".").replace(/^dir:\/\//, ""), optionValues(argv, "context-sub-path")[0]);
}

/** Buildah's value-taking options, as its option parser reads them: the next item is the value. */
const buildahValueOptions = new Set(["--storage-driver", "--root", "--runroot", "--isolation", "--authfile", "--file", "--target", "--build-arg", "--label", "--tag", "--digestfile"]);

/** The chain script's arguments: `COUNT ARG1 ... ARGCOUNT` per command. */
function chainCommands(args: readonly string[]): string[][] {
  const commands: string[][] = [];
  for (let i = 0; i < args.length; ) {
    const count = Number(args[i]);
    expect(Number.isInteger(count) && count > 0).toBe(true);
    commands.push(args.slice(i + 1, i + 1 + count));
    i += 1 + count;
  }
  return commands;
}

function checkBuildahArgv(plan: BuildPlan, container: ContainerSpec): void {
  const [build, ...pushes] = chainCommands(container.args ?? []);
  const positionals: string[] = [];
  const options: string[] = [];
  for (let i = 1; i < build!.length; i++) {
    const item = build![i]!;
    if (!item.startsWith("-")) positionals.push(item);
    else {
      options.push(item.replace(/=.*/, ""));
      if (buildahValueOptions.has(item)) i++;
    }
  }
  // `buildah ... build ... CONTEXT`: the program's own options, then exactly these; one context.
  expect(new Set(options)).toEqual(new Set(options.filter((option) => buildahValueOptions.has(option) || option === "--tls-verify")));
  expect(positionals).toEqual(["build", plan.context ?? "."]);
  expect(optionValues(build!, "build-arg")).toEqual(plan.buildArgs.map(([key, value]) => `${key}=${value}`));
  expect(optionValues(build!, "label")).toEqual(plan.labels.map(([key, value]) => `${key}=${value}`));
  expect(optionValues(build!, "tag")).toHaveLength(plan.tags.length);
  checkReads(optionValues(build!, "file")[0]!, plan.context ?? ".", undefined);
  for (const push of pushes) expect(push.filter((item) => !item.startsWith("-")).length).toBeGreaterThanOrEqual(3);
}

/** What the build reads stays in the workspace. */
function checkReads(dockerfile: string, context: string, subPath: string | undefined): void {
  expect(insideWorkspace(dockerfile), `dockerfile ${dockerfile}`).toBe(true);
  expect(insideWorkspace(context), `context ${context}`).toBe(true);
  if (subPath !== undefined) expect(insideWorkspace(posix.join(context, subPath)), `context sub-path ${subPath}`).toBe(true);
}

describe("injection through step values", () => {
  test(`option-, shell- and path-like values never add an argument or reach outside the workspace (${runs.injection} runs, three builders)`, () => {
    const seen = { translated: 0, refused: 0 };
    assertProperty(
      fc.property(sneakyStep, (input) => {
        const step = stepOf(input);
        for (const mode of ["plugin", "kaniko", "buildah"] as const) {
          const result = outcome(() => ({ plan: planStep(step, { connectors: allConnectors }), container: translateStep(step, { connectors: allConnectors, mode }) }));
          expectPrototypesUntouched();
          if (!result.ok) {
            expectWellFormedProblems(result.problems);
            seen.refused++;
            continue;
          }
          seen.translated++;
          const { plan, container } = result.value;
          expect(handlerFor(plan.stepType).plugin.variant).toBe(variants[input.type]);
          if (mode === "plugin") checkPluginArgv(plan, container);
          else if (mode === "kaniko") checkKanikoArgv(plan, container);
          else checkBuildahArgv(plan, container);
        }
      }),
      runs.injection,
    );
    // Enough of the sneaky values are legitimate that most builders get to run the checks.
    expect(seen.translated).toBeGreaterThan(runs.injection / 5);
    expect(seen.refused).toBeGreaterThan(0);
  }, fuzzTimeout);
});
