import { readFileSync } from "node:fs";
import { BuildpushError, type Connector, type Problem } from "@buildpush/core";
import { envNamePattern, identifierPattern, isValidTag, namePattern, parseCpu, parseMemory, timeoutPattern } from "../support/internals.js";
import { planStep } from "../support/translator.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

/**
 * The schemas and the hand-written checks state the same rules twice (the schemas for editors,
 * the checks for their better messages). These properties keep the two from drifting apart.
 */

type Schema = Record<string, any>;
const load = (name: string): Schema => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), "utf8"));
const docker = load("BuildAndPushDockerRegistry.resolved.json")["properties"];
const ecr = load("BuildAndPushECR.resolved.json")["properties"];
const wrapper = load("pipeline.json")["definitions"]["BuildAndPushECRStep"]["properties"];
const regex = (node: Schema) => new RegExp(node["pattern"] as string, "u");

const connectors: Connector[] = [
  { identifier: "hub", orgIdentifier: "default", projectIdentifier: "default", type: "DockerRegistry", url: "https://index.docker.io/v2/", auth: { type: "Anonymous" } } as Connector,
  { identifier: "aws", orgIdentifier: "default", projectIdentifier: "default", type: "Aws", credential: { type: "InheritFromDelegate" } } as Connector,
];

/** The problems planStep reports for a docker step with `extra` spec fields. */
function problems(spec: Record<string, unknown>, type = "BuildAndPushDockerRegistry"): Problem[] {
  const base = type === "BuildAndPushECR" ? { connectorRef: "aws", region: "us-east-1", account: "123456789012", imageName: "app", tags: ["latest"] } : { connectorRef: "hub", repo: "acme/app", tags: ["latest"] };
  try {
    planStep({ type, name: "Build", identifier: "build", spec: { ...base, ...spec } }, { connectors });
    return [];
  } catch (error) {
    if (error instanceof BuildpushError) return [...error.problems];
    throw error;
  }
}

/** Strings near a pattern's edge: arbitrary text, and text made of the characters that matter. */
const near = (chars: string, maxLength = 12) => fc.oneof(fc.string({ maxLength }), fc.stringMatching(new RegExp(`^[${chars}]{0,${maxLength}}$`)));

describe("the step wrapper's patterns are planStep's", () => {
  it.each([
    ["identifier", identifierPattern],
    ["name", namePattern],
    ["timeout", timeoutPattern],
  ])("%s", (name, pattern) => {
    // The authoring pattern is the resolved one, or (timeout) the resolved one or an expression.
    expect((wrapper[name]["pattern"] as string).split("|<\\+")[0]).toBe(pattern.source);
  });
});

describe("the spec schema's patterns accept exactly what the hand-written checks accept", () => {
  it("tags", () => {
    const edges = ["a".repeat(128), "a".repeat(129), ".a", "-a", "_a", "1.10", ""].map((tag) => [tag] as [string]);
    fc.assert(fc.property(near("a-zA-Z0-9_.\\-/ :", 130), (tag) => regex(docker["tags"]["items"]).test(tag) === isValidTag(tag)), { examples: edges });
  });

  it("envVariables names", () => {
    fc.assert(fc.property(near("a-zA-Z0-9_\\-. "), (name) => regex(docker["envVariables"]["propertyNames"]).test(name) === envNamePattern.test(name)));
  });

  it("memory and cpu (the checks also refuse zero)", () => {
    const limits = docker["resources"]["properties"]["limits"]["properties"];
    fc.assert(
      fc.property(near("0-9.GMik "), (memory) => {
        const parsed = parseMemory(memory) !== undefined;
        return regex(limits["memory"]).test(memory) ? parsed || Number.parseFloat(memory) === 0 : !parsed;
      }),
    );
    fc.assert(
      fc.property(near("0-9.m "), (cpu) => {
        const parsed = parseCpu(cpu) !== undefined;
        return regex(limits["cpu"]).test(cpu) ? parsed || Number.parseFloat(cpu) === 0 : !parsed;
      }),
    );
  });

  it("labels and buildArgs names and values", () => {
    const mapRule = (field: string) =>
      fc.property(near("a-z=, "), near("a-z=, "), (key, value) => {
        fc.pre(key !== "__proto__");
        const schemaOk = regex(docker[field]["propertyNames"]).test(key) && regex(docker[field]["additionalProperties"]).test(value);
        const checkOk = !problems({ [field]: { [key]: value } }).some((p) => p.code === "invalid-map-entry");
        return schemaOk === checkOk;
      });
    fc.assert(mapRule("labels"), { numRuns: 60 });
    fc.assert(mapRule("buildArgs"), { numRuns: 60 });
  });

  it("envDockerSecrets and fileDockerSecrets ids and values (the check also keeps paths inside the workspace)", () => {
    const secretRule = (field: string, code: string, values: fc.Arbitrary<string>) =>
      fc.property(near("a-zA-Z0-9_.=,\\- "), values, (id, value) => {
        // A path that climbs out of the workspace is the check's alone, as for dockerfile and context.
        fc.pre(id !== "__proto__" && value !== "__proto__" && value !== "..");
        const schemaOk = regex(docker[field]["propertyNames"]).test(id) && regex(docker[field]["additionalProperties"]).test(value);
        const checkOk = !problems({ [field]: { [id]: value } }).some((p) => p.code === "invalid-map-entry" || p.code === code);
        return schemaOk === checkOk;
      });
    fc.assert(secretRule("envDockerSecrets", "invalid-map-entry", near("a-zA-Z0-9_\\-,. ")), { numRuns: 60 });
    fc.assert(secretRule("fileDockerSecrets", "invalid-path", fc.stringMatching(/^[a-z.,"_ ]{0,12}$/)), { numRuns: 60 });
  });

  it("cacheFrom items", () => {
    fc.assert(
      fc.property(near("a-z=,; "), (item) => regex(docker["cacheFrom"]["items"]).test(item) === !problems({ cacheFrom: [item] }).some((p) => p.code === "invalid-list-item")),
      { numRuns: 80 },
    );
  });

  it("ECR account and region (checked by the ECR handler)", () => {
    const handlerRejects = (field: string, value: string) => problems({ [field]: value }, "BuildAndPushECR").some((p) => p.field === `spec.${field}` && / is not an AWS /.test(p.message));
    fc.assert(fc.property(near("0-9a "), (account) => {
      fc.pre(account.trim() !== "");
      return regex(ecr["account"]).test(account) === !handlerRejects("account", account);
    }), { numRuns: 60 });
    fc.assert(fc.property(near("a-zA-Z0-9\\- "), (region) => {
      fc.pre(region.trim() !== "");
      return regex(ecr["region"]).test(region) === !handlerRejects("region", region);
    }), { numRuns: 60 });
  });

  it("runAsUser range and baseImageConnectorRefs size", () => {
    expect([docker["runAsUser"]["minimum"], docker["runAsUser"]["maximum"]]).toEqual([0, 2147483647]);
    for (const user of [-1, 0, 2147483647, 2147483648]) {
      const inSchema = user >= docker["runAsUser"]["minimum"] && user <= docker["runAsUser"]["maximum"];
      expect(problems({ runAsUser: user }).some((p) => p.code === "invalid-run-as-user"), String(user)).toBe(!inSchema);
    }
    expect(docker["baseImageConnectorRefs"]["maxItems"]).toBe(1);
    expect(problems({ baseImageConnectorRefs: ["hub", "hub"] }).map((p) => p.code)).toEqual(["too-many-base-image-connectors"]);
  });
});
