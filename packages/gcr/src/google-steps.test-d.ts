/**
 * Compile-time tests (vitest typecheck): the GCR and GAR handlers come from one generic Google
 * registry step, yet each keeps its own step type and spec, so an engine's step literals are
 * checked against the right one.
 */
import { createTranslator } from "@buildpush/core";
import { garHandler, type GarStep } from "@buildpush/gar";
import { describe, expectTypeOf, test } from "vitest";
import { gcrHandler, type GcrStep } from "./index.js";

const translator = createTranslator({ handlers: [gcrHandler, garHandler] });
const spec = { connectorRef: "account.gcp", host: "gcr.io", projectID: "acme-prod", imageName: "app", tags: ["1.0"] };

describe("GCR and GAR steps are typed by their own handler", () => {
  test("a well-typed step of each compiles, and is its package's step type", () => {
    expectTypeOf(translator.translateStep).toBeCallableWith({ type: "BuildAndPushGCR", name: "Push", identifier: "push", spec });
    expectTypeOf(translator.translateStep).toBeCallableWith({ type: "BuildAndPushGAR", name: "Push", identifier: "push", spec: { ...spec, host: "us-docker.pkg.dev", imageName: "repo/app" } });
    expectTypeOf<GcrStep["type"]>().toEqualTypeOf<"BuildAndPushGCR">();
    expectTypeOf<GarStep["type"]>().toEqualTypeOf<"BuildAndPushGAR">();
  });

  test("a missing projectID is a compile error", () => {
    // @ts-expect-error projectID is required
    translator.translateStep({ type: "BuildAndPushGAR", name: "Push", identifier: "push", spec: { connectorRef: "account.gcp", host: "us-docker.pkg.dev", imageName: "repo/app", tags: ["1.0"] } });
  });

  test("a field of another step's spec is a compile error", () => {
    // @ts-expect-error `region` is ECR's, not GCR's
    translator.translateStep({ type: "BuildAndPushGCR", name: "Push", identifier: "push", spec: { ...spec, region: "us-east-1" } });
  });

  test("a step type the translator was not composed with is a compile error", () => {
    const gcrOnly = createTranslator({ handlers: [gcrHandler] });
    // @ts-expect-error no GAR handler was passed to createTranslator
    gcrOnly.translateStep({ type: "BuildAndPushGAR", name: "Push", identifier: "push", spec });
  });
});
