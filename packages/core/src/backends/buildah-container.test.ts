import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { BuildpushError } from "../errors.js";
import { defaultPluginImages } from "../images.js";
import type { BuildPlan } from "../model.js";
import { buildahContainer, chainArguments, commandChainName, commandChainScript, defaultBuildahImage, resolveBuildahImage } from "./buildah-container.js";
import { backendContainer, chooseBackend } from "./select.js";

function plan(overrides: Partial<BuildPlan> = {}): BuildPlan {
  return {
    stepType: "BuildAndPushDockerRegistry",
    identifier: "build_app",
    name: "Build app",
    variant: "docker",
    infrastructure: "kubernetes",
    image: "registry.example.com/acme/app",
    tags: ["1.0", "latest"],
    buildArgs: [["V", "1"]],
    labels: [],
    optimize: true,
    cacheFrom: [],
    pushCredentials: { kind: "basic", registry: "https://registry.example.com", usernameRef: "account.user", passwordRef: "account.pass" },
    pluginEnv: { PLUGIN_REPO: "registry.example.com/acme/app" },
    pluginSecretEnv: { PLUGIN_USERNAME: { ref: "account.user" }, PLUGIN_PASSWORD: { ref: "account.pass" } },
    userEnv: { STAGE_VAR: "x" },
    userSecretEnv: { TOKEN: { ref: "account.token" } },
    resources: { limits: { memory: "1Gi", cpu: "1" }, requests: { memory: "10Mi", cpu: "10m" } },
    timeout: "2h",
    ...overrides,
  };
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

  test.each<[string, Partial<BuildPlan>, Parameters<typeof buildahContainer>[1], object]>([
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
    expect(() => resolveBuildahImage("not an image")).toThrow(BuildpushError);
    expect(resolveBuildahImage()).toBe(defaultBuildahImage);
  });
});

describe("choosing the backend", () => {
  test.each<[string, Parameters<typeof chooseBackend>[0], string]>([
    ["nothing asked: plugin, as Harness runs it", {}, "plugin"],
    ["a non-root build: Buildah", { nonRoot: true }, "buildah"],
    ["a root build: plugin", { nonRoot: false }, "plugin"],
    ["an explicit mode wins", { mode: "plugin", nonRoot: true }, "plugin"],
    ["buildah asked", { mode: "buildah" }, "buildah"],
  ])("%s", (_name, choice, mode) => {
    expect(chooseBackend(choice)).toBe(mode);
  });

  test("backendContainer gives the plugin container or the Buildah one", () => {
    const images = { ...defaultPluginImages };
    expect(backendContainer(plan(), { images }).image).toBe("plugins/kaniko:1.13.3");
    expect(backendContainer(plan(), { images, nonRoot: true }).image).toBe(defaultBuildahImage);
    expect(backendContainer(plan(), { images, mode: "buildah", buildahImage: "b/uildah:1", name: "custom" })).toMatchObject({ image: "b/uildah:1", name: "custom" });
  });
});

/** The one command a chain holds, read back from its arguments. */
function buildahCommandsOf(container: { args?: string[] }): string[] {
  const [count, ...rest] = container.args ?? [];
  return rest.slice(0, Number(count));
}
