import { describe, expect, test } from "vitest";
import { wholeSecretReference } from "./expressions.js";

describe("wholeSecretReference", () => {
  test.each([
    ['<+secrets.getValue("docker_pass")>', "docker_pass"],
    ["<+secrets.getValue('org.docker_pass')>", "org.docker_pass"],
    ['<+secrets.getValue("a")><+secrets.getValue("b")>', undefined],
    [' <+secrets.getValue("a")>', undefined],
    ['<+secrets.getValue("a")> ', undefined],
    ['x<+secrets.getValue("a")>', undefined],
    ['<+secrets.getValue("a")', undefined],
    ["<+pipeline.sequenceId>", undefined],
    ["plain text", undefined],
    ["", undefined],
    [42, undefined],
  ])("%j: %s", (text, expected) => {
    expect(wholeSecretReference(text)).toBe(expected);
  });
});
