// Connector references follow Harness's scopes (issue 18, item 10): a bare reference is the
// pipeline's own project's connector, org.x its organization's, account.x the account's. A
// connector of another project is never used, whatever the files hold.
import { BuildpushError, parseConnectorFile } from "@buildpush/core";
import { describe, expect, test } from "vitest";
import { readRepoFile } from "../support/fixtures.js";
import { dockerPipeline } from "../support/pipeline-template.js";
import { problemsOf } from "../support/problems.js";
import { runCli } from "../support/run-cli.js";
import { translatePipeline, translateStep } from "../support/translator.js";

const connectors = parseConnectorFile(readRepoFile("test/hostile/connectors/project-scoped.yaml"), "project-scoped.yaml");

// The project connectors are private registries, so the repository names one (repository-not-on-registry).
const pipeline = (project: string, ref: string, org = "default", repo?: string) =>
  dockerPipeline({ pipeline: [...(org ? [`orgIdentifier: ${org}`] : []), ...(project ? [`projectIdentifier: ${project}`] : [])], connectorRef: ref, ...(repo ? { repo } : {}) });

const registryOf = (yaml: string) => translatePipeline(yaml, { connectors }).steps[0]!.container.env["PLUGIN_REGISTRY"];

describe("connector scopes", () => {
  test("a bare reference is the pipeline's own project's connector, never another project's", () => {
    expect(registryOf(pipeline("p", "hub", "default", "registry.p.example/acme/app"))).toBe("https://registry.p.example/v2/");
    expect(registryOf(pipeline("other_project", "hub", "default", "registry.other.example/acme/app"))).toBe("https://registry.other.example/v2/");
    expect(registryOf(pipeline("p", "account.hub"))).toBe("https://index.docker.io/v2/");
  });

  test("another project's connector is unknown, saying where it is defined", () => {
    const [problem] = problemsOf(() => translatePipeline(pipeline("p", "only_elsewhere"), { connectors, file: "p.yaml" }));
    expect(problem).toMatchObject({
      code: "unknown-connector",
      field: "spec.connectorRef",
      message: 'connector "only_elsewhere" is not defined in project p (organization default): only_elsewhere is defined in project other_project (organization default)',
      position: { file: "p.yaml", line: 23, column: 35 },
    });
    expect(problem!.hint).toContain("own project");
  });

  test("another organization's project with the same project identifier does not answer", () => {
    expect(problemsOf(() => translatePipeline(pipeline("p", "hub", "other_org"), { connectors })).map((p) => p.code)).toEqual(["unknown-connector"]);
  });

  test("a bare reference to an account connector is refused with the reference to write", () => {
    const [problem] = problemsOf(() => translatePipeline(pipeline("p", "dockerhub"), { connectors: parseConnectorFile(readRepoFile("examples/connectors.yaml"), "c.yaml") }));
    expect(problem).toMatchObject({ code: "unknown-connector", hint: "write account.dockerhub" });
  });

  test("without the pipeline's project, a reference two projects answer is refused rather than guessed", () => {
    const [problem] = problemsOf(() => translatePipeline(pipeline("", "hub"), { connectors }));
    expect(problem).toMatchObject({ code: "unknown-connector", message: 'connector "hub" could name project p (organization default) or project other_project (organization default)' });
    expect(problem!.hint).toContain("projectIdentifier");
  });

  test("translateStep takes the pipeline's scope as an option", () => {
    const step = { type: "BuildAndPushDockerRegistry", name: "Push", identifier: "push", spec: { connectorRef: "hub", repo: "registry.other.example/acme/app", tags: ["1"] } };
    expect(translateStep(step, { connectors, scope: { orgIdentifier: "default", projectIdentifier: "other_project" } }).env["PLUGIN_REGISTRY"]).toBe("https://registry.other.example/v2/");
    expect(() => translateStep(step, { connectors })).toThrow(BuildpushError);
  });

  test("through the CLI: the pipeline's project decides, and another project's connector is never printed", async () => {
    const files = { "p.yaml": pipeline("p", "hub", "default", "registry.p.example/acme/app"), "q.yaml": pipeline("p", "only_elsewhere") };
    const ok = await runCli(["translate", "p.yaml", "--connectors", "test/hostile/connectors/project-scoped.yaml"], files);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("https://registry.p.example/v2/");
    expect(ok.stdout).not.toContain("other_project_token");
    const refused = await runCli(["validate", "q.yaml", "--connectors", "test/hostile/connectors/project-scoped.yaml"], files);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain("q.yaml:23:35: spec.connectorRef: connector \"only_elsewhere\" is not defined in project p");
  });

  test("connector files that fail to load are reported, and the lookup does not claim none were given (item 18)", async () => {
    const files = { "p.yaml": pipeline("p", "account.dockerhub"), "broken.yaml": "connector: [unclosed\n" };
    // translate looks connectors up (validate as written skips the lookup when no connector could be read).
    const run = await runCli(["translate", "p.yaml", "--connectors", "broken.yaml"], files);
    expect(run.code).toBe(1);
    const out = run.stdout + run.stderr;
    expect(out).toContain("broken.yaml:");
    expect(out).not.toContain("no connector files were given");
    expect(out).toContain("no connector was given (or none could be read)");
  });
});
