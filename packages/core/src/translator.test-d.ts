/**
 * Compile-time tests (vitest typecheck): what an engine writes against a composed translator.
 * An ill-typed step literal must not compile; `@ts-expect-error` fails the check if it does.
 */
import { createTranslator, type BuildAndPushStep } from "@buildpush/core";
import { dockerRegistryHandler, type DockerRegistryStep } from "@buildpush/docker";
import { ecrHandler, type EcrSpec, type EcrStep } from "@buildpush/ecr";
import { describe, expectTypeOf, test } from "vitest";

const translator = createTranslator({ handlers: [dockerRegistryHandler, ecrHandler] });
const ecrSpec = { connectorRef: "aws_prod", region: "us-east-1", account: "123456789012", imageName: "app", tags: ["1.0"] };

describe("translateStep takes the steps of the composed handlers, typed", () => {
  test("a well-typed step of each composed type compiles", () => {
    expectTypeOf(translator.translateStep).toBeCallableWith({ type: "BuildAndPushECR", name: "Push", identifier: "push", spec: ecrSpec });
    expectTypeOf(translator.translateStep).toBeCallableWith({ type: "BuildAndPushDockerRegistry", name: "Push", identifier: "push", spec: { connectorRef: "hub", repo: "acme/app", tags: ["latest"] }, timeout: "10m" });
  });

  test("tags given as a string is a compile error", () => {
    // @ts-expect-error tags is a list of strings
    translator.translateStep({ type: "BuildAndPushDockerRegistry", name: "Push", identifier: "push", spec: { connectorRef: "hub", repo: "acme/app", tags: "latest" } });
  });

  test("a misspelt field is a compile error", () => {
    // @ts-expect-error `tag` is not a field of the Docker registry spec
    translator.translateStep({ type: "BuildAndPushDockerRegistry", name: "Push", identifier: "push", spec: { connectorRef: "hub", repo: "acme/app", tags: ["1"], tag: ["latest"] } });
  });

  test("a missing required field is a compile error", () => {
    // @ts-expect-error region is required on ECR
    translator.translateStep({ type: "BuildAndPushECR", name: "Push", identifier: "push", spec: { connectorRef: "aws", account: "1", imageName: "app", tags: ["1.0"] } });
  });

  test("a spec is checked against its own step type", () => {
    // @ts-expect-error an ECR spec has no repo, and a Docker registry spec needs one
    translator.translateStep({ type: "BuildAndPushDockerRegistry", name: "Push", identifier: "push", spec: ecrSpec });
  });

  test("a step type the translator was not composed with is a compile error", () => {
    // @ts-expect-error no ACR handler was passed to createTranslator
    translator.translateStep({ type: "BuildAndPushACR", name: "Push", identifier: "push", spec: { connectorRef: "azure", repository: "acme.azurecr.io/app", tags: ["1.0"] } });
  });

  test("input of unknown shape must be narrowed or cast first (run-time validation still checks it)", () => {
    const parsed: unknown = JSON.parse("{}");
    // @ts-expect-error unknown is not a step
    translator.translateStep(parsed);
  });

  test("the step packages name their step types", () => {
    expectTypeOf<EcrStep>().toEqualTypeOf<BuildAndPushStep<"BuildAndPushECR", EcrSpec>>();
    expectTypeOf<DockerRegistryStep["type"]>().toEqualTypeOf<"BuildAndPushDockerRegistry">();
    expectTypeOf(translator.stepTypes).toEqualTypeOf<readonly ("BuildAndPushDockerRegistry" | "BuildAndPushECR")[]>();
  });
});

describe("handlers receive their spec typed", () => {
  test("ECR's target sees required fields as strings and maps as ordered entries", () => {
    type TargetSpec = Parameters<typeof ecrHandler.target>[0]["spec"];
    expectTypeOf<TargetSpec["region"]>().toEqualTypeOf<string>();
    expectTypeOf<TargetSpec["tags"]>().toEqualTypeOf<string[]>();
    expectTypeOf<TargetSpec["labels"]>().toEqualTypeOf<[string, string][] | undefined>();
    expectTypeOf<TargetSpec["remoteCacheImage"]>().toEqualTypeOf<string | undefined>();
  });
});
