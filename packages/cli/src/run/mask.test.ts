import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { Masker, MaskedLineWriter } from "./mask.js";

function writerOutput(values: string[], chunks: string[], maxPending?: number): string {
  let out = "";
  const writer = new MaskedLineWriter(new Masker(values), (line) => (out += `[step] ${line}\n`), maxPending);
  for (const chunk of chunks) writer.push(chunk);
  writer.flush();
  return out;
}

describe("Masker", () => {
  test("every occurrence of every value, longest first", () => {
    expect(new Masker(["pass", "password123"]).mask("password123 and pass and password123")).toBe("*** and *** and ***");
  });

  test("empty values are ignored; each line of a multi-line value is masked on its own", () => {
    const masker = new Masker(["", "-----BEGIN KEY-----\nabcdef\n-----END KEY-----"]);
    expect(masker.mask("x")).toBe("x");
    expect(masker.mask("abcdef")).toBe("***");
  });
});

describe("MaskedLineWriter", () => {
  test("prefixes each line and masks a value split across chunks", () => {
    expect(writerOutput(["hunter2"], ["login hun", "ter2 ok\nsecond line\npartial"])).toBe("[step] login *** ok\n[step] second line\n[step] partial\n");
  });

  test("carriage returns at line ends are dropped", () => {
    expect(writerOutput([], ["a\r\nb\r\n"])).toBe("[step] a\n[step] b\n");
  });

  test("a very long line is printed in parts without cutting through a value", () => {
    const out = writerOutput(["SECRETVALUE"], ["x".repeat(20), "SECRET", "VALUE", "y".repeat(20)], 16);
    expect(out).not.toContain("SECRET");
    expect(out).not.toContain("VALUE");
    expect(out.replace(/\[step\] |\n/g, "")).toBe(`${"x".repeat(20)}***${"y".repeat(20)}`);
  });

  test("property: however one long line is chunked and cut, its parts joined never show the value", () => {
    const pieces = fc.constantFrom("se", "sec", "s", "ec", "x");
    fc.assert(
      fc.property(fc.array(fc.array(pieces, { maxLength: 8 }).map((parts) => parts.join("")), { maxLength: 12 }), fc.integer({ min: 1, max: 64 }), (chunks, maxPending) => {
        const secret = "sesec";
        const joined = writerOutput([secret], chunks, maxPending).replace(/\[step\] |\n/g, "");
        expect(joined).not.toContain(secret);
        // Nothing but the secret is changed: unmasking gives back the input.
        expect(joined.split("***").join(secret)).toBe(chunks.join(""));
      }),
    );
  });
});

describe("MaskedLineWriter and carriage returns", () => {
  test("a value that ends in CR is masked whole before the line's CR is dropped", () => {
    expect(writerOutput(["s3cret\r"], ["login s3cret\r\n"])).toBe("[step] login ***\n");
  });
});
