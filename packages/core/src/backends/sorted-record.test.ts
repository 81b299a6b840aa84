import { describe, expect, test } from "vitest";
import { sortedRecord } from "./sorted-record.js";

describe("sortedRecord", () => {
  test("names come out in code-unit order, whatever order they went in", () => {
    const record = sortedRecord([["b", 1], ["B", 2], ["_a", 3], ["A1", 4], ["a", 5]]);
    expect(Object.keys(record)).toEqual(["A1", "B", "_a", "a", "b"]);
    expect(record).toEqual({ A1: 4, B: 2, _a: 3, a: 5, b: 1 });
  });

  test("of two entries with one name, the later one wins", () => {
    expect(sortedRecord([["X", "user"], ["A", "a"], ["X", "credentials"]])).toEqual({ A: "a", X: "credentials" });
  });

  test("a Map gives the same record as its entries", () => {
    const map = new Map<string, number>([["b", 1], ["__proto__", 2], ["B", 3], ["a", 4]]);
    const record = sortedRecord(map);
    expect(Object.keys(record)).toEqual(["B", "__proto__", "a", "b"]);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(JSON.stringify(record)).toBe(JSON.stringify(sortedRecord([...map])));
  });

  test("__proto__ is an own property and the prototype stays Object.prototype", () => {
    const record = sortedRecord([["__proto__", "x"], ["constructor", "y"]]);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(record, "__proto__")).toEqual({ value: "x", enumerable: true, writable: true, configurable: true });
    expect(JSON.stringify(record)).toBe('{"__proto__":"x","constructor":"y"}');
  });

  test("entries already in order, or in order but for one, come out as sorting gives them", () => {
    expect(Object.entries(sortedRecord([["A", 1], ["B", 2], ["B", 3], ["C", 4]]))).toEqual([["A", 1], ["B", 3], ["C", 4]]);
    expect(Object.keys(sortedRecord([["A", 1], ["C", 2], ["B", 3], ["D", 4]]))).toEqual(["A", "B", "C", "D"]);
    expect(Object.keys(sortedRecord([["B", 1], ["C", 2], ["D", 3], ["A", 4]]))).toEqual(["A", "B", "C", "D"]);
    expect(sortedRecord([["B", "first"], ["A", "a"], ["B", "last"]])).toEqual({ A: "a", B: "last" });
  });

  test("a record sortedRecord made comes back as it is, as sorting its entries again would give it", () => {
    const record = sortedRecord(new Map<string, number>([["b", 1], ["10", 2], ["9", 3], ["__proto__", 4], ["A", 5]]));
    expect(sortedRecord(record)).toBe(record);
    expect(JSON.stringify(sortedRecord(Object.entries(record)))).toBe(JSON.stringify(record));
  });
});
