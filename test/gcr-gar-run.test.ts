/**
 * `buildpush run` of a GAR step with the service account's JSON key from the secrets file, as a
 * user runs it: the CLI as a process, with a stand-in buildah on the PATH (no Google registry
 * is reachable from the tests). The auth file Buildah reads holds the `_json_key` login; the key
 * reaches nothing else: not the command lines, not the output, not the artifact file.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { installFakeBuildah } from "./support/fake-buildah.js";
import { cliBin, repoRoot } from "./support/paths.js";

/** A service account key as Google issues it: JSON across lines, the private key a PEM inside it. */
const jsonKey = JSON.stringify(
  {
    type: "service_account",
    project_id: "acme-prod",
    private_key_id: "0123456789abcdef",
    private_key: "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-S3CRET\n-----END PRIVATE KEY-----\n",
    client_email: "ci-push@acme-prod.iam.gserviceaccount.com",
  },
  null,
  2,
);

const pipeline = `pipeline:
  identifier: gar_local
  stages:
    - stage:
        identifier: build
        type: CI
        spec:
          execution:
            steps:
              - step:
                  type: BuildAndPushGAR
                  name: Push to GAR
                  identifier: push_gar
                  spec:
                    connectorRef: account.gcp
                    host: us-central1-docker.pkg.dev
                    projectID: acme-prod
                    imageName: docker-repo/api
                    tags: ["1.4.0", latest]
                    context: app
`;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "buildpush-gar-run-"));
  installFakeBuildah(join(dir, "bin"));
  mkdirSync(join(dir, "app"));
  mkdirSync(join(dir, "tmp"));
  writeFileSync(join(dir, "Dockerfile"), "FROM scratch\n");
  writeFileSync(join(dir, "pipeline.yaml"), pipeline);
  // The key as a YAML block scalar, the way one pastes a key file into a secrets file.
  writeFileSync(join(dir, "secrets.yaml"), `account.gcp_service_account_key: |\n${jsonKey.split("\n").map((line) => `  ${line}`).join("\n")}\n`);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("buildpush run logs in to GAR as _json_key with the key from the secrets file, and shows the key nowhere", () => {
  const log = join(dir, "calls.jsonl");
  // The block scalar's value ends with a newline, which JSON allows: the password is the key file's text as the secrets file holds it.
  const login = Buffer.from(`_json_key:${jsonKey}\n`, "utf8").toString("base64");
  const run = spawnSync(process.execPath, [cliBin, "run", "pipeline.yaml", "--connectors", join(repoRoot, "examples/connectors.yaml"), "--secrets", "secrets.yaml"], {
    cwd: dir,
    // The stand-in prints the encoded login, as a builder's debug output might: it must come out masked.
    env: { ...process.env, PATH: `${join(dir, "bin")}${delimiter}${process.env["PATH"]}`, TMPDIR: join(dir, "tmp"), FAKE_BUILDAH_LOG: log, FAKE_BUILDAH_PRINT: `login ${login}` },
    encoding: "utf8",
  });
  expect(run.stderr).toContain("pipeline.yaml: 1 step run, 2 images pushed");
  expect(run.status).toBe(0);

  const calls = readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { argv: string[]; auth?: { auths: Record<string, { auth: string }> } });
  const withAuth = calls.filter((call) => call.auth);
  expect(withAuth.map((call) => call.argv.find((item) => item === "build" || item === "push"))).toEqual(["build", "push", "push"]);
  for (const call of withAuth) expect(call.auth).toEqual({ auths: { "us-central1-docker.pkg.dev": { auth: login } } });
  const pushes = withAuth.filter((call) => call.argv.includes("push")).map((call) => call.argv.at(-1));
  expect(pushes).toEqual(["docker://us-central1-docker.pkg.dev/acme-prod/docker-repo/api:1.4.0", "docker://us-central1-docker.pkg.dev/acme-prod/docker-repo/api:latest"]);

  const artifact = JSON.parse(readFileSync(join(dir, "buildpush-artifacts", "build.push_gar.json"), "utf8"));
  expect(artifact.data).toMatchObject({ registryType: "GAR", registryUrl: "us-central1-docker.pkg.dev/acme-prod" });

  const shown = `${run.stdout}\n${run.stderr}\n${JSON.stringify(artifact)}\n${calls.map((call) => call.argv.join(" ")).join("\n")}`;
  expect(shown).not.toContain("S3CRET");
  expect(shown).not.toContain("PRIVATE KEY");
  expect(shown).not.toContain(login);
  expect(run.stdout).toContain("login ***");
});

test("a run without the key's secret names the reference and where to add it, never a value", () => {
  writeFileSync(join(dir, "secrets.yaml"), "account.other: x\n");
  const run = spawnSync(process.execPath, [cliBin, "run", "pipeline.yaml", "--connectors", join(repoRoot, "examples/connectors.yaml"), "--secrets", "secrets.yaml"], { cwd: dir, env: { ...process.env, PATH: `${join(dir, "bin")}${delimiter}${process.env["PATH"]}` }, encoding: "utf8" });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/secret account\.gcp_service_account_key \(the password for us-central1-docker\.pkg\.dev, step push_gar\) has no value in secrets\.yaml/);
});
