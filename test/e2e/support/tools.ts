import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** The programs the end-to-end tests run: the builder, the registry and the makers of its password file and certificate. */
export const e2eTools = [
  { program: "buildah", install: "apt-get install buildah" },
  { program: "docker-registry", install: "apt-get install docker-registry" },
  { program: "htpasswd", install: "apt-get install apache2-utils" },
  { program: "openssl", install: "apt-get install openssl" },
] as const;

export function onPath(program: string, path = process.env["PATH"] ?? ""): boolean {
  return path.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export interface E2eGate {
  /** Skip the end-to-end tests: a tool is missing and this is not CI. */
  skip: boolean;
  /** Why, for the suite's title; empty when nothing is missing. */
  reason: string;
  /** In CI a missing tool is a failure, not a skip: this says which and how to install it. */
  failure?: string;
}

/** Outside CI a missing tool skips the suite (with the reason in its title); with CI=true it fails it. */
export function e2eGate(env: NodeJS.ProcessEnv = process.env): E2eGate {
  const missing = e2eTools.filter((tool) => !onPath(tool.program, env["PATH"] ?? ""));
  if (missing.length === 0) return { skip: false, reason: "" };
  const reason = `${missing.map((tool) => tool.program).join(", ")} not installed (${missing.map((tool) => tool.install).join("; ")})`;
  if (env["CI"] === "true") return { skip: false, reason, failure: `CI=true but ${reason}: CI must install them so the end-to-end tests run` };
  return { skip: true, reason };
}

/** The suite title, carrying the skip reason so the report says why it did not run. */
export function e2eTitle(title: string, gate: E2eGate): string {
  return gate.skip ? `${title} (skipped: ${gate.reason})` : title;
}
