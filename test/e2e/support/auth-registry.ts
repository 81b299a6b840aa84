import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectorSet, parseConnectorFile } from "@buildpush/core";
import { afterAll, beforeAll } from "vitest";
import { startRegistry, type Registry } from "./registry.js";
import type { E2eGate } from "./tools.js";
import { connectorYaml, makeWorkspace, storageConf } from "./workspace.js";

/** A registry with a login, a workspace and Buildah's storage, made before a suite's tests and removed after them. */
export interface AuthRegistryFixture {
  root: string;
  workspace: string;
  registry: Registry;
  /** The connector `local` (user alice, password from account.registry_pass), also written to `<root>/connectors.yaml`. */
  connectors: ConnectorSet;
  env: NodeJS.ProcessEnv;
}

/** Call inside a describe: its beforeAll starts the registry (alice / `password`), its afterAll stops it and removes the files. */
export function useAuthRegistry(prefix: string, password: string, gate: E2eGate): AuthRegistryFixture {
  const fixture = {} as AuthRegistryFixture;
  beforeAll(async () => {
    if (gate.failure) throw new Error(gate.failure);
    fixture.root = mkdtempSync(join(tmpdir(), prefix));
    fixture.workspace = join(fixture.root, "workspace");
    makeWorkspace(fixture.workspace);
    fixture.env = { ...process.env, CONTAINERS_STORAGE_CONF: storageConf(fixture.root) };
    fixture.registry = await startRegistry({ dir: join(fixture.root, "registry"), htpasswd: { username: "alice", password } });
    writeFileSync(join(fixture.root, "connectors.yaml"), connectorYaml("local", fixture.registry.url, { username: "alice", passwordRef: "account.registry_pass" }));
    fixture.connectors = new ConnectorSet(parseConnectorFile(readFileSync(join(fixture.root, "connectors.yaml"), "utf8"), "connectors.yaml"));
  }, 60_000);
  afterAll(async () => {
    await fixture.registry?.stop();
    if (fixture.root) rmSync(fixture.root, { recursive: true, force: true });
  });
  return fixture;
}
