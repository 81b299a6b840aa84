import { describe, expect, test } from "vitest";
import { ECR_DEFAULT_REGISTRY, TEMP_TAG } from "./constants.js";
import { pushCommandProblem, splitDockerDomain, tagSourceProblem, tagTargetProblem } from "./docker-reference.js";

describe("what the Docker CLI accepts in docker tag / docker push (distribution/reference v0.6)", () => {
  test.each([
    "acme/app:1.0",
    "app",
    "registry.example.com:5000/team/app:v1.2.3-rc.1",
    "localhost/app:x",
    "[::1]:5000/app:latest",
    "a__b/c-d/e.f:_tag",
    `acme/app:${"a".repeat(128)}`,
    `${ECR_DEFAULT_REGISTRY}/app:latest`,
    `${"a".repeat(245)}/b:latest`, // the path counts, not docker.io/
  ])("%s is accepted", (reference) => {
    expect(pushCommandProblem(reference)).toBeUndefined();
    expect(tagTargetProblem(reference)).toBeUndefined();
  });

  test.each([
    ["acme/app:", "invalid reference format"],
    ["acme/app:1.0+build", "invalid reference format"],
    ["acme/app:feature/x", "invalid reference format"],
    ["acme/app:.hidden", "invalid reference format"],
    ["acme/app:a b", "invalid reference format"],
    ["acme/app:1\n", "invalid reference format"],
    [`acme/app:${"a".repeat(129)}`, "invalid reference format"],
    ["Acme/app:1", undefined], // an uppercase first part is read as a registry host named Acme
    ["acme/App:1", "invalid reference format: repository name (acme/App) must be lowercase"],
    ["App:1", "invalid reference format: repository name (library/App) must be lowercase"],
    ["REGISTRY.EXAMPLE.COM/app:1", undefined], // hosts may be uppercase
    [":latest", "invalid reference format"],
    ["", "invalid reference format"],
    ["acme//app", "invalid reference format"],
    ["acme/app-:1", "invalid reference format"],
    [`${"a".repeat(250)}/bcdef:latest`, "repository name must not be more than 255 characters"],
    ["a".repeat(64), `invalid repository name (${"a".repeat(64)}), cannot specify 64-byte hexadecimal strings`],
    [`acme/app@sha256:${"a".repeat(63)}`, "invalid checksum digest length"],
    [`acme/app@md5:${"a".repeat(32)}`, "unsupported digest algorithm"],
  ])("%j: %s", (reference, problem) => {
    expect(pushCommandProblem(reference)).toBe(problem);
  });

  test("docker tag wraps the problem with the reference, and refuses a digest target", () => {
    expect(tagTargetProblem("acme/app:")).toBe('Error parsing reference: "acme/app:" is not a valid repository/tag: invalid reference format');
    expect(tagTargetProblem(`acme/app:1@sha256:${"b".repeat(64)}`)).toBe("refusing to create a tag with a digest reference");
    expect(pushCommandProblem(`acme/app:1@sha256:${"b".repeat(64)}`)).toBeUndefined();
  });

  test("the source of docker tag may be an image id or a digest, not an invalid name", () => {
    expect(tagSourceProblem("f".repeat(64))).toBeUndefined();
    expect(tagSourceProblem(`sha256:${"f".repeat(64)}`)).toBeUndefined();
    expect(tagSourceProblem("local/app:build")).toBeUndefined();
    expect(tagSourceProblem("Local/App:x")).toMatch(/^Error parsing reference: "Local\/App:x" is not a valid repository\/tag: .*must be lowercase$/);
    // The placeholder is not a reference: the recorder never checks it (it stands for a random valid tag).
    expect(tagSourceProblem(TEMP_TAG)).toBeDefined();
  });

  test.each([
    ["app", { domain: "docker.io", remainder: "library/app", explicit: false }],
    ["acme/app", { domain: "docker.io", remainder: "acme/app", explicit: false }],
    ["index.docker.io/acme/app", { domain: "docker.io", remainder: "acme/app", explicit: true }],
    ["docker.io/app", { domain: "docker.io", remainder: "library/app", explicit: true }],
    ["localhost/app", { domain: "localhost", remainder: "app", explicit: true }],
    ["reg:5000/app", { domain: "reg:5000", remainder: "app", explicit: true }],
    ["Registry/app", { domain: "Registry", remainder: "app", explicit: true }],
  ])("splitDockerDomain(%j)", (reference, split) => {
    expect(splitDockerDomain(reference)).toEqual(split);
  });
});
