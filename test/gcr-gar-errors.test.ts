/**
 * What Harness lets through for BuildAndPushGCR and BuildAndPushGAR and the push then rejects
 * (gcr-gar-and-infrastructure.md §1, §4 and quirks 2 and 9), refused before a build starts,
 * each at its line and column with the rule and what to write instead.
 */
import { describe, expect, test } from "vitest";
import type { Problem } from "@buildpush/core";
import { translatePipeline } from "./support/translator.js";
import { allConnectors } from "./support/fixtures.js";
import { pipelineWithStep, stepFirstLine, stepIndent } from "./support/pipeline-template.js";
import { problemsOf } from "./support/problems.js";

const vm = "type: VM\n            spec: {type: Pool, spec: {poolName: linux}}";

/** The problems translating `yaml` gives, with the bundled connectors. */
const problemsIn = (yaml: string, infrastructure?: "kubernetes" | "vm"): Problem[] =>
  problemsOf(() => translatePipeline(yaml, { file: "ci/pipeline.yaml", connectors: allConnectors, ...(infrastructure ? { infrastructure } : {}) }));

interface Fields {
  connectorRef?: string;
  host?: string;
  projectID?: string;
  imageName?: string;
  extra?: string;
}

/** host is on line 6, projectID on 7, imageName on 8, connectorRef on 5 (values from column 17, 9, 14, 14). */
function googleStep(type: "GCR" | "GAR", fields: Fields = {}): string {
  const defaults = type === "GCR" ? { host: "gcr.io", imageName: "app" } : { host: "us-central1-docker.pkg.dev", imageName: "docker-repo/app" };
  return `type: BuildAndPush${type}
name: Push
identifier: push
spec:
  connectorRef: ${fields.connectorRef ?? "account.gcp"}
  host: ${fields.host ?? defaults.host}
  projectID: ${fields.projectID ?? "acme-prod"}
  imageName: ${fields.imageName ?? defaults.imageName}
  tags: ["1.0"]
${fields.extra ?? ""}`;
}

interface Expected {
  code: Problem["code"];
  field: string;
  /** Line and column inside the step text (1-based). */
  at: [number, number];
  message: string | RegExp;
  hint?: string;
}

