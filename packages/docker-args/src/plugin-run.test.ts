/**
 * Golden rows, one per rule of ../shared/reference/docker-plugin.md (and the plugin's source
 * where the reference is silent): an environment → the dockerd argv, every docker command in
 * order and the exit status of the drone-docker plugin.
 */
import { describe, expect, test } from "vitest";
import type { Env, PluginVariant } from "@buildpush/kaniko-args";
import { ACR_TOKEN, DOCKER_EXE as D, DOCKERD_EXE, ECR_DEFAULT_REGISTRY, ECR_TOKEN, GCP_ACCESS_TOKEN, RFC3339_NOW, TEMP_TAG } from "./constants.js";
import { dockerPluginRun } from "./plugin-run.js";
import type { DockerPluginStopCode } from "./stop.js";

const HUB = "https://index.docker.io/v1/";
const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const ACR = "myreg.azurecr.io";
/** What Harness gives every VM step, plus a repository. */
const VM = { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "acme/app" };
const LOGIN = { PLUGIN_USERNAME: "acme", PLUGIN_PASSWORD: "<secret account.hub>" };

const INFO = [D, "info"];
const VERSION = [D, "version"];
const CARD = [D, "inspect", TEMP_TAG];
const DIGEST = [D, "inspect", "--format='{{index .RepoDigests 0}}'", TEMP_TAG];
const DAEMON = [DOCKERD_EXE, "--data-root", "/var/lib/docker", "--host=unix:///var/run/docker.sock"];
const login = (user: string, password: string, registry: string) => [D, "login", "-u", user, "-p", password, registry];
const tag = (target: string, source = TEMP_TAG) => [D, "tag", source, target];
const push = (target: string) => [D, "push", target];
const autoLabels = (sha = "00000000", source = "", url = "") => [
  "--label",
  `org.opencontainers.image.created=${RFC3339_NOW}`,
  "--label",
  `org.opencontainers.image.revision=${sha}`,
  "--label",
  `org.opencontainers.image.source=${source}`,
  "--label",
  `org.opencontainers.image.url=${url}`,
];
const build = (...options: string[]) => [D, "build", "--rm=true", "-f", "Dockerfile", "-t", TEMP_TAG, ".", ...options];
/** The build of a step that sets nothing about it. */
const BUILD = build("--pull=true", ...autoLabels());
/** Tag and push `repo:tag` for each tag, in order. */
const pushes = (repo: string, ...tags: string[]) => tags.flatMap((t) => [tag(`${repo}:${t}`), push(`${repo}:${t}`)]);
/** A default run after the logins: version, info, build, the pushes, the card. */
const afterLogin = (...tagPushes: string[][]) => [VERSION, INFO, BUILD, ...tagPushes, CARD];

interface Expected {
  exit?: 0 | 1;
  daemon?: string[] | null;
  commands: string[][];
  stop?: DockerPluginStopCode;
  buildkitFrom?: number | null;
}
type Row = [rule: string, env: Env, variant: PluginVariant, expected: Expected];

function check(env: Env, variant: PluginVariant, expected: Expected): void {
  const run = dockerPluginRun(env, variant);
  expect(run.commands).toEqual(expected.commands);
  expect(run.exit).toBe(expected.exit ?? 0);
  expect(run.stop?.code).toBe(expected.stop);
  if (expected.daemon !== undefined) expect(run.daemon).toEqual(expected.daemon);
  if (expected.buildkitFrom !== undefined) expect(run.buildkitFrom).toBe(expected.buildkitFrom);
  for (const argv of run.commands) expect(argv[0]).toBe(D);
}

/** The build command's options after the context, for the build rows. */
function buildOptions(env: Env, variant: PluginVariant = "docker"): string[] {
  const build = dockerPluginRun(env, variant).commands.find((argv) => argv[1] === "build");
  expect(build, "a build command").toBeDefined();
  return build!.slice(8);
}

const parsing: Row[] = [
  ["§1 defaults: tag latest, Dockerfile, context .", VM, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] }],
  ["§1 lists split on , and are trimmed", { ...VM, PLUGIN_TAGS: " 1.0 , stable" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "1.0", "stable"))] }],
  [
    "§1 an empty item is kept: PLUGIN_TAGS=\"\" is one empty tag, refused only at docker tag",
    { ...VM, PLUGIN_TAGS: "" },
    "docker",
    { exit: 1, stop: "invalid-reference", commands: [INFO, VERSION, INFO, BUILD, tag("acme/app:")] },
  ],
  ["§1 PLUGIN_TAG wins over PLUGIN_TAGS (the first name that is set)", { ...VM, PLUGIN_TAG: "a", PLUGIN_TAGS: "b" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "a"))] }],
  ["§1 PLUGIN_DRY_RUN=\"\" hides PLUGIN_NO_PUSH=true: it pushes", { ...VM, PLUGIN_DRY_RUN: "", PLUGIN_NO_PUSH: "true" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] }],
  [
    "§1 an empty PLUGIN_PASSWORD hides DOCKER_PASSWORD: no login",
    { ...VM, PLUGIN_USERNAME: "acme", PLUGIN_PASSWORD: "", DOCKER_PASSWORD: "<secret account.hub>" },
    "docker",
    { commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] },
  ],
  [
    "§1 DOCKER_USERNAME / DOCKER_PASSWORD log in when the PLUGIN_ names are unset",
    { ...VM, DOCKER_USERNAME: "acme", DOCKER_PASSWORD: "<secret account.hub>" },
    "docker",
    { commands: [INFO, login("acme", "<secret account.hub>", HUB), ...afterLogin(...pushes("acme/app", "latest"))] },
  ],
  ["§1 a bad boolean stops the plugin before any command", { ...VM, PLUGIN_DRY_RUN: "yes" }, "docker", { exit: 1, stop: "invalid-bool", daemon: null, commands: [] }],
  ["§1 a bad boolean stops it before the daemon too", { PLUGIN_REPO: "acme/app", PLUGIN_SQUASH: "on" }, "docker", { exit: 1, stop: "invalid-bool", daemon: null, commands: [] }],
  ["§1 default-true PLUGIN_PULL_IMAGE set to \"\" is false", { ...VM, PLUGIN_PULL_IMAGE: "" }, "docker", { commands: [INFO, VERSION, INFO, build(...autoLabels()), ...pushes("acme/app", "latest"), CARD] }],
  ["§1 default-true PLUGIN_AUTO_LABEL set to \"\" is false", { ...VM, PLUGIN_AUTO_LABEL: "" }, "docker", { commands: [INFO, VERSION, INFO, build("--pull=true"), ...pushes("acme/app", "latest"), CARD] }],
  ["§1 default-true PLUGIN_PURGE set to \"\" is parsed and changes no command", { ...VM, PLUGIN_PURGE: "" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] }],
  ["§1 integers accept a base prefix (0x2)", { ...VM, PLUGIN_DAEMON_RETRY_COUNT: "0x2" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] }],
  ["§1 a bad integer stops the plugin", { ...VM, PLUGIN_DAEMON_RETRY_COUNT: "two" }, "docker", { exit: 1, stop: "invalid-int", commands: [] }],
  ["§1 an empty integer is bad too", { ...VM, PLUGIN_DAEMON_RETRY_COUNT: "" }, "docker", { exit: 1, stop: "invalid-int", commands: [] }],
];

