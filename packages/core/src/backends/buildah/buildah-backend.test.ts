import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import type { BuildPlan, StageContext } from "@buildpush/core";
import { buildPlan, containerFrom, dockerPluginStep, type PlanOverrides } from "../../../../../test/support/plans.js";
import { allConnectors, step } from "../../../../../test/support/fixtures.js";
import { translateStep } from "../../../../../test/support/translator.js";
import { buildahBackend, chainArguments, commandChainName, commandChainScript, defaultBuildahImage } from "./buildah-backend.js";

function plan(overrides: PlanOverrides = {}): BuildPlan {
  return buildPlan({
    tags: ["1.0", "latest"],
    buildArgs: [["V", "1"]],
    registry: { url: "https://registry.example.com", type: "Docker" },
    pushCredentials: { kind: "basic", registry: "https://registry.example.com", usernameRef: "account.user", passwordRef: "account.pass" },
    userEnv: { STAGE_VAR: "x" },
    userSecretEnv: { TOKEN: { ref: "account.token" } },
    resources: { limits: { memory: "1Gi", cpu: "1" }, requests: { memory: "10Mi", cpu: "10m" } },
    ...overrides,
  });
}

/** The Buildah backend's container, with the plugin encoding it never reads. */
function buildahContainer(from: BuildPlan, options: { stage?: StageContext; image?: string } = {}) {
  return containerFrom(buildahBackend, from, { plugin: dockerPluginStep({ env: { PLUGIN_REPO: "registry.example.com/acme/app" }, secretEnv: { PLUGIN_PASSWORD: { ref: "account.pass" } } }), ...(options.stage ? { stage: options.stage } : {}), ...(options.image ? { buildahImage: options.image } : {}) });
}

/** Run the chain script with real sh, the way a container runtime would run the command. */
function runChain(commands: string[][]): { status: number | null; stdout: string } {
  const result = spawnSync("/bin/sh", ["-c", commandChainScript, commandChainName, ...chainArguments(commands)], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout };
}

describe("the command chain script", () => {
  test("runs each command with its arguments exactly as given: spaces, quotes, $, globs and empty strings stay literal", () => {
    const tricky = ["a b", "", "$(echo pwned)", "'q'", '"dq"', "*", "x;y", "--", "3"];
    const { status, stdout } = runChain([["printf", "<%s>", ...tricky], ["printf", "|second:%s", "z"]]);
    expect(status).toBe(0);
    expect(stdout).toBe(`${tricky.map((arg) => `<${arg}>`).join("")}|second:z`);
  });

  test("stops at the first command that fails, with its status", () => {
    const { status, stdout } = runChain([["printf", "first"], ["sh", "-c", "exit 7"], ["printf", "never"]]);
    expect(status).toBe(7);
    expect(stdout).toBe("first");
  });

  test("chainArguments prefixes each command with its length", () => {
    expect(chainArguments([["buildah", "build", "."], ["buildah", "push"]])).toEqual(["3", "buildah", "build", ".", "2", "buildah", "push"]);
  });
});

