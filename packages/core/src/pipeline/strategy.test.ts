import { describe, expect, test } from "vitest";
import { noStrategy, resolveStrategyValue, type StrategyContext } from "./strategy.js";

const instance: StrategyContext = { iteration: 1, iterations: 2, suffix: "_1", matrix: { arch: "arm64" } };
const contexts = [instance, noStrategy];

describe("resolveStrategyValue: copy on write", () => {
  test("a change deep in a list or map is copied up to the root, the original left as it was", () => {
    const value = { spec: { tags: ["latest", "<+matrix.arch>", "v1"], labels: { team: "platform", arch: "<+matrix.arch>" }, retries: 3 }, name: "push" };
    const written = structuredClone(value);
    const resolved = resolveStrategyValue(value, contexts);
    expect(resolved).toEqual({ spec: { tags: ["latest", "arm64", "v1"], labels: { team: "platform", arch: "arm64" }, retries: 3 }, name: "push" });
    expect(value).toEqual(written);
    expect(resolved).not.toBe(value);
    expect(resolved.spec).not.toBe(value.spec);
    expect(resolved.spec.tags).not.toBe(value.spec.tags);
    expect(resolved.spec.labels).not.toBe(value.spec.labels);
    expect(Object.keys(resolved.spec.labels)).toEqual(["team", "arch"]);
  });

  test("what holds no strategy expression is returned as it is; its siblings still resolve", () => {
    const buildArgs = { GO_VERSION: "1.22", OTHER: "<+pipeline.sequenceId>" };
    const value = { spec: { buildArgs, tags: ["<+strategy.iteration>"] } };
    const resolved = resolveStrategyValue(value, contexts);
    expect(resolved.spec.buildArgs).toBe(buildArgs);
    expect(resolved.spec.tags).toEqual(["1"]);
    const unchanged = { spec: { buildArgs, tags: ["latest"] } };
    expect(resolveStrategyValue(unchanged, contexts)).toBe(unchanged);
  });

  test("a key __proto__ stays an own key of a copy, before and after the first change", () => {
    const value = JSON.parse('{"__proto__": {"x": "a"}, "tag": "<+matrix.arch>", "after": {"__proto__": "<+matrix.arch>"}}') as Record<string, unknown>;
    const resolved = resolveStrategyValue(value, contexts);
    expect(Object.getPrototypeOf(resolved)).toBe(Object.prototype);
    expect(Object.keys(resolved)).toEqual(["__proto__", "tag", "after"]);
    expect(Object.getOwnPropertyDescriptor(resolved, "__proto__")?.value).toEqual({ x: "a" });
    expect(resolved["tag"]).toBe("arm64");
    expect(Object.getOwnPropertyDescriptor(resolved["after"], "__proto__")?.value).toBe("arm64");
  });
});