const daemon: Row[] = [
  ["§2 without PLUGIN_DAEMON_OFF the plugin starts dockerd, then polls docker info", { PLUGIN_REPO: "acme/app" }, "docker", { daemon: DAEMON, commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] }],
  ["§2 PLUGIN_DAEMON_OFF=true: no daemon; docker info is still polled first", VM, "docker", { daemon: null, commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] }],
  [
    "§2 the daemon options, in the plugin's order",
    {
      PLUGIN_REPO: "acme/app",
      PLUGIN_REGISTRY: "registry.example.com",
      PLUGIN_EXPERIMENTAL: "true",
      PLUGIN_MTU: "1400",
      PLUGIN_CUSTOM_DNS_SEARCH: "corp.example",
      PLUGIN_CUSTOM_DNS: "10.0.0.2, 10.0.0.3",
      PLUGIN_BIP: "172.30.0.1/16",
      PLUGIN_MIRROR: "https://mirror.example.com",
      PLUGIN_IPV6: "true",
      PLUGIN_INSECURE: "true",
      PLUGIN_STORAGE_DRIVER: "overlay2",
      PLUGIN_STORAGE_PATH: "/data/docker",
    },
    "docker",
    {
      daemon: [
        DOCKERD_EXE, "--data-root", "/data/docker", "--host=unix:///var/run/docker.sock", "-s", "overlay2", "--insecure-registry", "registry.example.com", "--ipv6",
        "--registry-mirror", "https://mirror.example.com", "--bip", "172.30.0.1/16", "--dns", "10.0.0.2", "--dns", "10.0.0.3", "--dns-search", "corp.example", "--mtu", "1400", "--experimental",
      ],
      commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))],
    },
  ],
  [
    "§2 PLUGIN_INSECURE adds --insecure-registry even for the default Docker Hub URL",
    { PLUGIN_REPO: "acme/app", PLUGIN_INSECURE: "true" },
    "docker",
    { daemon: [...DAEMON, "--insecure-registry", HUB], commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] },
  ],
  ["§2 DOCKER_PLUGIN_MIRROR is PLUGIN_MIRROR's alias", { PLUGIN_REPO: "acme/app", DOCKER_PLUGIN_MIRROR: "m.example" }, "docker", { daemon: [...DAEMON, "--registry-mirror", "m.example"], commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] }],
  ["§2 PLUGIN_DAEMON_OFF=true drops every daemon option", { ...VM, PLUGIN_INSECURE: "true", PLUGIN_MTU: "1400" }, "docker", { daemon: null, commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] }],
];

const order: Row[] = [
  [
    "§3 the order: info, base-image login, login, version, info, cache pulls, build, tag/push pairs, inspect, digest",
    { ...VM, ...LOGIN, PLUGIN_TAGS: "1.0,latest", PLUGIN_DOCKER_REGISTRY: "https://base.example.com", PLUGIN_DOCKER_USERNAME: "puller", PLUGIN_DOCKER_PASSWORD: "<secret account.base>", PLUGIN_CACHE_FROM: "acme/app:1.0,acme/app:latest", PLUGIN_ARTIFACT_FILE: "/harness/artifact" },
    "docker",
    {
      commands: [
        INFO,
        login("puller", "<secret account.base>", "https://base.example.com"),
        login("acme", "<secret account.hub>", HUB),
        VERSION,
        INFO,
        [D, "pull", "acme/app:1.0"],
        [D, "pull", "acme/app:latest"],
        build("--pull=true", "--cache-from", "acme/app:1.0", "--cache-from", "acme/app:latest", ...autoLabels()),
        ...pushes("acme/app", "1.0", "latest"),
        CARD,
        DIGEST,
      ],
    },
  ],
  ["§3 the purge commands are printed, never run", { ...VM, PLUGIN_PURGE: "true" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] }],
  ["§3 without an artifact file, no digest inspect", VM, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] }],
  ["§3 signing (PLUGIN_COSIGN_PRIVATE_KEY, a key file) fetches the digest after the artifact's", { ...VM, PLUGIN_ARTIFACT_FILE: "/a", PLUGIN_COSIGN_PRIVATE_KEY: "/keys/cosign.key" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "latest")), DIGEST, DIGEST] }],
  ["§3 cosign with keyless --oidc params stops before the build", { ...VM, PLUGIN_COSIGN_PRIVATE_KEY: "/k", PLUGIN_COSIGN_PARAMS: "--oidc-issuer x" }, "docker", { exit: 1, stop: "cosign-config", commands: [INFO] }],
  [
    "§3 an encrypted PEM key without PLUGIN_COSIGN_PASSWORD stops before the build",
    { ...VM, PLUGIN_COSIGN_PRIVATE_KEY: "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nx\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----" },
    "docker",
    { exit: 1, stop: "cosign-config", commands: [INFO] },
  ],
];

