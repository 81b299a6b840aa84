import { describe, expect, test } from "vitest";
import { parseGoBool, parseGoInt } from "./go-parse.js";

describe("parseGoBool (strconv.ParseBool)", () => {
  test.each([
    ["1", true],
    ["t", true],
    ["T", true],
    ["TRUE", true],
    ["true", true],
    ["True", true],
    ["0", false],
    ["f", false],
    ["F", false],
    ["FALSE", false],
    ["false", false],
    ["False", false],
  ])("%j parses as %j", (text, value) => {
    expect(parseGoBool(text)).toEqual({ ok: true, value });
  });

  test.each(["yes", "no", "on", "tRUE", " true", "true ", "", "2", "y"])("%j is refused", (text) => {
    const result = parseGoBool(text);
    expect(result.ok).toBe(false);
  });
});

describe("parseGoInt (strconv.ParseInt(v, 0, 64))", () => {
  test.each([
    ["0", 0n],
    ["42", 42n],
    ["+7", 7n],
    ["-12", -12n],
    ["0x10", 16n],
    ["0X1f", 31n],
    ["0o17", 15n],
    ["0O17", 15n],
    ["017", 15n],
    ["00", 0n],
    ["0b101", 5n],
    ["0B11", 3n],
    ["1_000", 1000n],
    ["0x_1F", 31n],
    ["0_7", 7n],
    ["-0b1_0", -2n],
    ["9223372036854775807", 9223372036854775807n],
    ["-9223372036854775808", -9223372036854775808n],
  ])("%j parses as %s", (text, value) => {
    expect(parseGoInt(text)).toEqual({ ok: true, value });
  });

  test.each([
    ["", "invalid syntax"],
    ["-", "invalid syntax"],
    ["+-1", "invalid syntax"],
    ["1__0", "invalid syntax"],
    ["_1", "invalid syntax"],
    ["1_", "invalid syntax"],
    ["0x", "invalid syntax"],
    ["0b", "invalid syntax"],
    ["0b102", "invalid syntax"],
    ["08", "invalid syntax"],
    ["12h", "invalid syntax"],
    ["1.5", "invalid syntax"],
    [" 1", "invalid syntax"],
    ["1e3", "invalid syntax"],
    ["9223372036854775808", "value out of range"],
    ["-9223372036854775809", "value out of range"],
    ["0xffffffffffffffffff", "value out of range"],
  ])("%j is refused (%s)", (text, reason) => {
    const result = parseGoInt(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
