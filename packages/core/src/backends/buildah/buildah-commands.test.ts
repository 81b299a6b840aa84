import { describe, expect, test } from "vitest";
import { BuildpushError, type BuildPlan, type RegistryCredentials } from "@buildpush/core";
import { buildPlan, type PlanOverrides } from "../../../../../test/support/plans.js";
import { containersAuthKey as authFileKey } from "../../rules/docker-hub.js";
import type { Finding } from "../../problems/collector.js";
import { toProblems } from "../../problems/locate.js";
import { buildahCommands, buildahSetup, buildahTransport as transportOf, qualifiedImageName, type BuildahTransport } from "./buildah-commands.js";
import type { RegistryAuthEntry } from "../container-spec.js";

const basic: RegistryCredentials = { kind: "basic", registry: "https://registry.example.com/v2/", username: "ci", passwordRef: "account.registry_pass" };

function plan(overrides: PlanOverrides = {}): BuildPlan {
  return buildPlan({ pushCredentials: basic, ...overrides });
}

/** The transport a plan gets, or its problems thrown. */
function buildahTransport(from: BuildPlan): BuildahTransport {
  const findings: Finding[] = [];
  const transport = transportOf(from, findings);
  if (findings.length > 0) throw new BuildpushError(toProblems(findings));
  return transport;
}

function buildahAuthEntries(from: BuildPlan): RegistryAuthEntry[] {
  const checked = buildahSetup(from);
  if (!checked.ok) throw new BuildpushError(toProblems(checked.findings));
  return checked.setup.auths;
}

const options = { authFile: "/tmp/run/auth.json", digestFile: (index: number) => `/tmp/run/digest-${index}` };
const global = ["buildah", "--storage-driver", "vfs"];
const buildHead = [...global, "build", "--isolation", "chroot", "--authfile", "/tmp/run/auth.json"];

describe("buildahCommands: the build command line", () => {
  test.each<[string, PlanOverrides, string[]]>([
    ["defaults: Dockerfile and context from the working directory", {}, [...buildHead, "--file", "Dockerfile", "--tag", "registry.example.com/acme/app:1.0", "."]],
    [
      "every tag, build arg, label, the target, dockerfile and context, in the order written",
      {
        tags: ["42", "1.10", "latest"],
        dockerfile: "docker/Dockerfile",
        context: "app dir",
        target: "release",
        buildArgs: [["GO_VERSION", "1.22"], ["NOTE", "a b,c=d"]],
        labels: [["org.opencontainers.image.source", "https://github.com/acme/app"], ["team", "web"]],
      },
      [
        ...buildHead,
        "--file", "docker/Dockerfile",
        "--target", "release",
        "--build-arg", "GO_VERSION=1.22",
        "--build-arg", "NOTE=a b,c=d",
        "--label", "org.opencontainers.image.source=https://github.com/acme/app",
        "--label", "team=web",
        "--tag", "registry.example.com/acme/app:42",
        "--tag", "registry.example.com/acme/app:1.10",
        "--tag", "registry.example.com/acme/app:latest",
        "app dir",
      ],
    ],
    ["a Docker Hub repository is tagged fully qualified", { image: "acme/web" }, [...buildHead, "--file", "Dockerfile", "--tag", "docker.io/acme/web:1.0", "."]],
    ["PLUGIN_SKIP_TLS_VERIFY_PULL turns TLS verification off for base images", { userEnv: { PLUGIN_SKIP_TLS_VERIFY_PULL: "true" } }, [...buildHead, "--tls-verify=false", "--file", "Dockerfile", "--tag", "registry.example.com/acme/app:1.0", "."]],
    ["PLUGIN_INSECURE_PULL likewise", { userEnv: { PLUGIN_INSECURE_PULL: "1" } }, [...buildHead, "--tls-verify=false", "--file", "Dockerfile", "--tag", "registry.example.com/acme/app:1.0", "."]],
    ["push-side flags leave pulls verified", { userEnv: { PLUGIN_SKIP_TLS_VERIFY: "true", PLUGIN_INSECURE: "true" } }, [...buildHead, "--file", "Dockerfile", "--tag", "registry.example.com/acme/app:1.0", "."]],
  ])("%s", (_name, overrides, expected) => {
    expect(buildahCommands(plan(overrides), options).build).toEqual(expected);
  });

  test("storage directories and the program go before the subcommand", () => {
    const { build, push } = buildahCommands(plan(), { ...options, program: "/usr/local/bin/buildah", root: "/s/root", runRoot: "/s/run", storageDriver: "overlay", isolation: "oci" });
    const head = ["/usr/local/bin/buildah", "--storage-driver", "overlay", "--root", "/s/root", "--runroot", "/s/run"];
    expect(build.slice(0, 10)).toEqual([...head, "build", "--isolation", "oci"]);
    expect(push[0]!.argv.slice(0, 8)).toEqual([...head, "push"]);
  });
});

