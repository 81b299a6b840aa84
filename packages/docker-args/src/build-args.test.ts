import { expect, test } from "vitest";
import { hasBuildArgStartingWith, proxyValue } from "./build-args.js";

test("proxy values: the name, then its uppercase, then HARNESS_ and the uppercase; empty is unset", () => {
  expect(proxyValue({ https_proxy: "a", HTTPS_PROXY: "b" }, "https_proxy")).toBe("a");
  expect(proxyValue({ https_proxy: "", HTTPS_PROXY: "b" }, "https_proxy")).toBe("b");
  expect(proxyValue({ HARNESS_HTTPS_PROXY: "c" }, "https_proxy")).toBe("c");
  expect(proxyValue({}, "https_proxy")).toBe("");
});

test("a build arg that merely starts with the name, its uppercase or its HARNESS_ spelling counts as given", () => {
  expect(hasBuildArgStartingWith(["no_proxy_extra=1"], "no_proxy")).toBe(true);
  expect(hasBuildArgStartingWith(["NO_PROXY=x"], "no_proxy")).toBe(true);
  expect(hasBuildArgStartingWith(["HARNESS_NO_PROXY=x"], "no_proxy")).toBe(true);
  expect(hasBuildArgStartingWith(["MY_NO_PROXY=x"], "no_proxy")).toBe(false);
});
