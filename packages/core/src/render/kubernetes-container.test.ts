import { describe, expect, test } from "vitest";
import { containerProblems } from "../../../../test/support/kubernetes-validation.js";
import type { ContainerSpec, DockerConfigFile } from "../backends/container-spec.js";
import { escapeExpansion, toKubernetesContainer } from "./kubernetes-container.js";
import { problemsOf } from "../../../../test/support/problems.js";

const credentials: DockerConfigFile = {
  kind: "docker-config",
  path: "/kaniko/.docker/config.json",
  auths: [{ registry: "https://index.docker.io/v1/", username: "acme", passwordRef: "account.dockerhub_token" }],
  credHelpers: {},
};

function spec(overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name: "step-push",
    image: "gcr.io/kaniko-project/executor:v1.23.2",
    args: ["--destination=acme/app:1.0"],
    env: { PLUGIN_REPO: "acme/app" },
    secretEnv: { PLUGIN_PASSWORD: { ref: "account.dockerhub_token" } },
    workingDir: "/harness",
    resources: { limits: { memory: "500Mi", cpu: "400m" }, requests: { memory: "10Mi", cpu: "10m" } },
    volumeMounts: [
      { name: "harness", mountPath: "/harness" },
      { name: "addon", mountPath: "/addon" },
    ],
    ...overrides,
  };
}

