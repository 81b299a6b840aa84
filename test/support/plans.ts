/** BuildPlans written by hand, for the backends' unit tests (the translator writes them from steps everywhere else). */
import type { Backend, BackendOptions, BuildPlan, ContainerSpec, SecretRef, StageContext } from "@buildpush/core";
import type { PluginStep } from "@buildpush/core";
import { toProblems } from "@buildpush/core/handler";
import { BuildpushError } from "@buildpush/core";

export interface PlanOverrides extends Partial<Omit<BuildPlan, "userEnv">> {
  /** The user's plain variables (set by the stage unless `setByStep` names them). */
  userEnv?: Record<string, string>;
  userSecretEnv?: Record<string, SecretRef>;
  setByStep?: string[];
}

/** A Docker registry step's plan, pushing registry.example.com/acme/app:1.0, with `overrides` laid over it. */
export function buildPlan({ userEnv = {}, userSecretEnv = {}, setByStep = [], ...overrides }: PlanOverrides = {}): BuildPlan {
  return {
    stepType: "BuildAndPushDockerRegistry",
    identifier: "build_app",
    name: "Build app",
    infrastructure: "kubernetes",
    image: "registry.example.com/acme/app",
    tags: ["1.0"],
    registry: { url: "https://registry.example.com/v2/", type: "Docker" },
    buildArgs: [],
    labels: [],
    optimize: true,
    cacheFrom: [],
    buildSecrets: [],
    pushCredentials: { kind: "basic", registry: "https://registry.example.com/v2/", username: "ci", passwordRef: "account.registry_pass" },
    userEnv: { env: userEnv, secretEnv: userSecretEnv, setByStep },
    resources: { limits: { memory: "500Mi", cpu: "400m" }, requests: { memory: "10Mi", cpu: "10m" } },
    timeout: "2h",
    ...overrides,
  };
}

/** The Docker registry step type's plugin encoding, with the variables given. */
export function dockerPluginStep(variables: PluginStep["variables"] = { env: {}, secretEnv: {} }): PluginStep {
  return {
    variant: "docker",
    images: { kubernetes: { name: "plugins/kaniko", reference: "plugins/kaniko:1.13.3", entrypoint: "/kaniko/kaniko-docker" }, vm: { name: "plugins/docker", reference: "plugins/docker:21.1.1" } },
    variables,
  };
}

/** A backend's container for a plan, or its problems thrown as the API throws them. */
export function containerFrom(backend: Backend, plan: BuildPlan, options: BackendOptions & { stage?: StageContext; name?: string; plugin?: PluginStep } = {}): ContainerSpec {
  const { stage = {}, name = "step-build-app", plugin = dockerPluginStep(), ...backendOptions } = options;
  const outcome = backend.container({ plan, plugin, stage, name }, backendOptions);
  if (!outcome.ok) throw new BuildpushError(toProblems(outcome.findings));
  return outcome.container;
}
