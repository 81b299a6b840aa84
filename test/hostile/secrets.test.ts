// A marker secret value, planted everywhere a secret can enter buildpush (a local secrets file,
// connector YAML where references belong, a Secret pipeline variable, text YAML cannot read),
// must not come out of any channel: API results, errors and their messages, renderings, the
// CLI's stdout and stderr for every command and format, and `run`'s output, artifacts and
// failures (the builder itself prints the secret and its base64 login here, on purpose).
import { BuildpushError, ConnectorSet, connectorsFromValues, formatProblem, parseConnectorFile, toDockerRun, toKubernetesJobs, toKubernetesPods } from "@buildpush/core";
import { planPipeline, translatePipeline } from "../support/translator.js";
import { main, type CliIo } from "@buildpush/cli";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runPipeline } from "../../packages/cli/src/run/runner.js";

const marker = "MARKER-7f3a9c-S3cr3t";
const login = Buffer.from(`alice:${marker}`).toString("base64");
const forms = [marker, login, Buffer.from(marker).toString("base64"), encodeURIComponent(marker), Buffer.from(marker).toString("hex")];

/** Fails naming the channel when any form of the marker (plain, base64 login, base64, URL-encoded, hex) is in `text`. (run-masking.test.ts tries every form `run` masks.) */
function expectNoSecret(channel: string, text: string): void {
  for (const form of forms) expect(text.includes(form), `${channel} holds the secret (${form === marker ? "as written" : "encoded"})`).toBe(false);
}

/** Connector YAML with the marker where references belong, and where YAML cannot read it. */
const pastedConnectors: Record<string, string> = {
  "literal-password.yaml": `connector:\n  identifier: hub\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://r.example.com\n    auth:\n      type: UsernamePassword\n      spec:\n        username: alice\n        password: ${marker}\n`,
  "password-as-reference.yaml": `connector:\n  identifier: hub\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://r.example.com\n    auth:\n      type: UsernamePassword\n      spec:\n        username: alice\n        passwordRef: "${marker} !"\n`,
  "aws-secret-key.yaml": `connector:\n  identifier: aws\n  type: Aws\n  spec:\n    credential:\n      type: ManualConfig\n      spec:\n        accessKey: AKIAEXAMPLE\n        secretKey: ${marker}\n        secretKeyRef: [${marker}]\n`,
  "azure-secret.yaml": `connector:\n  identifier: az\n  type: Azure\n  spec:\n    credential:\n      type: ManualConfig\n      spec:\n        applicationId: app\n        tenantId: tenant\n        auth:\n          type: Secret\n          spec:\n            secretRef: {value: ${marker}}\n`,
  "unresolved-alias.yaml": `connector:\n  identifier: hub\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://r.example.com\n    auth: {type: UsernamePassword, spec: {username: alice, passwordRef: *${marker}}}\n`,
  "block-header.yaml": `connector:\n  identifier: hub\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://r.example.com\n    auth:\n      type: UsernamePassword\n      spec:\n        passwordRef: >${marker}\n          x\n`,
  "bad-escape.yaml": `connector:\n  identifier: hub\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://r.example.com\n    auth: {type: UsernamePassword, spec: {username: alice, passwordRef: "\\${marker}"}}\n`,
  "password-in-url.yaml": `connector:\n  identifier: hub\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://alice:${marker}@r.example.com/v2/\n    auth: {type: Anonymous}\n`,
  "password-in-malformed-url.yaml": `connector:\n  identifier: hub\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: "alice:${marker}@r.example.com:x/ y"\n    auth: {type: Anonymous}\n`,
  "control-character.yaml": `connector:\n  identifier: hub\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: "https://r.example.com"\n    auth: {type: UsernamePassword, spec: {username: "alice\\n${marker}", passwordRef: account.p}}\n`,
};

const goodConnectors = `connector:\n  identifier: local\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: http://127.0.0.1:5000\n    auth:\n      type: UsernamePassword\n      spec:\n        username: alice\n        passwordRef: account.registry_pass\n`;

function pipeline(context: string, variables = ""): string {
  return `pipeline:
  identifier: p
  stages:
    - stage:
        identifier: build
        type: CI
${variables}        spec:
          infrastructure: {type: KubernetesDirect, spec: {}}
          execution:
            steps:
              - step:
                  type: BuildAndPushDockerRegistry
                  name: Push
                  identifier: push
                  spec:
                    connectorRef: account.local
                    repo: 127.0.0.1:5000/acme/app
                    tags: ["1.0"]
                    context: ${context}
                    dockerfile: ${context}/Dockerfile
`;
}

/** A Secret variable whose value is the secret itself, pasted. */
const secretVariable = `        variables:\n          - {name: TOKEN, type: Secret, value: "${marker} pasted"}\n`;

