import { defaultBuildahImage } from "../../../../test/support/internals.js";
import { runCli as cli } from "../../../../test/support/run-cli.js";
import { readRepoFile } from "../../../../test/support/fixtures.js";
import { describe, expect, test } from "vitest";

const connectors = ["--connectors", "examples/connectors.yaml"];

describe("buildpush run: input mistakes stop it before anything runs", () => {
  test("no pipeline file is a usage error", async () => {
    const result = await cli(["run"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^buildpush: no pipeline file given\n\nUsage: buildpush/);
  });

  test("a broken secrets file is a problem with its position, never its text", async () => {
    const result = await cli(["run", "examples/docker.yaml", ...connectors, "--secrets", "local.yaml"], { "local.yaml": "account.dockerhub_token: {t0ps3cret\n" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^local\.yaml:\d+:\d+: the secrets file is not valid YAML here/);
    expect(result.stderr).not.toContain("t0ps3cret");
  });

  test("a secret the connectors need but the file lacks is named, with where to add it", async () => {
    const result = await cli(["run", "examples/docker.yaml", ...connectors, "--secrets", "local.env"], { "local.env": "other=value\n" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^buildpush: secret account\.dockerhub_token \(the password for docker\.io, step push_docker\) has no value in local\.env /);
    expect(result.stderr).toContain("add `account.dockerhub_token: VALUE` (YAML) or `account.dockerhub_token=VALUE` (dotenv) to the secrets file");
    expect(result.stderr).toContain("[missing-connector-secret]");
  });

  test("without --secrets, the message says no secrets file was given", async () => {
    const result = await cli(["run", "examples/docker.yaml", ...connectors]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("has no value because no secrets file was given (--secrets FILE)");
  });

  test("--allow-registry-host lets a step push to a host its registry service does not own, as for translate", async () => {
    // A GAR step whose host is not Google's: the connector's key would go to it.
    const pipeline = readRepoFile("examples/gar.yaml").replaceAll("host: us-central1-docker.pkg.dev", "host: registry.internal.example");
    const refused = await cli(["run", "gar.yaml", ...connectors], { "gar.yaml": pipeline });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^gar\.yaml:\d+:\d+: spec\.host: .*registry\.internal\.example.*--allow-registry-host/m);
    const allowed = await cli(["run", "gar.yaml", ...connectors, "--allow-registry-host", "registry.internal.example"], { "gar.yaml": pipeline });
    // Planned this time: the run goes on to the secrets the connector needs (none given), before any build.
    expect(allowed.stderr).not.toMatch(/spec\.host:/);
    expect(allowed.stderr).toContain("has no value because no secrets file was given (--secrets FILE)");
    expect(allowed.code).toBe(1);
  });

  test("a step Buildah cannot push (an ECR step) is refused with the reason", async () => {
    const result = await cli(["run", "examples/ecr.yaml", ...connectors]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the Buildah backend cannot log in with an AWS connector");
  });
});

describe("buildpush translate --mode / --non-root", () => {
  test.each([
    [["--mode", "buildah"], defaultBuildahImage],
    [["--non-root"], defaultBuildahImage],
    [["--mode", "buildah", "--buildah-image", "registry.internal/buildah:v1"], "registry.internal/buildah:v1"],
    [[], "plugins/kaniko:1.13.3"],
  ])("%j runs %s", async (flags, image) => {
    const result = await cli(["translate", "examples/docker.yaml", ...connectors, ...flags]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).steps[0].container.image).toBe(image);
  });

  test("an unknown mode is a usage error listing the modes", async () => {
    const result = await cli(["translate", "examples/docker.yaml", ...connectors, "--mode", "podman"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^buildpush: --mode takes plugin or kaniko or buildah or docker, not "podman"/);
  });

  test("a bad Buildah image is a problem", async () => {
    const result = await cli(["translate", "examples/docker.yaml", ...connectors, "--mode", "buildah", "--buildah-image", "Not An Image"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"Not An Image" is not a valid image reference for the Buildah image');
  });
});
