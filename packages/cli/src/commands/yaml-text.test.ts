import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { yamlText } from "./yaml-text.js";

// What YAML 1.1 (kubectl), YAML 1.2 or Go's strconv could read as a number, boolean, null or date.
const tricky = ["0o17", "0O17", "0x1F", "0X1F", "0b101", "1_000", "0x1p-2", "1e3", "1:20", "yes", "Y", "on", "off", "~", "null", "", "2001-12-14", ".inf", ".NaN", "+.5", "010", "08", "1.10", "+12", "-1", "true", "False"];

describe("yamlText", () => {
  test.each(["1.1", "1.2"] as const)("every string reads back as the same string with YAML %s, as a value, an item and a key", (version) => {
    const value = { values: Object.fromEntries(tricky.map((text, index) => [`v${index}`, text])), list: tricky, keys: Object.fromEntries(tricky.map((text) => [text, "x"])) };
    expect(parse(yamlText(value), { version })).toEqual(value);
  });

  test("each of them is quoted; ordinary strings, numbers and booleans are written plain", () => {
    const text = yamlText({ list: tricky, plain: ["latest", "acme/app", "a-1"], number: 3, flag: true });
    for (const value of tricky) expect(text).toContain(`- ${JSON.stringify(value)}\n`);
    expect(text).toContain("  - latest\n  - acme/app\n  - a-1\nnumber: 3\nflag: true\n");
  });
});