const logins: Row[] = [
  ["§3 login is docker login -u USER -p PASSWORD REGISTRY: the password on the command line", { ...VM, ...LOGIN }, "docker", { commands: [INFO, login("acme", "<secret account.hub>", HUB), ...afterLogin(...pushes("acme/app", "latest"))] }],
  [
    "§3 PLUGIN_EMAIL adds -e before the registry; docker login has no -e, so the plugin stops there",
    { ...VM, ...LOGIN, PLUGIN_EMAIL: "ci@acme.example" },
    "docker",
    { exit: 1, stop: "login-refused", commands: [INFO, [D, "login", "-u", "acme", "-p", "<secret account.hub>", "-e", "ci@acme.example", HUB]] },
  ],
  [
    "§3 only an access token goes through --password-stdin, as user oauth2accesstoken",
    { ...VM, ACCESS_TOKEN: "<secret account.gcp_token>", PLUGIN_REGISTRY: "us-docker.pkg.dev" },
    "docker",
    { commands: [INFO, [D, "login", "-u", "oauth2accesstoken", "--password-stdin", "us-docker.pkg.dev"], ...afterLogin(...pushes("acme/app", "latest"))] },
  ],
  ["§3 a password wins over an access token", { ...VM, ...LOGIN, ACCESS_TOKEN: "t" }, "docker", { commands: [INFO, login("acme", "<secret account.hub>", HUB), ...afterLogin(...pushes("acme/app", "latest"))] }],
  ["§3 no credentials: no login (anonymous)", { ...VM, PLUGIN_USERNAME: "acme" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] }],
  [
    "§3 a base-image registry logs in first even with empty user and password, which docker cannot do without a terminal",
    { ...VM, ...LOGIN, PLUGIN_DOCKER_REGISTRY: "https://index.docker.io/v1/" },
    "docker",
    { exit: 1, stop: "login-refused", commands: [INFO, login("", "", HUB)] },
  ],
  [
    "§3 a base-image login with empty credentials uses stored ones when PLUGIN_CONFIG writes a config file",
    { ...VM, PLUGIN_DOCKER_REGISTRY: "base.example.com", PLUGIN_CONFIG: "<secret account.docker_config>" },
    "docker",
    { commands: [INFO, login("", "", "base.example.com"), ...afterLogin(...pushes("acme/app", "latest"))] },
  ],
  [
    "§3 PLUGIN_BASE_IMAGE_* are the base-image aliases",
    { ...VM, PLUGIN_BASE_IMAGE_REGISTRY: "base.example.com", PLUGIN_BASE_IMAGE_USERNAME: "b", PLUGIN_BASE_IMAGE_PASSWORD: "<secret account.base>" },
    "docker",
    { commands: [INFO, login("b", "<secret account.base>", "base.example.com"), ...afterLogin(...pushes("acme/app", "latest"))] },
  ],
  [
    "§3 a password without a user: docker login cannot ask for the user, the plugin stops",
    { ...VM, PLUGIN_PASSWORD: "<secret account.hub>" },
    "docker",
    { exit: 1, stop: "login-refused", commands: [INFO, login("", "<secret account.hub>", HUB)] },
  ],
  [
    "§3 PLUGIN_REGISTRY goes to login as given: a Docker Hub /v2/ URL is not rewritten",
    { ...VM, ...LOGIN, PLUGIN_REGISTRY: "https://index.docker.io/v2/" },
    "docker",
    { commands: [INFO, login("acme", "<secret account.hub>", "https://index.docker.io/v2/"), ...afterLogin(...pushes("acme/app", "latest"))] },
  ],
  [
    "§6 PLUGIN_CONFIG is written as a file and login still happens",
    { ...VM, ...LOGIN, PLUGIN_CONFIG: "<secret account.docker_config>" },
    "docker",
    { commands: [INFO, login("acme", "<secret account.hub>", HUB), ...afterLogin(...pushes("acme/app", "latest"))] },
  ],
];

const repos: Row[] = [
  [
    "§3 drone-docker never prefixes the repo with the registry: acme/app goes to Docker Hub",
    { ...VM, ...LOGIN, PLUGIN_REGISTRY: "https://registry.example.com" },
    "docker",
    { commands: [INFO, login("acme", "<secret account.hub>", "https://registry.example.com"), ...afterLogin(...pushes("acme/app", "latest"))] },
  ],
  [
    "§5 ECR: login -u AWS -p <token AWS issues>, repo prefixed with PLUGIN_REGISTRY/",
    { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "app", PLUGIN_REGISTRY: ECR, PLUGIN_REGION: "us-east-1", PLUGIN_TAGS: "1.0" },
    "ecr",
    { commands: [INFO, login("AWS", ECR_TOKEN, ECR), ...afterLogin(...pushes(`${ECR}/app`, "1.0"))] },
  ],
  ["§5 ECR: a repo that already starts with the registry is kept", { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: `${ECR}/team/app`, PLUGIN_REGISTRY: ECR }, "ecr", { commands: [INFO, login("AWS", ECR_TOKEN, ECR), ...afterLogin(...pushes(`${ECR}/team/app`, "latest"))] }],
  [
    "§5 ECR: without PLUGIN_REGISTRY, the registry of the account's token endpoint",
    { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "app" },
    "ecr",
    { commands: [INFO, login("AWS", ECR_TOKEN, ECR_DEFAULT_REGISTRY), ...afterLogin(...pushes(`${ECR_DEFAULT_REGISTRY}/app`, "latest"))] },
  ],
  [
    "§5 ECR: PLUGIN_USERNAME / PLUGIN_PASSWORD in the step win over the token",
    { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "app", PLUGIN_REGISTRY: ECR, PLUGIN_USERNAME: "me", PLUGIN_PASSWORD: "<secret account.mine>" },
    "ecr",
    { commands: [INFO, login("me", "<secret account.mine>", ECR), ...afterLogin(...pushes(`${ECR}/app`, "latest"))] },
  ],
  ["§5 ECR: repository creation, policies and scan-on-push are AWS calls, no docker command", { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "app", PLUGIN_REGISTRY: ECR, PLUGIN_CREATE_REPOSITORY: "true", PLUGIN_SCAN_ON_PUSH: "true", PLUGIN_LIFECYCLE_POLICY: "/p.json" }, "ecr", { commands: [INFO, login("AWS", ECR_TOKEN, ECR), ...afterLogin(...pushes(`${ECR}/app`, "latest"))] }],
  ["§5 ECR: its own booleans never stop it (a bad one is false)", { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "app", PLUGIN_REGISTRY: ECR, PLUGIN_CREATE_REPOSITORY: "yes" }, "ecr", { commands: [INFO, login("AWS", ECR_TOKEN, ECR), ...afterLogin(...pushes(`${ECR}/app`, "latest"))] }],
  [
    "§5 ACR: a service principal's id and secret log in directly",
    { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: `${ACR}/app`, PLUGIN_REGISTRY: ACR, SERVICE_PRINCIPAL_CLIENT_ID: "sp-id", SERVICE_PRINCIPAL_CLIENT_SECRET: "<secret account.sp>" },
    "acr",
    { commands: [INFO, login("sp-id", "<secret account.sp>", ACR), ...afterLogin(...pushes(`${ACR}/app`, "latest"))] },
  ],
  [
    "§5 ACR: client id, secret and tenant → an ACR token for user 00000000-…; the repo as given",
    { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: `${ACR}/app`, PLUGIN_REGISTRY: ACR, CLIENT_ID: "app-id", CLIENT_SECRET: "<secret account.az>", TENANT_ID: "tenant" },
    "acr",
    { commands: [INFO, login("00000000-0000-0000-0000-000000000000", ACR_TOKEN, ACR), ...afterLogin(...pushes(`${ACR}/app`, "latest"))] },
  ],
  [
    "§5 ACR: a certificate instead of a secret, and a repo without the registry is prefixed",
    { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "app", PLUGIN_REGISTRY: ACR, CLIENT_ID: "app-id", CLIENT_CERTIFICATE: "<secret account.cert>", TENANT_ID: "tenant" },
    "acr",
    { commands: [INFO, login("00000000-0000-0000-0000-000000000000", ACR_TOKEN, ACR), ...afterLogin(...pushes(`${ACR}/app`, "latest"))] },
  ],
  [
    "§5 ACR: OIDC (PLUGIN_OIDC_TOKEN_ID with client and tenant) needs no secret",
    { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: `${ACR}/app`, PLUGIN_REGISTRY: ACR, AZURE_CLIENT_ID: "app-id", AZURE_TENANT_ID: "tenant", PLUGIN_OIDC_TOKEN_ID: "<secret account.oidc>" },
    "acr",
    { commands: [INFO, login("00000000-0000-0000-0000-000000000000", ACR_TOKEN, ACR), ...afterLogin(...pushes(`${ACR}/app`, "latest"))] },
  ],
  [
    "§5 ACR: the default registry is the bare azurecr.io",
    { PLUGIN_DAEMON_OFF: "true", PLUGIN_REPO: "app", SERVICE_PRINCIPAL_CLIENT_ID: "sp", SERVICE_PRINCIPAL_CLIENT_SECRET: "<secret account.sp>" },
    "acr",
    { commands: [INFO, login("sp", "<secret account.sp>", "azurecr.io"), ...afterLogin(...pushes("azurecr.io/app", "latest"))] },
  ],
  ["§5 ACR: without a tenant the plugin exits 1 before docker runs", { PLUGIN_REPO: `${ACR}/app`, PLUGIN_REGISTRY: ACR, CLIENT_ID: "id", CLIENT_SECRET: "s" }, "acr", { exit: 1, stop: "acr-credentials", daemon: null, commands: [] }],
  ["§5 ACR: without a client id too", { PLUGIN_REPO: `${ACR}/app`, PLUGIN_REGISTRY: ACR, TENANT_ID: "t", CLIENT_SECRET: "s" }, "acr", { exit: 1, stop: "acr-credentials", commands: [] }],
  ["§5 ACR: without a secret or certificate too", { PLUGIN_REPO: `${ACR}/app`, PLUGIN_REGISTRY: ACR, TENANT_ID: "t", CLIENT_ID: "id" }, "acr", { exit: 1, stop: "acr-credentials", commands: [] }],
];

