import type { ProblemCode, Severity } from "./problem.js";

/**
 * The rule catalogue: for every ProblemCode, what it catches, why, a failing example and the
 * fix. It is typed by ProblemCode, so a code without an entry does not compile. `docs/rules.md`
 * is generated from it (`pnpm generate`), the CLI's SARIF output takes its rule descriptions from
 * it, and a test runs every example and expects its code.
 */
export interface ProblemRule {
  /** How the problem is reported. */
  severity: Severity;
  /** Where the same code is reported with the other severity, when it is. */
  otherSeverity?: string;
  /** What it catches, in one sentence (SARIF's short description). */
  catches: string;
  /** Why it is a problem: what Harness or the registry would do with it. */
  why: string;
  example: RuleExample;
  /** What to write instead. */
  fix: string;
}

/**
 * A file that has the problem. `step` is a step of a one-stage Kubernetes pipeline; `pipeline`
 * a whole pipeline file; `connectors` a connector file; `api-step` a step handed to the API
 * (`translateStep`). The pipeline is checked as `buildpush validate` does (as written), with the
 * connectors of `examples/connectors.yaml` and `connectors`.
 */
export interface RuleExample {
  kind: "step" | "pipeline" | "connectors" | "api-step";
  yaml: string;
  /** Connector YAML the example needs beyond examples/connectors.yaml. */
  connectors?: string;
  /** The backend (`--mode`) the problem belongs to. */
  mode?: string;
  /** Checked as `translate` reads the file (expressions must be resolved), not as written. */
  resolved?: boolean;
  /** What docs/rules.md shows when `yaml` is too long to read (the test still runs `yaml`). */
  shown?: string;
}

const dockerStep = (spec: string, wrapper = "name: Push\nidentifier: push"): string => `type: BuildAndPushDockerRegistry
${wrapper}
spec:
  connectorRef: account.dockerhub
${spec}`;

const ecrStep = (spec: string): string => `type: BuildAndPushECR
name: Push
identifier: push
spec:
  connectorRef: account.aws_prod
${spec}`;

/** A one-stage pipeline with `infrastructure` (YAML under the stage's spec) and its steps (one, or a list). */
const stagePipeline = (stageSpec: string, steps: string | readonly string[], variables = ""): string => `pipeline:
  identifier: p
  name: p
  stages:
    - stage:
        identifier: build
        name: build
        type: CI
        spec:
${indent(stageSpec, 10)}
          execution:
            steps:
${(typeof steps === "string" ? [steps] : steps).map((step) => `              - step:\n${indent(step, 18)}`).join("\n")}
${variables ? indent(variables, 8) : ""}`.trimEnd() + "\n";

function indent(text: string, by: number): string {
  return text
    .trim()
    .split("\n")
    .map((line) => (line === "" ? line : " ".repeat(by) + line))
    .join("\n");
}

const cloud = "platform: {os: Linux, arch: Amd64}\nruntime:\n  type: Cloud\n  spec: {}";
const vm = "infrastructure:\n  type: VM\n  spec:\n    type: Pool\n    spec: {poolName: linux-pool}\nplatform: {os: Linux, arch: Amd64}";

