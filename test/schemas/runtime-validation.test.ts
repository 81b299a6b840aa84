import { readdirSync, readFileSync } from "node:fs";
import { BuildpushError, type Connector, type Problem } from "@buildpush/core";
import { checkSpecSchema, findBuildAndPushSteps, formatPath, parseYamlFile, ProblemCollector, readSpec, resolvedSpec, handlerFor, stepTypes, collected, type ReadSpec } from "../support/internals.js";
import { planStep } from "../support/translator.js";
import { dockerRegistryFields, dockerRegistrySpecSchema } from "@buildpush/docker";
import { ecrFields, ecrSpecSchema } from "@buildpush/ecr";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const hub = { identifier: "hub", orgIdentifier: "default", projectIdentifier: "default", type: "DockerRegistry", url: "https://index.docker.io/v2/", auth: { type: "Anonymous" } } as Connector;

/** Plan a step written as YAML (the step map itself is the document), returning its problems. */
function problemsOf(yaml: string, connectors: Connector[] = []): Problem[] {
  const [document] = parseYamlFile(yaml, "step.yaml");
  try {
    planStep(document!.value, { source: document!.source, connectors });
    return [];
  } catch (error) {
    if (error instanceof BuildpushError) return [...error.problems];
    throw error;
  }
}

describe("planStep validates the resolved spec with the precompiled schema", () => {
  it("words a rule the same whatever else is wrong: an unknown connector no longer hides the handler's check", () => {
    // The connector is missing: the ECR handler still checks region (against a stand-in connector), in its own words.
    const problems = problemsOf(
      ["type: BuildAndPushECR", "name: ECR", "identifier: ecr", "spec:", "  connectorRef: aws", "  region: US-EAST-1", "  account: '123456789012'", "  imageName: app", "  tags: [latest]", ""].join("\n"),
    );
    expect(problems.map((p) => p.code)).toEqual(["unknown-connector", "invalid-registry"]);
    expect(problems[1]).toEqual({
      code: "invalid-registry",
      severity: "error",
      path: ["spec", "region"],
      field: "spec.region",
      message: 'region "US-EAST-1" is not an AWS region',
      value: "US-EAST-1",
      rule: "an AWS region is lowercase words and a number joined by -, e.g. us-east-1",
      hint: 'write "us-east-1"',
      position: { file: "step.yaml", line: 6, column: 11 },
    });
  });

  it("leaves every field a hand-written check reported to that check's message and hint", () => {
    const problems = problemsOf(["type: BuildAndPushDockerRegistry", "name: Build", "identifier: build", "spec:", "  connectorRef: hub", "  repo: acme/app", "  tags: [latest, 'v1/beta']", "  envVariables: { 1BAD: x }", ""].join("\n"), [hub]);
    expect(problems.map((p) => [p.code, p.field, p.hint])).toEqual([
      ["invalid-tag", "spec.tags[1]", 'write "v1-beta"'],
      ["invalid-env-name", 'spec.envVariables["1BAD"]', undefined],
    ]);
  });

  it("finds every example pipeline's steps, as readSpec reads them, valid against the resolved schema", () => {
    let checked = 0;
    for (const name of readdirSync(new URL("examples/", root)).filter((file) => file.endsWith(".yaml") && file !== "connectors.yaml")) {
      const [document] = parseYamlFile(readFileSync(new URL(`examples/${name}`, root), "utf8"), name);
      const collector = new ProblemCollector(document!.source);
      for (const { step, path } of findBuildAndPushSteps(document!.value, stepTypes, collector)) {
        const handler = handlerFor(step["type"] as string);
        const spec = readSpec(handler.fields, step["spec"], { stepType: handler.type, identifier: String(step["identifier"]), collector, base: [...path, "spec"] });
        expect(handler.specSchema!.validate(resolvedSpec(spec, handler.fields)), `${name} ${formatPath(path)}: ${JSON.stringify(handler.specSchema!.validate.errors)}`).toBe(true);
        checked++;
      }
      expect(collected(collector)).toEqual([]);
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });
});

describe("checkSpecSchema", () => {
  const base: ReadSpec = { connectorRef: "hub", repo: "acme/app", tags: ["latest"] };
  const check = (spec: ReadSpec, collector = new ProblemCollector()) => {
    checkSpecSchema(dockerRegistrySpecSchema, spec, dockerRegistryFields, ["spec"], collector);
    return collected(collector);
  };

  it("sees maps as the typed interface holds them", () => {
    expect(resolvedSpec({ ...base, labels: [["a", "1"]], optimize: undefined }, dockerRegistryFields)).toEqual({ ...base, labels: { a: "1" } });
  });

  it("is silent on a valid spec", () => {
    expect(check({ ...base, labels: [["a", "1"]], runAsUser: 0, resources: { limits: { memory: "1Gi" } } })).toEqual([]);
  });

  it("reports a bad map key once, at the key, with the value it has", () => {
    expect(check({ ...base, envVariables: [["1BAD", "x"]] })).toEqual([
      { code: "invalid-env-name", severity: "error", path: ["spec", "envVariables", "1BAD"], field: 'spec.envVariables["1BAD"]', message: 'envVariables name "1BAD" is not valid', value: "1BAD", rule: "a variable name starts with a letter or _ and holds letters, digits and _" },
    ]);
  });

  it("words size and range rules", () => {
    expect(check({ ...base, baseImageConnectorRefs: ["a", "b"], runAsUser: -1 }).map((p) => [p.code, p.field, p.message, p.rule])).toEqual([
      ["too-many-base-image-connectors", "spec.baseImageConnectorRefs", "baseImageConnectorRefs holds 2 item(s)", "baseImageConnectorRefs holds at most 1 item"],
      ["invalid-run-as-user", "spec.runAsUser", 'runAsUser -1 is not valid', "runAsUser is from 0 to 2147483647"],
    ]);
  });

  it("reports what the read spec lacks or should not hold", () => {
    const ecr = new ProblemCollector();
    checkSpecSchema(ecrSpecSchema, { connectorRef: "aws", tags: ["x"], region: "us-east-1", imageName: "app", extra: "x" }, ecrFields, ["spec"], ecr);
    expect(collected(ecr).map((p) => [p.code, p.field])).toEqual([
      ["missing-field", "spec.account"],
      ["unknown-field", "spec.extra"],
    ]);
  });

  it("skips a field another check already reported, and the fields inside it", () => {
    const collector = new ProblemCollector();
    collector.add(["spec", "envVariables"], { code: "wrong-type", message: "already reported" });
    expect(check({ ...base, envVariables: [["1BAD", "x"]] }, collector).map((p) => p.message)).toEqual(["already reported"]);
  });
});

describe("the runtime compiles no schema and loads no schema tool", () => {
  const devOnly = ["ajv", "typescript", "typescript-json-schema", "handlebars"];
  const sources = (dir: URL): URL[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(new URL(`${entry.name}/`, dir)) : entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [new URL(entry.name, dir)] : [],
    );
  const packages = readdirSync(new URL("packages/", root));

  it.each(packages)("@buildpush/%s imports none of them", (name) => {
    const manifest = JSON.parse(readFileSync(new URL(`packages/${name}/package.json`, root), "utf8"));
    expect(Object.keys(manifest.dependencies ?? {}).filter((dep) => devOnly.includes(dep))).toEqual([]);
    for (const file of sources(new URL(`packages/${name}/src/`, root))) {
      const text = readFileSync(file, "utf8");
      const imported = [...text.matchAll(/(?:from|import|require\()\s*["']([^"']+)["']/g)].map((m) => m[1]!.split("/")[0]);
      expect(imported.filter((module) => devOnly.includes(module!)), file.pathname).toEqual([]);
      expect(text, file.pathname).not.toMatch(/\bnew Function\(|\beval\(/);
    }
  });
});