const GCR = "gcr.io/my-project";
const GAR = "us-central1-docker.pkg.dev/my-project";
const GCP_KEY = "<secret account.gcp-key>";
/** What Harness gives a GCR / GAR step on a VM with a ManualConfig GCP connector (gcr-gar-and-infrastructure.md section 3). */
const GCR_VM = { PLUGIN_DAEMON_OFF: "true", PLUGIN_REGISTRY: GCR, PLUGIN_REPO: "app", PLUGIN_TAGS: "1.0", PLUGIN_JSON_KEY: GCP_KEY };
const GAR_VM = { ...GCR_VM, PLUGIN_REGISTRY: GAR, PLUGIN_REPO: "repo/app", PLUGIN_REGISTRY_TYPE: "gar" };
const GCP_OIDC = { PLUGIN_OIDC_TOKEN_ID: "<oidc token>", PLUGIN_PROJECT_NUMBER: "123", PLUGIN_POOL_ID: "pool", PLUGIN_PROVIDER_ID: "prov", PLUGIN_SERVICE_ACCOUNT_EMAIL: "sa@p.iam.gserviceaccount.com" };
const NO_GCP_KEY = { PLUGIN_JSON_KEY: undefined };
const stdinLogin = (registry: string) => [D, "login", "-u", "oauth2accesstoken", "--password-stdin", registry];

/** gcr-gar-and-infrastructure.md section 5b, the GCR and GAR wrappers, one row per rule, for both where both have it. */
const googleWrappers: Row[] = [
  ...([["gcr", GCR_VM, `${GCR}/app`], ["gar", GAR_VM, `${GAR}/repo/app`]] as const).flatMap(([variant, step, repo]): Row[] => [
    [`§5b ${variant}: the JSON key is the password of _json_key at PLUGIN_REGISTRY; the repo is prefixed`, step, variant, { commands: [INFO, login("_json_key", GCP_KEY, step.PLUGIN_REGISTRY), ...afterLogin(...pushes(repo, "1.0"))] }],
    [`§5b ${variant}: all five OIDC variables: an access token through --password-stdin, the key unused`, { ...step, ...GCP_OIDC }, variant, { commands: [INFO, stdinLogin(step.PLUGIN_REGISTRY), ...afterLogin(...pushes(repo, "1.0"))] }],
    [`§5b ${variant}: PLUGIN_WORKLOAD_IDENTITY=true turns the key into an access token for oauth2accesstoken`, { ...step, PLUGIN_WORKLOAD_IDENTITY: "true" }, variant, { commands: [INFO, login("oauth2accesstoken", GCP_ACCESS_TOKEN, step.PLUGIN_REGISTRY), ...afterLogin(...pushes(repo, "1.0"))] }],
    [`§5b ${variant}: no key and no OIDC token: no login, the push goes all the same`, { ...step, ...NO_GCP_KEY }, variant, { commands: [INFO, ...afterLogin(...pushes(repo, "1.0"))] }],
  ]),
  [
    "§5b the key is base64-decoded when it decodes (line breaks ignored)",
    { ...GCR_VM, PLUGIN_JSON_KEY: `${Buffer.from('{"type":"service_account"}').toString("base64").slice(0, 8)}\n${Buffer.from('{"type":"service_account"}').toString("base64").slice(8)}` },
    "gcr",
    { commands: [INFO, login("_json_key", '{"type":"service_account"}', GCR), ...afterLogin(...pushes(`${GCR}/app`, "1.0"))] },
  ],
  ["§5b a key that is no base64 is used as given", { ...GCR_VM, PLUGIN_JSON_KEY: '{"type":"service_account"}' }, "gcr", { commands: [INFO, login("_json_key", '{"type":"service_account"}', GCR), ...afterLogin(...pushes(`${GCR}/app`, "1.0"))] }],
  ["§5b the key: the first non-empty of PLUGIN_JSON_KEY, GCR_JSON_KEY, GOOGLE_CREDENTIALS, TOKEN", { ...GCR_VM, PLUGIN_JSON_KEY: "", GCR_JSON_KEY: "", GOOGLE_CREDENTIALS: "<secret g>", TOKEN: "<secret t>" }, "gcr", { commands: [INFO, login("_json_key", "<secret g>", GCR), ...afterLogin(...pushes(`${GCR}/app`, "1.0"))] }],
  ["§5b the key: TOKEN last", { ...GAR_VM, ...NO_GCP_KEY, TOKEN: "<secret t>" }, "gar", { commands: [INFO, login("_json_key", "<secret t>", GAR), ...afterLogin(...pushes(`${GAR}/repo/app`, "1.0"))] }],
  ["§5b workload identity without a key: no token, so no login", { ...GCR_VM, ...NO_GCP_KEY, PLUGIN_WORKLOAD_IDENTITY: "1" }, "gcr", { commands: [INFO, ...afterLogin(...pushes(`${GCR}/app`, "1.0"))] }],
  ["§5b PLUGIN_WORKLOAD_IDENTITY that Go cannot parse is false, silently", { ...GCR_VM, PLUGIN_WORKLOAD_IDENTITY: "yes" }, "gcr", { commands: [INFO, login("_json_key", GCP_KEY, GCR), ...afterLogin(...pushes(`${GCR}/app`, "1.0"))] }],
  ["§5b four of the five OIDC variables: the key is used", { ...GAR_VM, ...GCP_OIDC, PLUGIN_POOL_ID: "" }, "gar", { commands: [INFO, login("_json_key", GCP_KEY, GAR), ...afterLogin(...pushes(`${GAR}/repo/app`, "1.0"))] }],
  ["§5b GCR: PLUGIN_REGISTRY empty is the GCR apex host", { ...GCR_VM, PLUGIN_REGISTRY: "" }, "gcr", { commands: [INFO, login("_json_key", GCP_KEY, "gcr.io"), ...afterLogin(...pushes("gcr.io/app", "1.0"))] }],
  ["§5b GAR: PLUGIN_REGISTRY empty is <PLUGIN_LOCATION>-docker.pkg.dev", { ...GAR_VM, PLUGIN_REGISTRY: undefined, PLUGIN_LOCATION: "europe-west1", PLUGIN_REPO: "p/repo/app" }, "gar", { commands: [INFO, login("_json_key", GCP_KEY, "europe-west1-docker.pkg.dev"), ...afterLogin(...pushes("europe-west1-docker.pkg.dev/p/repo/app", "1.0"))] }],
  [
    "§5b GAR without registry or location: -docker.pkg.dev, which docker tag refuses after the build",
    { ...GAR_VM, PLUGIN_REGISTRY: undefined },
    "gar",
    { exit: 1, stop: "invalid-reference", commands: [INFO, login("_json_key", GCP_KEY, "-docker.pkg.dev"), VERSION, INFO, BUILD, tag("-docker.pkg.dev/repo/app:1.0")] },
  ],
  ["§5b a repo that already starts with the registry is kept", { ...GCR_VM, PLUGIN_REPO: `${GCR}/app` }, "gcr", { commands: [INFO, login("_json_key", GCP_KEY, GCR), ...afterLogin(...pushes(`${GCR}/app`, "1.0"))] }],
  ["§5b the prefix test is a text prefix: another project that starts alike is kept", { ...GCR_VM, PLUGIN_REPO: `${GCR}-staging/app` }, "gcr", { commands: [INFO, login("_json_key", GCP_KEY, GCR), ...afterLogin(...pushes(`${GCR}-staging/app`, "1.0"))] }],
  ["§5b the prefix is Go's path.Join: a trailing / on the registry is dropped from the repo", { ...GCR_VM, PLUGIN_REGISTRY: `${GCR}/`, PLUGIN_REPO: "/app" }, "gcr", { commands: [INFO, login("_json_key", GCP_KEY, `${GCR}/`), ...afterLogin(...pushes(`${GCR}/app`, "1.0"))] }],
  ["§5b no PLUGIN_REPO: the registry itself is the repository", { ...GCR_VM, PLUGIN_REPO: undefined }, "gcr", { commands: [INFO, login("_json_key", GCP_KEY, GCR), ...afterLogin(...pushes(GCR, "1.0"))] }],
  [
    "§5b quirk 2: a host with a scheme: path.Join makes https:/gcr.io/..., which docker tag refuses",
    { ...GCR_VM, PLUGIN_REGISTRY: `https://${GCR}` },
    "gcr",
    { exit: 1, stop: "invalid-reference", commands: [INFO, login("_json_key", GCP_KEY, `https://${GCR}`), VERSION, INFO, BUILD, tag(`https:/${GCR}/app:1.0`)] },
  ],
  ["§5b PLUGIN_USERNAME / PLUGIN_PASSWORD in the step win over the wrapper's login", { ...GCR_VM, PLUGIN_USERNAME: "me", PLUGIN_PASSWORD: "<secret mine>" }, "gcr", { commands: [INFO, login("me", "<secret mine>", GCR), ...afterLogin(...pushes(`${GCR}/app`, "1.0"))] }],
  ["§5b the GCR wrapper's registry type never reaches the build", { ...GCR_VM, PLUGIN_ARTIFACT_FILE: "/a" }, "gcr", { commands: [INFO, login("_json_key", GCP_KEY, GCR), VERSION, INFO, BUILD, ...pushes(`${GCR}/app`, "1.0"), CARD, DIGEST] }],
];