describe("toKubernetesContainer", () => {
  test("renders the spec field by field, secrets as secretKeyRef, env sorted by name", () => {
    const { container, volumes, secrets } = toKubernetesContainer(
      spec({ env: { B_PLAIN: "b", A_PLAIN: "a" }, secretEnv: { AB_SECRET: { ref: "account.dockerhub_token" } }, imagePullPolicy: "Always", securityContext: { runAsUser: 1000, runAsNonRoot: true } }),
    );
    expect(container).toEqual({
      name: "step-push",
      image: "gcr.io/kaniko-project/executor:v1.23.2",
      args: ["--destination=acme/app:1.0"],
      workingDir: "/harness",
      // Sorted by code unit, as the spec's own env is: "B" < "_".
      env: [
        { name: "AB_SECRET", valueFrom: { secretKeyRef: { name: "account.dockerhub-token", key: "value" } } },
        { name: "A_PLAIN", value: "a" },
        { name: "B_PLAIN", value: "b" },
      ],
      resources: { limits: { memory: "500Mi", cpu: "400m" }, requests: { memory: "10Mi", cpu: "10m" } },
      volumeMounts: [
        { name: "harness", mountPath: "/harness" },
        { name: "addon", mountPath: "/addon" },
      ],
      imagePullPolicy: "Always",
      securityContext: { runAsUser: 1000, runAsNonRoot: true },
    });
    expect(volumes).toEqual([]);
    expect(secrets).toEqual([{ kind: "key", ref: "account.dockerhub_token", name: "account.dockerhub-token", key: "value" }]);
    expect(containerProblems(container)).toEqual([]);
  });

  test("a secret value never appears, only the Secret that holds it", () => {
    const { container } = toKubernetesContainer(spec());
    expect(JSON.stringify(container)).not.toContain("account.dockerhub_token");
    expect(container.env?.find((variable) => variable.name === "PLUGIN_PASSWORD")).toEqual({ name: "PLUGIN_PASSWORD", valueFrom: { secretKeyRef: { name: "account.dockerhub-token", key: "value" } } });
  });

  test("the secret mapping option decides the Secret name and key", () => {
    const { container } = toKubernetesContainer(spec(), { secrets: { "account.dockerhub_token": { name: "registry-creds", key: "password" } } });
    expect(container.env).toContainEqual({ name: "PLUGIN_PASSWORD", valueFrom: { secretKeyRef: { name: "registry-creds", key: "password" } } });
  });

  test("a credentials file is a dockerconfigjson Secret mounted read-only at the file's path", () => {
    const { container, volumes, secrets } = toKubernetesContainer(spec({ files: [credentials] }), { owner: "buildpush-build" });
    expect(volumes).toEqual([{ name: "docker-config-0", secret: { secretName: "buildpush-build-step-push-docker-config", items: [{ key: ".dockerconfigjson", path: "config.json" }] } }]);
    expect(container.volumeMounts).toContainEqual({ name: "docker-config-0", mountPath: "/kaniko/.docker/config.json", subPath: "config.json", readOnly: true });
    expect(secrets).toContainEqual({ kind: "docker-config", name: "buildpush-build-step-push-docker-config", file: credentials });
    expect(containerProblems(container)).toEqual([]);
  });

  test("for an owner's only container the credentials Secret is named after the owner", () => {
    const { secrets } = toKubernetesContainer(spec({ files: [credentials, { ...credentials, path: "/root/.docker/config.json" }] }), { owner: "push-42", soleContainer: true });
    expect(secrets.map((secret) => secret.name)).toEqual(["account.dockerhub-token", "push-42-docker-config", "push-42-docker-config-1"]);
  });

  test("without an owner the credentials Secret is named after the container", () => {
    const { secrets } = toKubernetesContainer(spec({ files: [credentials] }));
    expect(secrets.map((secret) => secret.name)).toEqual(["account.dockerhub-token", "step-push-docker-config"]);
  });

  test("the credentials Secret name can be chosen, and a second file gets its own volume and Secret", () => {
    const second = { ...credentials, path: "/root/.docker/config.json" };
    const { container, volumes } = toKubernetesContainer(spec({ files: [credentials, second] }), {
      credentialsVolumePrefix: "creds",
      dockerConfigSecretName: (file, context) => `cfg-${context.container}-${context.index}-${file.path.startsWith("/kaniko") ? "kaniko" : "root"}`,
    });
    expect(volumes.map((volume) => [volume.name, "secret" in volume ? volume.secret.secretName : undefined])).toEqual([
      ["creds-0", "cfg-step-push-0-kaniko"],
      ["creds-1", "cfg-step-push-1-root"],
    ]);
    expect(container.volumeMounts?.slice(2).map((mount) => mount.mountPath)).toEqual(["/kaniko/.docker/config.json", "/root/.docker/config.json"]);
  });

  test("a credentials Secret name Kubernetes refuses is an option error", () => {
    expect(problemsOf(() => toKubernetesContainer(spec({ files: [credentials] }), { dockerConfigSecretName: () => "Not_Valid" }))).toMatchObject([{ code: "invalid-option", field: "dockerConfigSecretName" }]);
  });

  test("command, args and env values keep $(...) literal", () => {
    const { container } = toKubernetesContainer(spec({ command: ["/bin/sh"], args: ["-c", "echo $(HOME) $$"], env: { LABEL: "cost=$(price)", PLAIN: "$HOME" } }));
    expect(container.command).toEqual(["/bin/sh"]);
    expect(container.args).toEqual(["-c", "echo $$(HOME) $$$$"]);
    expect(container.env).toContainEqual({ name: "LABEL", value: "cost=$$(price)" });
    expect(container.env).toContainEqual({ name: "PLAIN", value: "$HOME" });
  });

  test("security context fields are all carried, capabilities copied", () => {
    const securityContext = { runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { add: ["SETUID"], drop: ["ALL"] } };
    const { container } = toKubernetesContainer(spec({ securityContext }));
    expect(container.securityContext).toEqual(securityContext);
    expect(container.securityContext?.capabilities).not.toBe(securityContext.capabilities);
    expect(containerProblems(container)).toEqual([]);
  });

  test("an empty security context, command or mount list is left out", () => {
    const { container } = toKubernetesContainer(spec({ securityContext: {}, command: [], args: [], volumeMounts: [], secretEnv: {}, env: {} }));
    expect(Object.keys(container)).toEqual(["name", "image", "workingDir", "resources"]);
  });

  test.each([
    [{ name: "Step_Push" }, "invalid-option", "container.name"],
    [{ env: { "MY.VAR": "x" } }, "invalid-env-name", "container.env.MY.VAR"],
    [{ env: { PLUGIN_PASSWORD: "x" } }, "invalid-option", "container.secretEnv.PLUGIN_PASSWORD"],
    [{ volumeMounts: [{ name: "harness", mountPath: "/harness" }, { name: "addon", mountPath: "/harness" }] }, "invalid-option", "container.volumeMounts"],
    [{ volumeMounts: [{ name: "harness", mountPath: "harness" }] }, "invalid-option", "container.volumeMounts"],
    [{ volumeMounts: [{ name: "Bad_Volume", mountPath: "/x" }] }, "invalid-option", "container.volumeMounts"],
    [{ files: [{ ...credentials, path: "/addon" }] }, "invalid-option", "container.volumeMounts"],
    [{ securityContext: { runAsNonRoot: true, runAsUser: 0 } }, "invalid-run-as-user", "container.securityContext.runAsUser"],
  ] as [Partial<ContainerSpec>, string, string][])("a spec that breaks a rule is refused: %j", (overrides, code, field) => {
    expect(problemsOf(() => toKubernetesContainer(spec(overrides)))).toMatchObject([{ code, field }]);
  });
});

describe("escapeExpansion", () => {
  test.each([
    ["plain", "plain"],
    ["$HOME", "$HOME"],
    ["trailing $", "trailing $"],
    ["$(VAR)", "$$(VAR)"],
    ["$$", "$$$$"],
    ["a $ and $(B)", "a $$ and $$(B)"],
  ])("%j → %j", (text, escaped) => {
    expect(escapeExpansion(text)).toBe(escaped);
  });

  test("Kubernetes' expansion of the escaped text gives the text back", () => {
    // Kubernetes' rules (third_party/forked/golang/expansion): `$$` → `$`, `$(NAME)` → the
    // variable, any other `$` stays. Applied here with no variables defined except NAME.
    const expand = (input: string): string => input.replace(/\$(\$|\(([^)]*)\))/g, (_all, what: string, name?: string) => (what === "$" ? "$" : name === "NAME" ? "EXPANDED" : `$(${name})`));
    for (const text of ["$(NAME)", "$$(NAME)", "x$$$(NAME)y", "$", "$$$", "a$(NAME", "$(NAME)$(OTHER)"]) {
      expect(expand(escapeExpansion(text))).toBe(text);
    }
  });
});
