import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BuildpushError } from "../problems/error.js";
import { isDnsSubdomain } from "./names.js";
import { defaultSecretMapping, resolveSecretMapping, secretMappingFromTable, singleSecretMapping } from "./secret-mapping.js";

describe("defaultSecretMapping", () => {
  test.each([
    ["account.docker_pass", "account.docker-pass"],
    ["org.registry_user", "org.registry-user"],
    ["docker_pass", "docker-pass"],
    ["account.aws_secret_key", "account.aws-secret-key"],
    ["account.token2", "account.token2"],
  ])("%s → Secret %s, key value", (ref, name) => {
    expect(defaultSecretMapping(ref)).toEqual({ name, key: "value" });
  });

  test.each([
    ["account.DockerPass", /^account\.dockerpass-[0-9a-f]{8}$/],
    ["account._leading", /^account\.leading-[0-9a-f]{8}$/],
    ["account.trailing_", /^account\.trailing-[0-9a-f]{8}$/],
    ["account.with-dash", /^account\.with-dash-[0-9a-f]{8}$/],
    ["account.$odd", /^account\.odd-[0-9a-f]{8}$/],
    ["__", /^secret-[0-9a-f]{8}$/],
  ])("%s does not map one-to-one, so its name carries a hash (%s)", (ref, pattern) => {
    expect(defaultSecretMapping(ref).name).toMatch(pattern);
  });

  test("names that differ only in case or in what was replaced get different Secrets", () => {
    const refs = ["account.DockerPass", "account.dockerpass", "account.Dockerpass", "account.docker_pass", "account.docker-pass"];
    const names = refs.map((ref) => defaultSecretMapping(ref).name);
    expect(new Set(names).size).toBe(refs.length);
  });

  test("a reference longer than a Secret name may be is cut and hashed", () => {
    const ref = `account.${"a".repeat(300)}`;
    const { name } = defaultSecretMapping(ref);
    expect(name.length).toBeLessThanOrEqual(253);
    expect(isDnsSubdomain(name)).toBe(true);
    expect(name).not.toBe(defaultSecretMapping(`${ref}b`).name);
  });

  test("any reference maps to a valid Secret name, and different references to different names", () => {
    const ref = fc.stringMatching(/^((account|org)\.)?[A-Za-z_$-][A-Za-z0-9_$-]{0,40}$/);
    fc.assert(
      fc.property(fc.uniqueArray(ref, { minLength: 2, maxLength: 20 }), (refs) => {
        const names = refs.map((r) => defaultSecretMapping(r).name);
        for (const name of names) expect(isDnsSubdomain(name)).toBe(true);
        expect(new Set(names).size).toBe(refs.length);
      }),
    );
  });
});

describe("other mappings", () => {
  test("singleSecretMapping keeps each reference as a key of one Secret", () => {
    expect(singleSecretMapping("harness-secrets")("account.docker_pass")).toEqual({ name: "harness-secrets", key: "account.docker_pass" });
  });

  test("a table answers for its references and the default for the rest", () => {
    const mapping = secretMappingFromTable({ "account.docker_pass": { name: "registry-creds", key: "password" } });
    expect(mapping("account.docker_pass")).toEqual({ name: "registry-creds", key: "password" });
    expect(mapping("account.other")).toEqual({ name: "account.other", key: "value" });
  });

  test("a table never answers for inherited object keys", () => {
    expect(secretMappingFromTable({})("constructor")).toEqual({ name: "constructor", key: "value" });
  });

  test("resolveSecretMapping takes a function, a table, or nothing", () => {
    expect(resolveSecretMapping(undefined)("account.a_b")).toEqual({ name: "account.a-b", key: "value" });
    expect(resolveSecretMapping({ "account.a_b": { name: "x", key: "y" } })("account.a_b")).toEqual({ name: "x", key: "y" });
    expect(resolveSecretMapping((ref) => ({ name: "all", key: ref }))("account.a_b")).toEqual({ name: "all", key: "account.a_b" });
  });

  test.each([
    [{ name: "Bad_Name", key: "value" }, "Secret name"],
    [{ name: "ok", key: "has space" }, "Secret key"],
    [{ name: "ok", key: "" }, "Secret key"],
  ])("resolveSecretMapping refuses %j", (selector, what) => {
    const mapping = resolveSecretMapping(() => selector);
    let error: unknown;
    try {
      mapping("account.docker_pass");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BuildpushError);
    const problem = (error as BuildpushError).problems[0]!;
    expect(problem).toMatchObject({ code: "invalid-option", field: "secrets", value: "account.docker_pass" });
    expect(problem.message).toContain(what);
  });
});