const dryRunAndPushOnly: Row[] = [
  ["§3 dry run: tags, no push", { ...VM, PLUGIN_DRY_RUN: "true", PLUGIN_TAGS: "1.0,latest" }, "docker", { commands: [INFO, VERSION, INFO, BUILD, tag("acme/app:1.0"), tag("acme/app:latest"), CARD] }],
  ["§3 dry run through its alias PLUGIN_NO_PUSH", { ...VM, PLUGIN_NO_PUSH: "true" }, "docker", { commands: [INFO, VERSION, INFO, BUILD, tag("acme/app:latest"), CARD] }],
  [
    "§3 dry run with an artifact file: the digest inspect still runs (and fails, so no artifact file is written)",
    { ...VM, PLUGIN_NO_PUSH: "true", PLUGIN_ARTIFACT_FILE: "/a" },
    "docker",
    { commands: [INFO, VERSION, INFO, BUILD, tag("acme/app:latest"), CARD, DIGEST] },
  ],
  ["§3 dry run: signing fetches no digest", { ...VM, PLUGIN_NO_PUSH: "true", PLUGIN_COSIGN_PRIVATE_KEY: "/k" }, "docker", { commands: [INFO, VERSION, INFO, BUILD, tag("acme/app:latest"), CARD] }],
  [
    "§3 push only: no build; inspect the source, tag it to each target, push each (the first push's digest, then the card)",
    { ...VM, ...LOGIN, PLUGIN_PUSH_ONLY: "true", PLUGIN_SOURCE_IMAGE: "local/app:build", PLUGIN_TAGS: "1.0,latest" },
    "docker",
    {
      commands: [
        INFO,
        login("acme", "<secret account.hub>", HUB),
        [D, "image", "inspect", "local/app:build"],
        tag("acme/app:1.0", "local/app:build"),
        tag("acme/app:latest", "local/app:build"),
        [D, "image", "inspect", "acme/app:1.0"],
        push("acme/app:1.0"),
        [D, "inspect", "--format", '{{ index (split (index .RepoDigests 0) "@") 1 }}', "acme/app:1.0"],
        [D, "image", "inspect", "acme/app:latest"],
        push("acme/app:latest"),
        [D, "inspect", "acme/app:1.0"],
      ],
    },
  ],
  [
    "§3 push only: a source without a tag is :latest, a colon before a / is a port",
    { ...VM, PLUGIN_PUSH_ONLY: "true", PLUGIN_SOURCE_IMAGE: "localhost:5000/app", PLUGIN_TAGS: "1.0" },
    "docker",
    { commands: [INFO, [D, "image", "inspect", "localhost:5000/app:latest"], tag("acme/app:1.0", "localhost:5000/app:latest"), [D, "image", "inspect", "acme/app:1.0"], push("acme/app:1.0"), [D, "inspect", "--format", '{{ index (split (index .RepoDigests 0) "@") 1 }}', "acme/app:1.0"], [D, "inspect", "acme/app:1.0"]] },
  ],
  [
    "§3 push only without PLUGIN_SOURCE_IMAGE: the repo with each tag is the source; an identical target is not tagged",
    { ...VM, PLUGIN_PUSH_ONLY: "true", PLUGIN_TAGS: "1.0" },
    "docker",
    { commands: [INFO, [D, "image", "inspect", "acme/app:1.0"], [D, "image", "inspect", "acme/app:1.0"], push("acme/app:1.0"), [D, "inspect", "--format", '{{ index (split (index .RepoDigests 0) "@") 1 }}', "acme/app:1.0"], [D, "inspect", "acme/app:1.0"]] },
  ],
  ["§3 push only with dry run: a conflict, after the login", { ...VM, ...LOGIN, PLUGIN_PUSH_ONLY: "true", PLUGIN_DRY_RUN: "true" }, "docker", { exit: 1, stop: "push-only-dry-run", commands: [INFO, login("acme", "<secret account.hub>", HUB)] }],
];