function outcomeText(work: () => unknown): string {
  try {
    return JSON.stringify(work());
  } catch (error) {
    if (!(error instanceof BuildpushError)) throw error;
    return [error.message, JSON.stringify(error.problems), ...error.problems.map(formatProblem)].join("\n");
  }
}

describe("a planted secret never comes out", () => {
  test("connector errors: every file with the secret pasted in is refused without repeating it", () => {
    for (const [file, text] of Object.entries(pastedConnectors)) {
      const out = outcomeText(() => new ConnectorSet(parseConnectorFile(text, file)));
      expect(out, file).toMatch(/"code"/);
      expectNoSecret(`parseConnectorFile ${file}`, out);
    }
    const asValues = outcomeText(() => connectorsFromValues([{ identifier: "x", type: "DockerRegistry", spec: { dockerRegistryUrl: "r.example.com", auth: { type: "UsernamePassword", spec: { username: "a", password: marker, passwordRef: `${marker}!` } } } }]));
    expectNoSecret("connectorsFromValues", asValues);
    const handBuilt = outcomeText(() => new ConnectorSet([{ identifier: "x", type: "DockerRegistry", url: `https://alice:${marker}@r.example.com`, auth: { type: "Anonymous" } }]));
    expect(handBuilt).toContain("invalid-registry");
    expectNoSecret("a hand-built connector's URL", handBuilt);
  });

  test("API output and errors: translations, plans and every rendering hold references only", () => {
    const connectors = parseConnectorFile(goodConnectors, "c.yaml");
    const refused = outcomeText(() => translatePipeline(pipeline("app", secretVariable), { connectors }));
    expect(refused).toContain("invalid-secret-reference");
    expectNoSecret("translatePipeline error", refused);
    expectNoSecret("planPipeline error", outcomeText(() => planPipeline(pipeline("app", secretVariable), { connectors })));
    for (const mode of ["plugin", "kaniko", "buildah"] as const) {
      const { steps } = translatePipeline(pipeline("app"), { connectors, mode });
      const rendered = [JSON.stringify(steps), JSON.stringify(toKubernetesPods(steps)), JSON.stringify(toKubernetesJobs(steps)), JSON.stringify(steps.map((step) => toDockerRun(step.container, { secrets: "inherit", files: Object.fromEntries((step.container.files ?? []).map((file, index) => [file.path, `/tmp/credentials-${index}.json`])) })))];
      expect(rendered[0]).toContain("account.registry_pass");
      for (const text of rendered) expectNoSecret(`translate --mode ${mode}`, text);
    }
  });

  describe("buildpush run", () => {
    let workspace: string;
    let fakeBin: string;
    const originalPath = process.env["PATH"];

    beforeAll(() => {
      workspace = mkdtempSync(join(tmpdir(), "buildpush-secrets-test-"));
      mkdirSync(join(workspace, "app"));
      writeFileSync(join(workspace, "app", "Dockerfile"), "FROM scratch\n");
      fakeBin = join(workspace, "bin");
      mkdirSync(fakeBin);
      // A builder that prints everything it was given (argv, the environment's secret-looking
      // values, the auth file) on both streams, and fails when told to: the runner must mask all of it.
      writeFileSync(
        join(fakeBin, "buildah"),
        `#!/usr/bin/env node
const fs = require("node:fs");
const argv = process.argv.slice(2);
const at = (flag) => argv[argv.indexOf(flag) + 1];
if (argv.includes("--version")) { console.log("buildah version fake"); process.exit(0); }
const auth = argv.includes("--authfile") ? fs.readFileSync(at("--authfile"), "utf8") : "";
const login = auth ? Object.values(JSON.parse(auth).auths)[0].auth : "";
const decoded = login ? Buffer.from(login, "base64").toString() : "";
console.log("argv " + JSON.stringify(argv));
console.log("auth file " + auth.replace(/\\n/g, " "));
console.error("login " + login + " decoded " + decoded + " password " + decoded.split(":")[1]);
if (process.env.FAKE_FAIL && argv.includes("push")) { console.error("push failed for " + decoded); process.exit(125); }
if (argv.includes("push")) fs.writeFileSync(at("--digestfile"), "sha256:" + "ab".repeat(32));
`,
      );
      chmodSync(join(fakeBin, "buildah"), 0o755);
      process.env["PATH"] = `${fakeBin}:${originalPath}`;
    });

    afterAll(() => {
      process.env["PATH"] = originalPath;
      rmSync(workspace, { recursive: true, force: true });
    });

    async function runWith(fail: boolean): Promise<{ output: string; failure: string; artifacts: string }> {
      let output = "";
      let failure = "";
      const artifactsDir = join(workspace, fail ? "artifacts-failed" : "artifacts");
      try {
        await runPipeline({
          pipelineText: pipeline(join(workspace, "app")),
          pipelineFile: "pipeline.yaml",
          connectors: new ConnectorSet(parseConnectorFile(goodConnectors, "c.yaml")),
          secrets: new Map([["account.registry_pass", marker]]),
          secretsSource: "secrets.yaml",
          workingDir: workspace,
          artifactsDir,
          output: (text) => (output += text),
          env: { ...process.env, ...(fail ? { FAKE_FAIL: "1" } : {}) },
          killGraceMs: 200,
        });
      } catch (error) {
        failure = error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error);
      }
      let artifacts = "";
      try {
        for (const file of readdirSync(artifactsDir)) artifacts += readFileSync(join(artifactsDir, file), "utf8");
      } catch {
        // No artifact directory when nothing was pushed.
      }
      return { output, failure, artifacts };
    }

    test("the builder's output (argv, auth file, decoded login) is masked, and artifact files hold no secret", async () => {
      const { output, failure, artifacts } = await runWith(false);
      expect(failure).toBe("");
      expect(output).toContain("auth file");
      expect(artifacts).toContain("sha256:");
      expectNoSecret("run output", output);
      expectNoSecret("run artifact files", artifacts);
    });

    test("a failing push's message and the failure are masked", async () => {
      const { output, failure } = await runWith(true);
      expect(failure).not.toBe("");
      expectNoSecret("run output of a failed step", output);
      expectNoSecret("run failure", failure);
    });

    test("the CLI: translate (every format), validate, explain and run print no secret on stdout or stderr", async () => {
      const files: Record<string, string> = {
        "pipeline.yaml": pipeline(join(workspace, "app")),
        "bad-pipeline.yaml": pipeline(join(workspace, "app"), secretVariable),
        "connectors.yaml": goodConnectors,
        "secrets.yaml": `account.registry_pass: ${marker}\n`,
        "secrets.env": `account.registry_pass="${marker}"\n`,
        "broken-secrets.yaml": `account.registry_pass: ${marker}\n  bad: [${marker}\n`,
        "broken-secrets.env": `account.registry_pass="${marker}\n`,
        ...Object.fromEntries(Object.entries(pastedConnectors).map(([name, text]) => [`pasted/${name}`, text])),
      };
      const io = (): CliIo & { out: () => string } => {
        let text = "";
        return {
          stdout: (chunk) => void (text += chunk),
          stderr: (chunk) => void (text += chunk),
          readFile: (path) => {
            const content = files[path];
            if (content === undefined) throw Object.assign(new Error("no such file"), { code: "ENOENT" });
            return content;
          },
          out: () => text,
        };
      };
      const commands: string[][] = [
        ...["json", "yaml", "kubernetes", "docker"].flatMap((format) => [
          ["translate", "pipeline.yaml", "--connectors", "connectors.yaml", "--format", format],
          ["translate", "bad-pipeline.yaml", "--connectors", "connectors.yaml", "--format", format],
        ]),
        ...["plugin", "kaniko", "buildah"].map((mode) => ["translate", "pipeline.yaml", "--connectors", "connectors.yaml", "--mode", mode]),
        ["validate", "bad-pipeline.yaml", "--connectors", "connectors.yaml"],
        ["explain", "pipeline.yaml", "--connectors", "connectors.yaml", "--format", "json"],
        ...Object.keys(pastedConnectors).flatMap((name) => [
          ["validate", "pipeline.yaml", "--connectors", "connectors.yaml", "--connectors", `pasted/${name}`],
          ["translate", "pipeline.yaml", "--connectors", `pasted/${name}`],
        ]),
        ["run", "pipeline.yaml", "--connectors", "connectors.yaml", "--secrets", "secrets.yaml", "--artifacts", join(workspace, "cli-artifacts")],
        ["run", "pipeline.yaml", "--connectors", "connectors.yaml", "--secrets", "secrets.env", "--artifacts", join(workspace, "cli-artifacts")],
        ["run", "pipeline.yaml", "--connectors", "connectors.yaml", "--secrets", "broken-secrets.yaml"],
        ["run", "pipeline.yaml", "--connectors", "connectors.yaml", "--secrets", "broken-secrets.env"],
        ["run", "bad-pipeline.yaml", "--connectors", "connectors.yaml", "--secrets", "secrets.yaml"],
      ];
      const exits: number[] = [];
      for (const args of commands) {
        const channel = io();
        exits.push(await main(args, channel));
        expectNoSecret(`buildpush ${args.join(" ")}`, channel.out());
        expect(channel.out()).not.toContain("internal error");
      }
      // Both the runs that build and those refused before building were exercised.
      expect(exits.slice(-5)).toEqual([0, 0, 1, 1, 1]);
    });
  });
});