export const problemRules: { readonly [Code in ProblemCode]: ProblemRule } = {
  "yaml-syntax": {
    severity: "error",
    catches: "A file that is not valid YAML, or that goes beyond the YAML limits (size, nesting, aliases).",
    why: "Nothing of a file that does not parse can be checked; Harness refuses it too.",
    example: { kind: "pipeline", yaml: "pipeline:\n  identifier: p\n  stages: [\n" },
    fix: "Fix the YAML at the position given (an unclosed bracket, a tab used for indentation, a bad indentation).",
  },
  "yaml-duplicate-key": {
    severity: "error",
    catches: "A key written twice in one map.",
    why: "The YAML spec forbids it and YAML readers disagree on which value wins: the value Harness uses may not be the one you read.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  repo: acme/web") },
    fix: "Keep one of the two keys; the message names the line of the first.",
  },
  "yaml-unsupported": {
    severity: "error",
    catches: "YAML that readers disagree on: a merge key (`<<`), a tag of a type outside YAML 1.2's core schema (`!!omap`, `!!set`, `!!binary`, `!!timestamp`, a local `!tag`), or a core tag its value does not fit (`!!bool yes`).",
    why: "YAML 1.1 readers merge `<<` maps and build ordered maps, sets and bytes; YAML 1.2 readers keep a key named `<<` and have none of those types. What Harness's reader makes of the file cannot be known from its text (before, such nodes were dropped or changed silently).",
    example: { kind: "step", yaml: dockerStep("  <<: {repo: acme/app}\n  tags: [latest]") },
    fix: "Write the fields out instead of merging them, and the values as plain YAML without a tag (quote a key that is really named `<<`: `\"<<\"`).",
  },
  "not-a-pipeline": {
    severity: "error",
    catches: "A pipeline file without a `pipeline:` map at its root, or with several YAML documents.",
    why: "buildpush reads Harness v0 pipeline YAML; anything else holds no steps it could find.",
    example: { kind: "pipeline", yaml: "stages:\n  - stage: {identifier: build}\n" },
    fix: "Put the pipeline under `pipeline:` (identifier, name, stages), one pipeline per file.",
  },
  "invalid-identifier": {
    severity: "error",
    catches: "A step or connector identifier Harness refuses.",
    why: "Harness identifiers start with a letter or `_` and hold letters, digits and `_`; expressions refer to steps by them.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]", "name: Push\nidentifier: push-image") },
    otherSeverity: "a pipeline's `orgIdentifier` or `projectIdentifier` that is not an identifier is a warning: it only scopes connector references, which are then looked up as if it were absent",
    fix: "Write the identifier with letters, digits and `_` (`push_image`).",
  },
  "invalid-name": {
    severity: "error",
    catches: "A step name Harness's pattern refuses.",
    why: "Harness refuses the pipeline when a name starts with another character or is longer than 128.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]", 'name: "#push"\nidentifier: push') },
    fix: "Start the name with a letter, digit, `_`, `-` or `.` and keep to letters, digits, spaces, `_`, `-` and `.`.",
  },
  "missing-field": {
    severity: "error",
    catches: "A required field that is missing or empty (a step's `repo`, `tags`, ECR's `account` and `region`, the step's name or identifier).",
    why: "Harness fails the step with `Failed to resolve mandatory field` (or `Environment variable PLUGIN_... can't be empty or null`) when it runs.",
    example: { kind: "step", yaml: dockerStep("  tags: [latest]") },
    fix: "Give the field; its step page in docs/steps/ lists what each step type needs.",
  },
  "unresolved-input": {
    severity: "error",
    catches: "A runtime input (`<+input>`) still in the step when it is translated.",
    why: "Harness asks for the value when the pipeline runs; a translation has no form to ask with, and the plugin would get the text `<+input>`.",
    example: { kind: "step", yaml: dockerStep("  repo: <+input>\n  tags: [latest]"), resolved: true },
    fix: "Give the value: an input set (`--input-set`), `--set pipeline.variables.NAME=VALUE`, or a `.default(...)`; `buildpush validate` checks the file as written and accepts it.",
  },
  "unresolved-expression": {
    severity: "error",
    catches: "A Harness expression (`<+...>`) nothing resolved when the step is translated.",
    why: "Harness resolves expressions at run time; a translation that kept the text would build with the wrong tag or repository.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [<+pipeline.sequenceId>]"), resolved: true },
    fix: "Give its value: `--set pipeline.sequenceId=42` or `--values FILE` (`values` in the API); `buildpush validate` checks the file as written and accepts it.",
  },
  "wrong-type": {
    severity: "error",
    catches: "A field of the wrong type: a list where a string goes, a map where a list goes, a word for a boolean.",
    why: "Harness fails to read the step, or reads something else than you meant.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: latest") },
    fix: "Write the type the field takes (tags are a list: `tags: [latest]`).",
  },
  "unknown-field": {
    severity: "warning",
    otherSeverity: "an unknown key on the step itself (beside type, name, identifier, spec, timeout, ...) is an error",
    catches: "A key in a step's spec that the step type does not have (often a misspelt one).",
    why: "Harness ignores unknown keys in the spec, so the step runs without what the key was meant to set.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  tagz: [v1]") },
    fix: "Correct the key (the message names the nearest known one) or remove it.",
  },
  "empty-tags": {
    severity: "error",
    catches: "A step with an empty list of tags.",
    why: "Harness fails the step with `Environment variable PLUGIN_TAGS can't be empty or null`.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: []") },
    fix: "Give at least one tag.",
  },
  "invalid-tag": {
    severity: "error",
    catches: "A tag a registry refuses: a `/`, a space, a leading `.` or `-`, more than 128 characters.",
    why: "Harness passes tags through; the push fails after the whole build ran.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [feature/<+codebase.branch>]") },
    fix: "Use letters, digits, `_`, `.` and `-` (`feature-<+codebase.branch>` still breaks on branch names with `/`: prefer `<+codebase.shortCommitSha>`).",
  },
  "invalid-repository": {
    severity: "error",
    catches: "A repository a registry refuses: uppercase letters, a tag or digest inside it, a bad host; an ECR image name holding a registry on Kubernetes.",
    why: "The push fails at the end of the build; on Kubernetes kaniko-ecr puts the registry before the image name, so a name that already holds one is doubled.",
    example: { kind: "step", yaml: dockerStep("  repo: Acme/App\n  tags: [latest]") },
    fix: "Write the repository in lowercase, without a tag (`acme/app`); give ECR's image name without the registry.",
  },
  "invalid-registry": {
    severity: "error",
    catches: "A registry that cannot exist: an ECR account that is not digits, a region that is not an AWS region name, a Docker connector URL that is not a registry URL.",
    why: "The registry host (`<account>.dkr.ecr.<region>.amazonaws.com`, the connector's URL) would not resolve, and the push fails after the build.",
    example: { kind: "step", yaml: ecrStep("  account: \"123456789012\"\n  region: US-EAST-1\n  imageName: app\n  tags: [latest]") },
    fix: "Write the 12-digit account ID and the region as AWS names it (`us-east-1`).",
  },
  "invalid-map-entry": {
    severity: "error",
    catches: "A build arg or label whose key holds `=`, `,` or a space, or whose value holds a comma.",
    why: "Harness hands the map to the plugin as `k=v,k=v`, so a comma splits one entry into two wrong ones.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  buildArgs:\n    PLATFORMS: linux/amd64,linux/arm64") },
    fix: "Remove the comma; for a build arg that needs one, set `PLUGIN_BUILD_ARGS_NEW` (split on `;`) with `PLUGIN_MULTIPLE_BUILD_ARGS: \"true\"`.",
  },
  "invalid-list-item": {
    severity: "error",
    catches: "A `cacheFrom` item that is empty or holds `;`.",
    why: "Harness joins the items with `;` for the plugin, which splits them again.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  cacheFrom: [\"type=registry,ref=a;b\"]") },
    fix: "Give each cache source as its own item.",
  },
  "invalid-memory": {
    severity: "error",
    catches: "A memory limit Harness cannot read.",
    why: "Harness fails the step with `Invalid format for memory`.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  resources:\n    limits: {memory: 2GB}") },
    fix: "Write a number with G, M, Gi or Mi (`2Gi`).",
  },
  "invalid-cpu": {
    severity: "error",
    catches: "A cpu limit Harness cannot read.",
    why: "Harness fails the step with `Invalid format for cpu`.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  resources:\n    limits: {cpu: 2 cores}") },
    fix: "Write cores (`0.5`, `2`) or millicores (`500m`).",
  },
  "invalid-run-as-user": {
    severity: "error",
    catches: "A `runAsUser` (or `runAsGroup`) that is not a user ID.",
    why: "Harness fails with `Invalid value X, Value should be number`; Kubernetes takes IDs from 0 to 2147483647.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  runAsUser: root") },
    fix: "Write the numeric user ID (`0` for root).",
  },
  "invalid-timeout": {
    severity: "error",
    catches: "A step timeout that is not a duration.",
    why: "Harness's runtime cannot set a deadline from it.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]", "name: Push\nidentifier: push\ntimeout: 10 minutes") },
    fix: "Write numbers with units ms, s, m, h, d or w (`10m`, `1h 30m`).",
  },
  "invalid-env-name": {
    severity: "error",
    catches: "An `envVariables` key or a pipeline/stage variable name that cannot be an environment variable.",
    why: "The variable would be dropped or refused when the container starts.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  envVariables:\n    1ST_FLAG: \"true\"") },
    fix: "Start the name with a letter or `_` and use letters, digits and `_`.",
  },
  "duplicate-variable": {
    severity: "error",
    catches: "A pipeline or stage variable declared twice in its list (whatever their types).",
    why: "Which declaration wins depends on the reader: a Secret and a String of one name could leave the step with neither, or with the value where a reference was meant. A stage variable over a pipeline variable of the same name is not a duplicate (the stage's wins).",
    example: { kind: "pipeline", yaml: stagePipeline("infrastructure:\n  type: KubernetesDirect\n  spec: {connectorRef: account.k8s, namespace: builds}", dockerStep("  repo: acme/app\n  tags: [latest]"), "variables:\n  - {name: REGION, type: String, value: eu-west-1}\n  - {name: REGION, type: String, value: us-east-1}") },
    fix: "Remove one of the two declarations, or give one another name.",
  },
  "invalid-image-pull-policy": {
    severity: "error",
    catches: "A stage `imagePullPolicy` that is not Always, IfNotPresent or Never.",
    why: "Kubernetes refuses the pod.",
    example: { kind: "pipeline", yaml: stagePipeline("infrastructure:\n  type: KubernetesDirect\n  spec: {connectorRef: account.k8s, namespace: builds, imagePullPolicy: Sometimes}", dockerStep("  repo: acme/app\n  tags: [latest]")) },
    fix: "Write Always, IfNotPresent or Never.",
  },
  "unknown-connector": {
    severity: "error",
    catches: "A `connectorRef` (or base image connector) that none of the connector files given defines in the scope the reference names: `account.x` the account's connector, `org.x` the pipeline's organization's, a bare `x` the pipeline's own project's.",
    why: "Without its connector the registry and credentials are unknown; a connector of another scope or project is never used in its place (Harness's scoping). `buildpush validate` without `--connectors` does not look connectors up (they live in Harness).",
    example: { kind: "step", yaml: "type: BuildAndPushDockerRegistry\nname: Push\nidentifier: push\nspec:\n  connectorRef: dockerhub\n  repo: acme/app\n  tags: [latest]" },
    fix: "Write the reference with the connector's scope (`account.dockerhub` for the account's: the hint names the reference to write when the connector is defined in another scope), correct a misspelt one, or pass the connector's YAML with `--connectors`.",
  },
  "duplicate-connector": {
    severity: "error",
    catches: "Two connectors with the same identifier in one scope.",
    why: "A reference could name either; Harness keeps identifiers unique.",
    example: { kind: "connectors", yaml: "connector:\n  identifier: hub\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://index.docker.io/v2/\n    auth: {type: Anonymous}\n---\nconnector:\n  identifier: hub\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://registry.example.com\n    auth: {type: Anonymous}\n" },
    fix: "Give each connector its own identifier, or remove the copy.",
  },
  "invalid-connector": {
    severity: "error",
    catches: "Connector YAML that is not a connector buildpush can read: no `connector:` root, no spec, a type build-and-push steps do not use.",
    why: "A step's registry and credentials come from its connector.",
    example: { kind: "connectors", yaml: "connector:\n  identifier: hub\n  type: DockerRegistry\n  dockerRegistryUrl: https://index.docker.io/v2/\n" },
    fix: "Export the connector's YAML from Harness (`connector:` with identifier, type and spec).",
  },
  "wrong-connector-type": {
    severity: "error",
    catches: "A connector of another type than the step pushes with (an AWS connector on a Docker step; a base image connector that is not a Docker registry).",
    why: "Harness refuses the step: each step type pushes with its own connector type.",
    example: { kind: "step", yaml: "type: BuildAndPushDockerRegistry\nname: Push\nidentifier: push\nspec:\n  connectorRef: account.aws_prod\n  repo: acme/app\n  tags: [latest]" },
    fix: "Use a connector of the step's type, or the step type for that registry (BuildAndPushECR for ECR).",
  },
  "missing-connector-secret": {
    severity: "error",
    catches: "A connector without the secret its auth needs (a password, a secret key, a client secret or certificate).",
    why: "Harness fails with `... does not exist for connector with identifier X`.",
    example: { kind: "connectors", yaml: "connector:\n  identifier: registry\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://registry.example.com\n    auth:\n      type: UsernamePassword\n      spec: {username: ci}\n" },
    fix: "Give the secret's reference (`passwordRef: account.registry_password`).",
  },
  "unsupported-connector-auth": {
    severity: "error",
    catches: "A connector auth the step cannot push with (an unknown auth type; on Kubernetes, a Docker step pushing without a login).",
    why: "The kaniko plugin for Docker registries stops with `Username must be specified for registry` before building.",
    example: {
      kind: "step",
      yaml: "type: BuildAndPushDockerRegistry\nname: Push\nidentifier: push\nspec:\n  connectorRef: account.anonymous_hub\n  repo: acme/app\n  tags: [latest]",
      connectors: "connector:\n  identifier: anonymous_hub\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://index.docker.io/v2/\n    auth: {type: Anonymous}\n",
    },
    fix: "Use a connector with UsernamePassword auth, set `PLUGIN_NO_PUSH: \"true\"` to build only, or use `--mode kaniko` or `buildah`.",
  },
  "too-many-base-image-connectors": {
    severity: "error",
    catches: "More than one base image connector.",
    why: "Harness fails with `Only a single base image connector is allowed.`",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  baseImageConnectorRefs: [account.dockerhub, account.mirror]") },
    fix: "Keep one.",
  },
  "base-image-connector-not-allowed": {
    severity: "error",
    catches: "A base image connector on an ECR step in a VM or Harness Cloud stage.",
    why: "Harness fails with `Base image connector is not allowed for VM Infrastructure.`",
    example: { kind: "pipeline", yaml: stagePipeline(vm, ecrStep("  account: \"123456789012\"\n  region: us-east-1\n  imageName: app\n  tags: [latest]\n  baseImageConnectorRefs: [account.dockerhub]")) },
    fix: "Remove `baseImageConnectorRefs` from the step.",
  },
  "not-allowed-on-windows": {
    severity: "error",
    catches: "A build-and-push step in a Windows Kubernetes stage.",
    why: "Harness refuses it: `step not allowed in windows kubernetes builds` (kaniko runs on Linux pods only).",
    example: { kind: "pipeline", yaml: stagePipeline("infrastructure:\n  type: KubernetesDirect\n  spec: {connectorRef: account.k8s, namespace: builds, os: Windows}", dockerStep("  repo: acme/app\n  tags: [latest]")) },
    fix: "Run the step in a Linux stage.",
  },
  "unknown-step-type": {
    severity: "error",
    catches: "A step handed to the API whose type none of the translator's handlers translates.",
    why: "The translator was made without that step type (in a pipeline file, other step types are left alone).",
    example: { kind: "api-step", yaml: "type: Run\nname: Test\nidentifier: test\nspec:\n  command: make test" },
    fix: "Compose the translator with that step's handler (`createTranslator({ handlers })`), or pass only build-and-push steps.",
  },
  "invalid-option": {
    severity: "error",
    catches: "An option buildpush cannot use: an unknown mode or plugin image name, a bad image reference, an input set value for a field that is not a runtime input, `useFromStage` naming no earlier stage.",
    otherSeverity: "a `platform` on a KubernetesDirect stage is a warning: it is ignored there",
    why: "The translation would not be the one asked for.",
    example: { kind: "pipeline", yaml: stagePipeline("infrastructure:\n  type: UseFromStage\n  useFromStage: setup", dockerStep("  repo: acme/app\n  tags: [latest]")) },
    fix: "Correct the option as the message says.",
  },
  "unsupported-runtime-flag": {
    severity: "error",
    catches: "In kaniko mode, a `PLUGIN_*` variable kaniko has no flag for, or a runtime flag that is a secret.",
    why: "Kaniko mode turns runtime flags into executor arguments; a name with no equivalent would be dropped silently, and a secret would be visible in the pod spec.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  envVariables:\n    PLUGIN_PUSH_ONLY: \"true\""), mode: "kaniko" },
    fix: "Remove the variable, or use plugin mode, where the plugin reads it.",
  },
  "invalid-runtime-flag": {
    severity: "error",
    catches: "A runtime flag (`PLUGIN_*`) whose value the plugin cannot read (`PLUGIN_NO_PUSH: yes`), or that cannot work with the step.",
    why: "The kaniko plugin reads flags as Go does and stops before building on anything else.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  envVariables:\n    PLUGIN_NO_PUSH: \"yes\"") },
    fix: "Write `true` or `false` for booleans (Go's forms: 1, t, TRUE, 0, f, FALSE...), a number for integers.",
  },
  "unsupported-in-mode": {
    severity: "error",
    catches: "A step the chosen backend cannot run as written (in kaniko mode, an AWS connector with a cross-account role).",
    why: "Only the plugin knows how to do it (assume the role); the executor alone would push with the wrong identity.",
    example: {
      kind: "step",
      yaml: "type: BuildAndPushECR\nname: Push\nidentifier: push\nspec:\n  connectorRef: account.aws_cross\n  account: \"123456789012\"\n  region: us-east-1\n  imageName: app\n  tags: [latest]",
      connectors: "connector:\n  identifier: aws_cross\n  type: Aws\n  spec:\n    credential:\n      type: ManualConfig\n      spec: {accessKeyRef: account.aws_key, secretKeyRef: account.aws_secret}\n      crossAccountAccess: {crossAccountRoleArn: \"arn:aws:iam::111111111111:role/push\"}\n",
      mode: "kaniko",
    },
    fix: "Use plugin mode, or give the pod a role that can push.",
  },
  "invalid-character": {
    severity: "error",
    catches: "A control character (NUL, escape, a line break in a one-line field) in a spec string, a name, a key or a variable.",
    why: "NUL cannot reach a process; escape sequences and line breaks forge or garble log lines.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  target: \"release\\u001b[2J\"") },
    fix: "Remove the character.",
  },
  "invalid-path": {
    severity: "error",
    catches: "A dockerfile, context, context sub-path or shared path outside the workspace, or starting with `-`.",
    why: "Outside `/harness`, `COPY` could read the build container's own files (its registry credentials); a leading `-` is read as an option.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  dockerfile: ../../kaniko/.docker/config.json") },
    fix: "Give a path inside the workspace (relative to the repository).",
  },
  "invalid-target": {
    severity: "error",
    catches: "A `target` that cannot be a Dockerfile stage name.",
    why: "The build fails when the target stage is looked up.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  target: release stage") },
    fix: "Write the stage name from the Dockerfile's `FROM ... AS name`.",
  },
  "invalid-secret-reference": {
    severity: "error",
    catches: "A secret reference that is not one (`<+secrets.getValue(...)>` naming no identifier; a Secret variable holding what looks like a pasted value).",
    why: "Secrets travel as references; a pasted value would reach every output (it is never repeated in the message).",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  envVariables:\n    NPM_TOKEN: <+secrets.getValue(\"npm token\")>") },
    fix: "Name the secret by its identifier, optionally prefixed with `account.` or `org.`.",
  },
  "too-many-problems": {
    severity: "error",
    catches: "A call with more than 1000 problems: the first 1000 are kept, and this last problem says how many more there were (its `value`).",
    why: "A hostile or broken file (a million bad tags) would otherwise cost seconds of formatting and gigabytes of memory; 1000 problems are enough to start fixing by.",
    example: {
      kind: "step",
      yaml: dockerStep(`  repo: acme/app\n  tags: [${Array.from({ length: 1001 }, () => '"x/"').join(", ")}]`),
      shown: dockerStep('  repo: acme/app\n  tags: ["x/", "x/", "x/", ...]   # 1001 tags, each refused (invalid-tag)'),
    },
    fix: "Fix the problems shown and run buildpush again to see the rest.",
  },
  "invalid-runtime-input": {
    severity: "error",
    catches: "A runtime input whose modifiers cannot work: a default outside the allowed values, a regex that does not compile or refuses the default, an unknown modifier.",
    why: "Harness's run form would offer a value the field refuses, or none at all.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [<+input>.default(dev).allowedValues(prod,staging)]") },
    fix: "Make the default one of the allowed values, and use `default`, `allowedValues`, `regex`, `executionInput`, `selectOneFrom` or `selectManyFrom`.",
  },
  "secret-not-allowed": {
    severity: "error",
    catches: "A `<+secrets.getValue(...)>` where a secret cannot go: in a build arg, a label, a tag, or composed into text.",
    why: "buildpush carries secrets as references; a build arg or label reaches the container (and the image) as plain text.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  buildArgs:\n    NPM_TOKEN: <+secrets.getValue(\"npm_token\")>") },
    fix: "Pass the secret as the whole value of an `envVariables` entry, or mount it as a build secret.",
  },
  "repository-not-on-registry": {
    severity: "error",
    catches: "A Docker registry step whose connector is not Docker Hub and whose `repo` does not name that registry.",
    why: "Harness's docs say the repository must be fully qualified for private registries: the plugins push `acme/app` to Docker Hub, with the other registry's credentials.",
    example: {
      kind: "step",
      yaml: "type: BuildAndPushDockerRegistry\nname: Push\nidentifier: push\nspec:\n  connectorRef: account.registry\n  repo: acme/app\n  tags: [latest]",
      connectors: "connector:\n  identifier: registry\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://registry.example.com\n    auth:\n      type: UsernamePassword\n      spec: {username: ci, passwordRef: account.registry_password}\n",
    },
    fix: "Write the repository with the registry's host (`registry.example.com/acme/app`).",
  },
  "ignored-runtime-flag": {
    severity: "warning",
    catches: "A runtime flag (`PLUGIN_*`) the plugin Harness runs for the step does not read.",
    why: "Each plugin reads its own flags: the kaniko plugins on Kubernetes (`PLUGIN_NO_PUSH`, and `PLUGIN_SKIP_TLS_VERIFY` only for Docker registries), drone-docker on VMs (`PLUGIN_DRY_RUN`). Harness passes the variable on and the plugin builds as if it were not there.",
    example: { kind: "step", yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  envVariables:\n    PLUGIN_DRY_RUN: \"true\"") },
    fix: "Use the flag that plugin reads (the hint names it), or remove the variable.",
  },
  "kaniko-needs-root": {
    severity: "warning",
    catches: "A build-and-push step in a Kubernetes stage that runs as non-root (`runAsNonRoot: true` or a non-zero `runAsUser`), without `runAsUser: 0` on the step.",
    why: "On Kubernetes the step runs kaniko, which needs root: the container is refused (or the build fails) when the pipeline runs.",
    example: { kind: "pipeline", yaml: stagePipeline("infrastructure:\n  type: KubernetesDirect\n  spec:\n    connectorRef: account.k8s\n    namespace: builds\n    containerSecurityContext: {runAsNonRoot: true, runAsUser: 1000}", dockerStep("  repo: acme/app\n  tags: [latest]")) },
    fix: "Set `runAsUser: 0` on the step (the docs' way), or build without root (`--mode buildah`, Harness's Buildah plugin).",
  },
  "base-image-connector-shares-prefix": {
    severity: "warning",
    catches: "A base image connector for the same registry host as the push connector, but another connector.",
    why: "Harness's docs: pushing to and pulling from two registries with the same URL prefix is not supported; the second registry's credentials overwrite the first in the Docker config file.",
    example: {
      kind: "step",
      yaml: dockerStep("  repo: acme/app\n  tags: [latest]\n  baseImageConnectorRefs: [account.hub_mirror]"),
      connectors: "connector:\n  identifier: hub_mirror\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://index.docker.io/v1/\n    auth:\n      type: UsernamePassword\n      spec: {username: puller, passwordRef: account.puller_token}\n",
    },
    fix: "Drop the base image connector (the push connector's login also pulls), or pull base images from a registry with a URL of its own.",
  },
  "step-not-supported-on-infrastructure": {
    severity: "warning",
    catches: "A step type Harness documents for other infrastructure only (Build and Push to ACR outside Kubernetes).",
    why: "Harness's docs support the ACR step on Kubernetes only; elsewhere they send you to the Docker registry step.",
    example: { kind: "pipeline", yaml: stagePipeline(cloud, "type: BuildAndPushACR\nname: Push\nidentifier: push\nspec:\n  connectorRef: account.azure\n  repository: acme.azurecr.io/app\n  tags: [latest]") },
    fix: "Use BuildAndPushDockerRegistry with a Docker registry connector for `acme.azurecr.io`, or a Kubernetes stage.",
  },
  "connector-through-delegate": {
    severity: "warning",
    catches: "On Harness Cloud, an AWS connector that connects through a delegate (`executeOnDelegate: true`, or credentials inherited from the delegate or IRSA).",
    why: "Harness's docs: with Harness Cloud build infrastructure the connector's connectivity mode must be Connect through Harness Platform; there is no delegate to connect through.",
    example: {
      kind: "pipeline",
      yaml: stagePipeline(cloud, "type: BuildAndPushECR\nname: Push\nidentifier: push\nspec:\n  connectorRef: account.aws_delegate\n  account: \"123456789012\"\n  region: us-east-1\n  imageName: app\n  tags: [latest]"),
      connectors: "connector:\n  identifier: aws_delegate\n  type: Aws\n  spec:\n    credential:\n      type: ManualConfig\n      spec: {accessKeyRef: account.aws_key, secretKeyRef: account.aws_secret}\n    executeOnDelegate: true\n",
    },
    fix: "Set the connector's connectivity mode to Connect through Harness Platform (`executeOnDelegate: false`, with access keys).",
  },
  "no-infrastructure": {
    severity: "warning",
    catches: "A stage with build-and-push steps and no infrastructure (or runtime) buildpush knows.",
    why: "The infrastructure picks the plugin (kaniko on Kubernetes, drone-docker on VMs); buildpush assumes Kubernetes, which may not be what Harness runs.",
    example: { kind: "pipeline", yaml: stagePipeline("cloneCodebase: true", dockerStep("  repo: acme/app\n  tags: [latest]")) },
    fix: "Give the stage its infrastructure (`infrastructure: {type: KubernetesDirect, ...}`, `type: VM`, or `runtime: {type: Cloud}`), or pass `--infra`.",
  },
  "duplicate-push": {
    severity: "warning",
    catches: "Two steps of a pipeline that push the same `repository:tag` (one stage per architecture, each pushing `app:1.0`).",
    why: "Harness runs both; the later push replaces the earlier image without a word, so only the last architecture (or build) is left under the tag.",
    example: {
      kind: "pipeline",
      yaml: stagePipeline(
        "infrastructure:\n  type: KubernetesDirect\n  spec: {connectorRef: account.k8s, namespace: builds}",
        ["amd64", "arm64"].map((arch) => dockerStep('  repo: acme/app\n  tags: ["1.0"]', `name: Push ${arch}\nidentifier: push_${arch}`)),
      ),
    },
    fix: "Give each push its own tag (`1.0-amd64`, `1.0-arm64`) and combine them into one manifest list, or build every platform in one step.",
  },
  "missing-layer-cache": {
    severity: "warning",
    catches: "On a VM (the buildx path), `caching: true` without a layer cache to keep the layers in (the `layerCache` option, `--layer-cache REPOSITORY`), or with one that makes no image reference for the step's image.",
    why: "Harness Cloud keeps the layers in storage of its own, which another engine cannot reach: without a registry repository to cache to, the step builds, but without a cache.",
    example: { kind: "pipeline", yaml: stagePipeline(vm, dockerStep("  repo: acme/app\n  tags: [latest]\n  caching: true")) },
    fix: "Pass a registry repository the builder can push to (`--layer-cache registry.example.com/buildcache`), or set `cacheFrom` and `cacheTo` yourself and leave `caching` out.",
  },
  "unknown-template": {
    severity: "warning",
    catches: "A step, step group or stage that uses a template buildpush was not given.",
    why: "Its build-and-push steps live in the template: without it they are not checked or translated.",
    example: { kind: "step", yaml: "name: Push\nidentifier: push\ntemplate:\n  templateRef: account.build_and_push\n  versionLabel: v1" },
    fix: "Pass the template's YAML with `--templates FILE` (several templates may share one file).",
  },
  "invalid-template": {
    severity: "error",
    catches: "A template file buildpush cannot use, or a template use it cannot expand (a template of another type, inputs the template does not take).",
    why: "The steps of the template cannot be checked as Harness would run them.",
    example: { kind: "step", yaml: "name: Push\nidentifier: push\ntemplate: account.build_and_push" },
    fix: "Write the use as `template: {templateRef, versionLabel, templateInputs}` and give templates in Harness's template YAML (`template:` root, type Step, StepGroup or Stage).",
  },
};