describe("host, projectID and imageName are checked at their line", () => {
  test.each<[string, string, Expected]>([
    ["GCR host with a scheme", googleStep("GCR", { host: "https://gcr.io" }), { code: "invalid-registry", field: "spec.host", at: [6, 9], message: 'host "https://gcr.io" holds a URL scheme (https://)', hint: 'write "gcr.io"' }],
    ["GAR host with a scheme", googleStep("GAR", { host: "https://us-docker.pkg.dev/" }), { code: "invalid-registry", field: "spec.host", at: [6, 9], message: /holds a URL scheme/, hint: 'write "us-docker.pkg.dev"' }],
    ["GCR host with a path (the project written into the host)", googleStep("GCR", { host: "gcr.io/acme-prod" }), { code: "invalid-registry", field: "spec.host", at: [6, 9], message: 'host "gcr.io/acme-prod" holds a path ("/acme-prod")', hint: 'write "gcr.io"' }],
    ["GAR host with a path", googleStep("GAR", { host: "europe-docker.pkg.dev/acme-prod/docker-repo" }), { code: "invalid-registry", field: "spec.host", at: [6, 9], message: /holds a path/, hint: 'write "europe-docker.pkg.dev"' }],
    ["a host that is not a host name", googleStep("GCR", { host: "gcr_io" }), { code: "invalid-registry", field: "spec.host", at: [6, 9], message: 'host "gcr_io" is not a registry host' }],
    ["a host of only slashes: Harness's PLUGIN_REGISTRY message", googleStep("GCR", { host: '"/"' }), { code: "missing-field", field: "spec.host", at: [6, 9], message: "Environment variable PLUGIN_REGISTRY can't be empty or null" }],
    ["an empty host: Harness's PLUGIN_REGISTRY message", googleStep("GAR", { host: '""' }), { code: "missing-field", field: "spec.host", at: [6, 9], message: "Environment variable PLUGIN_REGISTRY can't be empty or null" }],
    ["GAR host that is not <location>-docker.pkg.dev", googleStep("GAR", { host: "gcr.io" }), { code: "invalid-registry", field: "spec.host", at: [6, 9], message: 'host "gcr.io" is not an Artifact Registry host, and the GAR step sends the connector\'s key to it', hint: "write <location>-docker.pkg.dev, or let the caller allow the host (allowedRegistryHosts, --allow-registry-host)" }],
    ["GCR host outside Google's registries (the key would go to it)", googleStep("GCR", { host: "registry.attacker.example" }), { code: "invalid-registry", field: "spec.host", at: [6, 9], message: 'host "registry.attacker.example" is not a Google registry host, and the GCR step sends the connector\'s key to it', hint: "write gcr.io (or us.gcr.io, eu.gcr.io, asia.gcr.io), or let the caller allow the host (allowedRegistryHosts, --allow-registry-host)" }],
    ["GCR host that only starts like gcr.io", googleStep("GCR", { host: "gcr.io.attacker.example" }), { code: "invalid-registry", field: "spec.host", at: [6, 9], message: /is not a Google registry host/ }],
    ["GCR host that only ends like gcr.io", googleStep("GCR", { host: "evilgcr.io" }), { code: "invalid-registry", field: "spec.host", at: [6, 9], message: /is not a Google registry host/ }],
    ["GAR host of another format's repository (pkg.dev, not -docker)", googleStep("GAR", { host: "us-central1-maven.pkg.dev" }), { code: "invalid-registry", field: "spec.host", at: [6, 9], message: /is not an Artifact Registry host/ }],
    ["GAR host written as the bare location", googleStep("GAR", { host: "us-central1" }), { code: "invalid-registry", field: "spec.host", at: [6, 9], message: 'host "us-central1" is not a registry host', hint: 'write "us-central1-docker.pkg.dev"' }],
    ["GAR host in capitals", googleStep("GAR", { host: "US-Docker.pkg.dev" }), { code: "invalid-registry", field: "spec.host", at: [6, 9], message: /is not an Artifact Registry host/, hint: 'write "us-docker.pkg.dev"' }],
    ["projectID with a slash inside", googleStep("GCR", { projectID: "acme-prod/web" }), { code: "invalid-registry", field: "spec.projectID", at: [7, 14], message: 'projectID "acme-prod/web" holds a /', hint: 'write "acme-prod" and put "web" in front of imageName' }],
    ["projectID with a trailing slash", googleStep("GAR", { projectID: "acme-prod/" }), { code: "invalid-registry", field: "spec.projectID", at: [7, 14], message: 'projectID "acme-prod/" holds a /' }],
    ["a domain-scoped projectID written with a slash", googleStep("GCR", { projectID: "example.com/acme-prod" }), { code: "invalid-registry", field: "spec.projectID", at: [7, 14], message: /holds a \//, hint: 'write "example.com:acme-prod"' }],
    ["projectID in capitals", googleStep("GAR", { projectID: "Acme-Prod" }), { code: "invalid-registry", field: "spec.projectID", at: [7, 14], message: 'projectID "Acme-Prod" is not a GCP project ID', hint: 'write "acme-prod"' }],
    ["an empty projectID: Harness's PLUGIN_REGISTRY message", googleStep("GCR", { projectID: '""' }), { code: "missing-field", field: "spec.projectID", at: [7, 14], message: "Environment variable PLUGIN_REGISTRY can't be empty or null" }],
    ["an empty imageName: Harness's PLUGIN_REPO message", googleStep("GCR", { imageName: '""' }), { code: "missing-field", field: "spec.imageName", at: [8, 14], message: "Environment variable PLUGIN_REPO can't be empty or null" }],
    ["GAR imageName without its repository", googleStep("GAR", { imageName: "app" }), { code: "invalid-repository", field: "spec.imageName", at: [8, 14], message: 'imageName "app" names no repository', hint: 'write "REPOSITORY/app"' }],
    ["imageName written in full", googleStep("GCR", { imageName: "gcr.io/acme-prod/app" }), { code: "invalid-repository", field: "spec.imageName", at: [8, 14], message: /names a registry; the registry comes from host and projectID/, hint: 'write "app"' }],
    ["imageName with a tag", googleStep("GCR", { imageName: "app:1.0" }), { code: "invalid-repository", field: "spec.imageName", at: [8, 14], message: /holds a tag/ }],
    ["imageName in capitals", googleStep("GAR", { imageName: "Docker-Repo/App" }), { code: "invalid-repository", field: "spec.imageName", at: [8, 14], message: /must be lowercase/, hint: 'write "docker-repo/app"' }],
    ["GAR remoteCacheImage without its repository", googleStep("GAR", { extra: "  remoteCacheImage: app-cache" }), { code: "invalid-repository", field: "spec.remoteCacheImage", at: [10, 21], message: 'remoteCacheImage "app-cache" names no repository' }],
    ["remoteCacheImage in another registry", googleStep("GCR", { extra: "  remoteCacheImage: eu.gcr.io/acme-prod/app-cache" }), { code: "invalid-repository", field: "spec.remoteCacheImage", at: [10, 21], message: /names a registry/ }],
  ])("%s", (_case, stepYaml, expected) => {
    const problems = problemsIn(pipelineWithStep(stepYaml));
    const problem = problems.find((p) => p.code === expected.code);
    expect(problem, JSON.stringify(problems, null, 2)).toBeDefined();
    expect(problem!.field).toBe(expected.field);
    if (typeof expected.message === "string") expect(problem!.message).toBe(expected.message);
    else expect(problem!.message).toMatch(expected.message);
    if (expected.hint) expect(problem!.hint).toBe(expected.hint);
    expect(problem!.rule, "every problem states its rule").toBeTruthy();
    expect(problem!.position).toEqual({ file: "ci/pipeline.yaml", line: stepFirstLine - 1 + expected.at[0], column: stepIndent + expected.at[1] });
  });

  test("a host holding a login is refused without repeating it", () => {
    for (const host of ["ci:hunter2-PLAINTEXT@gcr.io", "https://ci:hunter2-PLAINTEXT@us-docker.pkg.dev"]) {
      const problems = problemsIn(pipelineWithStep(googleStep("GCR", { host })));
      expect(problems).toMatchObject([{ code: "invalid-registry", field: "spec.host", message: "host holds a user name or password (user:password@); it is not shown" }]);
      expect(JSON.stringify(problems)).not.toContain("PLAINTEXT");
    }
  });

  test("every problem of the step at once, in the order written", () => {
    const problems = problemsIn(pipelineWithStep(googleStep("GAR", { host: "https://gcr.io", projectID: "acme/prod", imageName: "App" })));
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ["spec.host", "invalid-registry"],
      ["spec.projectID", "invalid-registry"],
      ["spec.imageName", "invalid-repository"],
    ]);
  });

  test("what passes: Harness's own trimming, a remote cache written in full, a domain-scoped project", () => {
    const ok = (stepYaml: string) => translatePipeline(pipelineWithStep(stepYaml), { file: "ci/pipeline.yaml", connectors: allConnectors });
    expect(ok(googleStep("GCR", { host: "gcr.io/", projectID: "/acme-prod" })).steps[0]!.container.env["PLUGIN_REGISTRY"]).toBe("gcr.io/acme-prod");
    expect(ok(googleStep("GAR", { extra: "  remoteCacheImage: us-central1-docker.pkg.dev/acme-prod/docker-repo/cache" })).steps[0]!.container.env["PLUGIN_CACHE_REPO"]).toBe("us-central1-docker.pkg.dev/acme-prod/docker-repo/cache");
    expect(ok(googleStep("GCR", { projectID: "example.com:acme-prod" })).steps[0]!.container.env["PLUGIN_REGISTRY"]).toBe("gcr.io/example.com/acme-prod");
    expect(ok(googleStep("GCR", { host: "us-docker.pkg.dev" })).steps[0]!.container.env["PLUGIN_REGISTRY"]).toBe("us-docker.pkg.dev/acme-prod");
    expect(ok(googleStep("GCR", { host: "asia.gcr.io" })).steps[0]!.container.env["PLUGIN_REGISTRY"]).toBe("asia.gcr.io/acme-prod");
  });

  test("allowedRegistryHosts lets the caller name another host (a mirror, a proxy) for either step", () => {
    const allowed = (stepYaml: string, allowedRegistryHosts: string[]) => translatePipeline(pipelineWithStep(stepYaml), { file: "ci/pipeline.yaml", connectors: allConnectors, allowedRegistryHosts });
    expect(allowed(googleStep("GCR", { host: "registry.corp.example" }), ["registry.corp.example"]).steps[0]!.container.env["PLUGIN_REGISTRY"]).toBe("registry.corp.example/acme-prod");
    expect(allowed(googleStep("GAR", { host: "gar.proxy.corp.example" }), ["*.proxy.corp.example"]).steps[0]!.container.env["PLUGIN_REGISTRY"]).toBe("gar.proxy.corp.example/acme-prod");
    expect(problemsOf(() => allowed(googleStep("GCR", { host: "registry.attacker.example" }), ["registry.corp.example"]))).toMatchObject([{ code: "invalid-registry", field: "spec.host" }]);
  });
});

