import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cliBin as bin } from "../../../test/support/paths.js";
import { runCli as run } from "../../../test/support/run-cli.js";
import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";

const root = fileURLToPath(new URL("../../../", import.meta.url));

const connectors = ["--connectors", "examples/connectors.yaml"];

describe("buildpush translate", () => {
  test("prints the documented JSON for the bundled example", async () => {
    const result = await run(["translate", "examples/pipeline.yaml", ...connectors]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(["stages", "steps"]);
    expect(output.stages.map((s: { identifier: string }) => s.identifier)).toEqual(["build"]);
    expect(output.steps.map((s: { identifier: string }) => s.identifier)).toEqual(["push_docker", "push_ecr", "push_acr"]);
    for (const step of output.steps) {
      // push_acr is in a step group: its path of groups is carried.
      expect(Object.keys(step)).toEqual(["stage", "identifier", "type", "position", "timeout", ...(step.identifier === "push_acr" ? ["stepGroups"] : []), "container"]);
      expect(step.position).toEqual({ file: "examples/pipeline.yaml", line: expect.any(Number), column: expect.any(Number) });
      expect(step.container.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(step.container).toHaveProperty("image");
      expect(step.container).toHaveProperty("env");
      expect(step.container).toHaveProperty("secretEnv");
      expect(step.container).toHaveProperty("resources.limits.memory");
      expect(step.container).toHaveProperty("resources.requests.cpu");
      for (const ref of Object.values(step.container.secretEnv)) expect(ref).toEqual({ ref: expect.any(String) });
    }
  });

  test("--format yaml prints the same data as JSON", async () => {
    const json = JSON.parse((await run(["translate", "examples/pipeline.yaml", ...connectors])).stdout);
    const yaml = await run(["translate", "examples/pipeline.yaml", ...connectors, "--format", "yaml"]);
    expect(yaml.code).toBe(0);
    expect(parseYaml(yaml.stdout)).toEqual(json);
  });

  test("--infra vm overrides the stage's infrastructure", async () => {
    const output = JSON.parse((await run(["translate", "examples/docker.yaml", ...connectors, "--infra", "vm"])).stdout);
    expect(output.steps[0].container.image).toBe("plugins/docker:21.1.1");
  });

  test("--image replaces a default plugin image by its repository name", async () => {
    const output = JSON.parse((await run(["translate", "examples/ecr.yaml", ...connectors, "--infra", "kubernetes", "--image", "plugins/kaniko-ecr=registry.internal/kaniko-ecr:1.13.3"])).stdout);
    expect(output.steps[0].container.image).toBe("registry.internal/kaniko-ecr:1.13.3");
  });

  test("problems exit 1 with every problem as FILE:LINE:COL on stderr and nothing on stdout", async () => {
    const broken = readFileSync(`${root}examples/docker.yaml`, "utf8").replace("repo: acme/web", "repo: Acme/Web").replace("- latest", "- feature/x");
    const result = await run(["translate", "broken.yaml", ...connectors], { "broken.yaml": broken });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^broken\.yaml:27:27: spec\.repo: "Acme\/Web" is not a valid repository: repository names must be lowercase/);
    expect(lines[1]).toMatch(/^broken\.yaml:31:25: spec\.tags\[2\]: "feature\/x" is not a valid tag/);
  });

  test("problems in connector files are reported with the pipeline's", async () => {
    const result = await run(["translate", "examples/docker.yaml", "--connectors", "bad.yaml"], { "bad.yaml": "connector: {identifier: dockerhub, type: DockerRegistry, spec: {auth: {type: Anonymous}}}\n" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^bad\.yaml:1:\d+: connector\.spec\.dockerRegistryUrl: connector field dockerRegistryUrl is missing/m);
    expect(result.stderr).toMatch(/^examples\/docker\.yaml:26:35: spec\.connectorRef: connector "account\.dockerhub" is not defined/m);
  });

  test.each([
    [[], /no command given/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [["translate"], /no pipeline file given/],
    [["translate", "examples/pipeline.yaml", "--infra", "mars"], /--infra takes kubernetes or vm/],
    [["translate", "examples/pipeline.yaml", "--format", "xml"], /--format takes json or yaml/],
    [["translate", "examples/pipeline.yaml", "--image", "plugins/kaniko"], /--image takes NAME=REF/],
    [["translate", "examples/pipeline.yaml", "--bogus"], /Unknown option '--bogus'/],
    [["translate", "does-not-exist.yaml"], /cannot read does-not-exist\.yaml: no such file/],
  ])("wrong usage %j exits 2 with the reason and the usage", async (args, reason) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toMatch(/Usage: buildpush <command>/);
  });

  test("an unknown plugin image name is a problem naming the known ones", async () => {
    const result = await run(["translate", "examples/pipeline.yaml", ...connectors, "--image", "plugins/kanikoo=x/y:1"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unknown plugin image "plugins\/kanikoo".*plugins\/kaniko, plugins\/kaniko-ecr/);
  });
});

describe("buildpush validate", () => {
  test("a clean pipeline exits 0 and says how many steps it checked", async () => {
    const result = await run(["validate", "examples/pipeline.yaml", ...connectors]);
    expect(result).toMatchObject({ code: 0, stdout: "" });
    expect(result.stderr).toBe("examples/pipeline.yaml: 3 build-and-push steps, no problems\n");
  });

  test("prints every problem as FILE:LINE:COL: message on stdout and exits 1 (--resolved checks connectors as translate does)", async () => {
    const result = await run(["validate", "examples/pipeline.yaml", "--resolved"]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^examples\/pipeline\.yaml:\d+:\d+: .*\[unknown-connector\]$/);
  });
});

describe("the installed bin", () => {
  test("runs as a process with the contract's exit codes (needs `pnpm build`, which `pnpm test` runs first)", async () => {
    const ok = spawnSync(process.execPath, [bin, "translate", "examples/acr.yaml", ...connectors], { cwd: root, encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).steps[0].type).toBe("BuildAndPushACR");
    const problems = spawnSync(process.execPath, [bin, "validate", "examples/acr.yaml", "--resolved"], { cwd: root, encoding: "utf8" });
    expect(problems.status).toBe(1);
    const usage = spawnSync(process.execPath, [bin, "nope"], { cwd: root, encoding: "utf8" });
    expect(usage.status).toBe(2);
    expect(usage.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
