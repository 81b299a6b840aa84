import { describe, expect, test } from "vitest";
import type { Env, PluginVariant } from "@buildpush/kaniko-args";
import type { DockerPluginBugId } from "./bug.js";
import { dockerPluginBugsTriggered, dockerPluginRun } from "./plugin-run.js";

const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const ACR = "myreg.azurecr.io";
/** A step as Harness gives it on a VM, pushing to Docker Hub with a login. */
const HUB_STEP = { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "acme/app", PLUGIN_REGISTRY: "https://index.docker.io/v1/", PLUGIN_USERNAME: "acme", PLUGIN_PASSWORD: "<secret account.hub>" };
/** The same without a login. */
const ANONYMOUS = { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "acme/app" };
const PASSWORD: [DockerPluginBugId, string | undefined] = ["password-on-command-line", "PLUGIN_PASSWORD"];
const GCR = "gcr.io/my-project";
const GAR = "us-central1-docker.pkg.dev/my-project";
/** GCR and GAR steps as Harness gives them on a VM, with a ManualConfig GCP connector. */
const GCR_VM = { PLUGIN_DAEMON_OFF: "true", PLUGIN_REGISTRY: GCR, PLUGIN_REPO: "app", PLUGIN_TAGS: "1.0", PLUGIN_JSON_KEY: "<secret account.gcp-key>" };
const GAR_VM = { ...GCR_VM, PLUGIN_REGISTRY: GAR, PLUGIN_REPO: "repo/app", PLUGIN_REGISTRY_TYPE: "gar" };
const GCP_OIDC = { PLUGIN_OIDC_TOKEN_ID: "<oidc token>", PLUGIN_PROJECT_NUMBER: "123", PLUGIN_POOL_ID: "pool", PLUGIN_PROVIDER_ID: "prov", PLUGIN_SERVICE_ACCOUNT_EMAIL: "sa@p.iam.gserviceaccount.com" };
const KEY_ON_COMMAND_LINE: [DockerPluginBugId, string | undefined] = ["password-on-command-line", "PLUGIN_JSON_KEY"];

type Row = [description: string, env: Env, variant: PluginVariant, bugs: Array<[DockerPluginBugId, string | undefined]>];