describe("the GCP connector's credential on each infrastructure", () => {
  test.each<["GCR" | "GAR"]>([["GCR"], ["GAR"]])("%s with an OIDC connector on Kubernetes is refused: the kaniko plugin ignores OIDC and would push without credentials", (type) => {
    const problems = problemsIn(pipelineWithStep(googleStep(type, { connectorRef: "account.gcp_oidc" })));
    expect(problems).toMatchObject([{ code: "unsupported-connector-auth", field: "spec.connectorRef", value: "account.gcp_oidc", position: { line: stepFirstLine + 4, column: stepIndent + 17 } }]);
    expect(problems[0]!.message).toBe(`GCP connector gcp_oidc uses OIDC, which the kaniko plugin of a BuildAndPush${type} step on Kubernetes ignores: it would push without credentials`);
    expect(problems[0]!.hint).toMatch(/VM infrastructure/);
  });

  test.each<["GCR" | "GAR"]>([["GCR"], ["GAR"]])("%s with a connector inheriting the delegate's identity on VM is refused: the plugin logs in only with a key or an OIDC token", (type) => {
    const problems = problemsIn(pipelineWithStep(googleStep(type, { connectorRef: "account.gcp_workload_identity" }), vm));
    expect(problems).toMatchObject([{ code: "unsupported-connector-auth", field: "spec.connectorRef", position: { line: stepFirstLine + 4, column: stepIndent + 17 } }]);
    expect(problems[0]!.message).toMatch(/inherits the delegate's identity, which a BuildAndPush(GCR|GAR) step cannot use on VM infrastructure/);
  });

  test("a connector of another type is refused, naming the GCP connector the step needs", () => {
    const problems = problemsIn(pipelineWithStep(googleStep("GAR", { connectorRef: "account.dockerhub" })));
    expect(problems).toMatchObject([{ code: "wrong-connector-type", message: 'connector "account.dockerhub" is a DockerRegistry connector, but a BuildAndPushGAR step needs a Gcp connector' }]);
  });

  test("GCR and GAR steps are refused on Windows Kubernetes pods", () => {
    for (const type of ["GCR", "GAR"] as const) {
      const problems = problemsIn(pipelineWithStep(googleStep(type), "type: KubernetesDirect\n            spec: {os: Windows}"));
      expect(problems.map((p) => p.message)).toEqual([`BuildAndPush${type} step not allowed in windows kubernetes builds`]);
    }
  });

  test.each<["GCR" | "GAR"]>([["GCR"], ["GAR"]])("%s on Kubernetes with an anonymous base image connector: the kaniko plugin stops writing the base image login, refused at baseImageConnectorRefs", (type) => {
    const problems = problemsIn(pipelineWithStep(googleStep(type, { extra: "  baseImageConnectorRefs: [anonymous_hub]" })));
    expect(problems).toMatchObject([
      {
        code: "unsupported-connector-auth",
        field: "spec.baseImageConnectorRefs",
        message: expect.stringMatching(/^failed to create docker config: Username must be specified for registry: https:\/\/index\.docker\.io\/v1\//),
        rule: "the kaniko plugin logs in to a base image registry only with a username and password: it stops before building otherwise",
        hint: expect.stringContaining("give the base image connector UsernamePassword auth"),
      },
    ]);
  });

  test("a base image connector is allowed on VM (drone-docker logs in to it), unlike ECR's", () => {
    const { steps } = translatePipeline(pipelineWithStep(googleStep("GCR", { extra: "  baseImageConnectorRefs: [account.dockerhub]" }), vm), { file: "ci/pipeline.yaml", connectors: allConnectors });
    expect(steps[0]!.container.env["PLUGIN_DOCKER_REGISTRY"]).toBe("https://index.docker.io/v1/");
  });
});

describe("build secrets (gcr-gar-and-infrastructure.md §7)", () => {
  test.each<["GCR" | "GAR"]>([["GCR"], ["GAR"]])("%s on Kubernetes refuses them at their field: kaniko-gcr/gar have no build secrets and would build without them", (type) => {
    const problems = problemsIn(pipelineWithStep(googleStep(type, { extra: "  fileDockerSecrets:\n    netrc: .secrets/netrc" })));
    expect(problems).toMatchObject([{ code: "unsupported-in-mode", field: "spec.fileDockerSecrets", position: { line: stepFirstLine + 9, column: stepIndent + 3 } }]);
    expect(problems[0]!.message).toBe("the kaniko plugin Harness runs on Kubernetes has no build secrets: fileDockerSecrets (netrc) would not reach the build (step push)");
  });

  test.each<["GCR" | "GAR"]>([["GCR"], ["GAR"]])("%s: an envDockerSecrets value that names no variable is refused at its line, on VMs too", (type) => {
    const problems = problemsIn(pipelineWithStep(googleStep(type, { extra: "  envDockerSecrets:\n    npm: npm-token" }), vm));
    expect(problems).toMatchObject([{ code: "invalid-map-entry", field: "spec.envDockerSecrets.npm", position: { line: stepFirstLine + 10, column: stepIndent + 10 } }]);
  });
});
