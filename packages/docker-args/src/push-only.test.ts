import { expect, test } from "vitest";
import { pushOnlySource } from "./push-only.js";
import type { DockerSettings } from "./settings.js";

test.each([
  ["", { name: "acme/app", tags: ["1.0", "latest"] }],
  ["local/app:build", { name: "local/app", tags: ["build"] }],
  ["local/app", { name: "local/app", tags: ["latest"] }],
  ["local/app:", { name: "local/app", tags: ["latest"] }],
  ["registry:5000/app", { name: "registry:5000/app", tags: ["latest"] }],
  ["registry:5000/app:2", { name: "registry:5000/app", tags: ["2"] }],
  [":x", { name: ":x", tags: ["latest"] }],
])("PLUGIN_SOURCE_IMAGE %j is the source %j", (sourceImage, source) => {
  expect(pushOnlySource({ repo: "acme/app", sourceImage } as DockerSettings, ["1.0", "latest"])).toEqual(source);
});