const rows: Row[] = [
  ["an anonymous Docker Hub push triggers nothing", ANONYMOUS, "docker", []],
  ["a login puts the password on docker's command line", HUB_STEP, "docker", [PASSWORD]],
  ["so does the base-image login", { ...ANONYMOUS, PLUGIN_DOCKER_REGISTRY: "base.example.com", PLUGIN_DOCKER_USERNAME: "b", PLUGIN_DOCKER_PASSWORD: "<secret account.b>" }, "docker", [["password-on-command-line", "PLUGIN_DOCKER_PASSWORD"]]],
  ["an access token goes to stdin: no password bug", { ...ANONYMOUS, PLUGIN_REPO: "us-docker.pkg.dev/p/r/app", ACCESS_TOKEN: "<secret account.t>", PLUGIN_REGISTRY: "us-docker.pkg.dev" }, "docker", []],
  ["the ECR token on the command line comes from no variable of the step", { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "app", PLUGIN_REGISTRY: ECR }, "ecr", [["password-on-command-line", undefined]]],
  ["the ACR token too", { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: `${ACR}/app`, PLUGIN_REGISTRY: ACR, CLIENT_ID: "i", TENANT_ID: "t", CLIENT_SECRET: "<secret account.az>" }, "acr", [["password-on-command-line", undefined]]],
  [
    "an unqualified repo with a custom registry is pushed to Docker Hub",
    { ...HUB_STEP, PLUGIN_REGISTRY: "https://registry.example.com" },
    "docker",
    [PASSWORD, ["unqualified-repo", "PLUGIN_REPO"]],
  ],
  ["an unqualified repo goes to Docker Hub even without a login", { ...ANONYMOUS, PLUGIN_REGISTRY: "registry.example.com:5000" }, "docker", [["unqualified-repo", "PLUGIN_REPO"]]],
  ["a qualified repo on the login's registry is fine", { ...HUB_STEP, PLUGIN_REGISTRY: "https://registry.example.com/v2/", PLUGIN_REPO: "registry.example.com/acme/app" }, "docker", [PASSWORD]],
  ["docker.io and index.docker.io are Docker Hub", { ...HUB_STEP, PLUGIN_REPO: "docker.io/acme/app", PLUGIN_REGISTRY: "https://registry.hub.docker.com/v2/" }, "docker", [PASSWORD]],
  ["a repo on another registry than the login's", { ...HUB_STEP, PLUGIN_REPO: "ghcr.io/acme/app" }, "docker", [PASSWORD, ["repo-outside-login-registry", "PLUGIN_REPO"]]],
  ["a dry run pushes nowhere: no registry bug", { ...ANONYMOUS, PLUGIN_REGISTRY: "registry.example.com", PLUGIN_DRY_RUN: "true" }, "docker", []],
  ["ACR without PLUGIN_REGISTRY: the bare azurecr.io", { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "app", SERVICE_PRINCIPAL_CLIENT_ID: "sp", SERVICE_PRINCIPAL_CLIENT_SECRET: "<secret account.sp>" }, "acr", [["password-on-command-line", "DOCKER_PASSWORD"], ["registry-not-given", "PLUGIN_REGISTRY"]]],
  ["an empty tag fails only after the build", { ...ANONYMOUS, PLUGIN_TAGS: "1.0," }, "docker", [["invalid-tag", "PLUGIN_TAGS"]]],
  ["every invalid tag is named, once", { ...ANONYMOUS, PLUGIN_TAG: "a/b,c+d,a/b,ok" }, "docker", [["invalid-tag", "PLUGIN_TAG"], ["invalid-tag", "PLUGIN_TAG"]]],
  ["an auto tag with build metadata", { ...ANONYMOUS, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/tags/v1.0.0+5" }, "docker", [["invalid-tag", "PLUGIN_AUTO_TAG"]]],
  ["an uppercase repository is named once, not per tag", { ...ANONYMOUS, PLUGIN_REPO: "acme/App", PLUGIN_TAGS: "1,2" }, "docker", [["invalid-repository", "PLUGIN_REPO"]]],
  ["no repository", { PLUGIN_DAEMON_OFF: "true" }, "docker", [["invalid-repository", "PLUGIN_REPO"]]],
  ["a comma inside a build arg's value", { ...ANONYMOUS, PLUGIN_BUILD_ARGS: "HOSTS=a,b,MODE=x" }, "docker", [["build-arg-split-on-comma", "PLUGIN_BUILD_ARGS"]]],
  ["PLUGIN_BUILD_ARGS_NEW keeps the comma", { ...ANONYMOUS, PLUGIN_BUILD_ARGS_NEW: "HOSTS=a,b", PLUGIN_MULTIPLE_BUILD_ARGS: "true" }, "docker", []],
  ["a comma inside a label's value", { ...ANONYMOUS, PLUGIN_CUSTOM_LABELS: "desc=a,b" }, "docker", [["label-split-on-comma", "PLUGIN_CUSTOM_LABELS"]]],
  [
    "Harness's cacheFrom, joined with ; and holding buildx specs",
    { ...ANONYMOUS, PLUGIN_CACHE_FROM: "type=registry,ref=acme/app:cache;acme/app:latest" },
    "docker",
    // Split on the comma only: "type=registry" and "ref=acme/app:cache;acme/app:latest".
    [["cache-from-not-an-image", "PLUGIN_CACHE_FROM"], ["cache-from-not-an-image", "PLUGIN_CACHE_FROM"]],
  ],
  ["a plain cache image is fine", { ...ANONYMOUS, PLUGIN_CACHE_FROM: "acme/app:latest" }, "docker", []],
  ["malformed secret items are dropped", { ...ANONYMOUS, PLUGIN_SECRETS_FROM_ENV: "ok=A,broken", PLUGIN_SECRETS_FROM_FILE: "=x" }, "docker", [["secret-item-dropped", "PLUGIN_SECRETS_FROM_ENV"], ["secret-item-dropped", "PLUGIN_SECRETS_FROM_FILE"]]],
  ["push only without a source and two tags", { ...ANONYMOUS, PLUGIN_PUSH_ONLY: "true", PLUGIN_TAGS: "1.0,latest" }, "docker", [["push-only-cross-tag", "PLUGIN_SOURCE_IMAGE"]]],
  ["push only with a source is fine", { ...ANONYMOUS, PLUGIN_PUSH_ONLY: "true", PLUGIN_TAGS: "1.0,latest", PLUGIN_SOURCE_IMAGE: "local/app:1" }, "docker", []],
  [
    "runtime flags the plugin never reads",
    { ...ANONYMOUS, PLUGIN_NETWORK: "host", PLUGIN_BUILDX: "true", PLUGIN_CACHE_TO: "type=registry,ref=acme/app:cache", PLUGIN_SHM_SIZE: "2g", PLUGIN_EXPAND_TAG: "true", PLUGIN_SNAPSHOT_MODE: "redo" },
    "docker",
    [
      ["ignored-runtime-flag", "PLUGIN_NETWORK"],
      ["ignored-runtime-flag", "PLUGIN_BUILDX"],
      ["ignored-runtime-flag", "PLUGIN_CACHE_TO"],
      ["ignored-runtime-flag", "PLUGIN_SHM_SIZE"],
      ["ignored-runtime-flag", "PLUGIN_EXPAND_TAG"],
      ["ignored-runtime-flag", "PLUGIN_SNAPSHOT_MODE"],
    ],
  ],
  ["an ignored flag that is empty or false changes nothing", { ...ANONYMOUS, PLUGIN_BUILDX: "false", PLUGIN_NETWORK: "" }, "docker", []],
  ["Harness's own PLUGIN_METADATA_FILE on ECR is not reported", { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "app", PLUGIN_REGISTRY: ECR, PLUGIN_METADATA_FILE: "buildx-metadata.json" }, "ecr", [["password-on-command-line", undefined]]],
  ["a wrapper's own variable is read by that wrapper only", { ...ANONYMOUS, PLUGIN_REGION: "eu-west-1" }, "docker", [["ignored-runtime-flag", "PLUGIN_REGION"]]],
  ["PLUGIN_SQUASH without PLUGIN_EXPERIMENTAL", { ...ANONYMOUS, PLUGIN_SQUASH: "true" }, "docker", [["ignored-runtime-flag", "PLUGIN_SQUASH"]]],
  [
    "daemon options with PLUGIN_DAEMON_OFF=true, one bug per variable",
    { ...ANONYMOUS, PLUGIN_INSECURE: "true", PLUGIN_MIRROR: "m", PLUGIN_CUSTOM_DNS: "1.1.1.1,8.8.8.8", PLUGIN_STORAGE_PATH: "/d", PLUGIN_DEBUG: "true" },
    "docker",
    [
      ["daemon-option-without-daemon", "PLUGIN_STORAGE_PATH"],
      ["daemon-option-without-daemon", "PLUGIN_INSECURE"],
      ["daemon-option-without-daemon", "PLUGIN_MIRROR"],
      ["daemon-option-without-daemon", "PLUGIN_CUSTOM_DNS"],
      ["daemon-option-without-daemon", "PLUGIN_DEBUG"],
    ],
  ],
  ["daemon options with a daemon are fine", { PLUGIN_REPO: "acme/app", PLUGIN_INSECURE: "true", PLUGIN_MTU: "1400" }, "docker", []],
  ["the ECR wrapper reads a bad boolean as false", { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "app", PLUGIN_REGISTRY: ECR, ECR_CREATE_REPOSITORY: "yes" }, "ecr", [["password-on-command-line", undefined], ["wrapper-bool-ignored", "ECR_CREATE_REPOSITORY"]]],
  ["PLUGIN_EMAIL's -e", { ...HUB_STEP, PLUGIN_EMAIL: "ci@acme.example" }, "docker", [PASSWORD, ["login-email-flag", "PLUGIN_EMAIL"]]],
  ["a password without a user", { ...ANONYMOUS, PLUGIN_PASSWORD: "<secret account.hub>" }, "docker", [PASSWORD, ["login-without-username", "PLUGIN_USERNAME"]]],
  ["an anonymous base-image connector", { ...ANONYMOUS, PLUGIN_DOCKER_REGISTRY: "https://index.docker.io/v1/" }, "docker", [["base-image-login-without-credentials", "PLUGIN_DOCKER_REGISTRY"]]],
  ["auto tag on a feature branch succeeds with no image", { ...ANONYMOUS, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/heads/feature", DRONE_REPO_BRANCH: "main" }, "docker", [["auto-tag-skipped", "DRONE_COMMIT_REF"]]],
  ["a plugin that stops on a bad boolean runs nothing and triggers nothing", { ...ANONYMOUS, PLUGIN_NO_PUSH: "yes", PLUGIN_NETWORK: "host" }, "docker", []],
  // The GCR and GAR wrappers (gcr-gar-and-infrastructure.md sections 5b and 10).
  ["GCR: the JSON key is a password on docker's command line", GCR_VM, "gcr", [KEY_ON_COMMAND_LINE]],
  ["GAR: so is it, named by the alias it came from", { ...GAR_VM, PLUGIN_JSON_KEY: undefined, GOOGLE_CREDENTIALS: "<secret k>" }, "gar", [["password-on-command-line", "GOOGLE_CREDENTIALS"]]],
  ["GCR: workload identity puts Google's access token there", { ...GCR_VM, PLUGIN_WORKLOAD_IDENTITY: "true" }, "gcr", [["password-on-command-line", undefined]]],
  ["GAR: OIDC logs in through stdin: no password bug", { ...GAR_VM, ...GCP_OIDC }, "gar", []],
  ["GAR: OIDC variables short of all five fall back to the key", { ...GAR_VM, ...GCP_OIDC, PLUGIN_PROVIDER_ID: "" }, "gar", [KEY_ON_COMMAND_LINE, ["oidc-variables-incomplete", "PLUGIN_PROVIDER_ID"]]],
  ["GCR: ...and to no login at all without a key", { ...GCR_VM, PLUGIN_JSON_KEY: undefined, PLUGIN_OIDC_TOKEN_ID: "<oidc token>" }, "gcr", [["oidc-variables-incomplete", "PLUGIN_PROJECT_NUMBER"], ["no-registry-login", "PLUGIN_JSON_KEY"]]],
  ["GCR: no key, no OIDC (InheritFromDelegate): no login before the push", { ...GCR_VM, PLUGIN_JSON_KEY: undefined }, "gcr", [["no-registry-login", "PLUGIN_JSON_KEY"]]],
  ["GAR: workload identity without a key: no login either", { ...GAR_VM, PLUGIN_JSON_KEY: "", PLUGIN_WORKLOAD_IDENTITY: "true" }, "gar", [["no-registry-login", "PLUGIN_JSON_KEY"]]],
  ["GCR: no login matters only for a push", { ...GCR_VM, PLUGIN_JSON_KEY: undefined, PLUGIN_DRY_RUN: "true" }, "gcr", []],
  ["GCR: a bad PLUGIN_WORKLOAD_IDENTITY is false, silently", { ...GCR_VM, PLUGIN_WORKLOAD_IDENTITY: "on" }, "gcr", [KEY_ON_COMMAND_LINE, ["wrapper-bool-ignored", "PLUGIN_WORKLOAD_IDENTITY"]]],
  ["GAR: without registry or location, -docker.pkg.dev", { ...GAR_VM, PLUGIN_REGISTRY: undefined }, "gar", [KEY_ON_COMMAND_LINE, ["registry-not-given", "PLUGIN_REGISTRY"], ["invalid-repository", "PLUGIN_REPO"]]],
  ["GAR: a location is enough", { ...GAR_VM, PLUGIN_REGISTRY: undefined, PLUGIN_LOCATION: "us" }, "gar", [KEY_ON_COMMAND_LINE]],
  ["GCR: the artifact file says Docker, the wrapper's GCR is never handed on", { ...GCR_VM, PLUGIN_ARTIFACT_FILE: "/a" }, "gcr", [KEY_ON_COMMAND_LINE, ["artifact-registry-type", "PLUGIN_REGISTRY_TYPE"]]],
  ["GAR: quirk 1, Harness's lower-case gar is copied into the artifact file", { ...GAR_VM, PLUGIN_ARTIFACT_FILE: "/a" }, "gar", [KEY_ON_COMMAND_LINE, ["artifact-registry-type", "PLUGIN_REGISTRY_TYPE"]]],
  ["GAR: PLUGIN_REGISTRY_TYPE=GAR gives the right type", { ...GAR_VM, PLUGIN_ARTIFACT_FILE: "/a", PLUGIN_REGISTRY_TYPE: "GAR" }, "gar", [KEY_ON_COMMAND_LINE]],
  ["GCR: the wrappers' own variables are read", { ...GCR_VM, PLUGIN_WORKLOAD_IDENTITY: "false", ...GCP_OIDC }, "gcr", []],
  ["GCR: PLUGIN_LOCATION is GAR's", { ...GCR_VM, PLUGIN_LOCATION: "us" }, "gcr", [KEY_ON_COMMAND_LINE, ["ignored-runtime-flag", "PLUGIN_LOCATION"]]],
  ["GAR: kaniko runtime flags do nothing here", { ...GAR_VM, PLUGIN_SNAPSHOT_MODE: "redo" }, "gar", [KEY_ON_COMMAND_LINE, ["ignored-runtime-flag", "PLUGIN_SNAPSHOT_MODE"]]],
];

describe("dockerPluginBugsTriggered", () => {
  test.each(rows)("%s", (_description, env, variant, expected) => {
    const bugs = dockerPluginBugsTriggered(env, variant);
    expect(bugs.map((b) => [b.id, b.variable])).toEqual(expected);
    for (const b of bugs) expect(b.description.length).toBeGreaterThan(40);
  });

  test("the run carries the same list", () => {
    expect(dockerPluginRun(HUB_STEP, "docker").bugs).toEqual(dockerPluginBugsTriggered(HUB_STEP, "docker"));
  });

  test("descriptions say what happens, with the registries, repositories and tags involved", () => {
    const [, unqualified] = dockerPluginBugsTriggered({ ...HUB_STEP, PLUGIN_REGISTRY: "https://registry.example.com" }, "docker");
    expect(unqualified?.description).toContain("docker.io/acme/app");
    expect(unqualified?.description).toContain("write registry.example.com/acme/app");
    const [tag] = dockerPluginBugsTriggered({ ...ANONYMOUS, PLUGIN_TAGS: "feature/x" }, "docker");
    expect(tag?.description).toMatch(/"acme\/app:feature\/x" after the whole build has run/);
    const [insecure] = dockerPluginBugsTriggered({ ...ANONYMOUS, PLUGIN_INSECURE: "true" }, "docker");
    expect(insecure?.description).toMatch(/plain-HTTP or self-signed registry still fails/);
  });

  test("GCR and GAR descriptions name the key's variable and the registry, never the key", () => {
    const key = "S3cr3t-json-key";
    const [onCommandLine] = dockerPluginBugsTriggered({ ...GCR_VM, PLUGIN_JSON_KEY: key }, "gcr");
    expect(onCommandLine?.description).toMatch(/^docker login -u <user> -p <password> puts the password \(PLUGIN_JSON_KEY\) for gcr\.io\/my-project on docker's command line/);
    const [, noLogin] = dockerPluginBugsTriggered({ ...GCR_VM, PLUGIN_JSON_KEY: undefined, PLUGIN_OIDC_TOKEN_ID: key }, "gcr");
    expect(noLogin?.description).toMatch(/^no JSON key \(PLUGIN_JSON_KEY, GCR_JSON_KEY, GOOGLE_CREDENTIALS, TOKEN\) and no OIDC token: the plugin runs no docker login, so the push to gcr\.io\/my-project/);
    const [, artifact] = dockerPluginBugsTriggered({ ...GAR_VM, PLUGIN_ARTIFACT_FILE: "/a" }, "gar");
    expect(artifact?.description).toBe('the artifact file says registryType "gar", not "GAR": drone-docker copies PLUGIN_REGISTRY_TYPE as given (Harness sets lower-case gar)');
    for (const variant of ["gcr", "gar"] as const) {
      for (const env of [{ ...GAR_VM, PLUGIN_JSON_KEY: key }, { ...GAR_VM, ...GCP_OIDC, PLUGIN_OIDC_TOKEN_ID: key, PLUGIN_POOL_ID: "" }]) {
        expect(JSON.stringify(dockerPluginBugsTriggered(env, variant))).not.toContain(key);
      }
    }
  });

  test("no description holds a secret's value: not the password, not a build arg's value, not a secret item", () => {
    const env = {
      ...HUB_STEP,
      PLUGIN_PASSWORD: "hunter2-pw",
      PLUGIN_REGISTRY: "https://registry.example.com",
      PLUGIN_BUILD_ARGS: "NPM_TOKEN=abc,def-s3cret",
      PLUGIN_SECRETS_FROM_ENV: "x-s3cret-item",
      PLUGIN_SSH_AGENT_KEY: "ssh-k3y-value",
      PLUGIN_EMAIL: "e@x",
    };
    const text = JSON.stringify(dockerPluginBugsTriggered(env, "docker"));
    for (const value of ["hunter2-pw", "abc", "def-s3cret", "x-s3cret-item", "ssh-k3y-value"]) expect(text).not.toContain(value);
    expect(text).toContain("NPM_TOKEN");
  });
});