describe("buildahCommands: one push per tag", () => {
  test.each<[string, PlanOverrides, string[][]]>([
    [
      "each tag with the auth file and its own digest file",
      { tags: ["1.0", "latest"] },
      [
        [...global, "push", "--authfile", "/tmp/run/auth.json", "--digestfile", "/tmp/run/digest-0", "registry.example.com/acme/app:1.0", "docker://registry.example.com/acme/app:1.0"],
        [...global, "push", "--authfile", "/tmp/run/auth.json", "--digestfile", "/tmp/run/digest-1", "registry.example.com/acme/app:latest", "docker://registry.example.com/acme/app:latest"],
      ],
    ],
    ["an http:// connector URL pushes without TLS verification", { pushCredentials: { ...basic, registry: "http://127.0.0.1:5000" } }, [[...global, "push", "--authfile", "/tmp/run/auth.json", "--digestfile", "/tmp/run/digest-0", "--tls-verify=false", "registry.example.com/acme/app:1.0", "docker://registry.example.com/acme/app:1.0"]]],
    ["PLUGIN_INSECURE as a stage variable", { userEnv: { PLUGIN_INSECURE: "true" } }, [[...global, "push", "--authfile", "/tmp/run/auth.json", "--digestfile", "/tmp/run/digest-0", "--tls-verify=false", "registry.example.com/acme/app:1.0", "docker://registry.example.com/acme/app:1.0"]]],
    ["PLUGIN_SKIP_TLS_VERIFY as a stage variable", { userEnv: { PLUGIN_SKIP_TLS_VERIFY: "True" } }, [[...global, "push", "--authfile", "/tmp/run/auth.json", "--digestfile", "/tmp/run/digest-0", "--tls-verify=false", "registry.example.com/acme/app:1.0", "docker://registry.example.com/acme/app:1.0"]]],
    ["a flag set to false keeps verification", { userEnv: { PLUGIN_SKIP_TLS_VERIFY: "false", PLUGIN_INSECURE: "" } }, [[...global, "push", "--authfile", "/tmp/run/auth.json", "--digestfile", "/tmp/run/digest-0", "registry.example.com/acme/app:1.0", "docker://registry.example.com/acme/app:1.0"]]],
    ["an anonymous https connector keeps verification", { pushCredentials: { kind: "anonymous", registry: "https://registry.example.com" } }, [[...global, "push", "--authfile", "/tmp/run/auth.json", "--digestfile", "/tmp/run/digest-0", "registry.example.com/acme/app:1.0", "docker://registry.example.com/acme/app:1.0"]]],
    ["PLUGIN_DRY_RUN builds without pushing", { userEnv: { PLUGIN_DRY_RUN: "true" } }, []],
    ["PLUGIN_NO_PUSH builds without pushing", { userEnv: { PLUGIN_NO_PUSH: "t" } }, []],
  ])("%s", (_name, overrides, expected) => {
    expect(buildahCommands(plan(overrides), options).push.map((push) => push.argv)).toEqual(expected);
  });

  test("each push names the image as the artifact file shows it: the repository as written and the tag", () => {
    const pushes = buildahCommands(plan({ image: "acme/web", tags: ["1.10", "latest"] }), options).push;
    expect(pushes.map(({ tag, image, digestFile }) => ({ tag, image, digestFile }))).toEqual([
      { tag: "1.10", image: "acme/web:1.10", digestFile: "/tmp/run/digest-0" },
      { tag: "latest", image: "acme/web:latest", digestFile: "/tmp/run/digest-1" },
    ]);
  });

  test("a runtime flag that is not a Go boolean is a problem naming the variable and value", () => {
    const error = catchError(() => buildahCommands(plan({ userEnv: { PLUGIN_SKIP_TLS_VERIFY: "yes" } }), options));
    expect(error.problems).toEqual([
      expect.objectContaining({ code: "invalid-option", value: "yes", message: 'PLUGIN_SKIP_TLS_VERIFY is "yes", which is not a boolean (step build_app)' }),
    ]);
  });
});

