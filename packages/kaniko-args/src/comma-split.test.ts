import { expect, test } from "vitest";
import { commaSplitKeys } from "./comma-split.js";

test.each([
  ["values without commas", ["A=1", "B=2"], []],
  ["a value cut once", ["HOSTS=a", "b", "MODE=x"], ["HOSTS"]],
  ["a value cut twice is named once", ["HOSTS=a", "b", "c"], ["HOSTS"]],
  ["two cut values", ["A=1", "2", "B=3", "4"], ["A", "B"]],
  ["a first item without = continues nothing", ["x", "A=1"], []],
  ["empty items are not continuations", ["A=1", "", "B=2"], []],
])("commaSplitKeys: %s", (_case, items, keys) => {
  expect(commaSplitKeys(items)).toEqual(keys);
});
