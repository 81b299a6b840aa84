import { beforeAll } from "vitest";

/**
 * A beforeAll whose failure fails every test that asks for its result. Vitest reports the tests
 * of a failed beforeAll as skipped; a packaging test that cannot pack or install (no npm, no
 * registry) must say so in each test instead.
 */
export function beforeAllOrFail<T>(prepare: () => Promise<T>, timeoutMs: number): () => T {
  let outcome: { value: T } | { error: unknown } | undefined;
  beforeAll(async () => {
    try {
      outcome = { value: await prepare() };
    } catch (error) {
      outcome = { error };
    }
  }, timeoutMs);
  return () => {
    if (outcome === undefined) throw new Error("the set-up has not run");
    if ("error" in outcome) throw outcome.error;
    return outcome.value;
  };
}
