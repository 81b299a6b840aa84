import { describe, expect, test } from "vitest";
import { EnvReader, splitList, splitSemicolonList, type Env } from "./env-reader.js";

class Failure extends Error {
  constructor(
    readonly code: string,
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

function reader(env: Env): EnvReader {
  return new EnvReader(env, (code, variable, message) => new Failure(code, variable, message));
}

function caught(fn: () => unknown): Failure {
  try {
    fn();
  } catch (error) {
    if (error instanceof Failure) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("EnvReader", () => {
  test("a set-but-empty string replaces the default; unset and undefined keep it", () => {
    expect(reader({ A: "" }).string("A", "dflt")).toBe("");
    expect(reader({}).string("A", "dflt")).toBe("dflt");
    expect(reader({ A: undefined }).string("A", "dflt")).toBe("dflt");
  });

  test("the first set alias wins, even when it is empty", () => {
    expect(reader({ A: "", B: "b" }).string(["A", "B"])).toBe("");
    expect(reader({ B: "b" }).string(["A", "B"])).toBe("b");
    expect(reader({ A: "a", B: "b" }).lookup(["A", "B"])).toEqual({ name: "A", value: "a" });
  });

  test("a set-but-empty bool is false, a bad bool fails naming the variable and value", () => {
    expect(reader({ A: "" }).bool("A")).toBe(false);
    expect(reader({ A: "True" }).bool("A")).toBe(true);
    const failure = caught(() => reader({ A: "yes" }).bool("A"));
    expect(failure.code).toBe("invalid-bool");
    expect(failure.variable).toBe("A");
    expect(failure.message).toContain('"yes"');
  });

  test("a set-but-empty int fails; unset gives the default", () => {
    expect(reader({}).int("N", 5n)).toBe(5n);
    expect(reader({ N: "0x10" }).int("N")).toBe(16n);
    const failure = caught(() => reader({ N: "" }).int("N"));
    expect(failure.code).toBe("invalid-int");
    expect(failure.variable).toBe("N");
  });

  test("a secret variable's value never appears in a failure message", () => {
    const failure = caught(() => reader({ PLUGIN_PASSWORD_ROTATE: "hunter2" }).bool("PLUGIN_PASSWORD_ROTATE"));
    expect(failure.message).not.toContain("hunter2");
    expect(failure.message).toContain("value hidden");
    const intFailure = caught(() => reader({ MY_TOKEN_TTL: "s3cr3t" }).int("MY_TOKEN_TTL"));
    expect(intFailure.message).not.toContain("s3cr3t");
  });

  test("lists split on commas, trimmed, keeping empty items; unset gives the default", () => {
    expect(splitList(" a ,, b")).toEqual(["a", "", "b"]);
    expect(splitList("")).toEqual([""]);
    expect(reader({}).list("L", ["latest"])).toEqual(["latest"]);
    expect(reader({ L: "" }).list("L", ["latest"])).toEqual([""]);
    expect(splitSemicolonList("A=1,2; B=3;")).toEqual(["A=1,2", "B=3", ""]);
  });
});