const autoTags: Row[] = [
  ["§4 on refs/tags/v1.2.3: 1, 1.2, 1.2.3", { ...VM, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/tags/v1.2.3" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "1", "1.2", "1.2.3"))] }],
  ["§4 PLUGIN_DEFAULT_TAGS is the alias", { ...VM, PLUGIN_DEFAULT_TAGS: "true", DRONE_COMMIT_REF: "refs/tags/2.0.1" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "2", "2.0", "2.0.1"))] }],
  ["§4 0.x: no major tag", { ...VM, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/tags/v0.4.1" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "0.4", "0.4.1"))] }],
  ["§4 zero padding is kept", { ...VM, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/tags/v01.02.03" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "01", "01.02", "01.02.03"))] }],
  ["§4 a prerelease gives one tag", { ...VM, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/tags/v1.2.3-rc.1" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "1.2.3-rc.1"))] }],
  [
    "§4 a build version gives one tag with its +, which docker tag refuses after the build",
    { ...VM, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/tags/v1.2.3+build.5" },
    "docker",
    { exit: 1, stop: "invalid-reference", commands: [INFO, VERSION, INFO, BUILD, tag("acme/app:1.2.3+build.5")] },
  ],
  ["§4 a tag ref that is not full semver (1.2) is an error before anything runs", { PLUGIN_REPO: "acme/app", PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/tags/1.2" }, "docker", { exit: 1, stop: "auto-tag-semver", daemon: null, commands: [] }],
  ["§4 on the default branch: latest", { ...VM, PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/heads/main", DRONE_REPO_BRANCH: "main" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "latest"))] }],
  ["§4 on another branch: exit 0, nothing runs, not even the daemon", { PLUGIN_REPO: "acme/app", PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/heads/feature", DRONE_REPO_BRANCH: "main" }, "docker", { exit: 0, stop: "auto-tag-skipped", daemon: null, commands: [] }],
  ["§4 PLUGIN_AUTO_TAG_SUFFIX: x becomes x-suffix", { ...VM, PLUGIN_AUTO_TAG: "true", PLUGIN_AUTO_TAG_SUFFIX: "arm64", DRONE_COMMIT_REF: "refs/tags/v1.2.3" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "1-arm64", "1.2-arm64", "1.2.3-arm64"))] }],
  ["§4 PLUGIN_AUTO_TAG_SUFFIX: latest becomes the suffix", { ...VM, PLUGIN_AUTO_TAG: "true", PLUGIN_DEFAULT_SUFFIX: "arm64", DRONE_COMMIT_REF: "refs/heads/main", DRONE_REPO_BRANCH: "main" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "arm64"))] }],
  ["§4 auto tags replace PLUGIN_TAGS", { ...VM, PLUGIN_TAGS: "1.0,stable", PLUGIN_AUTO_TAG: "true", DRONE_COMMIT_REF: "refs/tags/v3.0.0" }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "3", "3.0", "3.0.0"))] }],
];

const invalidReferences: Row[] = [
  [
    "§6 an empty tag fails at its docker tag, after the build and the earlier pushes",
    { ...VM, PLUGIN_TAGS: "1.0,,2.0" },
    "docker",
    { exit: 1, stop: "invalid-reference", commands: [INFO, VERSION, INFO, BUILD, ...pushes("acme/app", "1.0"), tag("acme/app:")] },
  ],
  ["§6 a + in a tag", { ...VM, PLUGIN_TAGS: "1.0+build" }, "docker", { exit: 1, stop: "invalid-reference", commands: [INFO, VERSION, INFO, BUILD, tag("acme/app:1.0+build")] }],
  ["§6 a newline in a tag", { ...VM, PLUGIN_TAGS: "1.0\nlatest" }, "docker", { exit: 1, stop: "invalid-reference", commands: [INFO, VERSION, INFO, BUILD, tag("acme/app:1.0\nlatest")] }],
  ["§6 a / in a tag", { ...VM, PLUGIN_TAGS: "feature/x" }, "docker", { exit: 1, stop: "invalid-reference", commands: [INFO, VERSION, INFO, BUILD, tag("acme/app:feature/x")] }],
  ["§6 uppercase in the repository fails at the first tag", { ...VM, PLUGIN_REPO: "Acme/App", PLUGIN_TAGS: "1.0" }, "docker", { exit: 1, stop: "invalid-reference", commands: [INFO, VERSION, INFO, BUILD, tag("Acme/App:1.0")] }],
  ["§6 no repository at all gives :TAG, refused", { PLUGIN_DAEMON_OFF: "true" }, "docker", { exit: 1, stop: "invalid-reference", commands: [INFO, VERSION, INFO, BUILD, tag(":latest")] }],
  ["§6 a dry run fails at the same tag", { ...VM, PLUGIN_DRY_RUN: "true", PLUGIN_TAGS: "ok,bad tag" }, "docker", { exit: 1, stop: "invalid-reference", commands: [INFO, VERSION, INFO, BUILD, tag("acme/app:ok"), tag("acme/app:bad tag")] }],
  [
    "§6 a digest in the target: docker refuses to tag it",
    { ...VM, PLUGIN_TAGS: `1.0@sha256:${"a".repeat(64)}` },
    "docker",
    { exit: 1, stop: "invalid-reference", commands: [INFO, VERSION, INFO, BUILD, tag(`acme/app:1.0@sha256:${"a".repeat(64)}`)] },
  ],
  ["§6 a 128-character tag is fine", { ...VM, PLUGIN_TAGS: "a".repeat(128) }, "docker", { commands: [INFO, ...afterLogin(...pushes("acme/app", "a".repeat(128)))] }],
  ["§6 a 129-character tag is not", { ...VM, PLUGIN_TAGS: "a".repeat(129) }, "docker", { exit: 1, stop: "invalid-reference", commands: [INFO, VERSION, INFO, BUILD, tag(`acme/app:${"a".repeat(129)}`)] }],
  [
    "§6 push only: an invalid source fails at its tag, before anything is pushed",
    { ...VM, PLUGIN_PUSH_ONLY: "true", PLUGIN_SOURCE_IMAGE: "Local/App:x" },
    "docker",
    { exit: 1, stop: "invalid-reference", commands: [INFO, [D, "image", "inspect", "Local/App:x"], tag("acme/app:latest", "Local/App:x")] },
  ],
  [
    "§6 push only: an empty tag identical to its source is not tagged, and fails at its push",
    { ...VM, PLUGIN_PUSH_ONLY: "true", PLUGIN_TAGS: "" },
    "docker",
    { exit: 1, stop: "invalid-reference", commands: [INFO, [D, "image", "inspect", "acme/app:"], [D, "image", "inspect", "acme/app:"], push("acme/app:")] },
  ],
];

describe("dockerPluginRun: the commands, in order (docker-plugin.md)", () => {
  describe.each([
    ["§1 environment parsing", parsing],
    ["§2 the daemon", daemon],
    ["§3 command order", order],
    ["§3 login forms", logins],
    ["§3 and §5 repositories and the ECR/ACR wrappers", repos],
    ["§5b the GCR and GAR wrappers (gcr-gar-and-infrastructure.md)", googleWrappers],
    ["§3 dry run and push only", dryRunAndPushOnly],
    ["§4 auto_tag", autoTags],
    ["§6 invalid references", invalidReferences],
  ])("%s", (_section, rows) => {
    test.each(rows)("%s", (_rule, env, variant, expected) => check(env, variant, expected));
  });
});

type BuildRow = [rule: string, env: Env, options: string[]];

const buildRows: BuildRow[] = [
  ["§3 the head: --rm=true -f DOCKERFILE -t <temp> CONTEXT, then the options", { ...VM, PLUGIN_DOCKERFILE: "docker/Dockerfile.prod", PLUGIN_CONTEXT: "services/api" }, ["--pull=true", ...autoLabels()]],
  [
    "§3 every option, in the plugin's order",
    {
      ...VM,
      PLUGIN_EXPERIMENTAL: "true",
      PLUGIN_SQUASH: "true",
      PLUGIN_COMPRESS: "true",
      PLUGIN_NO_CACHE: "true",
      PLUGIN_CACHE_FROM: "acme/app:1.0",
      PLUGIN_BUILD_ARGS: "V=1",
      PLUGIN_ADD_HOST: "db:10.0.0.5",
      PLUGIN_SECRET: "id=npmrc,src=/harness/.npmrc",
      PLUGIN_SECRETS_FROM_ENV: "token=NPM_TOKEN",
      PLUGIN_SECRETS_FROM_FILE: "cert=/harness/ca.pem",
      PLUGIN_TARGET: "runtime",
      PLUGIN_QUIET: "true",
      PLUGIN_PLATFORM: "linux/arm64",
      PLUGIN_SSH_AGENT_KEY: "<secret account.deploy_key>",
      PLUGIN_CUSTOM_LABELS: "team=ci",
    },
    [
      "--squash", "--compress", "--pull=true", "--no-cache", "--cache-from", "acme/app:1.0", "--build-arg", "V=1", "--add-host", "db:10.0.0.5",
      "--secret", "id=npmrc,src=/harness/.npmrc", "--secret", "id=token,env=NPM_TOKEN", "--secret", "id=cert,src=/harness/ca.pem",
      "--target", "runtime", "--quiet", "--platform", "linux/arm64", "--ssh", "default=/root/.ssh/id_rsa", ...autoLabels(), "--label", "team=ci",
    ],
  ],
  ["§3 --squash only with PLUGIN_EXPERIMENTAL", { ...VM, PLUGIN_SQUASH: "true" }, ["--pull=true", ...autoLabels()]],
  [
    "§3 auto labels: revision from DRONE_COMMIT_SHA, source from DRONE_REMOTE_URL, url from DRONE_REPO_LINK, then PLUGIN_CUSTOM_LABELS",
    { ...VM, DRONE_COMMIT_SHA: "abc123", DRONE_REMOTE_URL: "https://git.example.com/acme/app.git", DRONE_REPO_LINK: "https://git.example.com/acme/app", PLUGIN_CUSTOM_LABELS: "team=ci,tier=web" },
    ["--pull=true", ...autoLabels("abc123", "https://git.example.com/acme/app.git", "https://git.example.com/acme/app"), "--label", "team=ci", "--label", "tier=web"],
  ],
  ["§3 PLUGIN_REPO_LINK wins over DRONE_REPO_LINK", { ...VM, PLUGIN_REPO_LINK: "https://a", DRONE_REPO_LINK: "https://b" }, ["--pull=true", ...autoLabels("00000000", "", "https://a")]],
  [
    "§3 PLUGIN_LABEL_SCHEMA items follow the auto labels with their prefix",
    { ...VM, PLUGIN_LABEL_SCHEMA: "vendor=Acme,licenses=MIT" },
    ["--pull=true", ...autoLabels(), "--label", "org.opencontainers.image.vendor=Acme", "--label", "org.opencontainers.image.licenses=MIT"],
  ],
  ["§3 without auto labels, no label schema either", { ...VM, PLUGIN_AUTO_LABEL: "false", PLUGIN_LABEL_SCHEMA: "vendor=Acme", PLUGIN_CUSTOM_LABELS: "a=1" }, ["--pull=true", "--label", "a=1"]],
  ["§3 build args: PLUGIN_BUILD_ARGS is split on every comma", { ...VM, PLUGIN_BUILD_ARGS: "HOSTS=a,b, MODE=x" }, ["--pull=true", "--build-arg", "HOSTS=a", "--build-arg", "b", "--build-arg", "MODE=x", ...autoLabels()]],
  [
    "§3 build args: PLUGIN_BUILD_ARGS_NEW (split on ;) replaces them with PLUGIN_MULTIPLE_BUILD_ARGS=true",
    { ...VM, PLUGIN_BUILD_ARGS: "X=1", PLUGIN_BUILD_ARGS_NEW: "HOSTS=a,b; MODE=x", PLUGIN_MULTIPLE_BUILD_ARGS: "true" },
    ["--pull=true", "--build-arg", "HOSTS=a,b", "--build-arg", "MODE=x", ...autoLabels()],
  ],
  ["§3 build args: PLUGIN_BUILD_ARGS_NEW alone is ignored", { ...VM, PLUGIN_BUILD_ARGS: "X=1", PLUGIN_BUILD_ARGS_NEW: "Y=2" }, ["--pull=true", "--build-arg", "X=1", ...autoLabels()]],
  [
    "§3 proxies: each set proxy variable is appended as a lowercase and an uppercase pair",
    { ...VM, PLUGIN_BUILD_ARGS: "V=1", http_proxy: "http://proxy:3128", HTTPS_PROXY: "http://proxy:3129", HARNESS_NO_PROXY: "localhost" },
    [
      "--pull=true", "--build-arg", "V=1", "--build-arg", "http_proxy=http://proxy:3128", "--build-arg", "HTTP_PROXY=http://proxy:3128",
      "--build-arg", "https_proxy=http://proxy:3129", "--build-arg", "HTTPS_PROXY=http://proxy:3129", "--build-arg", "no_proxy=localhost", "--build-arg", "NO_PROXY=localhost", ...autoLabels(),
    ],
  ],
  ["§3 proxies: http_proxy before HTTP_PROXY before HARNESS_HTTP_PROXY; an empty one falls through", { ...VM, http_proxy: "", HTTP_PROXY: "http://upper", HARNESS_HTTP_PROXY: "http://harness" }, ["--pull=true", "--build-arg", "http_proxy=http://upper", "--build-arg", "HTTP_PROXY=http://upper", ...autoLabels()]],
  ["§3 proxies: a build arg that merely starts with the name keeps the proxy out", { ...VM, PLUGIN_BUILD_ARGS: "http_proxy_port=8080", http_proxy: "http://proxy:3128" }, ["--pull=true", "--build-arg", "http_proxy_port=8080", ...autoLabels()]],
  [
    "§3 proxies are added to PLUGIN_BUILD_ARGS_NEW's list too",
    { ...VM, PLUGIN_BUILD_ARGS_NEW: "A=1", PLUGIN_MULTIPLE_BUILD_ARGS: "true", no_proxy: "internal" },
    ["--pull=true", "--build-arg", "A=1", "--build-arg", "no_proxy=internal", "--build-arg", "NO_PROXY=internal", ...autoLabels()],
  ],
  [
    "§3 PLUGIN_BUILD_ARGS_FROM_ENV adds name=value and NAME=value for set variables, after the proxies",
    { ...VM, PLUGIN_BUILD_ARGS_FROM_ENV: "version,missing", version: "1.4", http_proxy: "http://p" },
    ["--pull=true", "--build-arg", "http_proxy=http://p", "--build-arg", "HTTP_PROXY=http://p", "--build-arg", "version=1.4", "--build-arg", "VERSION=1.4", ...autoLabels()],
  ],
  ["§3 secrets: PLUGIN_SECRET verbatim", { ...VM, PLUGIN_SECRET: "id=mysecret,src=/run/s" }, ["--pull=true", "--secret", "id=mysecret,src=/run/s", ...autoLabels()]],
  [
    "§3 secrets: malformed PLUGIN_SECRETS_FROM_ENV / _FROM_FILE items are silently dropped",
    { ...VM, PLUGIN_SECRETS_FROM_ENV: "a=A,noequals,=B,c=", PLUGIN_SECRETS_FROM_FILE: "f=/p,g" },
    ["--pull=true", "--secret", "id=a,env=A", "--secret", "id=f,src=/p", ...autoLabels()],
  ],
  ["§3 ssh: the key is written to $HOME/.ssh/id_rsa", { ...VM, PLUGIN_SSH_AGENT_KEY: "<secret account.key>", HOME: "/home/ci/" }, ["--pull=true", "--ssh", "default=/home/ci/.ssh/id_rsa", ...autoLabels()]],
];

describe("dockerPluginRun: the build command (docker-plugin.md §3)", () => {
  test.each(buildRows)("%s", (_rule, env, options) => {
    expect(buildOptions(env)).toEqual(options);
  });

  test("§3 the head of the build command", () => {
    const build = dockerPluginRun({ ...VM, PLUGIN_DOCKERFILE: "docker/Dockerfile.prod", PLUGIN_CONTEXT: "services/api" }, "docker").commands[3];
    expect(build?.slice(0, 8)).toEqual([D, "build", "--rm=true", "-f", "docker/Dockerfile.prod", "-t", TEMP_TAG, "services/api"]);
  });
});

describe("dockerPluginRun: secrets and BuildKit (docker-plugin.md §3)", () => {
  test.each<[string, Env, number | null]>([
    ["no secret, no ssh key: BuildKit is not forced", VM, null],
    ["PLUGIN_SECRET sets DOCKER_BUILDKIT=1 from docker version on", { ...VM, PLUGIN_SECRET: "id=s,src=/s" }, 1],
    ["after the logins", { ...VM, ...LOGIN, PLUGIN_SECRETS_FROM_FILE: "f=/p" }, 2],
    ["PLUGIN_SECRETS_FROM_ENV=\"\" (one empty item) sets it too, though no --secret is passed", { ...VM, PLUGIN_SECRETS_FROM_ENV: "" }, 1],
    ["an ssh key sets it", { ...VM, PLUGIN_SSH_AGENT_KEY: "<secret account.key>" }, 1],
  ])("%s", (_rule, env, from) => {
    const run = dockerPluginRun(env, "docker");
    expect(run.buildkitFrom).toBe(from);
    if (from !== null) expect(run.commands[from]).toEqual(VERSION);
  });

  test("an ssh key with HOME set to \"\": the plugin fails right after login", () => {
    const run = dockerPluginRun({ ...VM, ...LOGIN, PLUGIN_SSH_AGENT_KEY: "<secret account.key>", HOME: "" }, "docker");
    expect(run).toMatchObject({ exit: 1, stop: { code: "missing-home", variable: "HOME" }, commands: [INFO, login("acme", "<secret account.hub>", HUB)] });
  });

  test("the ssh key itself never appears in a command", () => {
    const key = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----";
    expect(JSON.stringify(dockerPluginRun({ ...VM, PLUGIN_SSH_AGENT_KEY: key }, "docker"))).not.toContain("abc");
  });
});

describe("dockerPluginRun: stops", () => {
  test("a parse error names the first bad flag in the plugin's order, and never a secret's value", () => {
    const run = dockerPluginRun({ ...VM, PLUGIN_SQUASH: "maybe", PLUGIN_DRY_RUN: "nope" }, "docker");
    expect(run.stop).toMatchObject({ code: "invalid-bool", variable: "PLUGIN_DRY_RUN" });
    expect(run.stop?.message).toMatch(/PLUGIN_DRY_RUN: could not parse "nope" as a boolean.*before starting any docker command/);
  });

  test("an invalid reference names the reference and docker's own reason", () => {
    const run = dockerPluginRun({ ...VM, PLUGIN_TAGS: "feature/x" }, "docker");
    expect(run.stop).toEqual({
      code: "invalid-reference",
      variable: "PLUGIN_TAGS",
      message: 'the Docker CLI refuses the image reference after the whole build: Error parsing reference: "acme/app:feature/x" is not a valid repository/tag: invalid reference format; the plugin exits 1',
    });
    expect(dockerPluginRun({ ...VM, PLUGIN_REPO: "Acme/App" }, "docker").stop?.variable).toBe("PLUGIN_REPO");
  });

  test("the wrappers' tokens are placeholders, never a value", () => {
    const ecr = dockerPluginRun({ PLUGIN_REPO: "app", PLUGIN_REGISTRY: ECR, PLUGIN_SECRET_KEY: "aws-secret-value" }, "ecr");
    expect(JSON.stringify(ecr)).not.toContain("aws-secret-value");
    const acr = dockerPluginRun({ PLUGIN_REPO: `${ACR}/a`, PLUGIN_REGISTRY: ACR, CLIENT_ID: "i", TENANT_ID: "t", CLIENT_SECRET: "azure-secret-value" }, "acr");
    expect(JSON.stringify(acr)).not.toContain("azure-secret-value");
  });
});