describe("buildahContainer", () => {
  test("a Kubernetes step: Buildah image, chained build and pushes, the credentials file by reference, the build user", () => {
    const container = buildahContainer(plan());
    const build = ["buildah", "--storage-driver", "vfs", "build", "--isolation", "chroot", "--authfile", "/buildpush/buildah/auth.json", "--file", "Dockerfile", "--build-arg", "V=1", "--tag", "registry.example.com/acme/app:1.0", "--tag", "registry.example.com/acme/app:latest", "."];
    const push = (tag: string, index: number) => ["buildah", "--storage-driver", "vfs", "push", "--authfile", "/buildpush/buildah/auth.json", "--digestfile", `/addon/buildah/digest-${index}`, `registry.example.com/acme/app:${tag}`, `docker://registry.example.com/acme/app:${tag}`];
    expect(container).toEqual({
      name: "step-build-app",
      image: defaultBuildahImage,
      command: ["/bin/sh", "-c", commandChainScript, commandChainName],
      args: chainArguments([build, push("1.0", 0), push("latest", 1)]),
      env: { BUILDAH_ISOLATION: "chroot", STAGE_VAR: "x", STORAGE_DRIVER: "vfs" },
      secretEnv: { TOKEN: { ref: "account.token" } },
      workingDir: "/harness",
      resources: plan().resources,
      securityContext: { runAsUser: 1000 },
      volumeMounts: [{ name: "harness", mountPath: "/harness" }, { name: "addon", mountPath: "/addon" }],
      files: [{ kind: "docker-config", path: "/buildpush/buildah/auth.json", auths: [{ registry: "registry.example.com", usernameRef: "account.user", passwordRef: "account.pass" }], credHelpers: {} }],
      artifact: {
        digestFile: "/addon/buildah/digest-0",
        template: {
          kind: "docker/v1",
          data: { registryType: "Docker", registryUrl: "https://registry.example.com", images: [{ image: "registry.example.com/acme/app:1.0", digest: "" }, { image: "registry.example.com/acme/app:latest", digest: "" }] },
        },
      },
    });
    expect(JSON.stringify(container)).not.toContain("PLUGIN_PASSWORD");
  });

  test.each<[string, PlanOverrides, Parameters<typeof buildahContainer>[1], object]>([
    ["the stage's security context is kept and the build user added", {}, { stage: { containerSecurityContext: { runAsNonRoot: true } } }, { runAsNonRoot: true, runAsUser: 1000 }],
    ["the stage's user is kept", {}, { stage: { containerSecurityContext: { runAsNonRoot: true, runAsUser: 2000 } } }, { runAsNonRoot: true, runAsUser: 2000 }],
    ["the step's runAsUser wins, even 0", { runAsUser: 0 }, { stage: { containerSecurityContext: { runAsUser: 2000 } } }, { runAsUser: 0 }],
    ["runAsUser 0 in a non-root stage lifts runAsNonRoot, or Kubernetes would not start it", { runAsUser: 0 }, { stage: { containerSecurityContext: { runAsNonRoot: true } } }, { runAsNonRoot: false, runAsUser: 0 }],
  ])("%s", (_name, overrides, options, securityContext) => {
    expect(buildahContainer(plan(overrides), options).securityContext).toEqual(securityContext);
  });

  test("a dry run pushes nothing, so there is no artifact", () => {
    const container = buildahContainer(plan({ userEnv: { PLUGIN_DRY_RUN: "true" } }));
    expect(container).not.toHaveProperty("artifact");
    expect(buildahCommandsOf(container)[3]).toBe("build");
    expect(container.args).toEqual(chainArguments([buildahCommandsOf(container)]));
  });

  test("on VM infrastructure: no workingDir, mounts or security context", () => {
    const container = buildahContainer(plan({ infrastructure: "vm" }));
    expect(container).not.toHaveProperty("workingDir");
    expect(container).not.toHaveProperty("securityContext");
    expect(container).not.toHaveProperty("volumeMounts");
  });

  test("the image is configurable and checked", () => {
    expect(buildahContainer(plan(), { image: "registry.internal/buildah:v1.37.0" }).image).toBe("registry.internal/buildah:v1.37.0");
    expect(buildahBackend.checkOptions!({ buildahImage: "not an image" }, []).map((finding) => [finding.code, finding.path])).toEqual([["invalid-option", ["buildahImage"]]]);
    expect(buildahBackend.checkOptions!({}, [])).toEqual([]);
    expect(buildahContainer(plan()).image).toBe(defaultBuildahImage);
  });
});

describe("choosing the backend", () => {
  const imageFor = (options: { mode?: string; nonRoot?: boolean; buildahImage?: string; containerName?: string }) => translateStep(step("BuildAndPushDockerRegistry"), { connectors: allConnectors, ...options });
  test.each<[string, { mode?: string; nonRoot?: boolean }, string]>([
    ["nothing asked: plugin, as Harness runs it", {}, "plugins/kaniko:1.13.3"],
    ["a non-root build: Buildah", { nonRoot: true }, defaultBuildahImage],
    ["a root build: plugin", { nonRoot: false }, "plugins/kaniko:1.13.3"],
    ["an explicit mode wins", { mode: "plugin", nonRoot: true }, "plugins/kaniko:1.13.3"],
    ["buildah asked", { mode: "buildah" }, defaultBuildahImage],
  ])("%s", (_name, choice, image) => {
    expect(imageFor(choice).image).toBe(image);
  });

  test("the Buildah image and the container name are the caller's", () => {
    expect(imageFor({ mode: "buildah", buildahImage: "b/uildah:1", containerName: "custom" })).toMatchObject({ image: "b/uildah:1", name: "custom" });
  });
});

/** The one command a chain holds, read back from its arguments. */
function buildahCommandsOf(container: { args?: string[] }): string[] {
  const [count, ...rest] = container.args ?? [];
  return rest.slice(0, Number(count));
}