describe("buildahTransport", () => {
  test.each<[string, PlanOverrides, ReturnType<typeof buildahTransport>]>([
    ["https connector, no flags", {}, { pushTlsVerify: true, pullTlsVerify: true, dryRun: false }],
    ["http connector", { pushCredentials: { kind: "anonymous", registry: "http://localhost:5000" } }, { pushTlsVerify: false, pullTlsVerify: true, dryRun: false }],
    ["pull and push flags together", { userEnv: { PLUGIN_SKIP_TLS_VERIFY: "1", PLUGIN_SKIP_TLS_VERIFY_PULL: "TRUE" } }, { pushTlsVerify: false, pullTlsVerify: false, dryRun: false }],
    ["AWS credentials have no URL: verified", { pushCredentials: { kind: "helper", registry: "123456789012.dkr.ecr.us-east-1.amazonaws.com", helper: "ecr-login", provider: "AWS", env: { AWS_REGION: "us-east-1" }, secretEnv: {} } }, { pushTlsVerify: true, pullTlsVerify: true, dryRun: false }],
  ])("%s", (_name, overrides, expected) => {
    expect(buildahTransport(plan(overrides))).toEqual(expected);
  });
});

describe("buildahAuthEntries", () => {
  test.each<[string, PlanOverrides, ReturnType<typeof buildahAuthEntries>]>([
    ["username and password reference, keyed by host", {}, [{ registry: "registry.example.com", username: "ci", passwordRef: "account.registry_pass" }]],
    ["username reference", { pushCredentials: { kind: "basic", registry: "http://127.0.0.1:5000", usernameRef: "org.user", passwordRef: "org.pass" } }, [{ registry: "127.0.0.1:5000", usernameRef: "org.user", passwordRef: "org.pass" }]],
    ["anonymous: no entry", { pushCredentials: { kind: "anonymous", registry: "https://index.docker.io/v2/" } }, []],
    [
      "base-image credentials come after the push credentials",
      { baseImageCredentials: { kind: "basic", registry: "https://index.docker.io/v2/", username: "puller", passwordRef: "account.hub" } },
      [
        { registry: "registry.example.com", username: "ci", passwordRef: "account.registry_pass" },
        { registry: "docker.io", username: "puller", passwordRef: "account.hub" },
      ],
    ],
  ])("%s", (_name, overrides, expected) => {
    expect(buildahAuthEntries(plan(overrides))).toEqual(expected);
  });

  test.each<[string, RegistryCredentials, string]>([
    ["AWS", { kind: "helper", registry: "123456789012.dkr.ecr.us-east-1.amazonaws.com", helper: "ecr-login", provider: "AWS", env: { AWS_ACCESS_KEY_ID: "AKIA" }, secretEnv: { AWS_SECRET_ACCESS_KEY: { ref: "account.aws" } } }, "the Buildah backend cannot log in with an AWS connector (step build_app)"],
    ["Azure", { kind: "helper", registry: "acme.azurecr.io", helper: "acr-env", provider: "Azure", env: { AZURE_CLIENT_ID: "c" }, secretEnv: { AZURE_CLIENT_SECRET: { ref: "account.az" } } }, "the Buildah backend cannot log in with an Azure connector (step build_app)"],
  ])("%s push credentials are refused before any command is made", (_name, pushCredentials, message) => {
    const error = catchError(() => buildahCommands(plan({ pushCredentials }), options));
    expect(error.problems).toEqual([expect.objectContaining({ code: "unsupported-connector-auth", field: "spec.connectorRef", message })]);
  });
});

describe("names", () => {
  test.each([
    ["https://index.docker.io/v2/", "docker.io"],
    ["https://index.docker.io/v1/", "docker.io"],
    ["https://registry.hub.docker.com/v2/", "docker.io"],
    ["http://127.0.0.1:5000", "127.0.0.1:5000"],
    ["https://Registry.Example.com:8443/v2/", "registry.example.com:8443"],
    ["registry.example.com/ns", "registry.example.com"],
  ])("auth file key of %s is %s", (url, key) => {
    expect(authFileKey(url)).toBe(key);
  });

  test.each([
    ["acme/web", "docker.io/acme/web"],
    ["web", "docker.io/library/web"],
    ["localhost/web", "localhost/web"],
    ["127.0.0.1:5000/app", "127.0.0.1:5000/app"],
    ["registry.example.com/a/b", "registry.example.com/a/b"],
    ["123456789012.dkr.ecr.us-east-1.amazonaws.com/app", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app"],
  ])("%s is qualified as %s", (image, qualified) => {
    expect(qualifiedImageName(image)).toBe(qualified);
  });
});

function catchError(work: () => unknown): BuildpushError {
  try {
    work();
  } catch (error) {
    if (error instanceof BuildpushError) return error;
    throw error;
  }
  throw new Error("expected a BuildpushError");
}
