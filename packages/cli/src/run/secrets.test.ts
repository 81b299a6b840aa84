import { describe, expect, test } from "vitest";
import { parseDotenvSecrets, parseSecretsFile, parseYamlSecrets, secretsFormat } from "./secrets.js";
import { problemsOf } from "../../../../test/support/problems.js";

describe("secretsFormat", () => {
  test.each([
    ["secrets.env", "x: y", "dotenv"],
    [".env", "x: y", "dotenv"],
    [".env.local", "x: y", "dotenv"],
    ["secrets.yaml", "a=b", "yaml"],
    ["secrets.yml", "a=b", "yaml"],
    ["secrets.json", "a=b", "yaml"],
    ["secrets", "# local\n\naccount.pass=abc\n", "dotenv"],
    ["secrets", "export account.pass=abc\n", "dotenv"],
    ["secrets", "account.pass: abc\n", "yaml"],
    ["secrets", "'account.pass': a=b\n", "yaml"],
  ])("%s holding %j is %s", (file, text, format) => {
    expect(secretsFormat(file, text)).toBe(format);
  });
});

describe("YAML secrets", () => {
  test("values are the text written: numbers, booleans and empty values stay strings", () => {
    const values = parseYamlSecrets("account.docker_pass: s3cret\norg.pin: 012345\nflag: true\nempty:\nquoted: \"a: b # c\"\n", "s.yaml");
    expect(Object.fromEntries(values)).toEqual({ "account.docker_pass": "s3cret", "org.pin": "012345", flag: "true", empty: "", quoted: "a: b # c" });
  });

  test("an empty file has no secrets", () => {
    expect(parseYamlSecrets("# nothing yet\n", "s.yaml").size).toBe(0);
  });

  test("a duplicate reference is a problem with its position and without the values", () => {
    const problems = problemsOf(() => parseYamlSecrets("a: first-value\na: second-value\n", "s.yaml"));
    expect(problems).toEqual([expect.objectContaining({ code: "yaml-duplicate-key", position: { file: "s.yaml", line: 2, column: 1 } })]);
    expect(JSON.stringify(problems)).not.toMatch(/first-value|second-value/);
  });

  test("a syntax error reports where, never the line's text", () => {
    const problems = problemsOf(() => parseYamlSecrets("a: ok\nb: {hunter2\n", "s.yaml"));
    expect(problems[0]).toMatchObject({ code: "yaml-syntax", position: { file: "s.yaml" } });
    expect(JSON.stringify(problems)).not.toContain("hunter2");
  });

  test.each([
    ["a list at the root", "- a\n- b\n", "the secrets file must be a mapping of secret reference to value"],
    ["a nested value", "a:\n  b: c\n", "the value of a must be text, not a list or mapping"],
  ])("%s is refused", (_name, text, message) => {
    expect(problemsOf(() => parseYamlSecrets(text, "s.yaml"))).toEqual([expect.objectContaining({ code: "wrong-type", message })]);
  });
});

describe("dotenv secrets", () => {
  test("plain, exported, quoted and commented values", () => {
    const text = [
      "# local secrets",
      "account.docker_pass=s3cret",
      "export org.user = ci-bot ",
      'double="a \\"quoted\\" #not-comment\\nnext"',
      "single='$literal \\n'",
      "trailing=value # a comment",
      "hash=abc#def",
      "empty=",
      "",
    ].join("\n");
    expect(Object.fromEntries(parseDotenvSecrets(text, ".env"))).toEqual({
      "account.docker_pass": "s3cret",
      "org.user": "ci-bot",
      double: 'a "quoted" #not-comment\nnext',
      single: "$literal \\n",
      trailing: "value",
      hash: "abc#def",
      empty: "",
    });
  });

  test.each([
    ["a line without =", "just-a-value\n", { code: "yaml-syntax", message: "this line is not REFERENCE=value", position: { file: ".env", line: 1, column: 1 } }],
    ["an unclosed quote", "a='open-secret\n", { code: "yaml-syntax", message: "the value of a has no closing quote", position: { file: ".env", line: 1, column: 1 } }],
    ["a reference given twice", "a=one-secret\n\na=two-secret\n", { code: "yaml-duplicate-key", message: "a is given twice", position: { file: ".env", line: 3, column: 1 } }],
  ])("%s is a problem that never shows the value", (_name, text, problem) => {
    const problems = problemsOf(() => parseDotenvSecrets(text, ".env"));
    expect(problems).toEqual([expect.objectContaining(problem)]);
    expect(JSON.stringify(problems)).not.toMatch(/just-a-value|open-secret|one-secret|two-secret/);
  });

  test("parseSecretsFile picks the parser by name and content", () => {
    expect(parseSecretsFile("k=v\n", "local.env").get("k")).toBe("v");
    expect(parseSecretsFile("k: v\n", "local.yaml").get("k")).toBe("v");
  });
});
