import { describe, expect, test } from "vitest";
import { Masker } from "./mask.js";
import { secretForms, shortestEncodedForm } from "./secret-forms.js";

// A value with everything an encoding changes: a space, quotes, <&>, %, !, a non-ASCII letter
// and an escape sequence. The expected forms are written out (Python's base64 and urllib made
// them), not computed by the code under test.
const value = 'Pa55 "w0rd" <&> 100%!é\x1b[31m';
const masker = new Masker([value]);

describe("every documented form of a secret is masked", () => {
  test.each([
    ["as written", value],
    ["base64", "UGE1NSAidzByZCIgPCY+IDEwMCUhw6kbWzMxbQ=="],
    ["base64 without padding", "UGE1NSAidzByZCIgPCY+IDEwMCUhw6kbWzMxbQ"],
    ["base64url", "UGE1NSAidzByZCIgPCY-IDEwMCUhw6kbWzMxbQ"],
    ["hex", "5061353520227730726422203c263e203130302521c3a91b5b33316d"],
    ["HEX", "5061353520227730726422203C263E203130302521C3A91B5B33316D"],
    ["URL-encoded (encodeURIComponent)", "Pa55%20%22w0rd%22%20%3C%26%3E%20100%25!%C3%A9%1B%5B31m"],
    ["URL-encoded (RFC 3986: all but letters, digits and -._~)", "Pa55%20%22w0rd%22%20%3C%26%3E%20100%25%21%C3%A9%1B%5B31m"],
    ["form-encoded (Go's QueryEscape)", "Pa55+%22w0rd%22+%3C%26%3E+100%25%21%C3%A9%1B%5B31m"],
    ["form-encoded, JavaScript's reserved set", "Pa55+%22w0rd%22+%3C%26%3E+100%25!%C3%A9%1B%5B31m"],
    ["inside a JSON string", 'Pa55 \\"w0rd\\" <&> 100%!é\\u001b[31m'],
    ["inside a JSON string written by Go", 'Pa55 \\"w0rd\\" \\u003c\\u0026\\u003e 100%!é\\u001b[31m'],
    ["quoted by Go's %q", 'Pa55 \\"w0rd\\" <&> 100%!é\\x1b[31m'],
  ])("%s", (_, form) => {
    expect(masker.mask(`before ${form} after`)).toBe("before *** after");
  });

  test.each([
    ["after 3 bytes (alignment 0)", "abc"],
    ["after 1 byte (alignment 1)", ":"],
    ["after 2 bytes (alignment 2)", "a:"],
    ["after a username, as in a login", "deploy-bot:"],
  ])("inside a longer base64 text, %s: only characters shared with the neighbours stay", (_, prefix) => {
    const encoded = Buffer.from(`${prefix}${value} and more`).toString("base64");
    const masked = masker.mask(encoded);
    expect(masked).toContain("***");
    const [before, after] = masked.split("***") as [string, string];
    // Before: the prefix's own characters and at most one shared with the value; after: likewise.
    expect(before.length).toBeLessThanOrEqual(Math.ceil((prefix.length * 8) / 6));
    expect(after.length).toBeLessThanOrEqual(Math.ceil((" and more".length * 8) / 6) + 3);
  });

  test("without the white space at its ends (a tool that trims, a CR a line end swallows)", () => {
    expect(new Masker(["  t0ken\r"]).mask("token: t0ken.")).toBe("token: ***.");
  });

  test("Go's %q escapes for what Go does not print, and its named escapes", () => {
    expect(new Masker(["a\u00a0b\tc\u0007d"]).mask("a\\u00a0b\\tc\\ad")).toBe("***");
  });

  test("each line of a multi-line value is masked on its own, CRLF too", () => {
    const pem = "-----BEGIN KEY-----\r\nabcdef\r\n-----END KEY-----";
    expect(new Masker([pem]).mask("abcdef")).toBe("***");
    expect(new Masker([pem]).mask("-----END KEY-----")).toBe("***");
  });

  test(`encoded forms shorter than ${shortestEncodedForm} characters are not masked (they are everywhere); the value itself always is`, () => {
    expect(secretForms("ab")).toEqual(["ab", "YWI=", "6162"]);
    expect(new Masker(["ab"]).mask("ab 61 62")).toBe("*** 61 62");
  });

  test("an empty value has no forms", () => {
    expect(secretForms("")).toEqual([]);
  });
});
